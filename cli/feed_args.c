/* feed_args.c - parsing the calendar feed options of `feeds` and `serve`. */
#include <assert.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/feed_args.h"

bool cli_feed_parse(const char *cmd, const char *name, const char *value, io_feed_options *fo)
{
    int64_t x;
    if (strcmp(name, "breaks") == 0) {
        fo->breaks = true;
        return true;
    }
    if (strcmp(name, "refresh") == 0) {
        if (!cli_parse_int64(cmd, name, value, IO_FEED_MIN_REFRESH_S, IO_FEED_MAX_REFRESH_S, &x))
            return false;
        fo->refresh_s = (int)x;
        return true;
    }
    assert(strcmp(name, "past-days") == 0);
    if (!cli_parse_int64(cmd, name, value, 0, 366, &x))
        return false;
    fo->past_days = (int)x;
    return true;
}

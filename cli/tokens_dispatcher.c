/* tokens_dispatcher.c - the dispatchers' report tokens on the command line
 * (see tokens_dispatcher.h). */
#include "cli/tokens_dispatcher.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "io/store/store_dispatcher.h"

int cli_tokens_dispatcher(io_store *s, const char *action, const char *name, const char *base)
{
    model_error err = MODEL_ERROR_INIT;
    if (strcmp(action, "revoke") == 0) {
        bool had = false;
        if (io_store_dispatcher_revoke(s, name, &had, &err) != MODEL_OK)
            return cli_fail(&err);
        printf("dispatcher %s: %s\n", name, had ? "token revoked (its URL no longer works)"
                                               : "had no token");
        return CLI_EXIT_OK;
    }
    bool rotate = strcmp(action, "rotate") == 0;
    char token[IO_FEED_TOKEN_CHARS + 1];
    if (io_store_dispatcher_issue(s, name, rotate, token, &err) != MODEL_OK)
        return cli_fail(&err);
    const char *rest = strstr(base, "://");
    bool plain_http = rest && rest - base == 4 && strncmp(base, "http", 4) == 0;
    rest = rest ? rest + 3 : base;
    size_t n = strlen(rest);
    while (n && rest[n - 1] == '/')
        n--;
    printf("dispatcher %s: %s\n  %s://%.*s/report/%s\n", name,
           rotate ? "token rotated (the old URL no longer works)" : "token issued",
           plain_http ? "http" : "https", (int)n, rest, token);
    memset(token, 0, sizeof token);
    return CLI_EXIT_OK;
}

int cli_tokens_list_dispatchers(io_store *s, io_json_out *o)
{
    model_error err = MODEL_ERROR_INIT;
    io_store_dispatcher_row *rows = NULL;
    int n = 0;
    if (io_store_dispatchers_list(s, &rows, &n, &err) != MODEL_OK)
        return cli_fail(&err);
    if (o)
        io_json_out_raw(o, "[");
    else if (n > 0)
        printf("\n%-41s %-7s %-19s %s\n", "dispatcher", "token", "issued", "rotations");
    for (int i = 0; i < n; i++) {
        char when[32] = "-";
        time_t t = (time_t)rows[i].issued_at;
        struct tm tm;
        if (o) {
            if (gmtime_r(&t, &tm))
                strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
            io_json_out_raw(o, i ? ", {\"name\": " : "{\"name\": ");
            io_json_out_string(o, rows[i].name);
            io_json_out_raw(o, ", \"issued_at\": ");
            io_json_out_string(o, when);
            io_json_out_printf(o, ", \"rotations\": %d}", rows[i].rotations);
        } else {
            if (localtime_r(&t, &tm))
                strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
            char rot[16];
            snprintf(rot, sizeof rot, "%d", rows[i].rotations);
            cli_table_row(stdout, (const char *[]){rows[i].name, "active", when, rot},
                          (const int[]){41, 7, 19, 0}, 4);
        }
    }
    if (o)
        io_json_out_raw(o, "]");
    io_store_dispatchers_free(rows, n);
    return CLI_EXIT_OK;
}

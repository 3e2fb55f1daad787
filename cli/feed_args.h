/* feed_args.h - the calendar feed options that `feeds` and `serve` share:
 * --refresh, --past-days, --breaks. */
#ifndef FIELDPLAN_CLI_FEED_ARGS_H
#define FIELDPLAN_CLI_FEED_ARGS_H

#include <stdbool.h>

#include "io/feeds/feed.h"

/* Parses feed option name (a cli_option's long name: refresh, past-days or
 * breaks, which takes no value) with its value into fo. Returns false after
 * printing a usage error for cmd (exit 2). */
bool cli_feed_parse(const char *cmd, const char *name, const char *value, io_feed_options *fo);

#endif

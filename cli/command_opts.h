/* command_opts.h - each command's option struct: the fields its declared
 * options (cli/commands.c) fill. A command sets the defaults, then calls
 * cli_parse. Strings point into argv (borrowed, nothing to free). */
#ifndef FIELDPLAN_CLI_COMMAND_OPTS_H
#define FIELDPLAN_CLI_COMMAND_OPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "io/feeds/feed.h"
#include "io/feeds/feed_server.h"

typedef struct cli_solve_opts {
    const char *output;       /* -o F: the schedule file, "-" for stdout */
    double time_limit;        /* --time-limit S */
    int64_t seed;             /* --seed N */
    int64_t iterations;       /* --iterations N */
    int threads;              /* --threads N */
    bool solomon;             /* --format solomon */
    double progress_interval; /* --progress-interval S */
    bool quiet;               /* -q */
} cli_solve_opts;

/* check and validate: only the problem's format. */
typedef struct cli_problem_opts {
    bool solomon; /* --format solomon */
} cli_problem_opts;

typedef struct cli_db_opts {
    const char *timezone; /* --timezone TZ, NULL if not given */
} cli_db_opts;

typedef struct cli_import_opts {
    bool quiet; /* -q */
} cli_import_opts;

typedef struct cli_show_opts {
    int64_t version;        /* --version V, 0: the published one */
    const char *technician; /* --technician T, NULL: all */
    const char *date;       /* --date D (checked), NULL: every day */
    bool json;              /* --json */
} cli_show_opts;

typedef struct cli_export_opts {
    int64_t run;          /* --run R, 0 if not given */
    bool latest;          /* --latest */
    const char *problem;  /* --problem FILE */
    const char *schedule; /* --schedule FILE */
} cli_export_opts;

typedef struct cli_diff_opts {
    bool json; /* --json */
} cli_diff_opts;

typedef struct cli_feeds_opts {
    const char *out;      /* -o DIR */
    io_feed_options feed; /* --refresh, --past-days, --breaks */
    bool quiet;           /* -q */
} cli_feeds_opts;

/* serve's --listen: the address (a copy) and port. */
typedef struct cli_listen {
    char host[64];
    int port;
} cli_listen;

typedef struct cli_serve_opts {
    io_feed_server_options server; /* threads, limits, timeout, feed options */
    cli_listen listen;             /* --listen HOST:PORT */
    bool quiet;                    /* -q */
} cli_serve_opts;

/* serve's --listen parser (cli/cmd_serve.c): "HOST:PORT" or "[V6]:PORT"
 * into a cli_listen. Returns false after printing a usage error for cmd. */
bool cli_serve_parse_listen(const char *cmd, const char *opt, const char *value, void *listen);

/* The feed server address tokens prints when neither --base-url nor
 * $FIELDPLAN_FEED_BASE_URL gives one. */
#define CLI_TOKENS_DEFAULT_BASE_URL "https://localhost:8080"

typedef struct cli_tokens_opts {
    const char *base_url; /* --base-url URL (default: the environment's) */
} cli_tokens_opts;

typedef struct cli_help_opts {
    bool man; /* --man: troff instead of text */
} cli_help_opts;

#endif

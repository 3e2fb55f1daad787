/* command_opts.h - each command's option struct: the fields its declared
 * options (cli/commands.c) fill. A command sets the defaults, then calls
 * cli_parse. Strings point into argv (borrowed, nothing to free). */
#ifndef FIELDPLAN_CLI_COMMAND_OPTS_H
#define FIELDPLAN_CLI_COMMAND_OPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "io/feeds/feed.h"
#include "io/feeds/feed_server.h"
#include "cli/search_args.h"

/* A road router's options (matrix, solve): --osrm / --valhalla URL and
 * the request tuning. */
typedef struct cli_router_opts {
    const char *osrm;     /* --osrm URL */
    const char *valhalla; /* --valhalla URL */
    const char *profile;  /* --profile P: OSRM profile / Valhalla costing */
    int chunk;            /* --chunk N: locations per side of a request */
    int attempts;         /* --attempts N: tries per request */
    double timeout;       /* --timeout S: per request */
} cli_router_opts;

/* Fills o from r (cli/cmd_matrix.c); false when neither --osrm nor
 * --valhalla is given. */
struct io_router_options;
bool cli_router_options(const cli_router_opts *r, struct io_router_options *o);

typedef struct cli_matrix_opts {
    const char *from_csv;  /* --from-csv F */
    cli_router_opts router;
    bool json;             /* --json */
} cli_matrix_opts;

typedef struct cli_solve_opts {
    const char *output;       /* -o F: the schedule file, "-" for stdout */
    double time_limit;        /* --time-limit S */
    int64_t seed;             /* --seed N */
    int64_t iterations;       /* --iterations N */
    int threads;              /* --threads N */
    int format;               /* --format: a cli_format (cli/problem_load.h) */
    int output_format;        /* --output-format: a cli_format (native or vroom) */
    double progress_interval; /* --progress-interval S */
    bool quiet;               /* -q */
    cli_router_opts router;   /* --osrm / --valhalla: travel from a router */
    const char *write_problem; /* --write-problem F: the problem as solved */
    bool no_bound;            /* --no-bound */
    bool prove;               /* --prove */
    bool no_columns;          /* --no-columns */
} cli_solve_opts;

/* check and validate: only the problem's format. */
typedef struct cli_problem_opts {
    int format; /* --format: a cli_format (cli/problem_load.h) */
    bool json;  /* --json (validate) */
} cli_problem_opts;

typedef struct cli_db_opts {
    const char *timezone; /* --timezone TZ, NULL if not given */
    bool json;            /* --json */
} cli_db_opts;

typedef struct cli_import_opts {
    bool quiet;           /* -q */
    const char *timezone; /* --timezone TZ, NULL if not given */
    bool json;            /* --json */
} cli_import_opts;

typedef struct cli_plan_opts {
    const char *from;       /* --from DATE (required; the use case checks it) */
    int64_t days;           /* --days N */
    cli_search_args search; /* --time-limit, --iterations, --seed, the penalties */
    int threads;            /* --threads N */
    const char *out;        /* -o, --out DIR, NULL: no files */
    double wait;            /* --wait S */
    bool draft;             /* --draft */
    bool force;             /* --force: publish even if the guard is broken */
    int64_t max_dropped;    /* --max-dropped N, -1: the guard's default */
    bool json;              /* --json */
    bool quiet;             /* -q */
    bool verbose;           /* -v */
    int64_t prefer_last;    /* --prefer-last-technician BONUS_S, 0: none */
} cli_plan_opts;

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

typedef struct cli_runs_opts {
    bool json; /* --json */
} cli_runs_opts;

typedef struct cli_diff_opts {
    bool json; /* --json */
} cli_diff_opts;

typedef struct cli_feeds_opts {
    const char *out;      /* -o DIR */
    io_feed_options feed; /* --refresh, --past-days, --breaks */
    bool quiet;           /* -q */
    bool json;            /* --json */
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
    const char *base_url;   /* --base-url URL (default: the environment's) */
    const char *dispatcher; /* --dispatcher NAME: a dispatcher's report token instead */
    bool json;              /* --json (list) */
} cli_tokens_opts;

typedef struct cli_whatif_opts {
    const char *scenario;   /* -s, --scenario FILE (required) */
    const char *version;    /* --version V (number or name), NULL: the published one */
    cli_search_args search; /* --time-limit, --iterations, --seed, the penalties */
    const char *save;       /* --save NAME (checked), NULL: nothing stored */
    bool json;              /* --json */
    bool quiet;             /* -q */
} cli_whatif_opts;

/* Most candidate windows slots weighs; also --limit's maximum. */
#define CLI_SLOTS_MAX_WINDOWS 20000

typedef struct cli_slots_opts {
    const char *job;     /* --job FILE (required) */
    const char *from;    /* --from DATE (checked once the plan is loaded), NULL: its first day */
    int64_t days;        /* --days N, 0: to the plan's last day */
    int64_t length_s;    /* --slot-length L in seconds, 0: 2h */
    const char *day;     /* --day HH:MM-HH:MM (checked later), NULL: 08:00-16:00 */
    const char *windows; /* --windows LIST (checked later), NULL: cut from --day */
    int64_t limit;       /* --limit K, 0: all */
    bool json;           /* --json */
    bool verbose;        /* -v */
} cli_slots_opts;

/* slots' --slot-length parser (cli/cmd_slots.c): "2h", "90m", "1h30m",
 * "120" (minutes), 5m to 24h, into an int64_t of seconds. Returns false
 * after printing a usage error for cmd. */
bool cli_slots_parse_length(const char *cmd, const char *opt, const char *value, void *length_s);

typedef struct cli_book_opts {
    const char *job;   /* --job FILE (required) */
    const char *slot;  /* --slot START/END (required) */
    double wait;       /* --wait S */
    const char *feeds; /* --feeds DIR, NULL: no feeds written */
    bool json;         /* --json */
    bool quiet;        /* -q */
} cli_book_opts;

typedef struct cli_publish_opts {
    const char *version; /* --version V: the draft, or the version to restore (required) */
    bool force;          /* --force */
    int64_t max_dropped; /* --max-dropped N, -1: the guard's default */
    double wait;         /* --wait S */
    const char *feeds;   /* --feeds DIR, NULL: no feeds written */
    bool quiet;          /* -q */
    bool json;           /* --json */
} cli_publish_opts;

typedef struct cli_help_opts {
    bool man; /* --man: troff instead of text */
} cli_help_opts;

#endif

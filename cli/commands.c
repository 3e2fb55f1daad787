/* commands.c - the command table: every command of fieldplan with its
 * synopsis, description, declared options and exit codes. The parser
 * (cli/opt.c), --help, the man pages and the bash completion (cli/help.c)
 * are all generated from it. Commands marked legacy still parse with
 * cli_args_next and print their own --help; their rows here feed the man
 * pages and the completion until they are converted. */
#include <stddef.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/problem_load.h"
#include "model/tz.h"

/* The tail of a cli_opt_spec row, by how the option fills its field. */
#define FLAG(T, f) CLI_OPT_FLAG, offsetof(T, f), 0, 0, 0, 0, NULL
#define STR(T, f) CLI_OPT_STRING, offsetof(T, f), 0, 0, 0, 0, NULL
#define INT(T, f, lo, hi) CLI_OPT_INT, offsetof(T, f), lo, hi, 0, 0, NULL
#define INT64(T, f, lo, hi) CLI_OPT_INT64, offsetof(T, f), lo, hi, 0, 0, NULL
#define DBL(T, f, lo, hi) CLI_OPT_DOUBLE, offsetof(T, f), 0, 0, lo, hi, NULL
#define CUSTOM(T, f, fn) CLI_OPT_CUSTOM, offsetof(T, f), 0, 0, 0, 0, fn
/* An option of a legacy command: its own file parses it. */
#define LEGACY_VALUE CLI_OPT_STRING, 0, 0, 0, 0, 0, NULL
#define LEGACY_FLAG CLI_OPT_FLAG, 0, 0, 0, 0, 0, NULL
#define HELP_OPT {"help", 'h', NULL, "show this help", CLI_OPT_HELP, 0, 0, 0, 0, 0, NULL}
#define END_OPTS {NULL, 0, NULL, NULL, CLI_OPT_FLAG, 0, 0, 0, 0, 0, NULL}

static bool parse_format(const char *cmd, const char *opt, const char *value, void *solomon)
{
    (void)opt;
    return cli_parse_format(cmd, value, solomon);
}

/* --date: a valid YYYY-MM-DD, kept as given. */
static bool parse_date(const char *cmd, const char *opt, const char *value, void *date)
{
    (void)opt;
    int64_t days;
    model_error e = MODEL_ERROR_INIT;
    if (model_date_parse(value, &days, &e) != MODEL_OK)
        return cli_usage_error(cmd, "--date: %s", e.msg), false;
    *(const char **)date = value;
    return true;
}

static bool parse_request_bytes(const char *cmd, const char *opt, const char *value, void *out)
{
    int64_t n;
    if (!cli_parse_int64(cmd, opt, value, 1024, 1024 * 1024, &n))
        return false;
    *(size_t *)out = (size_t)n;
    return true;
}

/* ---- the engine: solve, check, validate ---- */

static const cli_opt_spec solve_opts[] = {
    {"output", 'o', "F", "write the schedule to F (atomically); default: standard output",
     STR(cli_solve_opts, output)},
    {"time-limit", 0, "S",
     "search for at most S seconds (default 10); the best schedule\n"
     "found so far is returned when the time is up",
     DBL(cli_solve_opts, time_limit, 0.001, 1e7)},
    {"seed", 0, "N",
     "random seed (default 1); the same seed gives the same schedule\n"
     "when the search ends by --iterations",
     INT64(cli_solve_opts, seed, 0, INT64_MAX)},
    {"iterations", 0, "N", "stop after N search iterations (deterministic budget)",
     INT64(cli_solve_opts, iterations, 1, INT64_MAX / 2)},
    {"threads", 0, "N", "search threads sharing their best (default 1)",
     INT(cli_solve_opts, threads, 1, 64)},
    {"format", 0, "F", "native (JSON, default) or solomon (Solomon VRPTW text)",
     CUSTOM(cli_solve_opts, solomon, parse_format)},
    {"progress-interval", 0, "S", "seconds between progress lines (default 1)",
     DBL(cli_solve_opts, progress_interval, 0.01, 3600)},
    {"quiet", 'q', NULL, "no progress lines on stderr", FLAG(cli_solve_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command solve = {
    "solve", "solve a problem file and write the schedule",
    "fieldplan solve PROBLEM [-o SCHEDULE] [--time-limit S] [--seed N]\n"
    "                [--format native|solomon] [--threads N] [--iterations N] [--quiet]",
    "Assigns and orders the jobs of PROBLEM into one route per technician-shift\n"
    "and writes the schedule (docs/format.md). Every schedule written has passed\n"
    "the engine's checker; every unassigned job carries a reason.",
    "Progress goes to stderr once a second (--progress-interval): elapsed time, best\n"
    "travel, jobs assigned.\n"
    "Exit codes: 0 written, 2 bad input or usage, 3 I/O error, 70 internal error.",
    solve_opts, cli_cmd_solve, false,
};

static const cli_opt_spec check_opts[] = {
    {"format", 0, "F", "format of PROBLEM: native (JSON, default) or solomon",
     CUSTOM(cli_problem_opts, solomon, parse_format)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command check = {
    "check", "check a schedule against its problem (the engine's own checker)",
    "fieldplan check PROBLEM SCHEDULE [--format native|solomon]",
    "Checks SCHEDULE against every rule of the format (docs/format.md) with the\n"
    "engine's own checker and recomputes its summary. Prints 'ok' and the totals\n"
    "when it is valid; otherwise each violation (the first 50) on its own line.",
    "Exit codes: 0 valid, 1 the schedule breaks a rule, 2 bad input or usage,\n"
    "3 file not readable.",
    check_opts, cli_cmd_check, false,
};

static const cli_opt_spec validate_opts[] = {
    {"format", 0, "F", "native (JSON, the default) or solomon (Solomon VRPTW text)",
     CUSTOM(cli_problem_opts, solomon, parse_format)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command validate = {
    "validate", "validate a problem file and print what it holds",
    "fieldplan validate PROBLEM [--format native|solomon]",
    "Reads PROBLEM and checks it against the problem format (docs/format.md).\n"
    "Prints a one-line summary when it is valid; otherwise the first error,\n"
    "naming the file, the record and the field.",
    "Exit codes: 0 valid, 2 invalid problem or usage, 3 file not readable.",
    validate_opts, cli_cmd_validate, false,
};

/* ---- the store: db, import, plan, show, runs, export ---- */

static const cli_opt_spec db_opts[] = {
    {"timezone", 0, "TZ",
     "the IANA zone of the times in CSV files and of shift dates\n"
     "(default: the first imported JSON problem's zone, else UTC)",
     STR(cli_db_opts, timezone)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command db = {
    "db", "create (db init) or check (db check) a fieldplan database",
    "fieldplan db init DB [--timezone TZ]\n"
    "fieldplan db check DB",
    "init creates the database DB with the current schema (docs/schema.md), or\n"
    "migrates an older one forward; an existing current database is left as it is.\n"
    "check runs PRAGMA integrity_check and foreign_key_check.",
    "Exit codes: 0 ok, 1 check found a problem, 2 usage, 3 I/O error.",
    db_opts, cli_cmd_db, false,
};

static const cli_opt_spec import_opts[] = {
    {"quiet", 'q', NULL, "print nothing on success", FLAG(cli_import_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command import = {
    "import", "import JSON problems and CSV files into a database",
    "fieldplan import DB FILE... [--quiet]",
    "Loads each FILE into the database DB (created when missing), upserting by id:\n"
    "a JSON problem (docs/format.md), or a CSV file of locations, technicians,\n"
    "shifts, absences or jobs (columns in docs/schema.md; the kind comes from the\n"
    "file name's prefix, jobs*.csv etc., else from the header row). Files are\n"
    "imported in dependency order (problems, locations, technicians, shifts,\n"
    "absences, jobs), each whole or not at all: a bad row rejects its file with\n"
    "file, row, column and reason, and the import stops there (files before it\n"
    "stay imported).",
    "Exit codes: 0 all imported, 2 bad file or usage, 3 I/O error, 4 database busy.",
    import_opts, cli_cmd_import, false,
};

static const cli_opt_spec plan_opts[] = {
    {"from", 0, "DATE", "first day, YYYY-MM-DD (required)", LEGACY_VALUE},
    {"days", 0, "N", "number of days (default 1)", LEGACY_VALUE},
    {"time-limit", 0, "S", "search time in seconds (default 10)", LEGACY_VALUE},
    {"seed", 0, "N", "random seed (default 1)", LEGACY_VALUE},
    {"iterations", 0, "N",
     "stop after N search iterations: with the same data and\n"
     "seed, the same schedule (a time-limited run may differ)",
     LEGACY_VALUE},
    {"threads", 0, "N", "search threads (default 1)", LEGACY_VALUE},
    {"move-penalty", 0, "S",
     "cost, in seconds of travel, of moving a published job to\n"
     "another technician or day (default 600)",
     LEGACY_VALUE},
    {"shift-penalty", 0, "S",
     "cost of moving a published start by more than 15 min\n"
     "(default 60)",
     LEGACY_VALUE},
    {"out", 'o', "DIR", "also write DIR/problem.json and DIR/schedule.json", LEGACY_VALUE},
    {"wait", 0, "S", "wait up to S seconds for another plan on DB (default 0)", LEGACY_VALUE},
    {"draft", 0, NULL, "store the version as a draft; keep the published one", LEGACY_FLAG},
    {"json", 0, NULL, "print the run's figures as one JSON object instead of a line",
     LEGACY_FLAG},
    {"quiet", 'q', NULL, "print nothing on success", LEGACY_FLAG},
    {"verbose", 'v', NULL,
     "report each step and the search's progress on stderr (the\n"
     "progress alone is shown anyway when stderr is a terminal)",
     LEGACY_FLAG},
    HELP_OPT,
    END_OPTS,
};

static const cli_command plan = {
    "plan", "plan a horizon of days from a database and publish the schedule",
    "fieldplan plan DB --from DATE [--days N] [--time-limit S] [--seed N]\n"
    "               [--out DIR] [--wait S] [--move-penalty S] [--shift-penalty S]\n"
    "               [--iterations N] [--threads N] [--draft] [--json] [--quiet]\n"
    "               [--verbose]",
    NULL, NULL, plan_opts, cli_cmd_plan, true,
};

static const cli_opt_spec show_opts[] = {
    {"version", 0, "V", "show version V instead of the published one",
     INT64(cli_show_opts, version, 1, INT64_MAX)},
    {"technician", 0, "T", "only technician T (no unassigned list)",
     STR(cli_show_opts, technician)},
    {"date", 0, "D", "only the day D", CUSTOM(cli_show_opts, date, parse_date)},
    {"json", 0, NULL, "JSON instead of the table (docs/schema.md)", FLAG(cli_show_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command show = {
    "show", "show a stored schedule version per technician and day",
    "fieldplan show DB [--version V] [--technician T] [--date YYYY-MM-DD] [--json]",
    "Prints the published version (or version V) of the plan: for each technician\n"
    "and day the visits in order with arrival, service start and end (in the\n"
    "database's time zone), job, customer, address and skills, and the breaks\n"
    "between them; then the jobs left unassigned with their reasons.",
    "Exit codes: 0 ok, 2 no such version or usage, 3 I/O error.",
    show_opts, cli_cmd_show, false,
};

static const cli_opt_spec help_only_opts[] = {
    HELP_OPT,
    END_OPTS,
};

static const cli_command runs = {
    "runs", "list the plan runs stored in a database",
    "fieldplan runs DB",
    "Lists every plan run, oldest first: when it started (local time of this\n"
    "machine), the horizon, seed and time limit, its outcome and version, jobs\n"
    "assigned, unassigned weight, travel, jobs moved against the version before,\n"
    "and the search time. `fieldplan export DB --run R` writes a run's problem and\n"
    "schedule.",
    "Exit codes: 0 ok, 2 usage, 3 I/O error.",
    help_only_opts, cli_cmd_runs, false,
};

static const cli_opt_spec export_opts[] = {
    {"run", 0, "R", "plan run R (see `fieldplan runs`)", INT64(cli_export_opts, run, 1, INT64_MAX)},
    {"latest", 0, NULL, "the run of the published version", FLAG(cli_export_opts, latest)},
    {"problem", 0, "FILE", "write the problem there (atomically)", STR(cli_export_opts, problem)},
    {"schedule", 0, "FILE", "write the schedule there (atomically)",
     STR(cli_export_opts, schedule)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command export = {
    "export", "write the problem and schedule of a plan run as JSON",
    "fieldplan export DB (--run R | --latest) [--problem P.json] [--schedule S.json]",
    "Writes the problem that plan run R solved and the schedule it stored, in the\n"
    "formats of docs/format.md, so that `fieldplan check` or verify_schedule.py\n"
    "can check them. --latest takes the run of the published version. At least\n"
    "one of --problem and --schedule is needed; '-' writes to standard output.",
    "Exit codes: 0 written, 2 no such run or usage, 3 I/O error.",
    export_opts, cli_cmd_export, false,
};

/* ---- calendar feeds: feeds, serve, tokens ---- */

static const cli_opt_spec feeds_opts[] = {
    {"out", 'o', "DIR", "directory for the feeds (created when missing)",
     STR(cli_feeds_opts, out)},
    {"refresh", 0, "S", "how often calendars should poll, in seconds (default 3600)",
     INT(cli_feeds_opts, feed.refresh_s, IO_FEED_MIN_REFRESH_S, IO_FEED_MAX_REFRESH_S)},
    {"past-days", 0, "N", "days before the published horizon to keep (default 14)",
     INT(cli_feeds_opts, feed.past_days, 0, 366)},
    {"breaks", 0, NULL, "breaks as events of their own", FLAG(cli_feeds_opts, feed.breaks)},
    {"quiet", 'q', NULL, "print nothing on success", FLAG(cli_feeds_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command feeds = {
    "feeds", "write every technician's iCalendar feed of the published plan",
    "fieldplan feeds DB --out DIR [--refresh S] [--past-days N] [--breaks] [--quiet]",
    "Writes one iCalendar feed per technician, DIR/TECHNICIAN.ics, with the visits\n"
    "of the published version and of the N days before it (docs/feeds.md). Each\n"
    "file is replaced atomically: a reader sees the old feed or the new one. Every\n"
    "event keeps its UID for good; its SEQUENCE rises whenever its technician,\n"
    "start, end or location changed since the feeds were last built. Use\n"
    "'fieldplan serve' to publish them behind secret per-technician URLs.",
    "Exit codes: 0 ok, 2 usage or no published version, 3 I/O error.",
    feeds_opts, cli_cmd_feeds, false,
};

static const cli_opt_spec serve_opts[] = {
    {"listen", 0, "HOST:PORT",
     "numeric address and port (default 127.0.0.1:8080;\n"
     "[::1]:8080 for IPv6; port 0 picks a free one)",
     CUSTOM(cli_serve_opts, listen, cli_serve_parse_listen)},
    {"threads", 0, "N", "worker threads (default 2)",
     INT(cli_serve_opts, server.threads, 1, 256)},
    {"max-connections", 0, "N", "open connections at most (default 512)",
     INT(cli_serve_opts, server.max_connections, 1, 100000)},
    {"max-per-ip", 0, "N", "connections from one address (default 128; 0: no limit)",
     INT(cli_serve_opts, server.max_per_ip, 0, 100000)},
    {"max-request-bytes", 0, "N", "request line and headers at most (default 8192)",
     CUSTOM(cli_serve_opts, server.max_request_bytes, parse_request_bytes)},
    {"timeout", 0, "S", "close idle connections after S seconds (default 30)",
     INT(cli_serve_opts, server.timeout_s, 1, 86400)},
    {"refresh", 0, "S", "REFRESH-INTERVAL of the feeds (default 3600)",
     INT(cli_serve_opts, server.feed.refresh_s, IO_FEED_MIN_REFRESH_S, IO_FEED_MAX_REFRESH_S)},
    {"past-days", 0, "N", "days before the published horizon kept (default 14)",
     INT(cli_serve_opts, server.feed.past_days, 0, 366)},
    {"breaks", 0, NULL, "breaks as events of their own",
     FLAG(cli_serve_opts, server.feed.breaks)},
    {"quiet", 'q', NULL, "no request log", FLAG(cli_serve_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command serve = {
    "serve", "serve the calendar feeds to subscribed calendars over HTTP",
    "fieldplan serve DB [--listen HOST:PORT] [--threads N] [--max-connections N]\n"
    "                [--max-per-ip N] [--max-request-bytes N] [--timeout S]\n"
    "                [--refresh S] [--past-days N] [--breaks] [--quiet]",
    "Serves every technician's calendar feed at GET /feeds/TOKEN.ics, straight from\n"
    "the database's published version ('fieldplan tokens' issues the tokens). A\n"
    "new plan, import or token change is picked up by the next request. Only GET\n"
    "and HEAD; ETag, Last-Modified and 304 Not Modified; an unknown, rotated or\n"
    "revoked token gets 404 like any other path. One log line per request goes to\n"
    "standard error, naming the technician, never the token. SIGTERM or SIGINT\n"
    "stops the server. Put a TLS proxy in front of it for https:// URLs.",
    "Exit codes: 0 stopped by a signal, 2 usage, 3 cannot open DB or listen.",
    serve_opts, cli_cmd_serve, false,
};

static const cli_opt_spec tokens_opts[] = {
    {"base-url", 0, "URL",
     "the server's public address (default: $FIELDPLAN_FEED_BASE_URL,\n"
     "else " CLI_TOKENS_DEFAULT_BASE_URL "); URLs are URL/feeds/TOKEN.ics",
     STR(cli_tokens_opts, base_url)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command tokens = {
    "tokens", "issue, rotate, revoke or list the technicians' feed URLs",
    "fieldplan tokens DB issue [TECH] [--base-url URL]\n"
    "fieldplan tokens DB rotate TECH [--base-url URL]\n"
    "fieldplan tokens DB revoke TECH\n"
    "fieldplan tokens DB list [TECH]",
    "Manages the secret feed URLs that 'fieldplan serve' answers:\n"
    "  issue   a token for TECH, or for every technician that has none; prints\n"
    "          the subscription URLs (webcal:// and https://); shown only now\n"
    "  rotate  a new token for TECH; the old URL stops working at once\n"
    "  revoke  TECH's token; its URL stops working at once\n"
    "  list    technicians and whether they have a token (never the token)",
    "Exit codes: 0 ok, 2 usage or unknown technician, 3 I/O error.",
    tokens_opts, cli_cmd_tokens, false,
};

/* ---- what-if and appointments: whatif, diff, slots, book, publish ---- */

static const cli_opt_spec whatif_opts[] = {
    {"scenario", 's', "FILE", "the changes (required)", LEGACY_VALUE},
    {"version", 0, "V",
     "start from version V (a number or a saved name) instead\n"
     "of the published one",
     LEGACY_VALUE},
    {"time-limit", 0, "S", "search time in seconds (default 5)", LEGACY_VALUE},
    {"iterations", 0, "N", "stop after N search iterations (deterministic)", LEGACY_VALUE},
    {"seed", 0, "N", "random seed (default 1)", LEGACY_VALUE},
    {"move-penalty", 0, "S",
     "cost, in seconds of travel, of moving a job to another\n"
     "technician or day (default 3600)",
     LEGACY_VALUE},
    {"shift-penalty", 0, "S", "cost of moving a start by more than 15 min (default 900)",
     LEGACY_VALUE},
    {"save", 0, "NAME",
     "keep the result as a draft version named NAME; publish it\n"
     "with 'fieldplan publish DB --version NAME'",
     LEGACY_VALUE},
    {"json", 0, NULL, "print {\"kpis\": {\"before\", \"after\"}, \"changes\": [...]}", LEGACY_FLAG},
    {"quiet", 'q', NULL, "print nothing but errors and warnings", LEGACY_FLAG},
    HELP_OPT,
    END_OPTS,
};

static const cli_command whatif = {
    "whatif", "re-plan the published version under a scenario and show what changes",
    "fieldplan whatif DB --scenario FILE [--version V] [--time-limit S]\n"
    "                 [--iterations N] [--seed N] [--move-penalty S]\n"
    "                 [--shift-penalty S] [--save NAME] [--json] [--quiet]",
    NULL, NULL, whatif_opts, cli_cmd_whatif, true,
};

static const cli_opt_spec diff_opts[] = {
    {"json", 0, NULL, "print {\"kpis\": {\"before\", \"after\"}, \"changes\": [...]}",
     FLAG(cli_diff_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command diff = {
    "diff", "compare two stored versions: KPIs and the jobs that change",
    "fieldplan diff DB V1 V2 [--json]",
    "Compares two stored versions: KPIs side by side (assigned, unassigned weight,\n"
    "travel, working time, overtime against V1's shifts, jobs moved, appointments\n"
    "changed) and every job that moved to another technician or day, shifted by\n"
    "more than 15 minutes, or was left unassigned, added or removed. A version is\n"
    "a number (see 'fieldplan runs'), a what-if's saved name, or 'published'.",
    "Exit codes: 0 ok, 2 no such version or usage, 3 I/O error.",
    diff_opts, cli_cmd_diff, false,
};

static const cli_opt_spec slots_opts[] = {
    {"job", 0, "FILE", "the job (required; its id defaults to 'new-job')", LEGACY_VALUE},
    {"from", 0, "DATE", "first day (default: the plan's first day)", LEGACY_VALUE},
    {"days", 0, "N", "number of days (default: to the plan's last day)", LEGACY_VALUE},
    {"slot-length", 0, "L", "window length: 2h, 90m, 1h30m (default 2h)", LEGACY_VALUE},
    {"day", 0, "HH:MM-HH:MM", "the hours windows are cut from (default 08:00-16:00)",
     LEGACY_VALUE},
    {"windows", 0, "LIST",
     "the windows instead, comma-separated: HH:MM-HH:MM on every\n"
     "day, or START/END (ISO 8601 times)",
     LEGACY_VALUE},
    {"limit", 0, "K", "show the K best (default 10; 0: all)", LEGACY_VALUE},
    {"json", 0, NULL,
     "a JSON list of {\"start\", \"end\", \"technician\",\n"
     "\"extra_travel_s\", \"service_start\", \"best\"}, best first",
     LEGACY_FLAG},
    {"verbose", 'v', NULL, "time each step on stderr", LEGACY_FLAG},
    HELP_OPT,
    END_OPTS,
};

static const cli_command slots = {
    "slots", "offer appointment windows for a new job in the published plan",
    "fieldplan slots DB --job JOB.json [--from DATE] [--days N]\n"
    "                [--slot-length 2h] [--day 08:00-16:00] [--windows LIST]\n"
    "                [--limit K] [--json] [--verbose]",
    NULL, NULL, slots_opts, cli_cmd_slots, true,
};

static const cli_opt_spec book_opts[] = {
    {"job", 0, "FILE", "the job (required)", LEGACY_VALUE},
    {"slot", 0, "START/END",
     "the window, ISO 8601 times (wall time in the database's\n"
     "zone without an offset); END may be HH:MM:\n"
     "2026-11-24T10:00/12:00",
     LEGACY_VALUE},
    {"wait", 0, "S", "wait up to S seconds for a running plan (default 0)", LEGACY_VALUE},
    {"feeds", 0, "DIR",
     "also rewrite the technicians' calendar feeds in DIR\n"
     "('fieldplan serve' follows the new version by itself)",
     LEGACY_VALUE},
    {"json", 0, NULL, "print the booking as one JSON object", LEGACY_FLAG},
    {"quiet", 'q', NULL, "print nothing on success", LEGACY_FLAG},
    HELP_OPT,
    END_OPTS,
};

static const cli_command book = {
    "book", "book a new job into the published plan in a given window",
    "fieldplan book DB --job JOB.json --slot START/END [--wait S] [--feeds DIR]\n"
    "               [--json] [--quiet]",
    NULL, NULL, book_opts, cli_cmd_book, true,
};

static const cli_opt_spec publish_opts[] = {
    {"version", 0, "V", "the draft to publish (required)", LEGACY_VALUE},
    {"force", 0, NULL, "publish even if another version was published since", LEGACY_FLAG},
    {"wait", 0, "S", "wait up to S seconds for a running plan (default 0)", LEGACY_VALUE},
    {"feeds", 0, "DIR", "also rewrite the technicians' calendar feeds in DIR", LEGACY_VALUE},
    {"quiet", 'q', NULL, "print nothing on success", LEGACY_FLAG},
    HELP_OPT,
    END_OPTS,
};

static const cli_command publish = {
    "publish", "publish a draft version (a saved what-if)",
    "fieldplan publish DB --version V [--force] [--wait S] [--feeds DIR]\n"
    "                  [--quiet]",
    NULL, NULL, publish_opts, cli_cmd_publish, true,
};

/* ---- about fieldplan itself: help, completion ---- */

static const cli_opt_spec help_opts[] = {
    {"man", 0, NULL, "print the manual page (troff) instead", FLAG(cli_help_opts, man)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command help = {
    "help", "describe fieldplan or one of its commands (also as a manual page)",
    "fieldplan help [--man] [COMMAND]",
    "Prints what 'fieldplan --help' prints, or with COMMAND what\n"
    "'fieldplan COMMAND --help' prints. With --man, the manual page instead:\n"
    "fieldplan(1), or fieldplan-COMMAND(1), as troff for man(1).",
    "Exit codes: 0 ok, 2 unknown command or usage, 3 cannot write.",
    help_opts, cli_cmd_help, false,
};

static const cli_command completion = {
    "completion", "print a shell script that completes fieldplan's commands and options",
    "fieldplan completion bash",
    "Prints a bash script that completes the commands and each command's options;\n"
    "load it with 'source <(fieldplan completion bash)' or install it as\n"
    "share/bash-completion/completions/fieldplan.",
    "Exit codes: 0 ok, 2 a shell other than bash or usage, 3 cannot write.",
    help_only_opts, cli_cmd_completion, false,
};

const cli_command *const cli_commands[] = {
    &solve, &check, &validate,                           /* the engine */
    &db, &import, &plan, &show, &runs, &export,          /* the store */
    &feeds, &serve, &tokens,                             /* calendar feeds */
    &whatif, &diff, &slots, &book, &publish,             /* what-if, appointments */
    &help, &completion,
};

const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

const cli_command *cli_command_find(const char *name)
{
    for (int i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i]->name, name) == 0)
            return cli_commands[i];
    return NULL;
}

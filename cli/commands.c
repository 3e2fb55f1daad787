/* commands.c - the command table: every command of fieldplan with its
 * synopsis, description, declared options and exit codes. The parser
 * (cli/opt.c), --help, the man pages and the bash completion (cli/help.c)
 * are all generated from it. */
#include <stddef.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/commands_internal.h"
#include "cli/problem_load.h"
#include "cli/report_opts.h"
#include "io/store/store_plan.h"
#include "model/tz.h"

bool cli_opt_format(const char *cmd, const char *opt, const char *value, void *format)
{
    (void)opt;
    return cli_parse_format(cmd, value, format);
}

/* --output-format: native or vroom. */
bool cli_opt_output_format(const char *cmd, const char *opt, const char *value, void *format)
{
    (void)opt;
    if (strcmp(value, "native") != 0 && strcmp(value, "json") != 0 && strcmp(value, "vroom") != 0)
        return cli_usage_error(cmd, "--output-format '%s': expected native or vroom", value), false;
    return cli_parse_format(cmd, value, format);
}

/* --date: a valid YYYY-MM-DD, kept as given. */
bool cli_opt_date(const char *cmd, const char *opt, const char *value, void *date)
{
    (void)opt;
    int64_t days;
    model_error e = MODEL_ERROR_INIT;
    if (model_date_parse(value, &days, &e) != MODEL_OK)
        return cli_usage_error(cmd, "--date: %s", e.msg), false;
    *(const char **)date = value;
    return true;
}

bool cli_opt_request_bytes(const char *cmd, const char *opt, const char *value, void *out)
{
    int64_t n;
    if (!cli_parse_int64(cmd, opt, value, 1024, 1024 * 1024, &n))
        return false;
    *(size_t *)out = (size_t)n;
    return true;
}

/* whatif's --save: a draft's name, neither empty nor starting with a digit. */
bool cli_opt_save_name(const char *cmd, const char *opt, const char *value, void *name)
{
    (void)opt;
    if (!value[0] || (value[0] >= '0' && value[0] <= '9'))
        return cli_usage_error(cmd, "--save '%s': a name must not be empty or start with a "
                                    "digit (version numbers do)", value), false;
    *(const char **)name = value;
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
    {"format", 0, "F",
     "native (JSON, default), solomon (Solomon VRPTW text) or vroom\n"
     "(VROOM's JSON input, docs/vroom.md)",
     CUSTOM(cli_solve_opts, format, cli_opt_format)},
    {"output-format", 0, "F",
     "native (the schedule JSON, default) or vroom (VROOM's solution JSON)",
     CUSTOM(cli_solve_opts, output_format, cli_opt_output_format)},
    {"progress-interval", 0, "S", "seconds between progress lines (default 1)",
     DBL(cli_solve_opts, progress_interval, 0.01, 3600)},
    {"quiet", 'q', NULL, "no progress lines on stderr", FLAG(cli_solve_opts, quiet)},
    {"osrm", 0, "URL",
     "travel from the OSRM server at URL (its table service) between the\n"
     "problem's locations, instead of the problem's travel",
     STR(cli_solve_opts, router.osrm)},
    {"valhalla", 0, "URL", "travel from the Valhalla server at URL (sources_to_targets)",
     STR(cli_solve_opts, router.valhalla)},
    {"write-problem", 0, "F",
     "also write the problem as solved (with the router's matrix) to F,\n"
     "for ../shared/tools/verify_schedule.py",
     STR(cli_solve_opts, write_problem)},
    {"no-bound", 0, NULL,
     "no lower bound: the search has the whole time limit (by\n"
     "default it has 80 %, column generation bounds the rest:\n"
     "summary.bound, the gap to the optimum)",
     FLAG(cli_solve_opts, no_bound)},
    {"no-columns", 0, NULL,
     "no column generation in the route recombinations (by\n"
     "default, in timed runs, the duals of the pool's LP price\n"
     "new routes, which its MIP may choose)",
     FLAG(cli_solve_opts, no_columns)},
    {"prove", 0, NULL,
     "try to prove the schedule optimal: 20 % of the time searches,\n"
     "the rest generates columns and solves the integer master\n"
     "over them (proven_optimal when the gap closes)",
     FLAG(cli_solve_opts, prove)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command solve = {
    "solve", "solve a problem file and write the schedule",
    "fieldplan solve PROBLEM [-o SCHEDULE] [--time-limit S] [--seed N]\n"
    "                [--format native|solomon|vroom] [--output-format native|vroom]\n"
    "                [--threads N] [--iterations N] [--quiet]\n"
    "                [--osrm URL | --valhalla URL] [--write-problem F]\n"
    "                [--no-bound] [--no-columns] [--prove]",
    "Assigns and orders the jobs of PROBLEM into one route per technician-shift\n"
    "and writes the schedule (docs/format.md). Every schedule written has passed\n"
    "the engine's checker; every unassigned job carries a reason.",
    "Progress goes to stderr once a second (--progress-interval): elapsed time, best\n"
    "travel, jobs assigned.\n"
    "Exit codes: 0 written, 2 bad input or usage, 3 I/O error, 70 internal error.",
    solve_opts, cli_cmd_solve,
};

static const cli_opt_spec check_opts[] = {
    {"format", 0, "F", "format of PROBLEM: native (JSON, default), solomon or vroom",
     CUSTOM(cli_problem_opts, format, cli_opt_format)},
    {"json", 0, NULL,
     "print {\"ok\": true, \"summary\": {...}} or {\"ok\": false,\n"
     "\"violations\": [...], \"total\": N}",
     FLAG(cli_problem_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command check = {
    "check", "check a schedule against its problem (the engine's own checker)",
    "fieldplan check PROBLEM SCHEDULE [--format native|solomon|vroom] [--json]",
    "Checks SCHEDULE against every rule of the format (docs/format.md) with the\n"
    "engine's own checker and recomputes its summary. Prints 'ok' and the totals\n"
    "when it is valid; otherwise each violation (the first 50) on its own line.",
    "Exit codes: 0 valid, 1 the schedule breaks a rule, 2 bad input or usage,\n"
    "3 file not readable.",
    check_opts, cli_cmd_check,
};

static const cli_opt_spec validate_opts[] = {
    {"format", 0, "F",
     "native (JSON, the default), solomon (Solomon VRPTW text) or vroom\n"
     "(VROOM's JSON input)",
     CUSTOM(cli_problem_opts, format, cli_opt_format)},
    {"json", 0, NULL,
     "print {\"valid\": true, \"locations\", \"technicians\", ...} or\n"
     "{\"valid\": false, \"error\"} (the error also on stderr)",
     FLAG(cli_problem_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command validate = {
    "validate", "validate a problem file and print what it holds",
    "fieldplan validate PROBLEM [--format native|solomon|vroom] [--json]",
    "Reads PROBLEM and checks it against the problem format (docs/format.md).\n"
    "Prints a one-line summary when it is valid; otherwise the first error,\n"
    "naming the file, the record and the field. A CSV file is named as such, with\n"
    "how to import it into a database.",
    "Exit codes: 0 valid, 2 invalid problem or usage, 3 file not readable.",
    validate_opts, cli_cmd_validate,
};

/* ---- the store: db, import, matrix, plan, show, runs, export ---- */

static const cli_opt_spec matrix_opts[] = {
    {"from-csv", 0, "F", "legs from the CSV file F: from,to,duration_s,distance_m",
     STR(cli_matrix_opts, from_csv)},
    {"osrm", 0, "URL", "legs from the OSRM server at URL (table service)",
     STR(cli_matrix_opts, router.osrm)},
    {"valhalla", 0, "URL", "legs from the Valhalla server at URL (sources_to_targets)",
     STR(cli_matrix_opts, router.valhalla)},
    {"profile", 0, "P", "OSRM profile (default driving) or Valhalla costing (default auto)",
     STR(cli_matrix_opts, router.profile)},
    {"chunk", 0, "N", "at most N sources and N destinations per request (default 50)",
     INT(cli_matrix_opts, router.chunk, 1, 1000)},
    {"attempts", 0, "N", "tries per request before giving up (default 4)",
     INT(cli_matrix_opts, router.attempts, 1, 20)},
    {"timeout", 0, "S", "seconds per request (default 60)",
     DBL(cli_matrix_opts, router.timeout, 0.1, 3600)},
    {"json", 0, NULL, "print the counts as one JSON object", FLAG(cli_matrix_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command matrix = {
    "matrix", "fill the travel table from a CSV file or a road router (OSRM, Valhalla)",
    "fieldplan matrix DB --from-csv F\n"
    "fieldplan matrix DB --osrm URL | --valhalla URL [--profile P] [--chunk N]\n"
    "                 [--attempts N] [--timeout S] [--json]",
    "Stores travel legs in DB's travel table and makes the matrix model current;\n"
    "plan, whatif and slots then use them.\n"
    "--from-csv reads rows from,to,duration_s,distance_m (location ids, seconds,\n"
    "metres; decimals are rounded; distance_m may be empty).\n"
    "--osrm and --valhalla fetch only the pairs of locations that the table lacks\n"
    "(every such location needs lat and lon), in requests of at most --chunk\n"
    "sources x --chunk destinations, each tried up to --attempts times with a\n"
    "growing pause; an answer that a block is too big halves it. Everything is\n"
    "fetched first and written in one transaction: a failure writes nothing and\n"
    "names the request that failed (docs/router.md).",
    "Exit codes: 0 stored, 2 bad file, refused request or usage, 3 router or\n"
    "database not reachable, 4 database busy.",
    matrix_opts, cli_cmd_matrix,
};

static const cli_opt_spec db_opts[] = {
    {"timezone", 0, "TZ",
     "the IANA zone of the times in CSV files and of shift dates\n"
     "(default: the first imported JSON problem's zone, else UTC)",
     STR(cli_db_opts, timezone)},
    {"json", 0, NULL,
     "print {\"database\", \"action\", \"ok\", \"schema_version\"} (with\n"
     "\"error\" when not ok; the error also on stderr)",
     FLAG(cli_db_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command db = {
    "db", "create, check or set the time zone of a database (init, check, set-timezone)",
    "fieldplan db init DB [--timezone TZ] [--json]\n"
    "fieldplan db check DB [--json]\n"
    "fieldplan db set-timezone DB TZ [--json]",
    "init creates the database DB with the current schema (docs/schema.md), or\n"
    "migrates an older one forward; an existing current database is left as it is.\n"
    "check runs PRAGMA integrity_check and foreign_key_check, and lists the jobs\n"
    "whose status is scheduled although no route of the published version serves\n"
    "them (exit 1).\n"
    "set-timezone changes the database's zone while no version has been published;\n"
    "times already stored stay as they are: import the CSV files again to read\n"
    "their local times in the new zone.",
    "Exit codes: 0 ok, 1 check found a problem, 2 usage, 3 I/O error.",
    db_opts, cli_cmd_db,
};

static const cli_opt_spec import_opts[] = {
    {"timezone", 0, "TZ",
     "the IANA zone of the CSV files' times: a new database takes it; an\n"
     "existing one must have it",
     STR(cli_import_opts, timezone)},
    {"quiet", 'q', NULL, "print nothing on success (--json is still printed)",
     FLAG(cli_import_opts, quiet)},
    {"json", 0, NULL, "print {\"files\": [{\"file\", \"kind\", \"new\", \"updated\"}]}",
     FLAG(cli_import_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command import = {
    "import", "import JSON problems and CSV files into a database",
    "fieldplan import DB FILE... [--timezone TZ] [--json] [--quiet]",
    "Loads each FILE into the database DB, upserting by id:\n"
    "a JSON problem (docs/format.md), or a CSV file of locations, technicians,\n"
    "shifts, absences or jobs (columns in docs/schema.md; the kind comes from the\n"
    "file name's prefix, jobs*.csv etc., else from the header row). Files are\n"
    "imported in dependency order (problems, locations, technicians, shifts,\n"
    "absences, jobs), each whole or not at all: a bad row rejects its file with\n"
    "file, row, column and reason, and the import stops there (files before it\n"
    "stay imported).\n\n"
    "A missing DB is created when its time zone is known: from --timezone, or\n"
    "from a JSON problem among the files (CSV times carry no zone). Importing CSV\n"
    "times without an offset into a database in UTC warns: if they are local\n"
    "times, set the zone with 'fieldplan db set-timezone DB TZ' and import again.",
    "Exit codes: 0 all imported, 2 bad file or usage, 3 I/O error, 4 database busy.",
    import_opts, cli_cmd_import,
};

static const cli_opt_spec plan_opts[] = {
    {"from", 0, "DATE", "first day, YYYY-MM-DD (required)", REQUIRED_STR(cli_plan_opts, from)},
    {"days", 0, "N", "number of days (default 1)",
     INT64(cli_plan_opts, days, 1, IO_STORE_MAX_DAYS)},
    {"time-limit", 0, "S", "search time in seconds (default 10)",
     DBL(cli_plan_opts, search.time_limit, 0.001, 1e7)},
    {"seed", 0, "N", "random seed (default 1)", INT64(cli_plan_opts, search.seed, 0, INT64_MAX)},
    {"iterations", 0, "N",
     "stop after N search iterations: with the same data and\n"
     "seed, the same schedule (a time-limited run may differ)",
     INT64(cli_plan_opts, search.iterations, 1, INT64_MAX / 2)},
    {"threads", 0, "N", "search threads (default 1)", INT(cli_plan_opts, threads, 1, 64)},
    {"move-penalty", 0, "S",
     "cost, in seconds of travel, of moving a published job to\n"
     "another technician or day (default 600)",
     INT64(cli_plan_opts, search.move_penalty, 0, 1000000000)},
    {"shift-penalty", 0, "S",
     "cost of moving a published start by more than 15 min\n"
     "(default 60)",
     INT64(cli_plan_opts, search.shift_penalty, 0, 1000000000)},
    {"prefer-last-technician", 0, "BONUS_S",
     "prefer, by a bonus of BONUS_S seconds, the technicians who\n"
     "served each job's customer last (default 0: no bonus)",
     INT64(cli_plan_opts, prefer_last, 0, 31536000)},
    {"no-bound", 0, NULL,
     "no lower bound: the search has the whole time limit (by\n"
     "default it has 80 %, column generation bounds the rest)",
     FLAG(cli_plan_opts, search.no_bound)},
    {"no-columns", 0, NULL, "no column generation in the route recombinations",
     FLAG(cli_plan_opts, search.no_columns)},
    {"out", 'o', "DIR", "also write DIR/problem.json and DIR/schedule.json",
     STR(cli_plan_opts, out)},
    {"wait", 0, "S", "wait up to S seconds for another plan on DB (default 0)",
     DBL(cli_plan_opts, wait, 0, 1e7)},
    {"draft", 0, NULL, "store the version as a draft; keep the published one",
     FLAG(cli_plan_opts, draft)},
    {"max-dropped", 0, "N",
     "refuse to publish a plan that drops more than N jobs the\n"
     "published version serves (default 2 % of them, at least 1)",
     INT64(cli_plan_opts, max_dropped, 0, 1000000000)},
    {"force", 0, NULL,
     "publish even if the guard refuses (what it drops is\n"
     "recorded in the run's message)",
     FLAG(cli_plan_opts, force)},
    {"json", 0, NULL, "print the run's figures as one JSON object instead of a line",
     FLAG(cli_plan_opts, json)},
    {"quiet", 'q', NULL, "print nothing on success (--json is still printed)",
     FLAG(cli_plan_opts, quiet)},
    {"verbose", 'v', NULL,
     "report each step and the search's progress on stderr (the\n"
     "progress alone is shown anyway when stderr is a terminal)",
     FLAG(cli_plan_opts, verbose)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command plan = {
    "plan", "plan a horizon of days from a database and publish the schedule",
    "fieldplan plan DB --from DATE [--days N] [--time-limit S] [--seed N]\n"
    "               [--out DIR] [--wait S] [--move-penalty S] [--shift-penalty S]\n"
    "               [--iterations N] [--threads N] [--draft] [--max-dropped N]\n"
    "               [--force] [--json] [--quiet] [--verbose]",
    "Plans the days DATE .. DATE+N-1 (in the database's time zone): the open,\n"
    "scheduled and started jobs and the technicians' shifts in those days. Jobs\n"
    "that are started or locked stay where the published version has them. The\n"
    "schedule is checked, then stored with the run record as a new version that\n"
    "replaces the published one, all in one transaction (docs/schema.md).\n"
    "When a published version covers some of these days, jobs keep their\n"
    "technician and day unless moving them pays more than the penalties; a re-plan\n"
    "of unchanged data keeps the published schedule unless it finds a better one.\n"
    "Before publishing, the guard refuses a plan that drops more than --max-dropped\n"
    "of the jobs the published version serves (on or after DATE), serves no job\n"
    "while it serves some, or loses a confirmed appointment (a job booked with\n"
    "'fieldplan book': unassigned, or outside its slot); it lists the jobs and\n"
    "nothing is stored. --force publishes anyway and records what was dropped in\n"
    "the run's message; --draft is never refused.",
    "Exit codes: 0 published, 1 the schedule failed the check (the run is recorded,\n"
    "nothing is published), 2 bad input or usage, 3 I/O error (database or --out),\n"
    "4 another plan holds the database, 5 refused by the guard (nothing stored),\n"
    "70 internal error.",
    plan_opts, cli_cmd_plan,
};

static const cli_opt_spec show_opts[] = {
    {"version", 0, "V", "show version V instead of the published one",
     INT64(cli_show_opts, version, 1, INT64_MAX)},
    {"technician", 0, "T", "only technician T (no unassigned list)",
     STR(cli_show_opts, technician)},
    {"date", 0, "D", "only the day D", CUSTOM(cli_show_opts, date, cli_opt_date)},
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
    show_opts, cli_cmd_show,
};

const cli_opt_spec cli_help_only_opts[] = {
    HELP_OPT,
    END_OPTS,
};

static const cli_opt_spec runs_opts[] = {
    {"json", 0, NULL, "print {\"runs\": [{\"run\", \"started_at\", \"outcome\", ...}]}",
     FLAG(cli_runs_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command runs = {
    "runs", "list the plan runs stored in a database",
    "fieldplan runs DB [--json]",
    "Lists every plan run, oldest first: when it started (local time of this\n"
    "machine), the horizon, seed and time limit, its outcome and version, jobs\n"
    "assigned, unassigned weight, travel, jobs moved against the version before,\n"
    "and the search time. `fieldplan export DB --run R` writes a run's problem and\n"
    "schedule.",
    "Exit codes: 0 ok, 2 usage, 3 I/O error.",
    runs_opts, cli_cmd_runs,
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
    export_opts, cli_cmd_export,
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
    {"quiet", 'q', NULL, "print nothing on success (--json is still printed)",
     FLAG(cli_feeds_opts, quiet)},
    {"json", 0, NULL, "print {\"version\", \"feeds\", \"events\", \"out\", \"stored\"}",
     FLAG(cli_feeds_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command feeds = {
    "feeds", "write every technician's iCalendar feed of the published plan",
    "fieldplan feeds DB --out DIR [--refresh S] [--past-days N] [--breaks] [--json]\n"
    "                [--quiet]",
    "Writes one iCalendar feed per technician, DIR/TECHNICIAN.ics, with the visits\n"
    "of the published version and of the N days before it (docs/feeds.md). Each\n"
    "file is replaced atomically: a reader sees the old feed or the new one. Every\n"
    "event keeps its UID for good; its SEQUENCE rises whenever its technician,\n"
    "start, end or location changed since the feeds were last built. Use\n"
    "'fieldplan serve' to publish them behind secret per-technician URLs.",
    "Exit codes: 0 ok, 2 usage or no published version, 3 I/O error.",
    feeds_opts, cli_cmd_feeds,
};

static const cli_opt_spec serve_opts[] = {
    {"listen", 0, "HOST:PORT",
     "numeric address and port (default 127.0.0.1:8080;\n"
     "[::1]:8080 for IPv6; port 0 picks a free one)",
     CUSTOM(cli_serve_opts, listen, cli_serve_parse_listen)},
    {"threads", 0, "N", "worker threads (default 2)",
     INT(cli_serve_opts, server.threads, 1, 256)},
    {"max-connections", 0, "N", "open connections at most (default 2048)",
     INT(cli_serve_opts, server.max_connections, 1, 100000)},
    {"queue", 0, "N", "connections waiting beyond --max-connections (default 1024)",
     INT(cli_serve_opts, server.queue, 1, 65535)},
    {"max-per-ip", 0, "N", "connections from one address (default 128; 0: no limit)",
     INT(cli_serve_opts, server.max_per_ip, 0, 100000)},
    {"trusted-proxy", 0, "ADDR",
     "numeric address of a proxy whose X-Forwarded-For\n"
     "names the client (per-address limit and log)",
     STR(cli_serve_opts, server.trusted_proxy)},
    {"max-request-bytes", 0, "N", "request line and headers at most (default 8192)",
     CUSTOM(cli_serve_opts, server.max_request_bytes, cli_opt_request_bytes)},
    {"timeout", 0, "S", "close idle connections after S seconds (default 30)",
     INT(cli_serve_opts, server.timeout_s, 1, 86400)},
    {"head-timeout", 0, "S", "request line and headers within S seconds (default 10)",
     INT(cli_serve_opts, server.head_timeout_s, 1, 3600)},
    {"refresh", 0, "S", "REFRESH-INTERVAL of the feeds (default 3600)",
     INT(cli_serve_opts, server.feed.refresh_s, IO_FEED_MIN_REFRESH_S, IO_FEED_MAX_REFRESH_S)},
    {"past-days", 0, "N", "days before the published horizon kept (default 14)",
     INT(cli_serve_opts, server.feed.past_days, 0, 366)},
    {"breaks", 0, NULL, "breaks as events of their own",
     FLAG(cli_serve_opts, server.feed.breaks)},
    {"log-rate", 0, "N", "request log lines a second at most (default 50;\n"
     "0: no limit)", INT(cli_serve_opts, server.log_rate, 0, 1000000)},
    {"quiet", 'q', NULL, "no request log", FLAG(cli_serve_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command serve = {
    "serve", "serve the calendar feeds, and the dispatchers' report, over HTTP",
    "fieldplan serve DB [--listen HOST:PORT] [--threads N] [--max-connections N]\n"
    "                [--queue N] [--max-per-ip N] [--trusted-proxy ADDR]\n"
    "                [--max-request-bytes N] [--timeout S] [--head-timeout S]\n"
    "                [--refresh S] [--past-days N] [--breaks] [--log-rate N] [--quiet]",
    "Serves every technician's calendar feed at GET /feeds/TOKEN.ics, straight from\n"
    "the database's published version ('fieldplan tokens' issues the tokens), and\n"
    "each dispatcher's page, the published version's HTML report as 'fieldplan\n"
    "report' draws it, rendered when asked, at GET /report/TOKEN ('fieldplan tokens\n"
    "DB issue --dispatcher NAME'; ETag and 304; Content-Security-Policy, no\n"
    "referrer; the log names the dispatcher, never the token). A\n"
    "new plan, import or token change is picked up by the next request. Only GET\n"
    "and HEAD; ETag, Last-Modified and 304 Not Modified; an unknown, rotated or\n"
    "revoked token gets 404 like any other path; while a change cannot be read,\n"
    "503. One log line per request (at most --log-rate a second) goes to standard\n"
    "error, naming the technician, never the token. SIGTERM or SIGINT stops the\n"
    "server. Put a TLS proxy in front of it for https:// URLs (--trusted-proxy).",
    "Exit codes: 0 stopped by a signal, 2 usage, 3 cannot open DB or listen.",
    serve_opts, cli_cmd_serve,
};

static const cli_opt_spec tokens_opts[] = {
    {"base-url", 0, "URL",
     "the server's public address (default: $FIELDPLAN_FEED_BASE_URL,\n"
     "else " CLI_TOKENS_DEFAULT_BASE_URL "); URLs are URL/feeds/TOKEN.ics",
     STR(cli_tokens_opts, base_url)},
    {"dispatcher", 0, "NAME",
     "issue, rotate or revoke dispatcher NAME's report URL\n"
     "(URL/report/TOKEN: the published plan as 'fieldplan report'\n"
     "draws it) instead of a technician's feed",
     STR(cli_tokens_opts, dispatcher)},
    {"json", 0, NULL, "list: {\"technicians\": [...], \"dispatchers\": [...]}",
     FLAG(cli_tokens_opts, json)},
    HELP_OPT,
    END_OPTS,
};

static const cli_command tokens = {
    "tokens", "issue, rotate, revoke or list the technicians' feed URLs and dispatchers' report URLs",
    "fieldplan tokens DB issue [TECH] [--base-url URL]\n"
    "fieldplan tokens DB rotate TECH [--base-url URL]\n"
    "fieldplan tokens DB revoke TECH\n"
    "fieldplan tokens DB issue|rotate|revoke --dispatcher NAME [--base-url URL]\n"
    "fieldplan tokens DB list [TECH] [--json]",
    "Manages the secret feed URLs that 'fieldplan serve' answers:\n"
    "  issue   a token for TECH, or for every technician that has none; prints\n"
    "          the subscription URLs (webcal:// and https://); shown only now\n"
    "  rotate  a new token for TECH; the old URL stops working at once\n"
    "  revoke  TECH's token; its URL stops working at once\n"
    "  list    technicians and whether they have a token (never the token), then\n"
    "          the dispatchers that have one\n"
    "A dispatcher (--dispatcher NAME: a person or a desk) gets a URL of its own,\n"
    "BASE/report/TOKEN, under which 'fieldplan serve' shows the published plan as\n"
    "the HTML report ('fieldplan report'), rendered when asked; a feed token never\n"
    "opens it, and revoking one kind leaves the other alone.",
    "Exit codes: 0 ok, 2 usage or unknown technician, 3 I/O error.",
    tokens_opts, cli_cmd_tokens,
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
    help_opts, cli_cmd_help,
};

static const cli_command completion = {
    "completion", "print a shell script that completes fieldplan's commands and options",
    "fieldplan completion bash",
    "Prints a bash script that completes the commands and each command's options;\n"
    "load it with 'source <(fieldplan completion bash)' or install it as\n"
    "share/bash-completion/completions/fieldplan.",
    "Exit codes: 0 ok, 2 a shell other than bash or usage, 3 cannot write.",
    cli_help_only_opts, cli_cmd_completion,
};

const cli_command *const cli_commands[] = {
    &solve, &check, &validate,                           /* the engine */
    &db, &import, &matrix, &plan, &show, &runs, &export, /* the store */
    &feeds, &serve, &tokens,                             /* calendar feeds */
    &cli_command_whatif, &cli_command_diff, &cli_command_slots, &cli_command_book, &cli_command_publish,             /* what-if, appointments */
    &cli_command_report,                                             /* the dispatcher's picture */
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

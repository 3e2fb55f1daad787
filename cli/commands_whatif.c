/* commands_whatif.c - the command table's what-if, appointment and report
 * commands (whatif, diff, slots, book, publish, report); the rest is in
 * cli/commands.c, which lists them all. */
#include <stddef.h>
#include <string.h>

#include "cli/command_opts.h"
#include "cli/commands_internal.h"
#include "cli/report_opts.h"

/* ---- what-if and appointments: whatif, diff, slots, book, publish ---- */

static const cli_opt_spec whatif_opts[] = {
    {"scenario", 's', "FILE", "the changes (required)", REQUIRED_STR(cli_whatif_opts, scenario)},
    {"version", 0, "V",
     "start from version V (a number or a saved name) instead\n"
     "of the published one",
     STR(cli_whatif_opts, version)},
    {"time-limit", 0, "S", "search time in seconds (default 5)",
     DBL(cli_whatif_opts, search.time_limit, 0.001, 1e7)},
    {"iterations", 0, "N", "stop after N search iterations (deterministic)",
     INT64(cli_whatif_opts, search.iterations, 1, INT64_MAX / 2)},
    {"seed", 0, "N", "random seed (default 1)", INT64(cli_whatif_opts, search.seed, 0, INT64_MAX)},
    {"move-penalty", 0, "S",
     "cost, in seconds of travel, of moving a job to another\n"
     "technician or day (default 3600)",
     INT64(cli_whatif_opts, search.move_penalty, 0, 1000000000)},
    {"shift-penalty", 0, "S", "cost of moving a start by more than 15 min (default 900)",
     INT64(cli_whatif_opts, search.shift_penalty, 0, 1000000000)},
    {"no-bound", 0, NULL,
     "no lower bound: the search has the whole time limit (by\n"
     "default it has 80 %, column generation bounds the rest)",
     FLAG(cli_whatif_opts, search.no_bound)},
    {"no-columns", 0, NULL, "no column generation in the route recombinations",
     FLAG(cli_whatif_opts, search.no_columns)},
    {"save", 0, "NAME",
     "keep the result as a draft version named NAME; publish it\n"
     "with 'fieldplan publish DB --version NAME'",
     CUSTOM(cli_whatif_opts, save, cli_opt_save_name)},
    {"json", 0, NULL, "print {\"kpis\": {\"before\", \"after\"}, \"changes\": [...]}",
     FLAG(cli_whatif_opts, json)},
    {"quiet", 'q', NULL, "print nothing but errors and warnings (--json is still\nprinted)",
     FLAG(cli_whatif_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

const cli_command cli_command_whatif = {
    "whatif", "re-plan the published version under a scenario and show what changes",
    "fieldplan whatif DB --scenario FILE [--version V] [--time-limit S]\n"
    "                 [--iterations N] [--seed N] [--move-penalty S]\n"
    "                 [--shift-penalty S] [--save NAME] [--json] [--quiet]",
    "Applies the changes of FILE (docs/whatif.md: technician absent, shift\n"
    "changed, skill added or removed, job added, cancelled or updated, travel\n"
    "slower) to the problem the published version solved, re-plans starting from\n"
    "that version, keeping jobs where they are unless moving them is needed or\n"
    "pays more than the penalties, and prints the KPIs before and after and every\n"
    "job that moves, shifts, or is left unassigned (with its reason). The\n"
    "published version is not changed.",
    "Exit codes: 0 ok (jobs the scenario leaves unassigned are reported, not an\n"
    "error), 2 bad scenario or usage, 3 I/O error, 70 internal error.",
    whatif_opts, cli_cmd_whatif,
};

static const cli_opt_spec diff_opts[] = {
    {"json", 0, NULL, "print {\"kpis\": {\"before\", \"after\"}, \"changes\": [...]}",
     FLAG(cli_diff_opts, json)},
    HELP_OPT,
    END_OPTS,
};

const cli_command cli_command_diff = {
    "diff", "compare two stored versions: KPIs and the jobs that change",
    "fieldplan diff DB V1 V2 [--json]",
    "Compares two stored versions: KPIs side by side (assigned, unassigned weight,\n"
    "travel, working time, overtime against V1's shifts, jobs moved, appointments\n"
    "changed) and every job that moved to another technician or day, shifted by\n"
    "more than 15 minutes, or was left unassigned, added or removed. A version is\n"
    "a number (see 'fieldplan runs'), a what-if's saved name, or 'published'.",
    "Exit codes: 0 ok, 2 no such version or usage, 3 I/O error.",
    diff_opts, cli_cmd_diff,
};

static const cli_opt_spec slots_opts[] = {
    {"job", 0, "JOB.json", "the job (required; its id defaults to 'new-job')",
     REQUIRED_STR(cli_slots_opts, job)},
    {"from", 0, "DATE", "first day (default: the plan's first day)", STR(cli_slots_opts, from)},
    {"days", 0, "N", "number of days (default: to the plan's last day)",
     INT64(cli_slots_opts, days, 1, 366)},
    {"slot-length", 0, "L", "window length: 2h, 90m, 1h30m (default 2h)",
     CUSTOM(cli_slots_opts, length_s, cli_slots_parse_length)},
    {"day", 0, "HH:MM-HH:MM", "the hours windows are cut from (default 08:00-16:00)",
     STR(cli_slots_opts, day)},
    {"windows", 0, "LIST",
     "the windows instead, comma-separated: HH:MM-HH:MM on every\n"
     "day, or START/END (ISO 8601 times)",
     STR(cli_slots_opts, windows)},
    {"limit", 0, "K", "show the K best (default 10; 0: all)",
     INT64(cli_slots_opts, limit, 0, CLI_SLOTS_MAX_WINDOWS)},
    {"json", 0, NULL,
     "a JSON list of {\"start\", \"end\", \"technician\",\n"
     "\"extra_travel_s\", \"service_start\", \"best\"}, best first",
     FLAG(cli_slots_opts, json)},
    {"verbose", 'v', NULL, "time each step on stderr", FLAG(cli_slots_opts, verbose)},
    HELP_OPT,
    END_OPTS,
};

const cli_command cli_command_slots = {
    "slots", "offer appointment windows for a new job in the published plan",
    "fieldplan slots DB --job JOB.json [--from DATE] [--days N]\n"
    "                [--slot-length 2h] [--day 08:00-16:00] [--windows LIST]\n"
    "                [--limit K] [--json] [--verbose]",
    "Offers appointment windows for a new job (JOB.json: a job as in the problem\n"
    "format: location, duration_min, skills, priority, deadline...; its location\n"
    "may be an object {\"id\", \"lat\", \"lon\", \"address\"}). A window is offered when\n"
    "the job can start within it on some technician's route of the published plan\n"
    "while every other job keeps its technician, its order and its window; it is\n"
    "ranked by the travel it adds. Nothing is stored: book one with\n"
    "'fieldplan book DB --job JOB.json --slot START/END'.",
    "A job's own windows, release and deadline narrow the windows offered.\n"
    "Exit codes: 0 ok (also when no window fits), 2 bad job file or usage,\n"
    "3 I/O error.",
    slots_opts, cli_cmd_slots,
};

static const cli_opt_spec book_opts[] = {
    {"job", 0, "FILE", "the job (required)", STR(cli_book_opts, job)},
    {"slot", 0, "START/END",
     "the window, ISO 8601 times (wall time in the database's\n"
     "zone without an offset); END may be HH:MM:\n"
     "2026-11-24T10:00/12:00",
     STR(cli_book_opts, slot)},
    {"wait", 0, "S", "wait up to S seconds for a running plan (default 0)",
     DBL(cli_book_opts, wait, 0, 1e7)},
    {"feeds", 0, "DIR",
     "also rewrite the technicians' calendar feeds in DIR\n"
     "('fieldplan serve' follows the new version by itself)",
     STR(cli_book_opts, feeds)},
    {"json", 0, NULL, "print the booking as one JSON object", FLAG(cli_book_opts, json)},
    {"quiet", 'q', NULL, "print nothing on success (--json is still printed)",
     FLAG(cli_book_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

const cli_command cli_command_book = {
    "book", "book a new job into the published plan in a given window",
    "fieldplan book DB --job JOB.json --slot START/END [--wait S] [--feeds DIR]\n"
    "               [--json] [--quiet]",
    "Books a new job (JOB.json, as for 'fieldplan slots'; its \"id\" is required)\n"
    "with the appointment window START/END: it is inserted into the published plan\n"
    "where it adds the least travel, every other job keeping its technician, its\n"
    "order and its window, and the result is published as a new version; the job\n"
    "is added to the database with that window. A slot that no longer fits is\n"
    "refused and nothing changes.",
    "Exit codes: 0 booked, 2 bad job file, slot no longer available or usage,\n"
    "3 I/O error, 4 a plan holds the database.",
    book_opts, cli_cmd_book,
};

static const cli_opt_spec publish_opts[] = {
    {"version", 0, "V", "the draft to publish, or the earlier version to restore\n"
     "(required)", REQUIRED_STR(cli_publish_opts, version)},
    {"force", 0, NULL,
     "publish even if another version was published since, or\n"
     "if the guard refuses (what it drops is recorded)",
     FLAG(cli_publish_opts, force)},
    {"max-dropped", 0, "N",
     "refuse a version that drops more than N jobs the published\n"
     "version serves (default 2 % of them, at least 1)",
     INT64(cli_publish_opts, max_dropped, 0, 1000000000)},
    {"wait", 0, "S", "wait up to S seconds for a running plan (default 0)",
     DBL(cli_publish_opts, wait, 0, 1e7)},
    {"feeds", 0, "DIR", "also rewrite the technicians' calendar feeds in DIR",
     STR(cli_publish_opts, feeds)},
    {"json", 0, NULL,
     "print {\"version\", \"superseded\", \"already_published\",\n"
     "\"restored_from\", \"dropped\": [{\"job\", \"why\"}], \"added_unassigned\"}",
     FLAG(cli_publish_opts, json)},
    {"quiet", 'q', NULL, "print nothing on success (but what --json asks for)",
     FLAG(cli_publish_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

const cli_command cli_command_publish = {
    "publish", "publish a draft version (a saved what-if), or restore an earlier one",
    "fieldplan publish DB --version V [--force] [--max-dropped N] [--wait S]\n"
    "                  [--feeds DIR] [--json] [--quiet]",
    "Publishes draft version V (a number, or the name given to 'fieldplan whatif\n"
    "--save'): it replaces the published version, job statuses follow it, and the\n"
    "changes of its scenario (absences, shifts, skills, jobs added, updated or\n"
    "cancelled) are recorded in the database, so that the next plan keeps them.\n"
    "A draft planned against another version than the one published now is\n"
    "refused (its publication would undo the newer one) unless --force.\n"
    "The guard refuses a version that drops more than --max-dropped of the jobs\n"
    "the published version serves, serves no job while it serves some, or loses a\n"
    "confirmed appointment (a job booked with 'fieldplan book': unassigned, or\n"
    "outside its slot); it lists the jobs, and nothing is changed. --force\n"
    "publishes anyway and records what was dropped in the run's message.\n"
    "A superseded version V is restored (a rollback): its routes are carried over\n"
    "to today's data of its horizon and published as a new version; jobs done or\n"
    "cancelled since, or whose technician's shift is gone, are dropped and listed;\n"
    "if what is left breaks today's rules (a shortened shift, a changed window),\n"
    "nothing is restored. The guard applies as above. The published version\n"
    "itself: nothing to do (docs/whatif.md, \"Rollback\").",
    "Exit codes: 0 published or restored (or already published), 1 the restored\n"
    "version breaks today's rules, 2 no such version, refused or usage, 3 I/O\n"
    "error, 4 a plan holds the database, 5 refused by the guard.",
    publish_opts, cli_cmd_publish,
};

/* ---- the dispatcher's picture: report ---- */

static const cli_opt_spec report_opts[] = {
    {"output", 'o', "F", "write the page to F (atomically); default: standard output",
     STR(cli_report_opts, output)},
    {"problem", 0, "P", "the argument is a schedule file of problem P", STR(cli_report_opts, problem)},
    {"format", 0, "F", "format of --problem: native (JSON, default), solomon or vroom",
     CUSTOM(cli_report_opts, format, cli_opt_format)},
    {"version", 0, "V", "the version shown (a number or a saved name; default:\n"
     "the published one)", STR(cli_report_opts, version)},
    {"compare", 0, "W",
     "compare with version W (or, for a schedule file, with\n"
     "schedule file W of the same problem): the jobs that\n"
     "changed are listed and their visits highlighted",
     STR(cli_report_opts, compare)},
    {"no-compare", 0, NULL, "no comparison, not even a draft's base version",
     FLAG(cli_report_opts, no_compare)},
    {"json", 0, NULL, "print {\"output\", \"bytes\", \"routes\", \"visits\", ...}",
     FLAG(cli_report_opts, json)},
    {"quiet", 'q', NULL, "no line on stderr about what was written", FLAG(cli_report_opts, quiet)},
    HELP_OPT,
    END_OPTS,
};

const cli_command cli_command_report = {
    "report", "draw a plan as one self-contained HTML page for dispatchers",
    "fieldplan report DB [--version V] [--compare W | --no-compare] [-o plan.html]\n"
    "fieldplan report SCHEDULE --problem P.json [--compare S0.json] [-o plan.html]",
    "Writes one HTML file that needs no network: a timeline per technician and day\n"
    "(travel, waiting, service, breaks, the customer's window as a band, late visits\n"
    "and overtime marked), a map of the routes from the locations' coordinates (left\n"
    "out without coordinates), the key figures overall and per technician, and the\n"
    "unassigned jobs with their reasons. From a database it shows the published\n"
    "version, or version V; a what-if draft (whatif --save) is compared with the\n"
    "version it started from unless --compare or --no-compare says otherwise; the\n"
    "jobs that moved, shifted, were added or assigned are highlighted and every\n"
    "change is listed. 'fieldplan serve' offers the same page to dispatchers\n"
    "('fieldplan tokens DB issue --dispatcher NAME').",
    "Exit codes: 0 written, 2 bad input, no such version or usage, 3 I/O error.",
    report_opts, cli_cmd_report,
};

/* cmd_slots.c - `fieldplan slots DB --job JOB.json`: the customer windows
 * in which a new job fits into the published plan without moving any other
 * appointment out of its window, each with the technician and the extra
 * travel, cheapest first. Read-only. Parses the options, loads the plan
 * with the job (usecase/slots.h), turns --day, --slot-length or --windows
 * into candidate windows, ranks them with the use case and prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/diff_report.h"
#include "cli/table.h"
#include "io/formats/json_out.h"
#include "model/array.h"
#include "model/time.h"
#include "usecase/slots.h"

/* "2h", "90m", "90min", "1h30m", "120" (minutes) in seconds, or -1. */
static int64_t parse_length(const char *text)
{
    int64_t total = 0, n = 0;
    bool digits = false, any = false;
    for (const char *p = text; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            n = n * 10 + (*p - '0');
            digits = true;
            if (n > 100000)
                return -1;
        } else if (*p == 'h' && digits) {
            total += n * 3600, n = 0, digits = false, any = true;
        } else if (*p == 'm' && digits) {
            total += n * 60, n = 0, digits = false, any = true;
            if (strncmp(p, "min", 3) == 0)
                p += 2;
        } else {
            return -1;
        }
    }
    if (digits)
        total += n * 60, any = true;
    return any ? total : -1;
}

/* "HH:MM" (00:00 to 24:00) in seconds after midnight, or -1. */
static int clock_s(const char *text, size_t len)
{
    int32_t s;
    if (len == 0 || len > 5 || model_clock_parse(text, len, false, &s) != MODEL_CLOCK_OK)
        return -1;
    return s;
}

/* "HH:MM-HH:MM" into seconds after midnight; false when malformed. */
static bool parse_span(const char *text, size_t len, int *a, int *b)
{
    const char *dash = memchr(text, '-', len);
    if (!dash)
        return false;
    *a = clock_s(text, (size_t)(dash - text));
    *b = clock_s(dash + 1, len - (size_t)(dash - text) - 1);
    return *a >= 0 && *b > *a;
}

bool cli_slots_parse_length(const char *cmd, const char *opt, const char *value, void *length_s)
{
    (void)opt;
    int64_t len = parse_length(value);
    if (len < 300 || len > 86400)
        return cli_usage_error(cmd, "--slot-length '%s': expected a length from 5m to 24h, like "
                                    "2h, 90m or 1h30m", value), false;
    *(int64_t *)length_s = len;
    return true;
}

typedef struct cands {
    model_window *w;
    int n, cap;
} cands;

static bool add(cands *c, int64_t start, int64_t end)
{
    if (c->n == CLI_SLOTS_MAX_WINDOWS)
        return false;
    if (model_array_grow((void **)&c->w, &c->cap, c->n + 1, sizeof *c->w, "too many windows",
                         NULL) != MODEL_OK)
        return false;
    c->w[c->n++] = (model_window){start, end};
    return true;
}

static int64_t at(const model_tz *tz, int64_t days, int secs)
{
    int y, m, d;
    model_civil_from_days(days + secs / 86400, &y, &m, &d);
    model_civil c = {y, m, d, (secs % 86400) / 3600, (secs % 3600) / 60, 0};
    return model_tz_from_civil(tz, &c);
}

/* Adds a daily span on each day, clipped by the job's own windows. */
static bool add_daily(cands *c, const model_job *job, const model_tz *tz, int64_t first,
                      int64_t ndays, int a, int b)
{
    for (int64_t d = first; d < first + ndays; d++) {
        int64_t s = at(tz, d, a), e = at(tz, d, b);
        if (job->nwindows == 0) {
            if (!add(c, s, e))
                return false;
            continue;
        }
        for (int k = 0; k < job->nwindows; k++) {
            int64_t lo = s > job->windows[k].start ? s : job->windows[k].start;
            int64_t hi = e < job->windows[k].end ? e : job->windows[k].end;
            if (lo <= hi && !add(c, lo, hi))
                return false;
        }
    }
    return true;
}

/* The candidate windows from --windows, or from --day and --slot-length. */
static int candidates(const cli_slots_opts *sa, const usecase_booking *b, cands *c)
{
    const model_problem *p = b->res.problem;
    const model_job *job = &p->jobs[b->job];
    int64_t first, last;
    model_error err = MODEL_ERROR_INIT;
    if (model_date_parse(sa->from ? sa->from : b->v->from, &first, &err) != MODEL_OK)
        return cli_usage_error("slots", "--from: %s", err.msg);
    model_date_parse(b->v->to, &last, NULL);
    int64_t ndays = sa->days ? sa->days : last - first + 1;
    if (ndays < 1)
        ndays = 1;
    if (!sa->windows) {
        int a = 8 * 3600, e = 16 * 3600;
        if (sa->day && !parse_span(sa->day, strlen(sa->day), &a, &e))
            return cli_usage_error("slots", "--day '%s': expected HH:MM-HH:MM", sa->day);
        int64_t len = sa->length_s ? sa->length_s : 7200;
        for (int64_t s = a; s + len <= e; s += len)
            if (!add_daily(c, job, p->tz, first, ndays, (int)s, (int)(s + len)))
                return cli_usage_error("slots", "more than %d windows", CLI_SLOTS_MAX_WINDOWS);
        return CLI_EXIT_OK;
    }
    for (const char *item = sa->windows; *item;) {
        size_t len = strcspn(item, ",");
        char buf[128];
        int x, y;
        if (len >= sizeof buf)
            return cli_usage_error("slots", "--windows: '%.*s' is too long", (int)len, item);
        memcpy(buf, item, len);
        buf[len] = '\0';
        model_window w;
        if (strchr(buf, '/')) {
            if (!usecase_slot_parse(buf, p->tz, &w, &err))
                return cli_usage_error("slots", "--windows: %s", err.msg);
            if (!add(c, w.start, w.end))
                return cli_usage_error("slots", "more than %d windows", CLI_SLOTS_MAX_WINDOWS);
        } else if (parse_span(buf, len, &x, &y)) {
            if (!add_daily(c, job, p->tz, first, ndays, x, y))
                return cli_usage_error("slots", "more than %d windows", CLI_SLOTS_MAX_WINDOWS);
        } else {
            return cli_usage_error("slots", "--windows: '%s' is neither HH:MM-HH:MM nor "
                                            "START/END", buf);
        }
        item += len + (item[len] == ',');
    }
    return CLI_EXIT_OK;
}

static void print_json(const model_problem *p, const solver_slot *o, int n, int64_t best_max)
{
    io_json_out out = IO_JSON_OUT_INIT;
    char t[MODEL_TIME_BUF];
    model_error err = MODEL_ERROR_INIT;
    io_json_out_raw(&out, "[");
    for (int i = 0; i < n; i++) {
        io_json_out_raw(&out, i ? ",\n {\"start\": " : "\n {\"start\": ");
        io_json_out_string(&out, model_time_format(p->tz, o[i].start, t));
        io_json_out_raw(&out, ", \"end\": ");
        io_json_out_string(&out, model_time_format(p->tz, o[i].end, t));
        io_json_out_raw(&out, ", \"technician\": ");
        io_json_out_string(&out, p->technicians[o[i].technician].id);
        io_json_out_printf(&out, ", \"extra_travel_s\": %lld, \"service_start\": ",
                           (long long)o[i].extra_travel_s);
        io_json_out_string(&out, model_time_format(p->tz, o[i].service_start, t));
        io_json_out_printf(&out, ", \"best\": %s}", o[i].extra_travel_s <= best_max ? "true"
                                                                                      : "false");
    }
    io_json_out_raw(&out, n ? "\n]\n" : "]\n");
    char *text = io_json_out_finish(&out, &err);
    if (text)
        fputs(text, stdout);
    free(text);
}

static void print_text(const usecase_booking *b, const solver_slot *o, int n, int shown, int ncands,
                       int64_t best_max)
{
    static const char *const wd[7] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    const model_problem *p = b->res.problem;
    const model_job *job = &p->jobs[b->job];
    printf("Slots for %s (%lld min) in version %lld (%s to %s), cheapest first; times in %s:\n",
           job->id, (long long)(job->duration / 60), (long long)b->v->version, b->v->from,
           b->v->to, model_tz_name(p->tz));
    if (n == 0) {
        printf("  none of the %d windows fits without moving another appointment out of its "
               "window.\n", ncands);
        return;
    }
    printf("     %-26s %-28s %12s  %s\n", "window", "technician", "extra travel", "arrival");
    for (int i = 0; i < shown; i++) {
        char s[24], e[24], h[24], svc[24];
        model_civil c = model_tz_to_civil(p->tz, o[i].start);
        int64_t days = model_days_from_civil(c.year, c.month, c.day);
        model_time_wall(p->tz, o[i].start, false, s);
        model_time_wall(p->tz, o[i].end, false, e);
        model_time_wall(p->tz, o[i].service_start, false, svc);
        char tech[64];
        snprintf(tech, sizeof tech, "%s %s", p->technicians[o[i].technician].id,
                 p->technicians[o[i].technician].name ? p->technicians[o[i].technician].name
                                                      : "");
        printf("  %c  %s %s-%s  ", o[i].extra_travel_s <= best_max ? '*' : ' ',
               wd[((days % 7) + 7) % 7], s, e + 11);
        cli_table_cell(stdout, tech, 28, false); /* names by display width */
        printf(" %12s  %s\n", cli_hours(o[i].extra_travel_s, h, sizeof h), svc + 11);
    }
    printf("%d of %d windows can be offered%s; * marks the best (extra travel within 5 min or "
           "10%% of the cheapest).\n",
           n, ncands, shown < n ? " (showing the cheapest; --limit 0 shows all)" : "");
}

int cli_cmd_slots(int argc, char **argv)
{
    cli_slots_opts sa = {NULL, NULL, 0, 0, NULL, NULL, 10, false, false};
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("slots", argc, argv, &sa, &db, &prc))
        return prc;
    double t0 = cli_now();
    model_error err = MODEL_ERROR_INIT;
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = db;
    usecase_slots_options opt = {sa.job};
    usecase_slots sl;
    cands c = {0};
    int rc = CLI_EXIT_OK;
    if (usecase_slots_load(&ss, &opt, &sl, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    double t1 = cli_now();
    if ((rc = candidates(&sa, &sl.b, &c)) != CLI_EXIT_OK)
        goto done;
    if (usecase_slots_rank(&sl, c.w, c.n, &err) != MODEL_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    double t2 = cli_now();
    int n = sl.noffers;
    int shown = sa.limit && sa.limit < n ? (int)sa.limit : n;
    if (sa.json)
        print_json(sl.b.res.problem, sl.offers, shown, sl.best_max_s);
    else
        print_text(&sl.b, sl.offers, n, shown, c.n, sl.best_max_s);
    if (sa.verbose)
        fprintf(stderr, "slots: %d jobs, %d technicians; loading %.1f ms, %d windows in %.1f ms, "
                        "total %.1f ms\n",
                sl.b.res.problem->njobs, sl.b.res.problem->ntechnicians, (t1 - t0) * 1e3, c.n,
                (t2 - t1) * 1e3, (cli_now() - t0) * 1e3);
done:
    free(c.w);
    usecase_slots_free(&sl);
    return rc;
}

/* test_io_report_html.c - the HTML report (io/formats/report_html.h): one
 * element per visit, route, map line and unassigned job; late visits and
 * overtime marked from the stops and windows alone; every string from the
 * data escaped; the schedule's bound shown; changed visits marked; bad
 * indices refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/formats/report_html.h"
#include "model/diff.h"
#include "model/time.h"
#include "testlib.h"
#include "testproblem.h"

static const char problem_json[] =
    "{\"name\": \"p <&> \\\"q\\\"\", \"timezone\": \"UTC\",\n"
    " \"locations\": [{\"id\": \"depot\", \"lat\": 52.5, \"lon\": 13.4},\n"
    "   {\"id\": \"a\", \"lat\": 52.51, \"lon\": 13.41, \"address\": \"<script>x()</script>\"},\n"
    "   {\"id\": \"b\", \"lat\": 52.52, \"lon\": 13.38}],\n"
    " \"travel\": {\"model\": \"haversine\", \"speed_kmh\": 30},\n"
    " \"technicians\": [\n"
    "  {\"id\": \"t-1\", \"name\": \"Ana \\\"<b>\\\"\", \"start_location\": \"depot\", \"shifts\": [\n"
    "   {\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T17:00\"}]},\n"
    "  {\"id\": \"t-2\", \"start_location\": \"depot\", \"shifts\": [{\"start\": \"2026-11-23T08:00\", "
    "\"end\": \"2026-11-23T17:00\"}]}],\n"
    " \"jobs\": [\n"
    "  {\"id\": \"J-1\", \"location\": \"a\", \"duration_min\": 60, \"customer\": \"O'Neil & Co\", "
    "\"windows\": [{\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T12:00\"}]},\n"
    "  {\"id\": \"J-2\", \"location\": \"b\", \"duration_min\": 30, \"priority\": 3}]}\n";

static int64_t at(const model_problem *p, const char *text)
{
    int64_t t = 0;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(model_time_parse(text, p->tz, &t, &err), MODEL_OK);
    return t;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* t-1 (or tech) serves J-1 starting at `start` and ends at `end`; J-2 is
 * left unassigned. */
static model_schedule *schedule(const model_problem *p, int tech, const char *start,
                                const char *end)
{
    model_error err = MODEL_ERROR_INIT;
    model_schedule *s = NULL;
    model_route *r = NULL;
    CHECK_EQ_INT(model_schedule_create(&s, p, &err), MODEL_OK);
    CHECK_EQ_INT(model_schedule_add_route(s, tech, 0, &r, &err), MODEL_OK);
    int64_t t0 = at(p, "2026-11-23T08:00"), s1 = at(p, start), e = at(p, end);
    model_stop st0 = {MODEL_STOP_START, -1, 0, t0, t0, t0};
    model_stop st1 = {MODEL_STOP_JOB, 0, 1, s1 - 600, s1, s1 + 3600};
    model_stop st2 = {MODEL_STOP_END, -1, 0, e, e, e};
    CHECK_EQ_INT(model_route_add_stop(r, &st0, &err), MODEL_OK);
    CHECK_EQ_INT(model_route_add_stop(r, &st1, &err), MODEL_OK);
    CHECK_EQ_INT(model_route_add_stop(r, &st2, &err), MODEL_OK);
    CHECK_EQ_INT(model_schedule_add_unassigned(s, 1, "<b>no time</b>", &err), MODEL_OK);
    return s;
}

static char *render(const io_report_input *in)
{
    char *html = NULL;
    size_t len = 0;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_report_html(in, &html, &len, &err), MODEL_OK);
    CHECK(html && strlen(html) == len);
    return html;
}

static void test_report__counts_marks_and_escapes(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = problem_of_text(problem_json, "p.json");
    if (!p)
        return;
    /* on time, back before the shift ends */
    model_schedule *s = schedule(p, 0, "2026-11-23T09:00", "2026-11-23T10:30");
    io_report_input in = {p, s, "version 1", NULL, NULL, NULL, 0};
    char *html = render(&in);
    /* how often each text stands in the page */
    static const struct {
        const char *text;
        int n;
    } counts[] = {
        {"data-visit=\"", 1},
        {"data-route=\"", 1},
        {"data-route-line=\"", 1},
        {"data-unassigned=\"J-2\"", 1},
        {"data-late=", 0},
        {"data-bound=", 0}, /* the schedule claims no bound */
        {"data-overtime=", 0},
        {"<script", 1}, /* ours only */
        {"&lt;script&gt;x()&lt;/script&gt;", 1},
        {"<b>no time", 0},
        {"&lt;b&gt;no time&lt;/b&gt;", 1},
    };
    if (html) {
        for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
            int n = count(html, counts[i].text);
            if (n != counts[i].n)
                fprintf(stderr, "'%s' stands %d times in the page\n", counts[i].text, n);
            CHECK_EQ_INT(n, counts[i].n);
        }
        CHECK(strstr(html, "O&#39;Neil &amp; Co") != NULL);
        CHECK(strstr(html, "p &lt;&amp;&gt; &quot;q&quot;") != NULL);
        CHECK(strstr(html, "Ana &quot;&lt;b&gt;&quot;") != NULL);
        CHECK(strstr(html, "default-src 'none'") != NULL);
    }
    free(html);
    /* what the schedule proves of itself: one figure, of its kind */
    static const struct {
        model_bound b;
        const char *kind, *text;
    } bounds[] = {
        {{true, 0, true, 5000, true, 0.0330, true, false}, "gap", "3.30 %"},
        {{true, 0, true, 5000, true, 0, true, true}, "proven", "optimal"},
        {{true, 2, false, 0, false, 0, true, false}, "weight", "<b>2</b>"},
    };
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        s->bound = bounds[i].b;
        html = render(&in);
        char attr[64];
        snprintf(attr, sizeof attr, "data-bound=\"%s\"", bounds[i].kind);
        CHECK(html && count(html, "data-bound=") == 1 && count(html, attr) == 1 &&
              strstr(html, bounds[i].text));
        free(html);
    }
    s->bound = (model_bound){0};
    /* started after the window's end (12:00), back after the shift's (17:00) */
    model_schedule *late = schedule(p, 0, "2026-11-23T12:30", "2026-11-23T17:20");
    in.schedule = late;
    html = render(&in);
    if (html) {
        CHECK_EQ_INT(count(html, "data-late=\"1800\""), 1);
        CHECK_EQ_INT(count(html, "data-overtime=\"1200\""), 1);
        CHECK(strstr(html, "LATE by 30 min") != NULL);
    }
    free(html);
    /* the same job moved to t-2: marked, and listed as a change */
    model_schedule *moved = schedule(p, 1, "2026-11-23T09:00", "2026-11-23T10:30");
    model_diff *d = NULL;
    CHECK_EQ_INT(model_diff_compute(p, s, p, moved, &d, &err), MODEL_OK);
    io_report_input cmp = {p, moved, "draft", d, p, "version 1", 0};
    html = render(&cmp);
    if (html) {
        CHECK_EQ_INT(count(html, "data-change=\"moved\""), 1);
        CHECK_EQ_INT(count(html, "data-change-row=\"moved\""), 1);
    }
    free(html);
    model_diff_free(d);
    model_schedule_free(moved);
    model_schedule_free(late);
    model_schedule_free(s);
    model_problem_free(p);
}

static void test_report__refuses_indices_out_of_range(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = problem_of_text(problem_json, "p.json");
    if (!p)
        return;
    model_schedule *s = schedule(p, 0, "2026-11-23T09:00", "2026-11-23T10:30");
    s->routes[0].stops[1].job = 7;
    io_report_input in = {p, s, NULL, NULL, NULL, NULL, 0};
    char *html = (char *)1;
    CHECK_EQ_INT(io_report_html(&in, &html, NULL, &err), MODEL_ERR_INPUT);
    CHECK(html == NULL);
    CHECK_STR_CONTAINS(err.msg, "stops[1]");
    model_schedule_free(s);
    model_problem_free(p);
}

TESTLIB_MAIN({"report__counts_marks_and_escapes", test_report__counts_marks_and_escapes},
             {"report__refuses_indices_out_of_range", test_report__refuses_indices_out_of_range})

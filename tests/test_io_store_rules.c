/* test_io_store_rules.c - the fields of FORMAT.md extension 2 in the store:
 * imported from a model problem and from CSV files (with precise errors),
 * kept by files that lack their columns, and written into the horizon
 * problem a plan solves (its JSON text, what `export` gives back). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_problem.h"
#include "io/store/store.h"
#include "io/store/store_import.h"
#include "io/store/store_plan.h"
#include "io/store/store_query.h"
#include "testlib.h"
#include "teststore.h"

#define DATA FIELDPLAN_TEST_DATA "/store/"

static void check_text(const char *path, const char *sql, const char *want)
{
    char *v = sql_text(path, sql);
    if (!v || strcmp(v, want) != 0) {
        fprintf(stderr, "%s: got '%s', want '%s'\n", sql, v ? v : "(null)", want);
        testlib_failures++;
    }
    free(v);
}

/* Writes text to a file `name` in the test directory; returns its path. */
static const char *write_file(const char *name, const char *text)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static model_status import_text(io_store *s, const char *name, const char *text, model_error *err)
{
    return io_store_import_file(s, write_file(name, text), NULL, err);
}

/* small.json with every field of extension 2 set on its model. */
static model_problem *rules_problem(void)
{
    model_problem *p = NULL;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_json_read_problem_file(DATA "small.json", &p, &err), MODEL_OK);
    if (!p)
        return NULL;
    int t1 = model_strmap_get(&p->technician_index, "t-01");
    int t2 = model_strmap_get(&p->technician_index, "t-02");
    int j1 = model_strmap_get(&p->job_index, "J-1004");
    int boiler = model_strmap_get(&p->skill_index, "boiler");
    int heating = model_strmap_get(&p->skill_index, "heating");
    CHECK(t1 >= 0 && t2 >= 0 && j1 >= 0 && boiler >= 0 && heating >= 0);
    CHECK_EQ_INT(model_skill_levels_set(&p->technicians[t1].levels, heating, 3, &err), MODEL_OK);
    CHECK_EQ_INT(model_skill_levels_set(&p->jobs[j1].levels, heating, 2, &err), MODEL_OK);
    p->technicians[t1].shifts[0].overtime = (model_soft_limit){3600, 90 * MODEL_RATE_ONE};
    model_job *j = &p->jobs[j1];
    j->lateness = (model_soft_limit){1800, 120 * MODEL_RATE_ONE};
    CHECK_EQ_INT(model_job_add_preference(j, t2, 1800, &err), MODEL_OK);
    CHECK_EQ_INT(model_job_add_preference(j, t1, 600, &err), MODEL_OK);
    CHECK_EQ_INT(model_strdup_into(&j->contact.phone, "+49 30 1234567", &err), MODEL_OK);
    CHECK_EQ_INT(model_strdup_into(&j->contact.email, "n.lange@example.org", &err), MODEL_OK);
    CHECK_EQ_INT(model_strdup_into(&j->contact.notes, "ring twice; dog", &err), MODEL_OK);
    p->objective.balance_us_per_min = 2 * MODEL_RATE_ONE;
    return p;
}

static void test_rules__model_problem_fields_are_stored_and_planned(void)
{
    model_problem *p = rules_problem();
    if (!p)
        return;
    io_store *s = open_new("model.db");
    char db[200];
    snprintf(db, sizeof db, "%s", tmp_path("model.db"));
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_import_problem(s, p, "rules", NULL, &err), MODEL_OK);
    model_problem_free(p);
    CHECK_EQ_INT(sql_int(db, "SELECT level FROM technician_skills WHERE technician_id = 't-01' "
                             "AND skill = 'heating'"), 3);
    CHECK_EQ_INT(sql_int(db, "SELECT level FROM technician_skills WHERE technician_id = 't-01' "
                             "AND skill = 'boiler'"), 1);
    CHECK_EQ_INT(sql_int(db, "SELECT level FROM job_skills WHERE job_id = 'J-1004'"), 2);
    CHECK_EQ_INT(sql_int(db, "SELECT late_max_min FROM jobs WHERE id = 'J-1004'"), 30);
    CHECK_EQ_INT(sql_int(db, "SELECT late_cost_s_per_min FROM jobs WHERE id = 'J-1004'"), 120);
    CHECK_EQ_INT(sql_int(db, "SELECT late_max_min FROM jobs WHERE id = 'J-1001'"), -2);
    CHECK_EQ_INT(sql_int(db, "SELECT bonus_s FROM job_preferred WHERE job_id = 'J-1004' AND "
                             "technician_id = 't-02'"), 1800);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM job_preferred"), 2);
    CHECK_EQ_INT(sql_int(db, "SELECT overtime_max_min FROM shifts WHERE technician_id = 't-01' "
                             "AND date = '2026-11-23'"), 60);
    CHECK_EQ_INT(sql_int(db, "SELECT overtime_cost_s_per_min FROM shifts WHERE technician_id = "
                             "'t-01' AND date = '2026-11-23'"), 90);
    CHECK_EQ_INT(sql_int(db, "SELECT overtime_max_min FROM shifts WHERE technician_id = 't-01' "
                             "AND date = '2026-11-24'"), -2);
    check_text(db, "SELECT contact_notes FROM jobs WHERE id = 'J-1004'", "ring twice; dog");
    check_text(db, "SELECT value FROM settings WHERE key = 'balance_cost_s_per_min'", "2");
    /* the horizon problem carries them in FORMAT.md's words */
    io_store_plan *pl = load_plan(s, "2026-11-23", 2);
    if (pl) {
        const char *t = pl->problem_json;
        CHECK_STR_CONTAINS(t, "\"objective\": {\"balance_cost_s_per_min\": 2}");
        CHECK_STR_CONTAINS(t, "\"skills\": [\"boiler\", \"electrical\", \"heating:3\", \"plumbing\"]");
        CHECK_STR_CONTAINS(t, "\"skills\": [\"heating:2\"]");
        CHECK_STR_CONTAINS(t, "\"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 90}");
        CHECK_STR_CONTAINS(t, "\"lateness\": {\"max_min\": 30, \"cost_s_per_min\": 120}");
        CHECK_STR_CONTAINS(t, "\"preferred_technicians\": [{\"technician\": \"t-01\", "
                              "\"bonus_s\": 600}, {\"technician\": \"t-02\", \"bonus_s\": 1800}]");
        CHECK_STR_CONTAINS(t, "\"contact\": {\"phone\": \"+49 30 1234567\", \"email\": "
                              "\"n.lange@example.org\", \"notes\": \"ring twice; dog\"}");
        const char *ot = strstr(t, "\"overtime\"");
        CHECK(ot && !strstr(ot + 1, "\"overtime\"")); /* one shift only */
    }
    io_store_plan_free(pl);
    io_store_close(s);
}

/* The horizon problem of a store that problem p (freed) was imported
 * into, read back as a model problem; NULL after counting a failure. */
static model_problem *imported_and_planned(model_problem *p, const char *name, char **json)
{
    io_store *s = open_new(name);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_import_problem(s, p, "rules", NULL, &err), MODEL_OK);
    model_problem_free(p);
    io_store_plan *pl = load_plan(s, "2026-11-23", 2);
    model_problem *q = NULL;
    if (pl) {
        *json = strdup(pl->problem_json);
        CHECK_EQ_INT(io_json_read_problem_text(*json, strlen(*json), name, &q, &err), MODEL_OK);
    }
    io_store_plan_free(pl);
    io_store_close(s);
    return q;
}

static void test_rules__fractional_rates_are_stored_exactly(void)
{
    model_problem *p = rules_problem();
    if (!p)
        return;
    int t1 = model_strmap_get(&p->technician_index, "t-01");
    int j1 = model_strmap_get(&p->job_index, "J-1004");
    p->technicians[t1].shifts[0].overtime.cost_us_per_min = 90500000;
    p->jobs[j1].lateness.cost_us_per_min = 1;
    p->objective.balance_us_per_min = 2250000;
    char *json = NULL;
    model_problem *q = imported_and_planned(p, "fractional.db", &json);
    const char *db = tmp_path("fractional.db");
    check_text(db, "SELECT typeof(overtime_cost_s_per_min) || ' ' || overtime_cost_s_per_min "
                   "FROM shifts WHERE technician_id = 't-01' AND date = '2026-11-23'", "real 90.5");
    check_text(db, "SELECT typeof(late_cost_s_per_min) FROM jobs WHERE id = 'J-1004'", "real");
    check_text(db, "SELECT value FROM settings WHERE key = 'balance_cost_s_per_min'", "2.25");
    if (q) {
        CHECK_STR_CONTAINS(json, "\"objective\": {\"balance_cost_s_per_min\": 2.25}");
        CHECK_STR_CONTAINS(json, "\"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 90.5}");
        CHECK_STR_CONTAINS(json, "\"lateness\": {\"max_min\": 30, \"cost_s_per_min\": 0.000001}");
        int u = model_strmap_get(&q->job_index, "J-1004");
        CHECK(u >= 0 && q->jobs[u].lateness.cost_us_per_min == 1);
        CHECK_EQ_INT(q->objective.balance_us_per_min, 2250000);
    }
    free(json);
    model_problem_free(q);
}

/* small.json's text with `from` replaced (once) by `to`; NULL on failure. */
static char *small_json_with(const char *from, const char *to)
{
    FILE *f = fopen(DATA "small.json", "rb");
    char *text = f ? calloc(1, 1 << 16) : NULL;
    if (text)
        text[fread(text, 1, (1 << 16) - 1, f)] = '\0';
    if (f)
        fclose(f);
    char *at = text ? strstr(text, from) : NULL;
    CHECK(at != NULL);
    if (!at) {
        free(text);
        return NULL;
    }
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    free(text);
    return out;
}

/* A problem whose only trace of extension 2 is an objective of 0 or a
 * skill written "heating:1" keeps it through the store: the horizon
 * problem is one of extension 2, so its schedules carry the cost terms
 * the oracle then requires. */
static void test_rules__the_extension_2_marker_survives_the_store(void)
{
    static const char *const edits[2][2] = {
        {"{", "{\"objective\": {\"balance_cost_s_per_min\": 0}, "},
        {"\"skills\": [\"heating\"], \"priority\": 0", "\"skills\": [\"heating:1\"], \"priority\": 0"}};
    for (size_t i = 0; i < 2; i++) {
        char *text = small_json_with(edits[i][0], edits[i][1]), name[32];
        model_problem *p = NULL;
        model_error err = MODEL_ERROR_INIT;
        snprintf(name, sizeof name, "marker%zu.db", i);
        if (text)
            CHECK_EQ_INT(io_json_read_problem_text(text, strlen(text), name, &p, &err), MODEL_OK);
        free(text);
        if (!p)
            return;
        CHECK(model_problem_uses_extension2(p));
        char *json = NULL;
        model_problem *q = imported_and_planned(p, name, &json);
        CHECK(q && model_problem_uses_extension2(q));
        if (json)
            CHECK_STR_CONTAINS(json, "\"objective\": {\"balance_cost_s_per_min\": 0}");
        free(json);
        model_problem_free(q);
    }
    /* a problem without extension 2 leaves no marker (the text as before) */
    io_store *s;
    io_store_plan *pl = small_plan(&s, "nomarker.db", "2026-11-23", 2);
    if (pl)
        CHECK(strstr(pl->problem_json, "objective") == NULL);
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_rules__problem_without_them_plans_as_before(void)
{
    io_store *s;
    io_store_plan *pl = small_plan(&s, "plain.db", "2026-11-23", 2);
    if (!pl)
        return;
    static const char *const keys[] = {"objective", "overtime", "lateness",
                                       "preferred_technicians", "contact", ":2\"", ":3\""};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        CHECK(strstr(pl->problem_json, keys[i]) == NULL);
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_rules__extra_preferences_merge_with_stored_ones(void)
{
    model_problem *p = rules_problem();
    if (!p)
        return;
    io_store *s = open_new("extra.db");
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_import_problem(s, p, "rules", NULL, &err), MODEL_OK);
    model_problem_free(p);
    io_store_preference extra[] = {{"J-1001", "t-03", 900}, {"J-1004", "t-01", 1200},
                                   {"J-1004", "t-03", 300}, {"J-1004", "t-03", 400},
                                   {"J-9999", "t-01", 100}};
    io_store_plan *pl = NULL;
    CHECK_EQ_INT(io_store_plan_load_with(s, "2026-11-23", 2, extra, 5, &pl, &err), MODEL_OK);
    if (pl) {
        CHECK_STR_CONTAINS(pl->problem_json, "\"preferred_technicians\": [{\"technician\": "
                                             "\"t-03\", \"bonus_s\": 900}]");
        CHECK_STR_CONTAINS(pl->problem_json,
                           "\"preferred_technicians\": [{\"technician\": \"t-01\", \"bonus_s\": "
                           "1200}, {\"technician\": \"t-02\", \"bonus_s\": 1800}, "
                           "{\"technician\": \"t-03\", \"bonus_s\": 400}]");
    }
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_rules__csv_columns_are_imported_and_kept(void)
{
    io_store *s = open_new("csv.db");
    char db[200];
    snprintf(db, sizeof db, "%s", tmp_path("csv.db"));
    import_csv_set(s);
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(import_text(s, "technicians_lv.csv", "id,skills\nt-ana,gas:2; boiler;gas\n",
                             &err),
                 MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT level FROM technician_skills WHERE technician_id = 't-ana' "
                             "AND skill = 'gas'"), 2);
    CHECK_EQ_INT(sql_int(db, "SELECT level FROM technician_skills WHERE technician_id = 't-ana' "
                             "AND skill = 'boiler'"), 1);
    model_status rc = import_text(
        s, "jobs_rules.csv",
        "id,skills,late_max_min,late_cost_s_per_min,preferred_technicians,contact_phone,"
        "contact_email,contact_notes\n"
        "J-1,gas:2,30,120,t-ana:1800;t-ben:600,+49 30 1,a@example.org,\"dog; ring twice\"\n"
        "J-2,,45,,,,,\n",
        &err);
    if (rc != MODEL_OK)
        fprintf(stderr, "%s\n", err.msg);
    CHECK_EQ_INT(rc, MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT level FROM job_skills WHERE job_id = 'J-1' AND skill = 'gas'"), 2);
    CHECK_EQ_INT(sql_int(db, "SELECT late_max_min * 1000 + late_cost_s_per_min FROM jobs "
                             "WHERE id = 'J-1'"), 30120);
    CHECK_EQ_INT(sql_int(db, "SELECT late_max_min * 1000 + late_cost_s_per_min FROM jobs "
                             "WHERE id = 'J-2'"), 45000);
    CHECK_EQ_INT(sql_int(db, "SELECT sum(bonus_s) FROM job_preferred WHERE job_id = 'J-1'"), 2400);
    check_text(db, "SELECT contact_phone || '|' || contact_email || '|' || contact_notes FROM "
                   "jobs WHERE id = 'J-1'", "+49 30 1|a@example.org|dog; ring twice");
    CHECK_EQ_INT(sql_int(db, "SELECT contact_phone FROM jobs WHERE id = 'J-2'"), -2);
    /* a fractional cost: a REAL with the decimal's value (a decimal comma in a ';' file) */
    CHECK_EQ_INT(import_text(s, "jobs_frac.csv", "id,late_max_min,late_cost_s_per_min\nJ-2,45,2.5\n",
                             &err),
                 MODEL_OK);
    check_text(db, "SELECT typeof(late_cost_s_per_min) || ' ' || late_cost_s_per_min FROM jobs "
                   "WHERE id = 'J-2'", "real 2.5");
    CHECK_EQ_INT(import_text(s, "jobs_frac2.csv", "id;late_max_min;late_cost_s_per_min\nJ-2;45;0,000001\n",
                             &err),
                 MODEL_OK);
    check_text(db, "SELECT late_cost_s_per_min * 1000000 FROM jobs WHERE id = 'J-2'", "1.0");
    CHECK_EQ_INT(import_text(s, "jobs_frac3.csv", "id,late_max_min,late_cost_s_per_min\nJ-2,45,\n",
                             &err),
                 MODEL_OK);
    /* a file without those columns keeps them */
    CHECK_EQ_INT(import_text(s, "jobs_title.csv", "id,title\nJ-1,New title\n", &err), MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT late_max_min FROM jobs WHERE id = 'J-1'"), 30);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM job_preferred WHERE job_id = 'J-1'"), 2);
    check_text(db, "SELECT contact_email FROM jobs WHERE id = 'J-1'", "a@example.org");
    /* empty cells clear them */
    CHECK_EQ_INT(import_text(s, "jobs_clear.csv",
                             "id,late_max_min,late_cost_s_per_min,preferred_technicians,contact_email\n"
                             "J-1,,,,\n",
                             &err),
                 MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT late_max_min FROM jobs WHERE id = 'J-1'"), -2);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM job_preferred WHERE job_id = 'J-1'"), 0);
    CHECK_EQ_INT(sql_int(db, "SELECT contact_email FROM jobs WHERE id = 'J-1'"), -2);
    /* overtime on shifts, kept by a shifts file without its columns */
    CHECK_EQ_INT(import_text(s, "shifts_ot.csv",
                             "technician,date,start,end,overtime_max_min,overtime_cost_s_per_min\n"
                             "t-ana,2026-11-23,08:00,17:00,60,90\n",
                             &err),
                 MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT overtime_max_min * 1000 + overtime_cost_s_per_min FROM "
                             "shifts WHERE technician_id = 't-ana' AND date = '2026-11-23'"), 60090);
    CHECK_EQ_INT(import_text(s, "shifts_plain.csv",
                             "technician,date,start,end\nt-ana,2026-11-23,08:00,16:00\n", &err),
                 MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT overtime_max_min FROM shifts WHERE technician_id = 't-ana' "
                             "AND date = '2026-11-23'"), 60);
    io_store_plan *pl = load_plan(s, "2026-11-23", 1);
    if (pl)
        CHECK_STR_CONTAINS(pl->problem_json, "\"overtime\": {\"max_min\": 60, \"cost_s_per_min\": 90}");
    io_store_plan_free(pl);
    /* an absence that cuts the shift's end takes its overtime away */
    CHECK_EQ_INT(import_text(s, "absences_ot.csv", "technician,start,end,reason\n"
                             "t-ana,2026-11-23T15:00,2026-11-23T18:00,doctor\n", &err),
                 MODEL_OK);
    pl = load_plan(s, "2026-11-23", 1);
    if (pl)
        CHECK(strstr(pl->problem_json, "\"overtime\"") == NULL);
    io_store_plan_free(pl);
    /* the fuzzers' seed files (tests/data/store) import as well */
    CHECK_EQ_INT(io_store_import_file(s, DATA "jobs_rules.csv", NULL, &err), MODEL_OK);
    CHECK_EQ_INT(io_store_import_file(s, DATA "shifts_rules.csv", NULL, &err), MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM job_preferred WHERE job_id = 'J-1'"), 2);
    io_store_close(s);
}

static void test_rules__csv_errors_name_file_row_and_column(void)
{
    io_store *s = open_new("bad.db");
    char db[200];
    snprintf(db, sizeof db, "%s", tmp_path("bad.db"));
    import_csv_set(s);
    static const struct {
        const char *name, *text, *msg;
    } cases[] = {
        {"jobs_b1.csv", "id,skills\nJ-1,gas\nJ-2,gas:12\n",
         "jobs_b1.csv: row 3, column 'skills': 'gas:12' is not a skill: write NAME or "
         "NAME:LEVEL with a level from 1 to 9 (e.g. gas:2)"},
        {"jobs_b2.csv", "id,preferred_technicians\nJ-1,t-ana\n",
         "jobs_b2.csv: row 2, column 'preferred_technicians': 't-ana' has no bonus: write "
         "TECHNICIAN:BONUS_S (e.g. t-ana:1800)"},
        {"jobs_b3.csv", "id,preferred_technicians\nJ-1,t-zed:60\n",
         "jobs_b3.csv: row 2, column 'preferred_technicians': unknown technician 't-zed'"},
        {"jobs_b4.csv", "id,preferred_technicians\nJ-1,t-ana:-5\n",
         "jobs_b4.csv: row 2, column 'preferred_technicians': 't-ana': the bonus '-5' is not a "
         "whole number of seconds"},
        {"jobs_b5.csv", "id,late_max_min,late_cost_s_per_min\nJ-1,,120\n",
         "jobs_b5.csv: row 2, column 'late_cost_s_per_min': a cost without late_max_min"},
        {"jobs_b6.csv", "id,late_max_min,late_cost_s_per_min\nJ-1,half,1\n",
         "jobs_b6.csv: row 2, column 'late_max_min': 'half' is not a whole number of minutes"},
        {"jobs_b7.csv", "id,late_max_min\nJ-1,30\n", "jobs_b7.csv: row 1: no column "
                                                     "'late_cost_s_per_min'"},
        {"shifts_b8.csv", "technician,date,start,end,overtime_max_min,overtime_cost_s_per_min\n"
                          "t-ana,2026-11-23,08:00,17:00,60,-1\n",
         "shifts_b8.csv: row 2, column 'overtime_cost_s_per_min': '-1' is not a number of "
         "seconds per minute from 0 to 86400"},
        {"jobs_b11.csv", "id,late_max_min,late_cost_s_per_min\nJ-1,30,2.0000001\n",
         "jobs_b11.csv: row 2, column 'late_cost_s_per_min': '2.0000001' has more than 6 "
         "decimal places"},
        {"technicians_b9.csv", "id,skills\nt-ana,gas:0\n",
         "technicians_b9.csv: row 2, column 'skills': 'gas:0' is not a skill"},
        {"jobs_b10.csv", "id,preferred_technicians\nJ-1,t-ana:5;t-ana:6\n",
         "jobs_b10.csv: row 2, column 'preferred_technicians': technician 't-ana' is listed twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        model_error err = MODEL_ERROR_INIT;
        CHECK_EQ_INT(import_text(s, cases[i].name, cases[i].text, &err), MODEL_ERR_INPUT);
        char want[512];
        snprintf(want, sizeof want, "%s/%s", dir, cases[i].msg);
        CHECK_STR_CONTAINS(err.msg, want);
    }
    /* nothing of the refused files was written */
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM job_preferred"), 0);
    CHECK_EQ_INT(sql_int(db, "SELECT count(*) FROM job_skills WHERE level > 1"), 0);
    io_store_close(s);
}

static void test_rules__a_run_stores_its_cost_and_kpis(void)
{
    io_store *s;
    io_store_plan *pl = small_plan(&s, "kpis.db", "2026-11-23", 2);
    if (!pl)
        return;
    char db[200];
    snprintf(db, sizeof db, "%s", tmp_path("kpis.db"));
    model_error err = MODEL_ERROR_INIT;
    int64_t start;
    model_schedule *sched = one_job_schedule(pl->problem, &start);
    io_store_run_info run = {0};
    run.outcome = "published";
    run.summary = model_schedule_summarize(pl->problem, sched);
    CHECK_EQ_INT(io_store_plan_save(s, pl, sched, "{}", &run, NULL, NULL, &err), MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT cost - travel_s FROM plan_runs"), 0);
    CHECK(sql_int(db, "SELECT cost FROM plan_runs") > 0);
    char *k = sql_text(db, "SELECT kpis FROM plan_runs");
    CHECK_STR_CONTAINS(k, "{\"late_jobs\": 0, \"lateness_s\": 0, \"overtime_routes\": 0, "
                          "\"overtime_s\": 0, \"technicians\": 3, \"work_min_s\": 0, ");
    CHECK_STR_CONTAINS(k, "\"preferred_share\": null");
    free(k);
    /* a run whose check failed has no schedule, so no KPIs */
    run.outcome = "check_failed";
    CHECK_EQ_INT(io_store_plan_save(s, pl, NULL, NULL, &run, NULL, NULL, &err), MODEL_OK);
    CHECK_EQ_INT(sql_int(db, "SELECT kpis IS NULL AND cost IS NULL FROM plan_runs WHERE id = 2"), 1);
    model_schedule_free(sched);
    io_store_plan_free(pl);
    io_store_close(s);
}

static void test_rules__last_technician_of_a_customer_from_history(void)
{
    io_store *s;
    io_store_plan *pl = small_plan(&s, "last.db", "2026-11-23", 2);
    if (!pl)
        return;
    model_error err = MODEL_ERROR_INIT;
    int64_t start;
    model_schedule *sched = one_job_schedule(pl->problem, &start); /* J-1001 by t-01 */
    save_published(s, pl, sched, "{}");
    model_schedule_free(sched);
    io_store_plan_free(pl);
    /* J-2001 at J-1001's customer; J-2002 at its location without a customer */
    CHECK_EQ_INT(import_text(s, "jobs_new.csv",
                             "id,customer,location,duration_min\n"
                             "J-2001,L. Peters,c-0002,30\nJ-2002,,c-0001,30\n",
                             &err),
                 MODEL_OK);
    io_store_last_tech *rows = NULL;
    int n = 0;
    CHECK_EQ_INT(io_store_last_techs(s, &rows, &n, &err), MODEL_OK);
    CHECK_EQ_INT(n, 1);
    CHECK(n == 1 && strcmp(rows[0].job, "J-2001") == 0 && strcmp(rows[0].technician, "t-01") == 0);
    io_store_preference pref = {"J-2001", "t-01", 1800};
    CHECK_EQ_INT(io_store_plan_load_with(s, "2026-11-23", 2, &pref, 1, &pl, &err), MODEL_OK);
    if (pl) {
        const char *j = strstr(pl->problem_json, "\"J-2001\"");
        CHECK(j != NULL);
        if (j)
            CHECK_STR_CONTAINS(j, "\"preferred_technicians\": [{\"technician\": \"t-01\", "
                                  "\"bonus_s\": 1800}]}");
        const char *k = strstr(pl->problem_json, "\"J-2002\"");
        CHECK(k && (!strstr(k, "preferred_technicians") ||
                    strstr(k, "preferred_technicians") > strstr(k, "}")));
    }
    io_store_plan_free(pl);
    /* a cancelled visit is no history */
    const char *db = tmp_path("last.db");
    sql_exec(db, "UPDATE jobs SET status = 'cancelled' WHERE id = 'J-1001'");
    io_store_last_techs_free(rows, n);
    CHECK_EQ_INT(io_store_last_techs(s, &rows, &n, &err), MODEL_OK);
    CHECK_EQ_INT(n, 0);
    io_store_last_techs_free(rows, n);
    io_store_close(s);
}

TESTLIB_MAIN({"rules__last_technician_of_a_customer_from_history",
              test_rules__last_technician_of_a_customer_from_history},
             {"rules__a_run_stores_its_cost_and_kpis", test_rules__a_run_stores_its_cost_and_kpis},
             {"rules__model_problem_fields_are_stored_and_planned",
              test_rules__model_problem_fields_are_stored_and_planned},
             {"rules__fractional_rates_are_stored_exactly",
              test_rules__fractional_rates_are_stored_exactly},
             {"rules__the_extension_2_marker_survives_the_store",
              test_rules__the_extension_2_marker_survives_the_store},
             {"rules__problem_without_them_plans_as_before",
              test_rules__problem_without_them_plans_as_before},
             {"rules__extra_preferences_merge_with_stored_ones",
              test_rules__extra_preferences_merge_with_stored_ones},
             {"rules__csv_columns_are_imported_and_kept", test_rules__csv_columns_are_imported_and_kept},
             {"rules__csv_errors_name_file_row_and_column",
              test_rules__csv_errors_name_file_row_and_column})

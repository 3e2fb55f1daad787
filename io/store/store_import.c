/* store_import.c - importing files into the store: kind detection, the
 * JSON problem importer; CSV kinds are in store_csv.c. */
#include "io/store/store_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/formats/csv.h"
#include "io/formats/file.h"
#include "io/formats/json_problem.h"
#include "io/store/store_internal.h"
#include "io/store/store_plan_internal.h"
#include "io/store/store_upsert.h"

const char *io_store_kind_name(io_store_kind kind)
{
    switch (kind) {
    case IO_STORE_KIND_PROBLEM: return "problem";
    case IO_STORE_KIND_LOCATIONS: return "locations";
    case IO_STORE_KIND_TECHNICIANS: return "technicians";
    case IO_STORE_KIND_SHIFTS: return "shifts";
    case IO_STORE_KIND_ABSENCES: return "absences";
    case IO_STORE_KIND_JOBS: return "jobs";
    case IO_STORE_KIND_UNKNOWN: break;
    }
    return "unknown";
}

static bool prefix(const char *s, const char *p)
{
    return strncasecmp(s, p, strlen(p)) == 0;
}

io_store_kind io_store_detect_kind(const char *path, const char *text, size_t len)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n >= 5 && strcasecmp(base + n - 5, ".json") == 0)
        return IO_STORE_KIND_PROBLEM;
    static const struct {
        const char *prefix;
        io_store_kind kind;
    } names[] = {
        {"jobs", IO_STORE_KIND_JOBS},           {"technicians", IO_STORE_KIND_TECHNICIANS},
        {"techs", IO_STORE_KIND_TECHNICIANS},   {"shifts", IO_STORE_KIND_SHIFTS},
        {"absences", IO_STORE_KIND_ABSENCES},   {"locations", IO_STORE_KIND_LOCATIONS},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (prefix(base, names[i].prefix))
            return names[i].kind;
    size_t k = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        k = 3;
    while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n'))
        k++;
    if (k < len && text[k] == '{')
        return IO_STORE_KIND_PROBLEM;
    /* By the header row's columns. */
    size_t eol = k;
    while (eol < len && text[eol] != '\n')
        eol++;
    io_csv_table *t = NULL;
    if (io_csv_parse(text + k, eol - k, path, &t, NULL) != MODEL_OK)
        return IO_STORE_KIND_UNKNOWN;
    io_store_kind kind = IO_STORE_KIND_UNKNOWN;
    bool has_start = io_csv_column(t, "start") >= 0, has_end = io_csv_column(t, "end") >= 0;
    if (io_csv_column(t, "duration_min") >= 0)
        kind = IO_STORE_KIND_JOBS;
    else if (io_csv_column(t, "start_location") >= 0)
        kind = IO_STORE_KIND_TECHNICIANS;
    else if (io_csv_column(t, "reason") >= 0 && has_start && has_end)
        kind = IO_STORE_KIND_ABSENCES;
    else if (io_csv_column(t, "technician") >= 0 && has_start && has_end)
        kind = IO_STORE_KIND_SHIFTS;
    else if (io_csv_column(t, "lat") >= 0 || io_csv_column(t, "address") >= 0)
        kind = IO_STORE_KIND_LOCATIONS;
    io_csv_free(t);
    return kind;
}

model_status io_store_import_file(io_store *s, const char *path, io_store_import_stats *stats,
                                  model_error *err)
{
    char *text = NULL;
    size_t len = 0;
    model_status rc = io_file_read_all(path, IO_STORE_MAX_IMPORT_BYTES, &text, &len, err);
    if (rc != MODEL_OK)
        return rc;
    io_store_kind kind = io_store_detect_kind(path, text, len);
    if (kind == IO_STORE_KIND_UNKNOWN) {
        rc = model_error_set(err, MODEL_ERR_INPUT,
                             "%s: cannot tell what the file holds: name it jobs*.csv, "
                             "technicians*.csv, shifts*.csv, absences*.csv, locations*.csv or "
                             "*.json, or give it the documented header row",
                             path);
    } else if (kind == IO_STORE_KIND_PROBLEM) {
        model_problem *p = NULL;
        rc = io_json_read_problem_text(text, len, path, &p, err);
        if (rc == MODEL_OK)
            rc = io_store_import_problem(s, p, path, stats, err);
        model_problem_free(p);
    } else {
        rc = io_store_import_csv(s, path, text, len, kind, stats, err);
    }
    free(text);
    return rc;
}

static void civil_date(const model_tz *tz, int64_t t, char buf[16])
{
    model_civil c = model_tz_to_civil(tz, t);
    snprintf(buf, 16, "%04d-%02d-%02d", c.year, c.month, c.day);
}

static model_status import_travel(io_store *s, io_store_upsert *u, const model_problem *p,
                                  model_error *err)
{
    model_status rc;
    char buf[64];
    if (p->travel.kind == MODEL_TRAVEL_HAVERSINE) {
        if ((rc = io_store_setting_set(s, "travel_model", "haversine", err)) != MODEL_OK)
            return rc;
        snprintf(buf, sizeof buf, "%.17g", p->travel.speed_kmh);
        if ((rc = io_store_setting_set(s, "speed_kmh", buf, err)) != MODEL_OK)
            return rc;
        snprintf(buf, sizeof buf, "%.17g", p->travel.circuity);
        return io_store_setting_set(s, "circuity", buf, err);
    }
    if ((rc = io_store_setting_set(s, "travel_model", "matrix", err)) != MODEL_OK)
        return rc;
    for (int i = 0; i < p->nlocations; i++)
        for (int j = 0; j < p->nlocations; j++)
            if ((rc = io_store_upsert_travel(u, p->locations[i].id, p->locations[j].id,
                                             model_travel_duration(p, i, j),
                                             model_travel_distance(p, i, j), err)) != MODEL_OK)
                return rc;
    return MODEL_OK;
}

static model_status import_technician(io_store_upsert *u, const model_problem *p, int t,
                                      const char *source, io_store_import_stats *stats,
                                      model_error *err)
{
    const model_technician *tech = &p->technicians[t];
    const char *skills[MODEL_MAX_SKILLS];
    int levels[MODEL_MAX_SKILLS];
    io_store_technician_rec r = {0};
    r.id = tech->id;
    r.name = tech->name;
    r.start_location = p->locations[tech->start_location].id;
    r.end_location = p->locations[tech->end_location].id;
    r.capacity = tech->capacity;
    r.max_jobs = tech->max_jobs;
    r.skills = skills;
    r.skill_levels = levels;
    r.nskills = io_store_skill_names_levels(p, &tech->skills, &tech->levels, skills, levels);
    r.mask = IO_TECH_NAME | IO_TECH_START | IO_TECH_END | IO_TECH_CAPACITY | IO_TECH_MAX_JOBS |
             IO_TECH_SKILLS;
    bool inserted;
    model_status rc = io_store_upsert_technician(u, &r, &inserted, err);
    if (rc != MODEL_OK)
        return rc;
    if (inserted)
        stats->inserted++;
    else
        stats->updated++;
    for (int k = 0; k < tech->nshifts; k++) {
        const model_shift *sh = &tech->shifts[k];
        char date[16], other[16];
        civil_date(p->tz, sh->start, date);
        for (int j = 0; j < k; j++) {
            civil_date(p->tz, tech->shifts[j].start, other);
            if (strcmp(date, other) == 0)
                return model_error_set(err, MODEL_ERR_INPUT,
                                       "%s: technicians[%d] (%s).shifts[%d]: a second shift on %s "
                                       "(the database keeps one shift per technician and day)",
                                       source, t, tech->id, k, date);
        }
        if ((rc = io_store_upsert_shift(u, tech->id, date, sh->start, sh->end, sh->breaks,
                                        sh->nbreaks, &sh->overtime, NULL, err)) != MODEL_OK)
            return rc;
    }
    return MODEL_OK;
}

static model_status import_job(io_store_upsert *u, const model_problem *p, int j,
                               io_store_import_stats *stats, model_error *err)
{
    io_store_job_lists l;
    io_store_job_rec r;
    if (io_store_job_rec_from_problem(p, j, &l, &r, err) != MODEL_OK)
        return err->code;
    bool inserted;
    model_status rc = io_store_upsert_job(u, &r, &inserted, err);
    io_store_job_lists_free(&l);
    if (rc == MODEL_OK) {
        if (inserted)
            stats->inserted++;
        else
            stats->updated++;
    }
    return rc;
}

model_status io_store_import_problem(io_store *s, const model_problem *p, const char *source,
                                     io_store_import_stats *stats, model_error *err)
{
    io_store_import_stats local = {IO_STORE_KIND_PROBLEM, 0, 0, 0};
    io_store_upsert u;
    model_status rc = io_store_begin(s, err);
    if (rc != MODEL_OK)
        return rc;
    if ((rc = io_store_upsert_init(&u, s, err)) != MODEL_OK) {
        io_store_rollback(s);
        return rc;
    }
    if ((rc = io_store_set_timezone(s, model_tz_name(p->tz), err)) != MODEL_OK) {
        model_error_prefix(err, "%s: timezone", source);
        goto fail;
    }
    for (int i = 0; i < p->nlocations; i++) {
        const model_location *l = &p->locations[i];
        io_store_location_rec r = {l->id, l->has_coords, l->lat, l->lon, l->address,
                                   IO_LOC_COORDS | IO_LOC_ADDRESS};
        if ((rc = io_store_upsert_location(&u, &r, NULL, err)) != MODEL_OK)
            goto fail;
    }
    if ((rc = import_travel(s, &u, p, err)) != MODEL_OK)
        goto fail;
    char balance[MODEL_RATE_TEXT];
    model_rate_format(p->objective.balance_us_per_min, balance);
    if ((rc = io_store_setting_set(s, "balance_cost_s_per_min", balance, err)) != MODEL_OK)
        goto fail;
    if (model_problem_uses_extension2(p) &&
        (rc = io_store_setting_set(s, IO_STORE_EXTENSION2_SETTING, "1", err)) != MODEL_OK)
        goto fail;
    for (int t = 0; t < p->ntechnicians; t++)
        if ((rc = import_technician(&u, p, t, source, &local, err)) != MODEL_OK)
            goto fail;
    for (int j = 0; j < p->njobs; j++)
        if ((rc = import_job(&u, p, j, &local, err)) != MODEL_OK)
            goto fail;
    io_store_upsert_fini(&u);
    if ((rc = io_store_commit(s, err)) != MODEL_OK)
        return rc;
    if (stats)
        *stats = local;
    return MODEL_OK;
fail:
    io_store_upsert_fini(&u);
    io_store_rollback(s);
    return rc;
}

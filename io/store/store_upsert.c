/* store_upsert.c - single-record insert-or-update statements (see
 * store_upsert.h). Each field's update is guarded by a bit of the record's
 * mask, bound as a parameter: `x = CASE WHEN mask & bit THEN excluded.x
 * ELSE x END`, so one prepared statement serves every column subset. */
#include "io/store/store_upsert.h"

#include <stdlib.h>
#include <string.h>

#include "io/store/store_plan_internal.h"

enum {
    S_HAS_LOC, S_HAS_TECH, S_HAS_JOB, S_LOC, S_TECH, S_TECH_SKILL_DEL, S_TECH_SKILL_INS,
    S_SHIFT_FIND, S_SHIFT_UPDATE, S_SHIFT_INS, S_BREAK_DEL, S_BREAK_INS, S_ABSENCE,
    S_ABSENCE_HAS, S_JOB, S_JOB_SKILL_DEL, S_JOB_SKILL_INS, S_WIN_DEL, S_WIN_INS, S_ALLOWED_DEL,
    S_ALLOWED_INS, S_TRAVEL, S_SHIFT_OVERTIME, S_PREF_DEL, S_PREF_INS, S_COUNT
};

static const char *const sql[S_COUNT] = {
    [S_HAS_LOC] = "SELECT 1 FROM locations WHERE id = ?1",
    [S_HAS_TECH] = "SELECT 1 FROM technicians WHERE id = ?1",
    [S_HAS_JOB] = "SELECT 1 FROM jobs WHERE id = ?1",
    [S_LOC] = "INSERT INTO locations(id, lat, lon, address) VALUES(?1, ?2, ?3, ?4) "
              "ON CONFLICT(id) DO UPDATE SET "
              "lat = CASE WHEN ?5 & 1 THEN excluded.lat ELSE lat END, "
              "lon = CASE WHEN ?5 & 1 THEN excluded.lon ELSE lon END, "
              "address = CASE WHEN ?5 & 2 THEN excluded.address ELSE address END",
    [S_TECH] = "INSERT INTO technicians(id, name, start_location, end_location, capacity, "
               "max_jobs_per_shift) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
               "ON CONFLICT(id) DO UPDATE SET "
               "name = CASE WHEN ?7 & 1 THEN excluded.name ELSE name END, "
               "start_location = CASE WHEN ?7 & 2 THEN excluded.start_location "
               "ELSE start_location END, "
               "end_location = CASE WHEN ?7 & 4 THEN excluded.end_location ELSE end_location END, "
               "capacity = CASE WHEN ?7 & 8 THEN excluded.capacity ELSE capacity END, "
               "max_jobs_per_shift = CASE WHEN ?7 & 16 THEN excluded.max_jobs_per_shift "
               "ELSE max_jobs_per_shift END",
    [S_TECH_SKILL_DEL] = "DELETE FROM technician_skills WHERE technician_id = ?1",
    [S_TECH_SKILL_INS] = "INSERT INTO technician_skills(technician_id, skill, level) "
                         "VALUES(?1, ?2, ?3) ON CONFLICT(technician_id, skill) DO UPDATE SET "
                         "level = max(level, excluded.level)",
    [S_SHIFT_FIND] = "SELECT id FROM shifts WHERE technician_id = ?1 AND date = ?2",
    [S_SHIFT_UPDATE] = "UPDATE shifts SET start_at = ?2, end_at = ?3 WHERE id = ?1",
    [S_SHIFT_INS] = "INSERT INTO shifts(technician_id, date, start_at, end_at) "
                    "VALUES(?1, ?2, ?3, ?4)",
    [S_BREAK_DEL] = "DELETE FROM shift_breaks WHERE shift_id = ?1",
    [S_BREAK_INS] = "INSERT INTO shift_breaks(shift_id, earliest_at, latest_at, duration_s) "
                    "VALUES(?1, ?2, ?3, ?4)",
    [S_ABSENCE] = "INSERT INTO absences(technician_id, start_at, end_at, reason) "
                  "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(technician_id, start_at) DO UPDATE SET "
                  "end_at = excluded.end_at, reason = excluded.reason",
    [S_ABSENCE_HAS] = "SELECT 1 FROM absences WHERE technician_id = ?1 AND start_at = ?2",
    [S_JOB] = "INSERT INTO jobs(id, title, customer, location_id, duration_s, priority, load, "
              "release_at, deadline_at, technician_id, restricted, status, locked, notes, "
              "updated_at, late_max_min, late_cost_s_per_min, contact_phone, contact_email, "
              "contact_notes) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
              "?15, ?17, ?18, ?19, ?20, ?21) "
              "ON CONFLICT(id) DO UPDATE SET "
              "title = CASE WHEN ?16 & 1 THEN excluded.title ELSE title END, "
              "customer = CASE WHEN ?16 & 2 THEN excluded.customer ELSE customer END, "
              "location_id = CASE WHEN ?16 & 4 THEN excluded.location_id ELSE location_id END, "
              "duration_s = CASE WHEN ?16 & 8 THEN excluded.duration_s ELSE duration_s END, "
              "priority = CASE WHEN ?16 & 16 THEN excluded.priority ELSE priority END, "
              "load = CASE WHEN ?16 & 32 THEN excluded.load ELSE load END, "
              "release_at = CASE WHEN ?16 & 64 THEN excluded.release_at ELSE release_at END, "
              "deadline_at = CASE WHEN ?16 & 128 THEN excluded.deadline_at ELSE deadline_at END, "
              "technician_id = CASE WHEN ?16 & 256 THEN excluded.technician_id "
              "ELSE technician_id END, "
              "status = CASE WHEN ?16 & 512 THEN excluded.status ELSE status END, "
              "locked = CASE WHEN ?16 & 1024 THEN excluded.locked ELSE locked END, "
              "notes = CASE WHEN ?16 & 2048 THEN excluded.notes ELSE notes END, "
              "restricted = CASE WHEN ?16 & 16384 THEN excluded.restricted ELSE restricted END, "
              "late_max_min = CASE WHEN ?16 & 32768 THEN excluded.late_max_min "
              "ELSE late_max_min END, "
              "late_cost_s_per_min = CASE WHEN ?16 & 32768 THEN excluded.late_cost_s_per_min "
              "ELSE late_cost_s_per_min END, "
              "contact_phone = CASE WHEN ?16 & 131072 THEN excluded.contact_phone "
              "ELSE contact_phone END, "
              "contact_email = CASE WHEN ?16 & 262144 THEN excluded.contact_email "
              "ELSE contact_email END, "
              "contact_notes = CASE WHEN ?16 & 524288 THEN excluded.contact_notes "
              "ELSE contact_notes END, "
              "updated_at = excluded.updated_at",
    [S_JOB_SKILL_DEL] = "DELETE FROM job_skills WHERE job_id = ?1",
    [S_JOB_SKILL_INS] = "INSERT INTO job_skills(job_id, skill, level) VALUES(?1, ?2, ?3) "
                        "ON CONFLICT(job_id, skill) DO UPDATE SET level = max(level, excluded.level)",
    [S_WIN_DEL] = "DELETE FROM job_windows WHERE job_id = ?1",
    [S_WIN_INS] = "INSERT INTO job_windows(job_id, start_at, end_at) VALUES(?1, ?2, ?3)",
    [S_ALLOWED_DEL] = "DELETE FROM job_allowed WHERE job_id = ?1",
    [S_ALLOWED_INS] = "INSERT OR IGNORE INTO job_allowed(job_id, technician_id) VALUES(?1, ?2)",
    [S_TRAVEL] = "INSERT INTO travel(from_location, to_location, duration_s, distance_m) "
                 "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(from_location, to_location) DO UPDATE SET "
                 "duration_s = excluded.duration_s, distance_m = excluded.distance_m",
    [S_SHIFT_OVERTIME] = "UPDATE shifts SET overtime_max_min = ?2, overtime_cost_s_per_min = ?3 "
                         "WHERE id = ?1",
    [S_PREF_DEL] = "DELETE FROM job_preferred WHERE job_id = ?1",
    [S_PREF_INS] = "INSERT INTO job_preferred(job_id, technician_id, bonus_s) VALUES(?1, ?2, ?3) "
                   "ON CONFLICT(job_id, technician_id) DO UPDATE SET bonus_s = excluded.bonus_s",
};

/* A soft limit's two columns at i and i + 1: minutes (whole when they
 * are) and cost (io_store_bind_rate); both NULL when the limit is hard. */
static void bind_soft_limit(sqlite3_stmt *st, int i, model_soft_limit l)
{
    if (l.max_s < 0) {
        sqlite3_bind_null(st, i);
        sqlite3_bind_null(st, i + 1);
        return;
    }
    if (l.max_s % 60 == 0)
        sqlite3_bind_int64(st, i, l.max_s / 60);
    else
        sqlite3_bind_double(st, i, (double)l.max_s / 60.0);
    io_store_bind_rate(st, i + 1, l.cost_us_per_min);
}

model_status io_store_upsert_init(io_store_upsert *u, io_store *s, model_error *err)
{
    memset(u, 0, sizeof *u);
    u->s = s;
    for (int i = 0; i < S_COUNT; i++) {
        model_status rc = io_store_prepare(s, sql[i], &u->st[i], err);
        if (rc != MODEL_OK) {
            io_store_upsert_fini(u);
            return rc;
        }
    }
    return MODEL_OK;
}

void io_store_upsert_fini(io_store_upsert *u)
{
    for (size_t i = 0; i < sizeof u->st / sizeof u->st[0]; i++) {
        sqlite3_finalize(u->st[i]);
        u->st[i] = NULL;
    }
}

static model_status has(io_store_upsert *u, int which, const char *id, bool *out, model_error *err)
{
    sqlite3_stmt *st = u->st[which];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(st);
    model_status rc = MODEL_OK;
    *out = r == SQLITE_ROW;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = io_store_fail(u->s, err, "look up an id");
    sqlite3_reset(st);
    return rc;
}

model_status io_store_upsert_has_location(io_store_upsert *u, const char *id, bool *out,
                                          model_error *err)
{
    return has(u, S_HAS_LOC, id, out, err);
}

model_status io_store_upsert_has_technician(io_store_upsert *u, const char *id, bool *out,
                                            model_error *err)
{
    return has(u, S_HAS_TECH, id, out, err);
}

model_status io_store_upsert_has_job(io_store_upsert *u, const char *id, bool *out,
                                     model_error *err)
{
    return has(u, S_HAS_JOB, id, out, err);
}

model_status io_store_upsert_location(io_store_upsert *u, const io_store_location_rec *r,
                                      bool *inserted, model_error *err)
{
    bool existed;
    model_status rc = has(u, S_HAS_LOC, r->id, &existed, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = u->st[S_LOC];
    io_store_bind_text(st, 1, r->id);
    if (r->has_coords) {
        sqlite3_bind_double(st, 2, r->lat);
        sqlite3_bind_double(st, 3, r->lon);
    } else {
        sqlite3_bind_null(st, 2);
        sqlite3_bind_null(st, 3);
    }
    io_store_bind_text(st, 4, r->address);
    sqlite3_bind_int(st, 5, (int)r->mask);
    if ((rc = io_store_step_done(u->s, st, "store a location", err)) != MODEL_OK)
        return rc;
    if (inserted)
        *inserted = !existed;
    return MODEL_OK;
}

/* Replaces id's list: items, each with its number from nums (bound as the
 * third parameter; default_num when nums is NULL, none when has_num is
 * false). */
static model_status replace_list_num(io_store_upsert *u, int del, int ins, const char *id,
                                     const char *const *items, const int64_t *nums,
                                     const int *levels, int n, bool has_num, const char *what,
                                     model_error *err)
{
    sqlite3_bind_text(u->st[del], 1, id, -1, SQLITE_TRANSIENT);
    model_status rc = io_store_step_done(u->s, u->st[del], what, err);
    for (int i = 0; rc == MODEL_OK && i < n; i++) {
        sqlite3_bind_text(u->st[ins], 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(u->st[ins], 2, items[i], -1, SQLITE_TRANSIENT);
        if (has_num)
            sqlite3_bind_int64(u->st[ins], 3, nums ? nums[i] : levels ? levels[i] : 1);
        rc = io_store_step_done(u->s, u->st[ins], what, err);
    }
    return rc;
}

static model_status replace_list(io_store_upsert *u, int del, int ins, const char *id,
                                 const char *const *items, int n, const char *what,
                                 model_error *err)
{
    return replace_list_num(u, del, ins, id, items, NULL, NULL, n, false, what, err);
}

model_status io_store_upsert_technician(io_store_upsert *u, const io_store_technician_rec *r,
                                        bool *inserted, model_error *err)
{
    bool existed;
    model_status rc = has(u, S_HAS_TECH, r->id, &existed, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = u->st[S_TECH];
    io_store_bind_text(st, 1, r->id);
    io_store_bind_text(st, 2, r->name);
    io_store_bind_text(st, 3, r->start_location ? r->start_location : "");
    io_store_bind_text(st, 4, r->end_location);
    sqlite3_bind_double(st, 5, r->capacity);
    if (r->max_jobs >= 0)
        sqlite3_bind_int(st, 6, r->max_jobs);
    else
        sqlite3_bind_null(st, 6);
    sqlite3_bind_int(st, 7, (int)r->mask);
    if ((rc = io_store_step_done(u->s, st, "store a technician", err)) != MODEL_OK)
        return rc;
    if (r->mask & IO_TECH_SKILLS)
        rc = replace_list_num(u, S_TECH_SKILL_DEL, S_TECH_SKILL_INS, r->id, r->skills, NULL,
                              r->skill_levels, r->nskills, true, "store technician skills", err);
    if (rc == MODEL_OK && inserted)
        *inserted = !existed;
    return rc;
}

model_status io_store_upsert_job(io_store_upsert *u, const io_store_job_rec *r, bool *inserted,
                                 model_error *err)
{
    bool existed;
    model_status rc = has(u, S_HAS_JOB, r->id, &existed, err);
    if (rc != MODEL_OK)
        return rc;
    sqlite3_stmt *st = u->st[S_JOB];
    io_store_bind_text(st, 1, r->id);
    io_store_bind_text(st, 2, r->title);
    io_store_bind_text(st, 3, r->customer);
    /* NOT NULL and CHECK apply to the proposed row even when it turns into
     * an update: fields outside the mask get harmless stand-ins. */
    io_store_bind_text(st, 4, r->location ? r->location : "");
    sqlite3_bind_int64(st, 5, r->duration_s > 0 ? r->duration_s : 1);
    sqlite3_bind_int(st, 6, r->priority);
    sqlite3_bind_double(st, 7, r->load);
    io_store_bind_time(st, 8, r->release);
    io_store_bind_time(st, 9, r->deadline);
    io_store_bind_text(st, 10, r->technician);
    sqlite3_bind_int(st, 11, r->restricted ? 1 : 0);
    io_store_bind_text(st, 12, r->status ? r->status : "open");
    sqlite3_bind_int(st, 13, r->locked ? 1 : 0);
    io_store_bind_text(st, 14, r->notes);
    sqlite3_bind_int64(st, 15, io_store_now());
    sqlite3_bind_int(st, 16, (int)r->mask);
    bind_soft_limit(st, 17, (r->mask & IO_JOB_LATENESS) ? r->lateness : MODEL_SOFT_LIMIT_HARD);
    io_store_bind_text(st, 19, r->contact_phone);
    io_store_bind_text(st, 20, r->contact_email);
    io_store_bind_text(st, 21, r->contact_notes);
    if ((rc = io_store_step_done(u->s, st, "store a job", err)) != MODEL_OK)
        return rc;
    if (r->mask & IO_JOB_SKILLS)
        rc = replace_list_num(u, S_JOB_SKILL_DEL, S_JOB_SKILL_INS, r->id, r->skills, NULL,
                              r->skill_levels, r->nskills, true, "store job skills", err);
    if (rc == MODEL_OK && (r->mask & IO_JOB_PREFERRED))
        rc = replace_list_num(u, S_PREF_DEL, S_PREF_INS, r->id, r->preferred,
                              r->preferred_bonus_s, NULL, r->npreferred, true,
                              "store preferred technicians", err);
    if (rc == MODEL_OK && (r->mask & IO_JOB_ALLOWED))
        rc = replace_list(u, S_ALLOWED_DEL, S_ALLOWED_INS, r->id, r->allowed, r->nallowed,
                          "store allowed technicians", err);
    if (rc == MODEL_OK && (r->mask & IO_JOB_WINDOWS)) {
        sqlite3_bind_text(u->st[S_WIN_DEL], 1, r->id, -1, SQLITE_TRANSIENT);
        rc = io_store_step_done(u->s, u->st[S_WIN_DEL], "store job windows", err);
        for (int i = 0; rc == MODEL_OK && i < r->nwindows; i++) {
            sqlite3_stmt *w = u->st[S_WIN_INS];
            sqlite3_bind_text(w, 1, r->id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(w, 2, r->windows[i].start);
            sqlite3_bind_int64(w, 3, r->windows[i].end);
            rc = io_store_step_done(u->s, w, "store job windows", err);
        }
    }
    if (rc == MODEL_OK && inserted)
        *inserted = !existed;
    return rc;
}

/* The id of technician's shift on date in *id (0: none). */
static model_status find_shift(io_store_upsert *u, const char *technician, const char *date,
                               sqlite3_int64 *id, model_error *err)
{
    sqlite3_stmt *f = u->st[S_SHIFT_FIND];
    sqlite3_bind_text(f, 1, technician, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(f, 2, date, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(f);
    *id = r == SQLITE_ROW ? sqlite3_column_int64(f, 0) : 0;
    sqlite3_reset(f);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return io_store_fail(u->s, err, "look up a shift");
    return MODEL_OK;
}

model_status io_store_upsert_shift(io_store_upsert *u, const char *technician, const char *date,
                                   int64_t start, int64_t end, const model_break *breaks,
                                   int nbreaks, const model_soft_limit *overtime, bool *inserted,
                                   model_error *err)
{
    sqlite3_int64 id;
    model_status found = find_shift(u, technician, date, &id, err);
    if (found != MODEL_OK)
        return found;
    model_status rc;
    bool existed = id != 0;
    if (existed) {
        sqlite3_stmt *up = u->st[S_SHIFT_UPDATE];
        sqlite3_bind_int64(up, 1, id);
        sqlite3_bind_int64(up, 2, start);
        sqlite3_bind_int64(up, 3, end);
        if ((rc = io_store_step_done(u->s, up, "store a shift", err)) != MODEL_OK)
            return rc;
        sqlite3_bind_int64(u->st[S_BREAK_DEL], 1, id);
        if ((rc = io_store_step_done(u->s, u->st[S_BREAK_DEL], "store breaks", err)) != MODEL_OK)
            return rc;
    } else {
        sqlite3_stmt *ins = u->st[S_SHIFT_INS];
        sqlite3_bind_text(ins, 1, technician, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 3, start);
        sqlite3_bind_int64(ins, 4, end);
        if ((rc = io_store_step_done(u->s, ins, "store a shift", err)) != MODEL_OK)
            return rc;
        id = sqlite3_last_insert_rowid(u->s->db);
    }
    if (overtime) {
        sqlite3_stmt *ot = u->st[S_SHIFT_OVERTIME];
        sqlite3_bind_int64(ot, 1, id);
        bind_soft_limit(ot, 2, *overtime);
        if ((rc = io_store_step_done(u->s, ot, "store a shift's overtime", err)) != MODEL_OK)
            return rc;
    }
    for (int i = 0; i < nbreaks; i++) {
        sqlite3_stmt *b = u->st[S_BREAK_INS];
        sqlite3_bind_int64(b, 1, id);
        sqlite3_bind_int64(b, 2, breaks[i].earliest);
        sqlite3_bind_int64(b, 3, breaks[i].latest);
        sqlite3_bind_int64(b, 4, breaks[i].duration);
        if ((rc = io_store_step_done(u->s, b, "store breaks", err)) != MODEL_OK)
            return rc;
    }
    if (inserted)
        *inserted = !existed;
    return MODEL_OK;
}

model_status io_store_upsert_absence(io_store_upsert *u, const char *technician, int64_t start,
                                     int64_t end, const char *reason, bool *inserted,
                                     model_error *err)
{
    sqlite3_stmt *h = u->st[S_ABSENCE_HAS];
    sqlite3_bind_text(h, 1, technician, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(h, 2, start);
    int r = sqlite3_step(h);
    sqlite3_reset(h);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return io_store_fail(u->s, err, "look up an absence");
    sqlite3_stmt *st = u->st[S_ABSENCE];
    sqlite3_bind_text(st, 1, technician, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, start);
    sqlite3_bind_int64(st, 3, end);
    io_store_bind_text(st, 4, reason);
    model_status rc = io_store_step_done(u->s, st, "store an absence", err);
    if (rc == MODEL_OK && inserted)
        *inserted = r == SQLITE_DONE;
    return rc;
}

model_status io_store_upsert_travel(io_store_upsert *u, const char *from, const char *to,
                                    int64_t duration_s, int64_t distance_m, model_error *err)
{
    sqlite3_stmt *st = u->st[S_TRAVEL];
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, duration_s);
    sqlite3_bind_int64(st, 4, distance_m);
    return io_store_step_done(u->s, st, "store travel", err);
}

int io_store_skill_names(const model_problem *p, const model_skillset *set, const char **names)
{
    int n = 0;
    for (int k = 0; k < p->nskills; k++)
        if (model_skillset_has(set, k))
            names[n++] = p->skills[k];
    return n;
}

int io_store_skill_names_levels(const model_problem *p, const model_skillset *set,
                                const model_skill_levels *lv, const char **names, int *levels)
{
    int n = 0;
    for (int k = 0; k < p->nskills; k++)
        if (model_skillset_has(set, k)) {
            levels[n] = model_skill_levels_get(lv, k);
            names[n++] = p->skills[k];
        }
    return n;
}

bool io_store_skill_split(char *item, int *level)
{
    *level = 1;
    char *colon = strrchr(item, ':');
    if (!colon)
        return item[0] != '\0';
    const char *v = colon + 1;
    while (*v == ' ')
        v++;
    if (v[0] < '1' || v[0] > '9' || (v[1] && strspn(v + 1, " ") != strlen(v + 1)))
        return false;
    *level = v[0] - '0';
    while (colon > item && colon[-1] == ' ')
        colon--;
    *colon = '\0';
    return item[0] != '\0';
}

void io_store_job_lists_free(io_store_job_lists *l)
{
    free(l->allowed);
    free(l->preferred);
    free(l->bonus);
    l->allowed = l->preferred = NULL;
    l->bonus = NULL;
}

model_status io_store_job_rec_from_problem(const model_problem *p, int j, io_store_job_lists *l,
                                           io_store_job_rec *r, model_error *err)
{
    const model_job *job = &p->jobs[j];
    l->allowed = l->preferred = NULL;
    l->bonus = NULL;
    if ((job->nallowed > 0 && !(l->allowed = malloc((size_t)job->nallowed * sizeof *l->allowed))) ||
        (job->npreferred > 0 &&
         (!(l->preferred = malloc((size_t)job->npreferred * sizeof *l->preferred)) ||
          !(l->bonus = malloc((size_t)job->npreferred * sizeof *l->bonus))))) {
        io_store_job_lists_free(l);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    for (int k = 0; k < job->nallowed; k++)
        l->allowed[k] = p->technicians[job->allowed[k]].id;
    for (int k = 0; k < job->npreferred; k++) {
        l->preferred[k] = p->technicians[job->preferred[k].technician].id;
        l->bonus[k] = job->preferred[k].bonus_s;
    }
    *r = (io_store_job_rec){0};
    r->id = job->id;
    r->title = job->title;
    r->customer = job->customer;
    r->notes = job->notes;
    r->location = p->locations[job->location].id;
    r->duration_s = job->duration;
    r->priority = job->priority;
    r->load = job->load;
    r->release = job->release;
    r->deadline = job->deadline;
    r->technician = job->pinned >= 0 ? p->technicians[job->pinned].id : NULL;
    r->skills = l->skills;
    r->skill_levels = l->levels;
    r->nskills = io_store_skill_names_levels(p, &job->skills, &job->levels, l->skills, l->levels);
    r->windows = job->windows;
    r->nwindows = job->nwindows;
    r->restricted = job->has_allowed;
    r->allowed = l->allowed;
    r->nallowed = job->nallowed;
    r->lateness = job->lateness;
    r->preferred = l->preferred;
    r->preferred_bonus_s = l->bonus;
    r->npreferred = job->npreferred;
    r->contact_phone = job->contact.phone;
    r->contact_email = job->contact.email;
    r->contact_notes = job->contact.notes;
    r->mask = IO_JOB_TITLE | IO_JOB_CUSTOMER | IO_JOB_LOCATION | IO_JOB_DURATION |
              IO_JOB_PRIORITY | IO_JOB_LOAD | IO_JOB_RELEASE | IO_JOB_DEADLINE |
              IO_JOB_TECHNICIAN | IO_JOB_NOTES | IO_JOB_SKILLS | IO_JOB_WINDOWS | IO_JOB_ALLOWED |
              IO_JOB_LATENESS | IO_JOB_PREFERRED | IO_JOB_CONTACT_PHONE | IO_JOB_CONTACT_EMAIL |
              IO_JOB_CONTACT_NOTES;
    return MODEL_OK;
}

model_status io_store_upsert_overtime(io_store_upsert *u, const char *technician, const char *date,
                                      const model_soft_limit *overtime, model_error *err)
{
    sqlite3_int64 id;
    model_status found = find_shift(u, technician, date, &id, err);
    if (found != MODEL_OK)
        return found;
    if (!id)
        return MODEL_OK;
    sqlite3_stmt *ot = u->st[S_SHIFT_OVERTIME];
    sqlite3_bind_int64(ot, 1, id);
    bind_soft_limit(ot, 2, *overtime);
    return io_store_step_done(u->s, ot, "store a shift's overtime", err);
}

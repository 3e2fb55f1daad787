/* store_upsert.h - insert-or-update of single records, shared by the JSON
 * and CSV importers and the what-if publisher (io/store/store_import.c,
 * io/store/store_csv.c, io/store/store_whatif.c). Internal to io/.
 *
 * Each record carries a mask of the fields it sets: on update, fields
 * outside the mask keep their stored values; on insert they take the
 * schema's defaults. The caller runs everything inside one transaction and
 * checks references first for good messages; a constraint the schema still
 * refuses comes back as MODEL_ERR_INPUT with SQLite's reason. */
#ifndef FIELDPLAN_IO_STORE_UPSERT_H
#define FIELDPLAN_IO_STORE_UPSERT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "io/store/store_internal.h"
#include "model/problem.h"

enum { /* io_store_location_rec.mask */
    IO_LOC_COORDS = 1,
    IO_LOC_ADDRESS = 2
};

typedef struct io_store_location_rec {
    const char *id;
    bool has_coords;
    double lat, lon;
    const char *address;
    unsigned mask;
} io_store_location_rec;

enum { /* io_store_technician_rec.mask */
    IO_TECH_NAME = 1,
    IO_TECH_START = 2,
    IO_TECH_END = 4,
    IO_TECH_CAPACITY = 8,
    IO_TECH_MAX_JOBS = 16,
    IO_TECH_SKILLS = 32
};

typedef struct io_store_technician_rec {
    const char *id;
    const char *name;
    const char *start_location;
    const char *end_location;  /* NULL: same as the start */
    double capacity;
    int max_jobs;              /* -1: no limit */
    const char *const *skills; /* replaced when IO_TECH_SKILLS */
    const int *skill_levels;   /* per skill 1..9, or NULL: all level 1 */
    int nskills;
    unsigned mask;
} io_store_technician_rec;

enum { /* io_store_job_rec.mask */
    IO_JOB_TITLE = 1,
    IO_JOB_CUSTOMER = 2,
    IO_JOB_LOCATION = 4,
    IO_JOB_DURATION = 8,
    IO_JOB_PRIORITY = 16,
    IO_JOB_LOAD = 32,
    IO_JOB_RELEASE = 64,
    IO_JOB_DEADLINE = 128,
    IO_JOB_TECHNICIAN = 256,
    IO_JOB_STATUS = 512,
    IO_JOB_LOCKED = 1024,
    IO_JOB_NOTES = 2048,
    IO_JOB_SKILLS = 4096,
    IO_JOB_WINDOWS = 8192,
    IO_JOB_ALLOWED = 16384, /* also sets `restricted` */
    /* FORMAT.md extension 2 */
    IO_JOB_LATENESS = 32768,  /* late_max_min and late_cost_s_per_min together */
    IO_JOB_PREFERRED = 65536, /* the preferred technicians, replaced */
    IO_JOB_CONTACT_PHONE = 131072,
    IO_JOB_CONTACT_EMAIL = 262144,
    IO_JOB_CONTACT_NOTES = 524288
};

typedef struct io_store_job_rec {
    const char *id;
    const char *title, *customer, *notes;
    const char *location;
    int64_t duration_s;
    int priority;
    double load;
    int64_t release, deadline; /* MODEL_TIME_MIN / MODEL_TIME_MAX: none */
    const char *technician;    /* pinned, or NULL */
    const char *status;        /* "open", ... */
    bool locked;
    const char *const *skills;
    const int *skill_levels;   /* per skill 1..9, or NULL: all level 1 */
    int nskills;
    const model_window *windows;
    int nwindows;
    bool restricted;           /* allowed list given (may be empty: nobody) */
    const char *const *allowed;
    int nallowed;
    model_soft_limit lateness; /* max_s < 0: windows are hard (both columns NULL) */
    const char *const *preferred; /* technician ids */
    const int64_t *preferred_bonus_s;
    int npreferred;
    const char *contact_phone, *contact_email, *contact_notes;
    unsigned mask;
} io_store_job_rec;

typedef struct io_store_upsert {
    io_store *s;
    sqlite3_stmt *st[32]; /* prepared statements, see store_upsert.c */
} io_store_upsert;

/* The names of the skills in set, as pointers into p->skills, into names
 * (MODEL_MAX_SKILLS entries). Returns how many. */
int io_store_skill_names(const model_problem *p, const model_skillset *set, const char **names);

/* The same, with each skill's level from lv (1 when it has no entry) into
 * levels (MODEL_MAX_SKILLS entries). */
int io_store_skill_names_levels(const model_problem *p, const model_skillset *set,
                                const model_skill_levels *lv, const char **names, int *levels);

/* Splits a skill written "NAME:LEVEL" (FORMAT.md extension 2) in place:
 * item becomes NAME and *level LEVEL (1 for a plain name). False when the
 * level is not a whole number from 1 to 9 or the name is empty. */
bool io_store_skill_split(char *item, int *level);

/* What io_store_job_rec_from_problem fills beside the record: skill names
 * and levels (MODEL_MAX_SKILLS entries), and owned arrays of the allowed
 * and preferred technicians (io_store_job_lists_free frees them). */
typedef struct io_store_job_lists {
    const char *skills[MODEL_MAX_SKILLS];
    int levels[MODEL_MAX_SKILLS];
    const char **allowed;
    const char **preferred;
    int64_t *bonus;
} io_store_job_lists;

/* Fills r with every field of job j of p (all but status and locked, in the
 * mask), its lists in *l. r points into p and *l. Errors: MODEL_ERR_NOMEM
 * "out of memory" (then *l holds nothing to free). */
model_status io_store_job_rec_from_problem(const model_problem *p, int j, io_store_job_lists *l,
                                           io_store_job_rec *r, model_error *err);

void io_store_job_lists_free(io_store_job_lists *l);

/* Prepares the statements. On failure nothing needs freeing. */
model_status io_store_upsert_init(io_store_upsert *u, io_store *s, model_error *err);

/* Finalizes the statements; a zeroed struct is accepted. */
void io_store_upsert_fini(io_store_upsert *u);

/* Whether a location / technician / job with this id is stored. */
model_status io_store_upsert_has_location(io_store_upsert *u, const char *id, bool *has,
                                          model_error *err);
model_status io_store_upsert_has_technician(io_store_upsert *u, const char *id, bool *has,
                                            model_error *err);
model_status io_store_upsert_has_job(io_store_upsert *u, const char *id, bool *has,
                                     model_error *err);

/* Upserts; *inserted (may be NULL) tells whether the record was new. */
model_status io_store_upsert_location(io_store_upsert *u, const io_store_location_rec *r,
                                      bool *inserted, model_error *err);
model_status io_store_upsert_technician(io_store_upsert *u, const io_store_technician_rec *r,
                                        bool *inserted, model_error *err);
model_status io_store_upsert_job(io_store_upsert *u, const io_store_job_rec *r, bool *inserted,
                                 model_error *err);

/* Replaces the technician's shift on `date` with one from start to end and
 * these breaks, and its overtime (FORMAT.md extension 2; max_s < 0: none)
 * unless overtime is NULL (then a stored shift keeps its overtime). */
model_status io_store_upsert_shift(io_store_upsert *u, const char *technician, const char *date,
                                   int64_t start, int64_t end, const model_break *breaks,
                                   int nbreaks, const model_soft_limit *overtime, bool *inserted,
                                   model_error *err);

/* Sets the overtime of the technician's stored shift on `date` (none
 * stored: nothing). */
model_status io_store_upsert_overtime(io_store_upsert *u, const char *technician, const char *date,
                                      const model_soft_limit *overtime, model_error *err);

/* Replaces the technician's absence starting at start. */
model_status io_store_upsert_absence(io_store_upsert *u, const char *technician, int64_t start,
                                     int64_t end, const char *reason, bool *inserted,
                                     model_error *err);

/* Stores one travel matrix entry. */
model_status io_store_upsert_travel(io_store_upsert *u, const char *from, const char *to,
                                    int64_t duration_s, int64_t distance_m, model_error *err);

#endif

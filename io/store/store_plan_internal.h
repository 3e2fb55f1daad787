/* store_plan_internal.h - the horizon problem's fields of FORMAT.md
 * extension 2 as the plan loader writes them (store_plan_rules.c). Private
 * to io/store. */
#ifndef FIELDPLAN_IO_STORE_PLAN_INTERNAL_H
#define FIELDPLAN_IO_STORE_PLAN_INTERNAL_H

#include <sqlite3.h>

#include "io/formats/json_out.h"
#include "io/store/store_internal.h"
#include "io/store/store_plan.h"

/* The setting that says an imported JSON problem used FORMAT.md extension
 * 2 ("1"; set by io_store_import_problem, never cleared): a field that
 * leaves no other trace in the tables (an "objective" with a balance cost
 * of 0, a skill written "gas:1", an empty contact or preferred list) still
 * makes the planned problem one of extension 2. */
#define IO_STORE_EXTENSION2_SETTING "extension2"

/* A cost per minute (rate_us millionths, model/rate.h) into parameter i:
 * an INTEGER when whole, else the REAL nearest its decimal. */
void io_store_bind_rate(sqlite3_stmt *st, int i, int64_t rate_us);

/* The cost per minute in column col, as io_store_bind_rate stored it (an
 * INTEGER, or a REAL read back as the decimal it was written from), in
 * millionths (a REAL with more decimal places, which only a hand-made
 * edit gives, rounded to the nearest millionth); 0 for NULL. */
int64_t io_store_column_rate(sqlite3_stmt *st, int col);

/* `, "KEY": {"max_min": M, "cost_s_per_min": C}` from columns col and
 * col + 1 of st; nothing when both are NULL (the limit is hard). */
void io_store_put_soft_limit(io_json_out *o, const char *key, sqlite3_stmt *st, int col);

/* `, "contact": {"phone", "email", "notes"}` from columns col..col + 2
 * (each only when set); nothing when none is. */
void io_store_put_contact(io_json_out *o, sqlite3_stmt *st, int col);

/* `, "preferred_technicians": [{"technician": T, "bonus_s": B}]`: the
 * stored ones of job `id` (st: Q_PREFERRED) merged with the extra ones of
 * that job (extra sorted by job id); nothing when there are none. */
model_status io_store_put_preferred(io_store *s, io_json_out *o, sqlite3_stmt *st, const char *id,
                                    const io_store_preference *extra, int nextra,
                                    model_error *err);

/* `"objective": {"balance_cost_s_per_min": R},\n` when the setting is
 * above 0, or (R 0) when an imported problem used extension 2
 * (IO_STORE_EXTENSION2_SETTING): its schedules then carry the cost terms,
 * as the problem's did. */
model_status io_store_put_objective(io_store *s, io_json_out *o, model_error *err);

#endif

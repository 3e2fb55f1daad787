/* store_plan_internal.h - the horizon problem's fields of FORMAT.md
 * extension 2 as the plan loader writes them (store_plan_rules.c). Private
 * to io/store. */
#ifndef FIELDPLAN_IO_STORE_PLAN_INTERNAL_H
#define FIELDPLAN_IO_STORE_PLAN_INTERNAL_H

#include <sqlite3.h>

#include "io/formats/json_out.h"
#include "io/store/store_internal.h"
#include "io/store/store_plan.h"

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

/* `"objective": {"balance_cost_s_per_min": N},\n` when the setting is
 * above 0. */
model_status io_store_put_objective(io_store *s, io_json_out *o, model_error *err);

#endif

/* output.h - a solution written out as a checked schedule (output.c),
 * with a reason for every unassigned job (reasons.c). */
#ifndef FIELDPLAN_SOLVER_OUTPUT_H
#define FIELDPLAN_SOLVER_OUTPUT_H

#include "model/schedule.h"
#include "solver/solution.h"

/* Appends route k of s as stops to schedule out. */
model_status sv_emit_route(const sv_ctx *c, const sv_route *r, model_schedule *out,
                           model_error *err);

/* The checked schedule of solution s (reasons for the unassigned). */
model_status sv_build_schedule(const sv_ctx *c, const sv_sol *s, model_schedule **out,
                               model_error *err);

/* ---- reasons (reasons.c) ---- */
/* A sentence saying why job u is unassigned in s. */
void sv_reason(const sv_ctx *c, const sv_sol *s, int u, char *buf, size_t len);

#endif

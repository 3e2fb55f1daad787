/* whatif.h - a what-if: a scenario applied to the problem a stored version
 * solved, re-planned from that version with disruption penalties, compared
 * with it; the published version is never changed. With a name the result
 * is kept as a draft version, to be published later (publish.h). */
#ifndef FIELDPLAN_USECASE_WHATIF_H
#define FIELDPLAN_USECASE_WHATIF_H

#include <stdint.h>

#include "io/formats/scenario.h"
#include "io/store/store_whatif.h"
#include "model/diff.h"
#include "solver/solver.h"
#include "usecase/session.h"

typedef struct usecase_whatif_options {
    const char *scenario_path; /* the scenario file (docs/whatif.md) */
    const char *version;       /* start from this version (number or name); NULL: published */
    solver_options solver;     /* its `previous` is set here */
    const char *save;          /* keep the result as a draft of that name, or NULL */
} usecase_whatif_options;

/* What the what-if found; owned by the caller (usecase_whatif_free). */
typedef struct usecase_whatif {
    io_scenario *sc;           /* the scenario */
    io_store_version_info *base; /* the version it started from (after LOAD) */
    model_problem *p0;         /* base's problem and schedule */
    model_schedule *s0;
    io_scenario_result res;    /* res.problem: the changed problem; res.warnings (after LOAD) */
    model_schedule *s1;        /* the new schedule (after SOLVE) */
    model_diff *diff;          /* s0 against s1 */
    solver_stats stats;
    int64_t saved;             /* the draft version stored, or 0 */
    /* private */
    const usecase_whatif_options *opt;
    model_schedule *prev;
    int64_t started_at;
} usecase_whatif;

/* Reads the scenario, then runs in ss (its db and progress; opened
 * read-only unless saving, without the lock). Errors as the scenario
 * reader, the store and the solver give them. */
model_status usecase_whatif_run(usecase_session *ss, const usecase_whatif_options *opt,
                                usecase_whatif *w, model_error *err);

void usecase_whatif_free(usecase_whatif *w);

#endif

/* bound.c - a schedule's summary.bound (FORMAT.md extension 3): its gap
 * and proven_optimal derived from the schedule's totals, and the check of
 * its shape (the same rules as the verifier's). */
#include <math.h>

#include "model/schedule.h"

static double gap_of(const model_summary *sum, double cost)
{
    double c = (double)sum->travel_s;
    double den = fabs(c) > 1 ? fabs(c) : 1;
    return (c - cost) / den;
}

void model_bound_settle(model_bound *b, const model_summary *sum)
{
    if (!b->present)
        return;
    if (b->unassigned_weight != sum->unassigned_weight)
        b->has_cost = false;
    if (!b->has_cost) {
        b->gap = 0;
        b->proven_optimal = false;
        return;
    }
    b->gap = gap_of(sum, b->cost);
    b->proven_optimal = b->cost == (double)sum->travel_s;
}

model_status model_bound_check(const model_bound *b, const model_summary *sum, model_error *err)
{
    if (!b->present)
        return MODEL_OK;
    if (b->unassigned_weight < 0)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: unassigned_weight %lld is negative",
                               (long long)b->unassigned_weight);
    if (b->unassigned_weight > sum->unassigned_weight)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: unassigned_weight %lld is above the schedule's %lld "
                               "(a bound above a feasible value)",
                               (long long)b->unassigned_weight, (long long)sum->unassigned_weight);
    if (!b->has_cost) {
        if (b->proven_optimal)
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "summary: bound: proven_optimal is true without a cost");
        return MODEL_OK;
    }
    if (!isfinite(b->cost))
        return model_error_set(err, MODEL_ERR_INPUT, "summary: bound: cost is not a finite number");
    if (b->unassigned_weight != sum->unassigned_weight)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: has a cost, but its unassigned_weight %lld is not "
                               "the schedule's %lld",
                               (long long)b->unassigned_weight, (long long)sum->unassigned_weight);
    if (b->cost > (double)sum->travel_s)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: cost %.10g is above the schedule's travel_s %lld "
                               "(a bound above a feasible value)",
                               b->cost, (long long)sum->travel_s);
    double real = gap_of(sum, b->cost);
    if (fabs(b->gap - real) > 1e-6)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: gap is %.10g, but (travel_s - cost) / "
                               "max(|travel_s|, 1) = %.10g",
                               b->gap, real);
    bool optimal = b->cost == (double)sum->travel_s;
    if (b->proven_optimal != optimal)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: proven_optimal is %s, but the bound's cost %s "
                               "travel_s",
                               b->proven_optimal ? "true" : "false",
                               optimal ? "equals" : "differs from");
    return MODEL_OK;
}

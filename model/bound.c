/* bound.c - a schedule's summary.bound (FORMAT.md extension 3): its gap
 * and proven_optimal derived from the schedule's totals, and the check of
 * its shape (the same rules as the verifier's). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/check.h"
#include "model/schedule.h"

/* C: the schedule's cost, which is its travel_s without soft rules. */
static double gap_of(const model_summary *sum, double cost)
{
    double c = (double)sum->cost;
    double den = fabs(c) > 1 ? fabs(c) : 1;
    return (c - cost) / den;
}

void model_bound_settle(model_bound *b, const model_summary *sum)
{
    if (!b->present)
        return;
    if (b->unassigned_weight != sum->unassigned_weight)
        b->has_cost = false;
    b->has_proven = true;
    b->has_gap = b->has_cost;
    if (!b->has_cost) {
        b->gap = 0;
        b->proven_optimal = false;
        return;
    }
    b->gap = gap_of(sum, b->cost);
    b->proven_optimal = b->cost == (double)sum->cost;
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
    if (b->cost > (double)sum->cost)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: cost %.10g is above the schedule's cost %lld "
                               "(a bound above a feasible value)",
                               b->cost, (long long)sum->cost);
    double real = gap_of(sum, b->cost);
    if (fabs(b->gap - real) > 1e-6)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: gap is %.10g, but (C - cost) / "
                               "max(|C|, 1) = %.10g (C: the schedule's cost)",
                               b->gap, real);
    bool optimal = b->cost == (double)sum->cost;
    if (b->proven_optimal != optimal)
        return model_error_set(err, MODEL_ERR_INPUT,
                               "summary: bound: proven_optimal is %s, but the bound's cost %s "
                               "the schedule's cost",
                               b->proven_optimal ? "true" : "false",
                               optimal ? "equals" : "differs from");
    return MODEL_OK;
}

/* A number as Python's repr prints it: integers plainly, other values in
 * the shortest form that reads back the same. */
static void py_num(char *buf, size_t size, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, size, "%lld", (long long)v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* Python's str(float(f"{x:.6g}")). */
static void py_g6(char *buf, size_t size, double x)
{
    snprintf(buf, size, "%.6g", x);
    if (!strpbrk(buf, ".eni"))
        snprintf(buf + strlen(buf), size - strlen(buf), ".0");
}

model_status model_bound_report(const model_bound *b, const model_summary *totals,
                                bool travel_known, bool ext2, model_report *rep, model_error *err)
{
    const char *name = ext2 ? "cost" : "travel_s"; /* the oracle's name for C */
    model_status st = MODEL_OK;
    const char *where = "summary: bound";
    long long w = (long long)b->unassigned_weight, own_w = (long long)totals->unassigned_weight;
    char cost[64], gap[64], real_s[64];
#define BAD(...)                                                              \
    do {                                                                      \
        if (st == MODEL_OK && model_report_add(rep, __VA_ARGS__) != MODEL_OK) \
            st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");       \
    } while (0)
    if (!b->present)
        return MODEL_OK;
    if (w > own_w)
        BAD("%s: unassigned_weight %lld is above this schedule's %lld: a bound above a feasible "
            "value", where, w, own_w);
    if (!b->has_cost) {
        if (b->has_gap) {
            py_num(gap, sizeof gap, b->gap);
            BAD("%s: gap %s without a cost to measure it from", where, gap);
        }
        if (b->has_proven && b->proven_optimal)
            BAD("%s: proven_optimal is true without a cost", where);
        return st;
    }
    if (w != own_w)
        BAD("%s: has a cost, but its unassigned_weight %lld is not this schedule's %lld (a bound's "
            "cost is present only when they agree)", where, w, own_w);
    if (!travel_known)
        return st;
    long long own = (long long)totals->cost;
    double real = gap_of(totals, b->cost);
    py_num(cost, sizeof cost, b->cost);
    if (b->cost > (double)own)
        BAD("%s: cost %s is above this schedule's %s %lld: a bound above a feasible value",
            where, cost, name, own);
    if (b->has_gap && fabs(b->gap - real) > 1e-6) {
        py_num(gap, sizeof gap, b->gap);
        snprintf(real_s, sizeof real_s, "%.6g", real);
        BAD("%s: gap is %s, recomputed (%s - cost) / max(|%s|, 1) = %s", where, gap, name, name,
            real_s);
    }
    bool optimal = b->cost == (double)own && w == own_w;
    if (b->has_proven && b->proven_optimal != optimal)
        BAD("%s: proven_optimal is %s, but it is true exactly when the bound's cost equals "
            "%s (%s vs %lld) and its unassigned_weight this schedule's (%lld vs %lld)",
            where, b->proven_optimal ? "true" : "false", name, cost, own, w, own_w);
#undef BAD
    return st;
}

/* What the oracle's ok line shows of a bound: " bound_weight=BW" and, with
 * a cost, " bound_cost=BC gap=G"; "" without a bound. */
void model_bound_ok_fields(const model_bound *b, const model_summary *totals, char *buf,
                           size_t size)
{
    buf[0] = 0;
    if (!b->present || size == 0)
        return;
    int n = snprintf(buf, size, " bound_weight=%lld", (long long)b->unassigned_weight);
    if (!b->has_cost || n < 0 || (size_t)n >= size)
        return;
    char cost[64], gap[64];
    py_num(cost, sizeof cost, b->cost);
    py_g6(gap, sizeof gap, gap_of(totals, b->cost));
    snprintf(buf + n, size - (size_t)n, " bound_cost=%s gap=%s", cost, gap);
}

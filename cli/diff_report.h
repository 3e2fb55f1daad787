/* diff_report.h - the answer a dispatcher reads from `fieldplan whatif` and
 * `fieldplan diff`: the KPIs side by side and the changes per technician,
 * as text or as JSON (docs/whatif.md), and small formatting helpers the
 * what-if and appointment commands share. */
#ifndef FIELDPLAN_CLI_DIFF_REPORT_H
#define FIELDPLAN_CLI_DIFF_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "cli/kpi_report.h"
#include "model/diff.h"
#include "model/problem.h"

/* Prints the KPI table and the changes grouped by the technician a job
 * leaves (jobs new in b last) to f; with rules (FORMAT.md extension 2, NULL:
 * none), the run KPIs add rows to the table and the soft-rule changes
 * follow it (kpi_report.h). */
void cli_diff_print(FILE *f, const model_problem *pa, const model_problem *pb,
                    const model_diff *d, const cli_rules *rules);

/* The diff as a JSON object {EXTRA "kpis": {"before", "after"}, "changes":
 * [...]}; extra (may be NULL) is raw JSON members with a trailing ", ";
 * with rules, also "run_kpis": {"before", "after"} (plan_runs.kpis's
 * object, docs/schema.md) and "rule_changes" (kpi_report.h). A new string
 * (caller frees), or NULL with MODEL_ERR_NOMEM. */
char *cli_diff_to_json(const model_problem *pa, const model_problem *pb, const model_diff *d,
                       const cli_rules *rules, const char *extra, model_error *err);

/* "3h05m" ("-0h12m" when negative) in buf; returns buf. */
char *cli_hours(int64_t s, char *buf, size_t size);

/* One row of a before/after table: what, a, b and b - a (as counts, or as
 * hours and minutes). */
void cli_row_int(FILE *f, const char *what, long long a, long long b);
void cli_row_hours(FILE *f, const char *what, int64_t a, int64_t b);

#endif

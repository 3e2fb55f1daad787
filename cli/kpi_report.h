/* kpi_report.h - a run's KPIs (model/kpi.h) as `plan`, `show`, `whatif`
 * and `diff` print them: only for problems that use a soft rule of FORMAT.md
 * extension 2, so the output for others stays as it was. */
#ifndef FIELDPLAN_CLI_KPI_REPORT_H
#define FIELDPLAN_CLI_KPI_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "io/formats/json_out.h"
#include "model/kpi.h"
#include "model/problem.h"
#include "model/schedule.h"
#include "solver/solver.h"

/* Two schedules' soft rules side by side (whatif, diff). */
typedef struct cli_rules {
    const model_problem *pa, *pb;
    const model_schedule *sa, *sb;
    model_run_kpis ka, kb;
} cli_rules;

/* Fills r and returns whether either problem uses a soft rule (else r is
 * not to be used). */
bool cli_rules_init(cli_rules *r, const model_problem *pa, const model_schedule *sa,
                    const model_problem *pb, const model_schedule *sb);

/* The jobs whose late seconds or service by a preferred technician differ
 * between the two sides, and the technician-days whose overtime differs
 * ("Soft rules (N changes):" and one line each; nothing when none); jobs
 * by id, technicians by id and shift date. */
void cli_rules_print_changes(FILE *f, const cli_rules *r);

/* The same as a JSON list of {"job", "late_s": [a, b], "preferred": [a,
 * b]} and {"technician", "date", "overtime_s": [a, b]} (null on a side
 * that does not serve the job / have the day; preferred null when the job
 * lists none). */
void cli_rules_json_changes(io_json_out *o, const cli_rules *r);

/* Whether either problem (b may be NULL) uses a soft rule: then the KPIs
 * are printed. */
bool cli_kpis_relevant(const model_problem *a, const model_problem *b);

/* One line: "kpis: late 1 job (0h20m), overtime 0h30m on 1 route, working
 * time min 0h00m mean 4h45m max 9h30m, preferred technician 1/2 jobs (50%),
 * cost 9740 s (travel 5000 + lateness 2400 + overtime 2700 + balance 1140 -
 * bonus 500)". */
void cli_kpis_print_line(FILE *f, const char *indent, const model_run_kpis *k);

/* The same side by side, as rows of the what-if / diff table. */
void cli_kpis_print_rows(FILE *f, const model_run_kpis *a, const model_run_kpis *b);

/* "; bound 21120 s, gap 3.30%" (or "; bound: unassigned weight >= N" when
 * the gap is in assignment) for a schedule's bound in buf; "" without one.
 * For a problem p with soft rules, the cost (sum's) the bound is of comes
 * first: "; cost 43168 s, bound 41316 s, gap 4.29%". Returns buf. */
char *cli_bound_text(const model_bound *b, const model_problem *p, const model_summary *sum,
                     char *buf, size_t size);

/* Schedule s's bound (of problem p) as cli_bound_text words it, without the
 * leading "; "; "none" without one. Returns buf or a constant. */
const char *cli_bound_line(const model_schedule *s, const model_problem *p, char *buf,
                           size_t size);

/* The progress line of a schedule's bound (pr->bound set) at `elapsed`
 * seconds, on stderr: "travel 21840 s, bound 21120 s, gap 3.3%" ("cost"
 * for a problem with soft rules), or the weight's bound when the gap is
 * in assignment. */
void cli_bound_progress(double elapsed, const solver_progress *pr);

#endif

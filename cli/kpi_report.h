/* kpi_report.h - a run's KPIs (model/kpi.h) as `plan`, `show`, `whatif`
 * and `diff` print them: only for problems that use a soft rule of FORMAT.md
 * extension 2, so the output for others stays as it was. */
#ifndef FIELDPLAN_CLI_KPI_REPORT_H
#define FIELDPLAN_CLI_KPI_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/kpi.h"
#include "model/problem.h"

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

#endif

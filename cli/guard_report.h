/* guard_report.h - printing what the publishing guard (usecase/guard.h)
 * found, with the command line's advice: for plan and publish. */
#ifndef FIELDPLAN_CLI_GUARD_REPORT_H
#define FIELDPLAN_CLI_GUARD_REPORT_H

#include "usecase/guard.h"

/* The most job lines printed; the rest are counted ("and N more"). */
#define CLI_GUARD_MAX_LINES 20

/* Prints to stderr why g is broken, one line per job: as an error when it
 * refused (what names the version refused, e.g. "the new plan"; returns
 * CLI_EXIT_REFUSED), as a warning when --force published anyway (returns
 * CLI_EXIT_OK); prints nothing and returns CLI_EXIT_OK when g holds. */
int cli_guard_report(const usecase_guard *g, const char *what);

#endif

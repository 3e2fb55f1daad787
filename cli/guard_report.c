/* guard_report.c - printing the publishing guard's findings (guard_report.h). */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/guard_report.h"

int cli_guard_report(const usecase_guard *g, const char *what)
{
    if (!g->broken)
        return CLI_EXIT_OK;
    const char *kind = g->refused ? "error" : "warning";
    fprintf(stderr, "fieldplan: %s: %s would lose what version %lld promises", kind, what,
            (long long)g->against);
    if (g->refused)
        fprintf(stderr, " (refused; nothing is published and the database is unchanged)");
    else
        fprintf(stderr, " (published anyway with --force; recorded in the run's message)");
    fprintf(stderr, ":\n");
    if (g->serves_nothing)
        fprintf(stderr, "  it serves no job, while version %lld serves %d\n",
                (long long)g->against, g->served_before);
    if (g->appointments)
        fprintf(stderr, "  %d confirmed appointment%s lost or moved out of %s slot\n",
                g->appointments, g->appointments == 1 ? "" : "s",
                g->appointments == 1 ? "its" : "their");
    if (g->dropped > g->allowed)
        fprintf(stderr, "  %d jobs dropped that version %lld serves (at most %lld allowed)\n",
                g->dropped, (long long)g->against, (long long)g->allowed);
    else if (g->dropped)
        fprintf(stderr, "  %d job%s dropped that version %lld serves (allowed: at most %lld)\n",
                g->dropped, g->dropped == 1 ? "" : "s", (long long)g->against,
                (long long)g->allowed);
    for (int i = 0; i < g->nlines && i < CLI_GUARD_MAX_LINES; i++)
        fprintf(stderr, "  %s\n", g->lines[i].text);
    if (g->nlines > CLI_GUARD_MAX_LINES)
        fprintf(stderr, "  and %d more\n", g->nlines - CLI_GUARD_MAX_LINES);
    if (!g->refused)
        return CLI_EXIT_OK;
    fprintf(stderr, "fieldplan: check the dates and the data; to publish anyway use --force%s\n",
            g->dropped > g->allowed ? ", or allow more with --max-dropped N" : "");
    return CLI_EXIT_REFUSED;
}

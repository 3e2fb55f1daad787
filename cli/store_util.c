/* store_util.c - the session of a use case on the database, and printing
 * its failure with the command line's advice (store_util.h). */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/store_util.h"

int cli_store_fail(const model_error *err, usecase_stage stage)
{
    if (stage != USECASE_STAGE_LOCK || err->code != MODEL_ERR_BUSY || !err->msg[0])
        return cli_fail(err);
    fprintf(stderr, "fieldplan: error: %s (use --wait S to wait longer)\n", err->msg);
    return cli_exit_for(err->code);
}

usecase_session cli_store_session(const char *db, double wait_s, const char *feeds_dir)
{
    usecase_session ss = USECASE_SESSION_INIT;
    ss.db = db;
    ss.wait_s = wait_s;
    ss.feeds_dir = feeds_dir;
    return ss;
}

const cli_after_store cli_after_publish[] = {
    {USECASE_STAGE_FEEDS, "updating the feeds"},
    {USECASE_STAGE_UNLOCK, "releasing the plan lock"},
    {USECASE_STAGE_NONE, NULL},
};

void cli_store_partial(usecase_stage stage, const cli_after_store *after, const char *fmt, ...)
{
    while (after->what && after->stage != stage)
        after++;
    if (!after->what)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("fieldplan: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; only %s failed\n", after->what);
}

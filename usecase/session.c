/* session.c - the open, lock, load, solve, check, store, feeds, unlock
 * sequence of every use case (session.h). */
#include "io/feeds/feed.h"
#include "usecase/session.h"

#include <stdio.h>
#include <string.h>

/* Runs one stage: the hook (when there is one), with progress around it. */
static model_status stage(usecase_session *ss, usecase_stage st, usecase_step_fn fn, void *uc,
                          model_error *err)
{
    if (!fn || ss->stop)
        return MODEL_OK;
    if (ss->progress)
        ss->progress(ss->progress_ctx, st, false, uc);
    model_status rc = fn(ss, uc, err);
    if (rc != MODEL_OK) {
        ss->failed = st;
        return rc;
    }
    if (ss->progress)
        ss->progress(ss->progress_ctx, st, true, uc);
    return MODEL_OK;
}

static model_status open_db(usecase_session *ss, void *uc, model_error *err)
{
    (void)uc;
    return io_store_open(&ss->store, ss->db, &ss->open, err);
}

static model_status lock(usecase_session *ss, void *uc, model_error *err)
{
    (void)uc;
    return io_store_lock_acquire(ss->store, ss->wait_s, ss->hold_s, err);
}

static model_status feeds(usecase_session *ss, void *uc, model_error *err)
{
    (void)uc;
    return io_feed_publish(ss->store, ss->feeds_dir, NULL, &ss->nfeeds, err);
}

model_status usecase_session_run(usecase_session *ss, const usecase_hooks *hooks, void *uc,
                                 model_error *err)
{
    ss->store = NULL;
    ss->stop = false;
    ss->failed = USECASE_STAGE_NONE;
    ss->nfeeds = 0;
    model_status rc;
    if ((rc = stage(ss, USECASE_STAGE_OPEN, open_db, uc, err)) != MODEL_OK ||
        (rc = stage(ss, USECASE_STAGE_PREPARE, hooks->prepare, uc, err)) != MODEL_OK ||
        (ss->lock && (rc = stage(ss, USECASE_STAGE_LOCK, lock, uc, err)) != MODEL_OK) ||
        (rc = stage(ss, USECASE_STAGE_LOAD, hooks->load, uc, err)) != MODEL_OK ||
        (rc = stage(ss, USECASE_STAGE_SOLVE, hooks->solve, uc, err)) != MODEL_OK ||
        (rc = stage(ss, USECASE_STAGE_CHECK, hooks->check, uc, err)) != MODEL_OK ||
        (rc = stage(ss, USECASE_STAGE_STORE, hooks->store, uc, err)) != MODEL_OK ||
        (rc = stage(ss, USECASE_STAGE_AFTER_STORE, hooks->after_store, uc, err)) != MODEL_OK ||
        (ss->feeds && (rc = stage(ss, USECASE_STAGE_FEEDS, feeds, uc, err)) != MODEL_OK))
        goto done;
done:
    if (ss->store) {
        /* a no-op when the lock is not held (storing a plan releases it) */
        model_error e2 = MODEL_ERROR_INIT;
        if (io_store_lock_release(ss->store, rc == MODEL_OK ? err : &e2) != MODEL_OK &&
            rc == MODEL_OK) {
            /* Everything before it is stored: the message must not say
             * that nothing was changed (the store's words for the failed
             * statement alone). */
            rc = err->code;
            ss->failed = USECASE_STAGE_UNLOCK;
            char *cut = strstr(err->msg, "; nothing was changed");
            if (cut)
                *cut = '\0';
            size_t n = strlen(err->msg);
            snprintf(err->msg + n, sizeof err->msg - n,
                     "; all else is stored, and the plan lock lapses by itself");
        }
    }
    io_store_close(ss->store);
    ss->store = NULL;
    return rc;
}

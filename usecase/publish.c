/* publish.c - publishing a draft version (publish.h): find it, check that
 * it may be published, guard it, publish it in one transaction; a
 * superseded version goes to the rollback (rollback.h) in a second session. */
#include <stdio.h>
#include <string.h>

#include "usecase/publish.h"

static model_status load(usecase_session *ss, void *uc, model_error *err)
{
    usecase_publish *pu = uc;
    model_status rc = io_store_version_open(ss->store, pu->opt->version, &pu->version, &pu->v,
                                            err);
    if (rc != MODEL_OK)
        return rc;
    pu->already = strcmp(pu->v->status, "published") == 0;
    pu->restored = strcmp(pu->v->status, "superseded") == 0;
    if (pu->already || pu->restored) { /* nothing to publish here */
        ss->stop = true;
        return MODEL_OK;
    }
    if ((rc = io_store_publish_check(ss->store, pu->v, pu->opt->force, &pu->would_undo, err)) !=
            MODEL_OK ||
        (rc = io_store_version_read(pu->v, &pu->p, &pu->sched, err)) != MODEL_OK)
        return rc;
    if (!pu->v->scenario_json)
        return MODEL_OK;
    char src[64];
    snprintf(src, sizeof src, "version %lld's scenario", (long long)pu->version);
    return io_scenario_read_text(pu->v->scenario_json, strlen(pu->v->scenario_json), src,
                                 &pu->sc, err);
}

/* The guard; a refusal stops the run with nothing written. */
static model_status guard(usecase_session *ss, void *uc, model_error *err)
{
    usecase_publish *pu = uc;
    usecase_guard_options go = {pu->opt->max_dropped, pu->opt->force};
    model_status rc = usecase_guard_run(ss->store, pu->p, pu->sched, pu->v->from, pu->sc, &go,
                                        &pu->guard, err);
    if (rc == MODEL_OK && pu->guard.refused)
        ss->stop = true;
    return rc;
}

static model_status store(usecase_session *ss, void *uc, model_error *err)
{
    usecase_publish *pu = uc;
    io_store_version_info *before = NULL;
    model_error none = MODEL_ERROR_INIT;
    io_store_version_get(ss->store, 0, &before, &none); /* for the report only */
    pu->superseded = before ? before->version : 0;
    io_store_version_info_free(before);
    char note[1024];
    return io_store_publish(ss->store, pu->version, pu->opt->force,
                            pu->guard.broken ? usecase_guard_note(&pu->guard, note, sizeof note)
                                             : NULL,
                            &pu->would_undo, err);
}

model_status usecase_publish_run(usecase_session *ss, const usecase_publish_options *opt,
                                 usecase_publish *pu, model_error *err)
{
    memset(pu, 0, sizeof *pu);
    pu->opt = opt;
    usecase_hooks hooks = {NULL, load, NULL, guard, store, NULL};
    usecase_session_publishes(ss);
    model_status rc = usecase_session_run(ss, &hooks, pu, err);
    if (rc != MODEL_OK || !pu->restored)
        return rc;
    usecase_rollback_options ro = {opt->version, opt->force, opt->max_dropped};
    return usecase_rollback_run(ss, &ro, &pu->rollback, err);
}

void usecase_publish_free(usecase_publish *pu)
{
    if (!pu)
        return;
    usecase_guard_free(&pu->guard);
    usecase_rollback_free(&pu->rollback);
    io_scenario_free(pu->sc);
    model_schedule_free(pu->sched);
    model_problem_free(pu->p);
    io_store_version_info_free(pu->v);
    memset(pu, 0, sizeof *pu);
}

/* publish.c - publishing a draft version (publish.h). */
#include <string.h>

#include "usecase/publish.h"

static model_status find(usecase_session *ss, void *uc, model_error *err)
{
    usecase_publish *pu = uc;
    return io_store_version_find(ss->store, pu->opt->version, &pu->version, err);
}

static model_status store(usecase_session *ss, void *uc, model_error *err)
{
    usecase_publish *pu = uc;
    io_store_version_info *before = NULL;
    model_error none = MODEL_ERROR_INIT;
    io_store_version_get(ss->store, 0, &before, &none); /* for the report only */
    pu->superseded = before ? before->version : 0;
    io_store_version_info_free(before);
    return io_store_publish(ss->store, pu->version, pu->opt->force, &pu->would_undo, err);
}

model_status usecase_publish_run(usecase_session *ss, const usecase_publish_options *opt,
                                 usecase_publish *pu, model_error *err)
{
    memset(pu, 0, sizeof *pu);
    pu->opt = opt;
    usecase_hooks hooks = {find, NULL, NULL, NULL, store, NULL};
    ss->lock = true;
    ss->hold_s = 600;
    ss->feeds = true;
    return usecase_session_run(ss, &hooks, pu, err);
}

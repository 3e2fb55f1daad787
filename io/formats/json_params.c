/* json_params.c - the what-if record of a stored run's parameters JSON (see
 * json_params.h). */
#include "io/formats/json_params.h"

#include <stdbool.h>
#include <string.h>

#include "io/formats/json_read_internal.h"

model_status io_json_params_read_whatif(const char *params, char **kind, char **name,
                                        char **scenario_json, model_error *err)
{
    cJSON *root = params ? cJSON_Parse(params) : NULL;
    const cJSON *w = io_json_present(root, "whatif");
    bool ok = true;
    if (w) {
        const cJSON *k = io_json_present(w, "kind"), *n = io_json_present(w, "name"),
                    *sc = io_json_present(w, "scenario");
        if (cJSON_IsString(k) && !(*kind = strdup(k->valuestring)))
            ok = false;
        if (cJSON_IsString(n) && !(*name = strdup(n->valuestring)))
            ok = false;
        if (cJSON_IsObject(sc) && !(*scenario_json = cJSON_PrintUnformatted(sc)))
            ok = false;
    }
    cJSON_Delete(root);
    return ok ? MODEL_OK : model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
}

/* json_params.h - reading the what-if record that a stored run's parameters
 * JSON carries ({"whatif": {"kind": ..., "name": ..., "scenario": {...}}}),
 * for io/store, without handing out JSON library types.
 *
 * Ownership: the strings it returns are new and belong to the caller. */
#ifndef FIELDPLAN_IO_JSON_PARAMS_H
#define FIELDPLAN_IO_JSON_PARAMS_H

#include "model/error.h"

/* Reads params (NULL accepted) leniently: text that does not parse, a
 * missing or null "whatif", or members of another type leave the outputs
 * alone. Otherwise sets *kind and *name to copies of the "kind" and "name"
 * strings and *scenario_json to the "scenario" object as compact JSON, each
 * only when present; as in io_json_member, a repeated key's last value
 * counts. Returns MODEL_OK, or MODEL_ERR_NOMEM "out of memory" when a copy
 * fails (the outputs already set stay set, for the caller to free). */
model_status io_json_params_read_whatif(const char *params, char **kind, char **name,
                                        char **scenario_json, model_error *err);

#endif

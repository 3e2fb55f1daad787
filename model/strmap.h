/* strmap.h - an open-addressing hash map from strings to int (id -> index).
 *
 * Keys are not copied: the map points at strings the caller keeps alive
 * (in fieldplan, the problem's own id strings). */
#ifndef FIELDPLAN_MODEL_STRMAP_H
#define FIELDPLAN_MODEL_STRMAP_H

#include <stddef.h>

#include "model/error.h"

/* One slot of the map. */
typedef struct model_strmap_slot {
    const char *key;   /* NULL when empty */
    int value;
} model_strmap_slot;

typedef struct model_strmap {
    model_strmap_slot *slots;
    size_t cap;        /* number of slots, a power of two (0 before first put) */
    size_t count;      /* keys stored */
} model_strmap;

#define MODEL_STRMAP_INIT {NULL, 0, 0}

/* Value stored for key, or -1 when absent. */
int model_strmap_get(const model_strmap *m, const char *key);

/* Stores key -> value. Returns MODEL_OK, or MODEL_ERR_INPUT if the key is
 * already present (the map is unchanged), or MODEL_ERR_NOMEM. */
model_status model_strmap_put(model_strmap *m, const char *key, int value);

/* Frees the map's arrays (not the keys); NULL is accepted. */
void model_strmap_free(model_strmap *m);

#endif

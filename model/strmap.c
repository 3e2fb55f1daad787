/* strmap.c - open addressing with linear probing; load kept under 1/2. */
#include "model/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

int model_strmap_get(const model_strmap *m, const char *key)
{
    if (!m->cap || !key)
        return -1;
    size_t mask = m->cap - 1;
    for (size_t i = hash_str(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->values[i];
    }
}

static model_status grow(model_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    if (cap > SIZE_MAX / sizeof(char *))
        return MODEL_ERR_NOMEM;
    const char **keys = calloc(cap, sizeof *keys);
    int *values = calloc(cap, sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return MODEL_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = hash_str(m->keys[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        values[j] = m->values[i];
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = cap;
    return MODEL_OK;
}

model_status model_strmap_put(model_strmap *m, const char *key, int value)
{
    if ((m->count + 1) * 2 > m->cap && grow(m) != MODEL_OK)
        return MODEL_ERR_NOMEM;
    size_t mask = m->cap - 1;
    size_t i = hash_str(key) & mask;
    for (; m->keys[i]; i = (i + 1) & mask)
        if (strcmp(m->keys[i], key) == 0)
            return MODEL_ERR_INPUT;
    m->keys[i] = key;
    m->values[i] = value;
    m->count++;
    return MODEL_OK;
}

void model_strmap_free(model_strmap *m)
{
    if (!m)
        return;
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
    m->cap = m->count = 0;
}

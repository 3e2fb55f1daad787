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
        if (!m->slots[i].key)
            return -1;
        if (strcmp(m->slots[i].key, key) == 0)
            return m->slots[i].value;
    }
}

static model_status grow(model_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    if (cap > SIZE_MAX / sizeof(model_strmap_slot))
        return MODEL_ERR_NOMEM;
    model_strmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return MODEL_ERR_NOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = hash_str(m->slots[i].key) & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return MODEL_OK;
}

model_status model_strmap_put(model_strmap *m, const char *key, int value)
{
    if ((m->count + 1) * 2 > m->cap && grow(m) != MODEL_OK)
        return MODEL_ERR_NOMEM;
    size_t mask = m->cap - 1;
    size_t i = hash_str(key) & mask;
    for (; m->slots[i].key; i = (i + 1) & mask)
        if (strcmp(m->slots[i].key, key) == 0)
            return MODEL_ERR_INPUT;
    m->slots[i] = (model_strmap_slot){key, value};
    m->count++;
    return MODEL_OK;
}

void model_strmap_free(model_strmap *m)
{
    if (!m)
        return;
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

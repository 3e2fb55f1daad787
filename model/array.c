/* array.c - growing the model's dynamic arrays (array.h). */
#include "model/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

model_status model_array_reserve(void **arr, size_t *cap, size_t need, size_t elem, size_t first,
                                 size_t max)
{
    if (need <= *cap)
        return MODEL_OK;
    size_t ncap = *cap ? *cap : first;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return MODEL_ERR_LIMIT;
        ncap *= 2;
    }
    if (ncap > max || ncap > SIZE_MAX / elem)
        return MODEL_ERR_LIMIT;
    void *n = realloc(*arr, ncap * elem);
    if (!n)
        return MODEL_ERR_NOMEM;
    memset((char *)n + *cap * elem, 0, (ncap - *cap) * elem);
    *arr = n;
    *cap = ncap;
    return MODEL_OK;
}

model_status model_array_grow(void **arr, int *cap, int need, size_t elem, const char *too_large,
                              model_error *err)
{
    size_t c = (size_t)*cap;
    model_status rc = model_array_reserve(arr, &c, need > 0 ? (size_t)need : 0, elem, 8, INT32_MAX);
    if (rc == MODEL_ERR_LIMIT)
        return model_error_set(err, MODEL_ERR_LIMIT, "%s", too_large);
    if (rc != MODEL_OK)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    *cap = (int)c;
    return MODEL_OK;
}

/* array.c - growing the model's dynamic arrays (array.h). */
#include "model/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

model_status model_array_grow(void **arr, int *cap, int need, size_t elem, const char *too_large,
                              model_error *err)
{
    if (need <= *cap)
        return MODEL_OK;
    size_t ncap = *cap ? (size_t)*cap * 2 : 8;
    while (ncap < (size_t)need)
        ncap *= 2;
    if (ncap > INT32_MAX || ncap > SIZE_MAX / elem)
        return model_error_set(err, MODEL_ERR_LIMIT, "%s", too_large);
    void *n = realloc(*arr, ncap * elem);
    if (!n)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    memset((char *)n + (size_t)*cap * elem, 0, (ncap - (size_t)*cap) * elem);
    *arr = n;
    *cap = (int)ncap;
    return MODEL_OK;
}

/* array.h - growing the model's dynamic arrays: one doubling rule, one
 * overflow check, one message, instead of a copy per module.
 *
 * No state; thread-safe as long as callers do not share the array. */
#ifndef FIELDPLAN_MODEL_ARRAY_H
#define FIELDPLAN_MODEL_ARRAY_H

#include <stddef.h>

#include "model/error.h"

/* Grows *arr, an array of elements of size elem with room for *cap, so that
 * it holds at least need elements: the capacity doubles from 8. New
 * elements are zeroed. On error *arr and *cap are unchanged (the array
 * stays valid and owned by the caller). Errors: MODEL_ERR_LIMIT with the
 * message too_large when the count would pass INT32_MAX or the size
 * SIZE_MAX; MODEL_ERR_NOMEM "out of memory". */
model_status model_array_grow(void **arr, int *cap, int need, size_t elem, const char *too_large,
                              model_error *err);

/* The rule underneath, for every layer's arrays (the solver's scratch, the
 * store's rows): grows *arr, with room for *cap elements of size elem, to
 * hold at least need, the capacity doubling from `first` (> 0); new
 * elements are zeroed. Returns MODEL_OK, MODEL_ERR_LIMIT when the capacity
 * would pass max elements or the size SIZE_MAX, or MODEL_ERR_NOMEM; it
 * fills no error record, and on error *arr and *cap are unchanged. */
model_status model_array_reserve(void **arr, size_t *cap, size_t need, size_t elem, size_t first,
                                 size_t max);

#endif

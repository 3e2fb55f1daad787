/* travel_csv.c - travel rows from CSV (travel_csv.h). */
#include "io/formats/travel_csv.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/csv.h"
#include "io/formats/file.h"
#include "model/problem.h"

void io_travel_rows_free(io_travel_rows *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        free(r->from[i]);
        free(r->to[i]);
    }
    free(r->from);
    free(r->to);
    free(r->duration_s);
    free(r->distance_m);
    free(r->row);
    free(r);
}

/* A number >= 0 (decimals rounded); empty allowed when `optional` (0). */
static model_status number(const char *src, int row, const char *col, const char *text,
                           bool optional, int32_t *out, model_error *err)
{
    while (*text == ' ' || *text == '\t')
        text++;
    if (!*text) {
        if (optional) {
            *out = 0;
            return MODEL_OK;
        }
        return model_error_set(err, MODEL_ERR_INPUT, "%s: row %d, column '%s': empty (required)",
                               src, row, col);
    }
    char *end;
    double v = strtod(text, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end || !isfinite(v) || v < 0 || (text[0] != '.' && (text[0] < '0' || text[0] > '9')))
        return model_error_set(err, MODEL_ERR_INPUT,
                               "%s: row %d, column '%s': '%.40s' is not a number >= 0", src, row,
                               col, text);
    double r = floor(v + 0.5);
    if (r > MODEL_MAX_TRAVEL_S)
        return model_error_set(err, MODEL_ERR_LIMIT,
                               "%s: row %d, column '%s': %.40s is larger than %d", src, row, col,
                               text, MODEL_MAX_TRAVEL_S);
    *out = (int32_t)r;
    return MODEL_OK;
}

model_status io_travel_csv_read(const char *path, io_travel_rows **out, model_error *err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    model_status st = io_file_read_all(path, (size_t)512 << 20, &text, &len, err);
    if (st != MODEL_OK)
        return st;
    io_csv_table *t = NULL;
    st = io_csv_parse(text, len, path, &t, err);
    free(text);
    if (st != MODEL_OK)
        return st;
    static const char *const cols[4] = {"from", "to", "duration_s", "distance_m"};
    int c[4];
    for (int k = 0; k < 4; k++)
        if ((c[k] = io_csv_column(t, cols[k])) < 0 && k < 3) {
            io_csv_free(t);
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "%s: row 1: no column '%s' (the header must name from, to, "
                                   "duration_s and, optionally, distance_m)",
                                   path, cols[k]);
        }
    io_travel_rows *r = calloc(1, sizeof *r);
    size_t n = (size_t)t->nrows + 1;
    if (!r || !(r->from = calloc(n, sizeof *r->from)) || !(r->to = calloc(n, sizeof *r->to)) ||
        !(r->duration_s = malloc(n * sizeof *r->duration_s)) ||
        !(r->distance_m = malloc(n * sizeof *r->distance_m)) ||
        !(r->row = malloc(n * sizeof *r->row))) {
        io_travel_rows_free(r);
        io_csv_free(t);
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    }
    for (int i = 0; i < t->nrows && st == MODEL_OK; i++) {
        char **f = t->rows[i];
        int row = t->row_number[i];
        for (int k = 0; k < 2 && st == MODEL_OK; k++)
            if (!f[c[k]][0])
                st = model_error_set(err, MODEL_ERR_INPUT,
                                     "%s: row %d, column '%s': empty (a location id is required)",
                                     path, row, cols[k]);
        if (st != MODEL_OK ||
            (st = number(path, row, cols[2], f[c[2]], false, &r->duration_s[i], err)) !=
                MODEL_OK ||
            (st = number(path, row, cols[3], c[3] >= 0 ? f[c[3]] : "", true, &r->distance_m[i],
                         err)) != MODEL_OK)
            break;
        r->row[i] = row;
        if (!(r->from[i] = strdup(f[c[0]])) || !(r->to[i] = strdup(f[c[1]]))) {
            free(r->from[i]);
            r->from[i] = NULL;
            st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
            break;
        }
        r->n = i + 1;
    }
    io_csv_free(t);
    if (st != MODEL_OK) {
        io_travel_rows_free(r);
        return st;
    }
    *out = r;
    return MODEL_OK;
}

/* store_stmt.c - statements run with bound values and their rows read by
 * one loop (store_internal.h, "statements with bound values"): the prepare,
 * bind, step, finalize sequence the store modules would otherwise each
 * write again, with SQLite's failures turned into model_error messages. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/store/store_internal.h"

/* Prepares sql and binds the values `types` names (store_internal.h). */
static model_status vprepare(io_store *s, sqlite3_stmt **st, model_error *err, const char *sql,
                             const char *types, va_list ap)
{
    model_status rc = io_store_prepare(s, sql, st, err);
    if (rc != MODEL_OK)
        return rc;
    for (int i = 1; types[i - 1]; i++) {
        switch (types[i - 1]) {
        case 'i':
            sqlite3_bind_int(*st, i, va_arg(ap, int));
            break;
        case 'I':
            sqlite3_bind_int64(*st, i, va_arg(ap, int64_t));
            break;
        case 'd':
            sqlite3_bind_double(*st, i, va_arg(ap, double));
            break;
        case 'b': {
            const void *blob = va_arg(ap, const void *);
            sqlite3_bind_blob(*st, i, blob, va_arg(ap, int), SQLITE_TRANSIENT);
            break;
        }
        default: /* 't' */
            io_store_bind_text(*st, i, va_arg(ap, const char *));
            break;
        }
    }
    return MODEL_OK;
}

/* Prepares *st from sql and the values after `types` in the arguments of
 * the variadic function it stands in; sets rc. */
#define PREPARE_VALUES(s, st, err, sql, types, rc)                                            \
    do {                                                                                     \
        va_list ap_;                                                                         \
        va_start(ap_, types);                                                                \
        rc = vprepare(s, st, err, sql, types, ap_);                                          \
        va_end(ap_);                                                                         \
    } while (0)

model_status io_store_prepare_bind(io_store *s, sqlite3_stmt **st, model_error *err,
                                   const char *sql, const char *types, ...)
{
    model_status rc;
    PREPARE_VALUES(s, st, err, sql, types, rc);
    return rc;
}

model_status io_store_run(io_store *s, const char *what, model_error *err, const char *sql,
                          const char *types, ...)
{
    sqlite3_stmt *st;
    model_status rc;
    PREPARE_VALUES(s, &st, err, sql, types, rc);
    if (rc == MODEL_OK)
        rc = io_store_step_done(s, st, what, err);
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_query_row(io_store *s, io_store_read_fn read, void *ctx, bool *found,
                                const char *what, model_error *err, const char *sql,
                                const char *types, ...)
{
    sqlite3_stmt *st;
    model_status rc;
    PREPARE_VALUES(s, &st, err, sql, types, rc);
    if (found)
        *found = false;
    int r = rc == MODEL_OK ? sqlite3_step(st) : SQLITE_DONE;
    if (r == SQLITE_ROW) {
        if (found)
            *found = true;
        if (read)
            rc = read(ctx, st, err);
    } else if (r != SQLITE_DONE) {
        rc = io_store_fail(s, err, what);
    }
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_read_int64(void *ctx, sqlite3_stmt *st, model_error *err)
{
    (void)err;
    *(int64_t *)ctx = sqlite3_column_int64(st, 0);
    return MODEL_OK;
}

void io_store_list_free(const io_store_row_type *t, void *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        char *row = (char *)rows + (size_t)i * t->size;
        for (int k = 0; k < t->ntexts; k++)
            free(*(char **)(row + t->texts[k].offset));
    }
    free(rows);
}

/* Fills a zeroed row of type t from the current row of st; false when out
 * of memory or a required text is NULL. */
static bool read_row(const io_store_row_type *t, sqlite3_stmt *st, char *row)
{
    bool ok = true;
    for (int k = 0; k < t->ntexts; k++) {
        const io_store_text_col *c = &t->texts[k];
        if (c->column < 0)
            continue;
        char **text = (char **)(row + c->offset);
        *text = io_store_column_dup(st, c->column, &ok);
        if (c->required && !*text)
            ok = false;
    }
    if (t->read && !t->read(st, row))
        ok = false;
    return ok;
}

model_status io_store_list(io_store *s, const io_store_row_type *t, void **rows, int *n,
                           const char *what, model_error *err, const char *sql,
                           const char *types, ...)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st;
    model_status rc;
    PREPARE_VALUES(s, &st, err, sql, types, rc);
    int cap = 0, r = SQLITE_DONE;
    bool ok = true;
    while (rc == MODEL_OK && ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow(rows, *n, &cap, t->size, t->first)) {
            ok = false;
            break;
        }
        ok = read_row(t, st, (char *)*rows + (size_t)(*n)++ * t->size);
    }
    if (!ok)
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    else if (rc == MODEL_OK && r != SQLITE_DONE)
        rc = io_store_fail(s, err, what);
    sqlite3_finalize(st);
    if (rc != MODEL_OK) {
        io_store_list_free(t, *rows, *n);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}

model_status io_store_not_found(const io_store *s, const char *what, int64_t id,
                                model_error *err)
{
    if (id)
        return model_error_set(err, MODEL_ERR_INPUT, "%s: no %s %lld", s->name, what,
                               (long long)id);
    return model_error_set(err, MODEL_ERR_INPUT,
                           "%s: no published version yet (run 'fieldplan plan')", s->name);
}

void io_store_column_copy(sqlite3_stmt *st, int c, char *dst, size_t size)
{
    const char *t = (const char *)sqlite3_column_text(st, c);
    snprintf(dst, size, "%s", t ? t : "");
}

/* store_stmt.c - statements run with bound values and their rows read by
 * one loop (store_internal.h, "statements with bound values"): the prepare,
 * bind, step, finalize sequence the store modules would otherwise each
 * write again, with SQLite's failures turned into model_error messages. */
#include <stdarg.h>
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

model_status io_store_prepare_bind(io_store *s, sqlite3_stmt **st, model_error *err,
                                   const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    model_status rc = vprepare(s, st, err, sql, types, ap);
    va_end(ap);
    return rc;
}

model_status io_store_run(io_store *s, const char *what, model_error *err, const char *sql,
                          const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    model_status rc = vprepare(s, &st, err, sql, types, ap);
    va_end(ap);
    if (rc != MODEL_OK)
        return rc;
    rc = io_store_step_done(s, st, what, err);
    sqlite3_finalize(st);
    return rc;
}

model_status io_store_query_row(io_store *s, io_store_read_fn read, void *ctx, bool *found,
                                const char *what, model_error *err, const char *sql,
                                const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    model_status rc = vprepare(s, &st, err, sql, types, ap);
    va_end(ap);
    if (found)
        *found = false;
    if (rc != MODEL_OK)
        return rc;
    int r = sqlite3_step(st);
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

static model_status read_int64(void *ctx, sqlite3_stmt *st, model_error *err)
{
    (void)err;
    *(int64_t *)ctx = sqlite3_column_int64(st, 0);
    return MODEL_OK;
}

model_status io_store_query_int64(io_store *s, int64_t *out, const char *what, model_error *err,
                                  const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    model_status rc = vprepare(s, &st, err, sql, types, ap);
    va_end(ap);
    if (rc != MODEL_OK)
        return rc;
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = read_int64(out, st, err);
    else if (r != SQLITE_DONE)
        rc = io_store_fail(s, err, what);
    sqlite3_finalize(st);
    return rc;
}

void io_store_list_free(const io_store_row_type *t, void *rows, int n)
{
    for (int i = 0; rows && t->clear && i < n; i++)
        t->clear((char *)rows + (size_t)i * t->size);
    free(rows);
}

model_status io_store_list(io_store *s, const io_store_row_type *t, void **rows, int *n,
                           const char *what, model_error *err, const char *sql,
                           const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    va_start(ap, types);
    model_status rc = vprepare(s, &st, err, sql, types, ap);
    va_end(ap);
    if (rc != MODEL_OK)
        return rc;
    int cap = *n, r;
    bool ok = true;
    while (ok && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!io_store_grow(rows, *n, &cap, t->size, t->first)) {
            ok = false;
            break;
        }
        ok = t->read(st, (char *)*rows + (size_t)(*n)++ * t->size);
    }
    if (!ok)
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    else if (r != SQLITE_DONE)
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

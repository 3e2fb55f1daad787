/* csv.c - RFC 4180 CSV into a table of strings (see csv.h).
 *
 * One pass over the text: a record is a list of fields, each field built in
 * a growing buffer. Blank records are skipped but still counted as rows, so
 * that row numbers match the spreadsheet the file came from. */
#include "io/formats/csv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/array.h"

typedef struct field_buf {
    char *d;
    size_t n, cap;
} field_buf;

typedef struct record {
    char **f;
    int n, cap;
    bool quoted_any;
} record;

static bool buf_push(field_buf *b, char c)
{
    if (b->n + 1 >= b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        char *d = realloc(b->d, cap);
        if (!d)
            return false;
        b->d = d;
        b->cap = cap;
    }
    b->d[b->n++] = c;
    b->d[b->n] = '\0';
    return true;
}

static char *buf_take(field_buf *b)
{
    char *s = b->n ? b->d : strdup("");
    if (!b->n)
        free(b->d);
    b->d = NULL;
    b->n = b->cap = 0;
    return s;
}

static bool record_push(record *r, char *s)
{
    if (!s)
        return false;
    if (model_array_grow((void **)&r->f, &r->cap, r->n + 1, sizeof *r->f, "too many fields",
                         NULL) != MODEL_OK) {
        free(s);
        return false;
    }
    r->f[r->n++] = s;
    return true;
}

/* Frees the fields f[0..n) and f. */
static void free_fields(char **f, int n)
{
    for (int i = 0; i < n; i++)
        free(f[i]);
    free(f);
}

static void record_clear(record *r)
{
    free_fields(r->f, r->n);
    memset(r, 0, sizeof *r);
}

/* Whether s is well-formed UTF-8 (no overlongs, no surrogates). */
static bool valid_utf8(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s;
        int extra;
        uint32_t cp;
        if (c < 0x80) {
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; k++) {
            if ((s[k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[k] & 0x3F);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        s += extra + 1;
    }
    return true;
}

static void trim(char *s)
{
    size_t n = strlen(s), a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

/* The delimiter: ';' when the first line has ';' outside quotes and no ',';
 * a tab when it has tabs and neither (a tab-separated export); else ','. */
static char detect_delimiter(const char *t, size_t len)
{
    bool inq = false;
    int commas = 0, semis = 0, tabs = 0;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c == '"')
            inq = !inq;
        else if (!inq && (c == '\n' || c == '\r'))
            break;
        else if (!inq && c == ',')
            commas++;
        else if (!inq && c == ';')
            semis++;
        else if (!inq && c == '\t')
            tabs++;
    }
    if (commas == 0 && semis > 0)
        return ';';
    return (commas == 0 && tabs > 0) ? '\t' : ',';
}

/* Reads one record starting at *pos into r. Returns MODEL_OK; *pos moves past
 * the record's line end. */
static model_status read_record(const char *t, size_t len, size_t *pos, char delim, record *r,
                                const char *src, int row, model_error *err)
{
    size_t i = *pos;
    field_buf b = {0};
    for (;;) {
        bool quoted = false;
        if (i < len && t[i] == '"') {
            quoted = true;
            r->quoted_any = true;
            i++;
            for (;;) {
                if (i >= len) {
                    free(b.d);
                    return model_error_set(err, MODEL_ERR_INPUT, "%s: row %d: unterminated quoted field",
                                           src, row);
                }
                if (t[i] == '"') {
                    if (i + 1 < len && t[i + 1] == '"') {
                        if (!buf_push(&b, '"'))
                            goto nomem;
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (t[i] == '\0') {
                    free(b.d);
                    return model_error_set(err, MODEL_ERR_INPUT, "%s: row %d: NUL byte in the text", src, row);
                }
                if (!buf_push(&b, t[i++]))
                    goto nomem;
            }
        } else {
            while (i < len && t[i] != delim && t[i] != '\n' && t[i] != '\r') {
                if (t[i] == '\0') {
                    free(b.d);
                    return model_error_set(err, MODEL_ERR_INPUT, "%s: row %d: NUL byte in the text", src, row);
                }
                if (!buf_push(&b, t[i++]))
                    goto nomem;
            }
        }
        if (quoted && i < len && t[i] != delim && t[i] != '\n' && t[i] != '\r') {
            free(b.d);
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "%s: row %d: field %d: text after the closing quote", src, row,
                                   r->n + 1);
        }
        if (r->n >= IO_CSV_MAX_COLUMNS) {
            free(b.d);
            return model_error_set(err, MODEL_ERR_LIMIT, "%s: row %d: more than %d fields", src,
                                   row, IO_CSV_MAX_COLUMNS);
        }
        if (!record_push(r, buf_take(&b)))
            goto nomem;
        if (i < len && t[i] == delim) {
            i++;
            continue;
        }
        if (i < len && t[i] == '\r')
            i++;
        if (i < len && t[i] == '\n')
            i++;
        break;
    }
    *pos = i;
    return MODEL_OK;
nomem:
    free(b.d);
    return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", src);
}

void io_csv_free(io_csv_table *t)
{
    if (!t)
        return;
    free_fields(t->header, t->ncols);
    for (int r = 0; r < t->nrows; r++)
        free_fields(t->rows[r], t->ncols);
    free(t->rows);
    free(t->row_number);
    free(t);
}

int io_csv_column(const io_csv_table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (strcasecmp(t->header[c], name) == 0)
            return c;
    return -1;
}

/* A record of empty fields only (a blank line, or ";;;" from a spreadsheet). */
static bool is_blank(const record *r)
{
    if (r->quoted_any)
        return false;
    for (int c = 0; c < r->n; c++)
        if (r->f[c][strspn(r->f[c], " \t")] != '\0')
            return false;
    return true;
}

model_status io_csv_parse(const char *text, size_t len, const char *source, io_csv_table **out,
                          model_error *err)
{
    const char *src = source ? source : "(input)";
    *out = NULL;
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    char delim = detect_delimiter(text + pos, len - pos);
    io_csv_table *t = calloc(1, sizeof *t);
    if (!t)
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", src);
    t->delimiter = delim;
    model_status st = MODEL_OK;
    int row = 0, cap_rows = 0, cap_numbers = 0;
    record r = {0};
    while (pos < len) {
        row++;
        memset(&r, 0, sizeof r);
        if ((st = read_record(text, len, &pos, delim, &r, src, row, err)) != MODEL_OK)
            goto fail;
        if (is_blank(&r)) {
            record_clear(&r);
            continue;
        }
        for (int c = 0; c < r.n; c++) {
            if (!valid_utf8((const unsigned char *)r.f[c])) {
                st = model_error_set(err, MODEL_ERR_INPUT,
                                     "%s: row %d: not UTF-8 text (save the file as \"CSV UTF-8\")",
                                     src, row);
                goto fail;
            }
        }
        if (!t->header) {
            for (int c = 0; c < r.n; c++)
                trim(r.f[c]);
            /* Spreadsheets export trailing empty columns: drop them. */
            while (r.n > 1 && !r.f[r.n - 1][0])
                free(r.f[--r.n]);
            for (int c = 0; c < r.n; c++) {
                if (!r.f[c][0]) {
                    st = model_error_set(err, MODEL_ERR_INPUT, "%s: row %d: column %d has no name",
                                         src, row, c + 1);
                    goto fail;
                }
                for (int k = 0; k < c; k++)
                    if (strcasecmp(r.f[k], r.f[c]) == 0) {
                        st = model_error_set(err, MODEL_ERR_INPUT, "%s: row %d: duplicate column '%s'",
                                             src, row, r.f[c]);
                        goto fail;
                    }
            }
            t->header = r.f;
            t->ncols = r.n;
            memset(&r, 0, sizeof r);
            continue;
        }
        for (int c = t->ncols; c < r.n; c++)
            if (r.f[c][0]) {
                st = model_error_set(err, MODEL_ERR_INPUT, "%s: row %d: %d fields, the header has %d",
                                     src, row, r.n, t->ncols);
                goto fail;
            }
        while (r.n < t->ncols)
            if (!record_push(&r, strdup(""))) {
                st = model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", src);
                goto fail;
            }
        for (int c = t->ncols; c < r.n; c++)
            free(r.f[c]);
        r.n = t->ncols;
        if (t->nrows >= IO_CSV_MAX_ROWS) {
            st = model_error_set(err, MODEL_ERR_LIMIT, "%s: more than %d rows", src, IO_CSV_MAX_ROWS);
            goto fail;
        }
        if (model_array_grow((void **)&t->rows, &cap_rows, t->nrows + 1, sizeof *t->rows,
                             "too many rows", NULL) != MODEL_OK ||
            model_array_grow((void **)&t->row_number, &cap_numbers, t->nrows + 1,
                             sizeof *t->row_number, "too many rows", NULL) != MODEL_OK) {
            st = model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", src);
            goto fail;
        }
        t->rows[t->nrows] = r.f;
        t->row_number[t->nrows++] = row;
        memset(&r, 0, sizeof r);
    }
    if (!t->header) {
        st = model_error_set(err, MODEL_ERR_INPUT, "%s: no header row", src);
        goto fail;
    }
    *out = t;
    return MODEL_OK;
fail:
    record_clear(&r);
    io_csv_free(t);
    return st;
}

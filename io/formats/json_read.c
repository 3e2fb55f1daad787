/* json_read.c - strict JSON reading on top of cJSON.
 *
 * io_json_parse() runs in three steps: a pass over the whole text that
 * checks everything (tokens, UTF-8, escapes, number syntax, the grammar,
 * nesting depth) so that errors have exact positions and Python's json
 * module's strictness, and records for every number literal, in document
 * order, whether it had a fraction or an exponent; then cJSON builds the
 * tree (it can then fail only for lack of memory); then a walk of the tree in
 * document order that copies the literal kinds onto the number items as the
 * private type bit TYPE_FRACTION (cJSON's own type tests mask with 0xFF, and
 * its delete looks only at bits 256 and 512, so the bit is inert for cJSON).
 * The same walk gives integer literals of more than 15 digits, which a double
 * may round, a copy of their text in valuestring (cJSON's delete frees it). */
#include "io/formats/json_read_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/formats/file.h"

/* Set on number items written with a fraction or an exponent. */
#define TYPE_FRACTION (1 << 14)

model_status io_json_read_file(const char *path, char **text, size_t *len, model_error *err)
{
    return io_json_read_file_limited(path, NULL, 0, text, len, err);
}

/* ---- the lexical pass ---- */

/* An integer literal too long for a double to hold exactly. */
typedef struct long_integer {
    size_t ordinal;    /* its index among the number literals */
    size_t start, end; /* its text */
} long_integer;

/* More digits than this: keep the literal's text (2^53 has 16). */
#define EXACT_DIGITS 15

/* A table found by the lexer (see json_read_internal.h). */
typedef struct capture {
    size_t start, end;   /* its text: s[start] == '[', s[end - 1] == ']' */
    size_t ordinal;      /* how many lists begin before it in the text */
    io_json_table table; /* the numbers (table.item set after parsing) */
} capture;

typedef struct lexer {
    const unsigned char *s; /* the text */
    size_t len;             /* its length */
    const char *source;     /* name for messages */
    model_error *err;       /* where errors go */
    unsigned char *bits;    /* bit k set: number literal k had a fraction/exponent */
    size_t nnumbers;        /* number literals seen (outside tables) */
    size_t capbits;         /* bytes allocated in bits */
    bool want_tables;       /* take large tables out of the tree */
    size_t nlists;          /* lists begun so far ('[' outside tables, and tables) */
    capture *captures;      /* tables found, in text order */
    int ncaptures, capcaptures;
    long_integer *longs;    /* integer literals over EXACT_DIGITS digits, in order */
    size_t nlongs, caplongs;
} lexer;

/* Sets the error to "SOURCE: line L, column C: MESSAGE" for byte offset pos. */
static model_status lex_error(const lexer *lx, size_t pos, model_status code, const char *fmt,
                              ...) __attribute__((format(printf, 4, 5)));

static model_status lex_error(const lexer *lx, size_t pos, model_status code, const char *fmt, ...)
{
    size_t line = 1, col = 1;
    if (pos > lx->len)
        pos = lx->len;
    for (size_t i = 0; i < pos; i++) {
        if (lx->s[i] == '\n') {
            line++;
            col = 1;
        } else if ((lx->s[i] & 0xC0) != 0x80) {
            col++; /* count characters, not UTF-8 continuation bytes */
        }
    }
    char what[MODEL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return model_error_set(lx->err, code, "%s: line %zu, column %zu: %s", lx->source, line, col,
                           what);
}

/* Length of the well-formed UTF-8 sequence at s[i] (Python's strict
 * decoder: no overlong forms, no surrogates, at most U+10FFFF), or 0. */
static size_t utf8_length(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (len - i < n)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The 4-hex-digit code unit at s[i] (after "\u"), or -1. */
static long hex4(const lexer *lx, size_t i)
{
    if (lx->len - i < 4)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hex_value(lx->s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Scans the string starting at the quote s[*pos]; *pos ends after it. */
static model_status lex_string(lexer *lx, size_t *pos)
{
    size_t start = *pos, i = start + 1;
    for (;;) {
        if (i >= lx->len)
            return lex_error(lx, start, MODEL_ERR_INPUT, "invalid JSON: unterminated string");
        unsigned char c = lx->s[i];
        if (c == '"')
            break;
        if (c == '\\') {
            if (i + 1 >= lx->len)
                return lex_error(lx, start, MODEL_ERR_INPUT, "invalid JSON: unterminated string");
            unsigned char e = lx->s[i + 1];
            if (strchr("\"\\/bfnrt", e) && e) {
                i += 2;
                continue;
            }
            if (e != 'u')
                return lex_error(lx, i, MODEL_ERR_INPUT, "invalid JSON: invalid escape '\\%c'",
                                 e >= 0x20 && e < 0x7F ? e : '?');
            long u = hex4(lx, i + 2);
            if (u < 0)
                return lex_error(lx, i, MODEL_ERR_INPUT, "invalid JSON: invalid \\u escape");
            if (u == 0)
                return lex_error(lx, i, MODEL_ERR_INPUT,
                                 "invalid JSON: \\u0000 (NUL) is not allowed in strings");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return lex_error(lx, i, MODEL_ERR_INPUT, "invalid JSON: lone surrogate \\u%04lX",
                                 (unsigned long)u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                long low = -1;
                if (lx->len - i >= 12 && lx->s[i + 6] == '\\' && lx->s[i + 7] == 'u')
                    low = hex4(lx, i + 8);
                if (low < 0xDC00 || low > 0xDFFF)
                    return lex_error(lx, i, MODEL_ERR_INPUT,
                                     "invalid JSON: lone surrogate \\u%04lX", (unsigned long)u);
                i += 12;
                continue;
            }
            i += 6;
            continue;
        }
        if (c == 0)
            return lex_error(lx, i, MODEL_ERR_INPUT, "invalid JSON: NUL byte");
        if (c < 0x20)
            return lex_error(lx, i, MODEL_ERR_INPUT,
                             "invalid JSON: control character 0x%02X in a string", c);
        size_t n = utf8_length(lx->s, lx->len, i);
        if (n == 0)
            return lex_error(lx, i, MODEL_ERR_INPUT, "invalid UTF-8 (byte 0x%02X)", c);
        i += n;
    }
    *pos = i + 1;
    return MODEL_OK;
}

/* Records one number literal's kind. */
static model_status lex_note_number(lexer *lx, bool fraction, size_t pos)
{
    size_t byte = lx->nnumbers / 8;
    if (byte >= lx->capbits) {
        size_t ncap = lx->capbits ? lx->capbits * 2 : 64;
        unsigned char *n = realloc(lx->bits, ncap);
        if (!n)
            return lex_error(lx, pos, MODEL_ERR_NOMEM, "out of memory");
        memset(n + lx->capbits, 0, ncap - lx->capbits);
        lx->bits = n;
        lx->capbits = ncap;
    }
    if (fraction)
        lx->bits[byte] |= (unsigned char)(1u << (lx->nnumbers % 8));
    lx->nnumbers++;
    return MODEL_OK;
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Scans the number starting at s[*pos] ('-' or a digit). */
static model_status lex_number(lexer *lx, size_t *pos)
{
    const unsigned char *s = lx->s;
    size_t start = *pos, end = start;
    while (end < lx->len && (is_digit(s[end]) || strchr("+-.eE", s[end]) != NULL) && s[end])
        end++;
    size_t p = start;
    bool ok = true, fraction = false;
    if (s[p] == '-')
        p++;
    if (p < end && s[p] == '0')
        p++;
    else if (p < end && is_digit(s[p]))
        while (p < end && is_digit(s[p]))
            p++;
    else
        ok = false;
    if (ok && p < end && s[p] == '.') {
        fraction = true;
        p++;
        if (p >= end || !is_digit(s[p]))
            ok = false;
        while (p < end && is_digit(s[p]))
            p++;
    }
    if (ok && p < end && (s[p] == 'e' || s[p] == 'E')) {
        fraction = true;
        p++;
        if (p < end && (s[p] == '+' || s[p] == '-'))
            p++;
        if (p >= end || !is_digit(s[p]))
            ok = false;
        while (p < end && is_digit(s[p]))
            p++;
    }
    if (!ok || p != end)
        return lex_error(lx, start, MODEL_ERR_INPUT, "invalid JSON: malformed number '%.*s'",
                         (int)(end - start > 40 ? 40 : end - start), (const char *)s + start);
    if (end - start > IO_JSON_MAX_NUMBER_CHARS)
        return lex_error(lx, start, MODEL_ERR_LIMIT, "number longer than %d characters",
                         IO_JSON_MAX_NUMBER_CHARS);
    if (!fraction && end - start - (s[start] == '-') > EXACT_DIGITS) {
        if (lx->nlongs == lx->caplongs) {
            size_t ncap = lx->caplongs ? lx->caplongs * 2 : 8;
            long_integer *n = realloc(lx->longs, ncap * sizeof *n);
            if (!n)
                return lex_error(lx, start, MODEL_ERR_NOMEM, "out of memory");
            lx->longs = n;
            lx->caplongs = ncap;
        }
        lx->longs[lx->nlongs++] = (long_integer){lx->nnumbers, start, end};
    }
    *pos = end;
    return lex_note_number(lx, fraction, start);
}

static size_t skip_space(const lexer *lx, size_t i)
{
    while (i < lx->len && (lx->s[i] == ' ' || lx->s[i] == '\t' || lx->s[i] == '\n' ||
                           lx->s[i] == '\r'))
        i++;
    return i;
}

/* Scans the list at s[i] == '[' as a list of lists of integer literals in
 * [0, INT32_MAX]. Returns the offset after its closing ']' and the counts,
 * or 0 when it is anything else. With row_start and values (sized by a
 * first call) also stores the numbers. */
static size_t scan_table(const lexer *lx, size_t i, size_t *nrows, size_t *nnums,
                         size_t *row_start, int32_t *values)
{
    const unsigned char *s = lx->s;
    size_t len = lx->len, rows = 0, nums = 0;
    i = skip_space(lx, i + 1);
    if (i >= len || s[i] != '[')
        return 0;
    for (;;) { /* s[i] == '[': one row */
        if (row_start)
            row_start[rows] = nums;
        rows++;
        i = skip_space(lx, i + 1);
        if (i < len && s[i] == ']') {
            i++;
        } else {
            for (;;) {
                if (i >= len || !is_digit(s[i]) ||
                    (s[i] == '0' && i + 1 < len && is_digit(s[i + 1])))
                    return 0;
                int64_t v = 0;
                while (i < len && is_digit(s[i])) {
                    v = v * 10 + (s[i++] - '0');
                    if (v > INT32_MAX)
                        return 0;
                }
                if (i < len && strchr(".eE+-", s[i]) && s[i])
                    return 0;
                if (values)
                    values[nums] = (int32_t)v;
                nums++;
                i = skip_space(lx, i);
                if (i < len && s[i] == ',') {
                    i = skip_space(lx, i + 1);
                    continue;
                }
                if (i < len && s[i] == ']') {
                    i++;
                    break;
                }
                return 0;
            }
        }
        i = skip_space(lx, i);
        if (i < len && s[i] == ',') {
            i = skip_space(lx, i + 1);
            if (i >= len || s[i] != '[')
                return 0;
            continue;
        }
        if (i < len && s[i] == ']')
            break;
        return 0;
    }
    if (row_start)
        row_start[rows] = nums;
    *nrows = rows;
    *nnums = nums;
    return i + 1;
}

/* At s[i] == '[' (a value, nesting allowing two more levels): takes the
 * list out as a table when it is one and large enough. *end is the offset
 * after it, or 0 when it stays in the tree. */
static model_status try_table(lexer *lx, size_t i, size_t *end)
{
    size_t rows, nums;
    *end = scan_table(lx, i, &rows, &nums, NULL, NULL);
    if (*end == 0 || nums < IO_JSON_TABLE_MIN || rows > INT32_MAX) {
        *end = 0;
        return MODEL_OK;
    }
    if (lx->ncaptures == lx->capcaptures) {
        int ncap = lx->capcaptures ? lx->capcaptures * 2 : 4;
        capture *n = realloc(lx->captures, (size_t)ncap * sizeof *n);
        if (!n)
            return lex_error(lx, i, MODEL_ERR_NOMEM, "out of memory");
        lx->captures = n;
        lx->capcaptures = ncap;
    }
    capture *c = &lx->captures[lx->ncaptures];
    memset(c, 0, sizeof *c);
    c->table.row_start = malloc((rows + 1) * sizeof *c->table.row_start);
    c->table.values = malloc(nums * sizeof *c->table.values);
    if (!c->table.row_start || !c->table.values) {
        free(c->table.row_start);
        free(c->table.values);
        return lex_error(lx, i, MODEL_ERR_NOMEM, "out of memory (a table of %zu numbers)",
                         nums);
    }
    scan_table(lx, i, &rows, &nums, c->table.row_start, c->table.values);
    c->table.rows = (int)rows;
    c->start = i;
    c->end = *end;
    c->ordinal = lx->nlists++;
    lx->ncaptures++;
    return MODEL_OK;
}

/* What the grammar expects next. */
typedef enum expect {
    EXPECT_VALUE,          /* a value (document start, after ':' or ',' in a list) */
    EXPECT_VALUE_OR_CLOSE, /* after '[' */
    EXPECT_KEY,            /* a string key (after ',' in an object) */
    EXPECT_KEY_OR_CLOSE,   /* after '{' */
    EXPECT_COLON,          /* after a key */
    EXPECT_COMMA_OR_CLOSE, /* after a value inside a container */
    EXPECT_END             /* after the top-level value */
} expect;

/* The message for token c (at pos) arriving when `e` was expected. */
static model_status grammar_error(const lexer *lx, size_t pos, expect e, char top)
{
    static const char *const what[] = {
        "expected a value", "expected a value or ']'", "expected a string key",
        "expected a string key or '}'", "expected ':'", NULL,
        "unexpected data after the top-level value"};
    const char *msg = what[e];
    if (e == EXPECT_COMMA_OR_CLOSE)
        msg = top == '{' ? "expected ',' or '}'" : "expected ',' or ']'";
    if (pos >= lx->len)
        return lex_error(lx, pos, MODEL_ERR_INPUT, "invalid JSON: unexpected end of data (%s)",
                         msg);
    return lex_error(lx, pos, MODEL_ERR_INPUT, "invalid JSON: %s", msg);
}

/* The lexical and grammatical pass over the whole text: every token, and
 * that the tokens form one JSON value; nesting bounded. */
static model_status lex_all(lexer *lx)
{
    const unsigned char *s = lx->s;
    char stack[IO_JSON_MAX_DEPTH]; /* '{' or '[' per open container */
    int depth = 0;
    expect e = EXPECT_VALUE;
    size_t i = 0;
    while (i < lx->len) {
        unsigned char c = s[i];
        size_t at = i;
        model_status st;
        bool value = false; /* the token completes a value */
        char top = depth ? stack[depth - 1] : 0;
        switch (c) {
        case ' ': case '\t': case '\n': case '\r':
            i++;
            continue;
        case '{': case '[':
            if (e != EXPECT_VALUE && e != EXPECT_VALUE_OR_CLOSE)
                return grammar_error(lx, at, e, top);
            if (c == '[' && lx->want_tables && depth + 2 <= IO_JSON_MAX_DEPTH) {
                size_t end;
                if ((st = try_table(lx, i, &end)) != MODEL_OK)
                    return st;
                if (end) {
                    i = end;
                    value = true;
                    break;
                }
            }
            if (c == '[')
                lx->nlists++;
            if (depth == IO_JSON_MAX_DEPTH)
                return lex_error(lx, at, MODEL_ERR_LIMIT, "nesting deeper than %d levels",
                                 IO_JSON_MAX_DEPTH);
            stack[depth++] = (char)c;
            e = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
            i++;
            continue;
        case '}': case ']': {
            bool empty = c == '}' ? e == EXPECT_KEY_OR_CLOSE : e == EXPECT_VALUE_OR_CLOSE;
            bool after = e == EXPECT_COMMA_OR_CLOSE && top == (c == '}' ? '{' : '[');
            if (!empty && !after)
                return grammar_error(lx, at, e, top);
            depth--;
            i++;
            value = true;
            break;
        }
        case ':':
            if (e != EXPECT_COLON)
                return grammar_error(lx, at, e, top);
            e = EXPECT_VALUE;
            i++;
            continue;
        case ',':
            if (e != EXPECT_COMMA_OR_CLOSE)
                return grammar_error(lx, at, e, top);
            e = top == '{' ? EXPECT_KEY : EXPECT_VALUE;
            i++;
            continue;
        case '"':
            if (e == EXPECT_KEY || e == EXPECT_KEY_OR_CLOSE) {
                if ((st = lex_string(lx, &i)) != MODEL_OK)
                    return st;
                e = EXPECT_COLON;
                continue;
            }
            if (e != EXPECT_VALUE && e != EXPECT_VALUE_OR_CLOSE)
                return grammar_error(lx, at, e, top);
            if ((st = lex_string(lx, &i)) != MODEL_OK)
                return st;
            value = true;
            break;
        default: {
            bool number = c == '-' || is_digit(c);
            static const char *const literals[] = {"true", "false", "null"};
            size_t lit = 0;
            for (int k = 0; k < 3 && !number && !lit; k++) {
                size_t n = strlen(literals[k]);
                if (lx->len - i >= n && memcmp(s + i, literals[k], n) == 0)
                    lit = n;
            }
            if (!number && !lit) {
                if (i == 0 && lx->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
                    return lex_error(lx, at, MODEL_ERR_INPUT,
                                     "invalid JSON: a byte order mark (BOM) is not allowed");
                if (c == 0)
                    return lex_error(lx, at, MODEL_ERR_INPUT, "invalid JSON: NUL byte");
                if (c >= 0x80 && utf8_length(s, lx->len, i) == 0)
                    return lex_error(lx, at, MODEL_ERR_INPUT, "invalid UTF-8 (byte 0x%02X)", c);
                if (c >= 0x21 && c < 0x7F)
                    return lex_error(lx, at, MODEL_ERR_INPUT, "invalid JSON: unexpected '%c'", c);
                return lex_error(lx, at, MODEL_ERR_INPUT,
                                 "invalid JSON: unexpected character (byte 0x%02X)", c);
            }
            if (e != EXPECT_VALUE && e != EXPECT_VALUE_OR_CLOSE)
                return grammar_error(lx, at, e, top);
            if (number && (st = lex_number(lx, &i)) != MODEL_OK)
                return st;
            i += lit;
            value = true;
            break;
        }
        }
        if (value)
            e = depth ? EXPECT_COMMA_OR_CLOSE : EXPECT_END;
    }
    if (e != EXPECT_END) {
        if (i == 0 || e == EXPECT_VALUE) {
            bool blank = true;
            for (size_t k = 0; k < lx->len && blank; k++)
                blank = strchr(" \t\r\n", s[k]) && s[k];
            if (blank)
                return lex_error(lx, lx->len, MODEL_ERR_INPUT,
                                 "invalid JSON: no value (empty document)");
        }
        return grammar_error(lx, lx->len, e, depth ? stack[depth - 1] : 0);
    }
    return MODEL_OK;
}

/* Copies the literal kinds onto the number items (and the text of long
 * integers) and finds the lists that stand for tables, in document order.
 * False when a copy could not be allocated. */
static bool annotate(cJSON *item, lexer *lx, size_t *knum, size_t *klist, int *kcap,
                     size_t *klong)
{
    bool ok = true;
    for (; item; item = item->next) {
        int type = item->type & 0xFF;
        if (type == cJSON_Number) {
            if (*knum < lx->nnumbers && (lx->bits[*knum / 8] >> (*knum % 8)) & 1)
                item->type |= TYPE_FRACTION;
            if (*klong < lx->nlongs && lx->longs[*klong].ordinal == *knum) {
                const long_integer *l = &lx->longs[(*klong)++];
                item->valuestring = strndup((const char *)lx->s + l->start, l->end - l->start);
                ok &= item->valuestring != NULL;
            }
            (*knum)++;
        } else if (type == cJSON_Array) {
            if (*kcap < lx->ncaptures && lx->captures[*kcap].ordinal == *klist)
                lx->captures[(*kcap)++].table.item = item;
            (*klist)++;
        }
        if (item->child)
            ok &= annotate(item->child, lx, knum, klist, kcap, klong);
    }
    return ok;
}

static void free_captures(lexer *lx)
{
    for (int k = 0; k < lx->ncaptures; k++) {
        free(lx->captures[k].table.row_start);
        free(lx->captures[k].table.values);
    }
    free(lx->captures);
    free(lx->bits);
    free(lx->longs);
}

/* The parse behind io_json_parse and io_json_parse_doc. */
static model_status parse(const char *text, size_t len, const char *source, bool tables,
                          io_json_doc *doc, model_error *err)
{
    lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.s = (const unsigned char *)text;
    lx.len = len;
    lx.source = source ? source : "(input)";
    lx.err = err;
    lx.want_tables = tables;
    model_status st = lex_all(&lx);
    if (st != MODEL_OK) {
        free_captures(&lx);
        return st;
    }
    /* cJSON reads a copy in which every table is blanked to "[   ]" */
    char *copy = NULL;
    if (lx.ncaptures > 0) {
        copy = malloc(len);
        if (!copy) {
            free_captures(&lx);
            return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", lx.source);
        }
        memcpy(copy, text, len);
        for (int k = 0; k < lx.ncaptures; k++)
            memset(copy + lx.captures[k].start + 1, ' ',
                   lx.captures[k].end - lx.captures[k].start - 2);
    }
    cJSON *root = cJSON_ParseWithLengthOpts(copy ? copy : text, len, NULL, 0);
    free(copy);
    if (!root) { /* the text is valid JSON: cJSON ran out of memory */
        free_captures(&lx);
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory while parsing",
                               lx.source);
    }
    size_t knum = 0, klist = 0, klong = 0;
    int kcap = 0;
    if (!annotate(root, &lx, &knum, &klist, &kcap, &klong)) {
        cJSON_Delete(root);
        free_captures(&lx);
        return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", lx.source);
    }
    if (knum != lx.nnumbers || klist != lx.nlists || kcap != lx.ncaptures ||
        klong != lx.nlongs) {
        cJSON_Delete(root);
        free_captures(&lx);
        return model_error_set(err, MODEL_ERR_INTERNAL,
                               "%s: internal error: the tree does not match the text", lx.source);
    }
    free(lx.bits);
    free(lx.longs);
    lx.longs = NULL;
    doc->root = root;
    doc->ntables = lx.ncaptures;
    doc->tables = NULL;
    if (lx.ncaptures > 0) {
        doc->tables = malloc((size_t)lx.ncaptures * sizeof *doc->tables);
        if (!doc->tables) {
            lx.bits = NULL;
            free_captures(&lx);
            cJSON_Delete(root);
            doc->root = NULL;
            doc->ntables = 0;
            return model_error_set(err, MODEL_ERR_NOMEM, "%s: out of memory", lx.source);
        }
        for (int k = 0; k < lx.ncaptures; k++)
            doc->tables[k] = lx.captures[k].table;
    }
    free(lx.captures);
    return MODEL_OK;
}

model_status io_json_parse(const char *text, size_t len, const char *source, cJSON **out,
                           model_error *err)
{
    io_json_doc doc = IO_JSON_DOC_INIT;
    *out = NULL;
    model_status st = parse(text, len, source, false, &doc, err);
    *out = doc.root;
    return st;
}

model_status io_json_parse_doc(const char *text, size_t len, const char *source,
                               io_json_doc *doc, model_error *err)
{
    doc->root = NULL;
    doc->tables = NULL;
    doc->ntables = 0;
    return parse(text, len, source, true, doc, err);
}

void io_json_doc_free(io_json_doc *doc)
{
    if (!doc)
        return;
    for (int k = 0; k < doc->ntables; k++) {
        free(doc->tables[k].row_start);
        free(doc->tables[k].values);
    }
    free(doc->tables);
    cJSON_Delete(doc->root);
    doc->root = NULL;
    doc->tables = NULL;
    doc->ntables = 0;
}

io_json_table *io_json_table_of(const io_json_doc *doc, const cJSON *item)
{
    if (!item)
        return NULL;
    for (int k = 0; k < doc->ntables; k++)
        if (doc->tables[k].item == item)
            return &doc->tables[k];
    return NULL;
}

const cJSON *io_json_member(const cJSON *obj, const char *key)
{
    if (!obj || (obj->type & 0xFF) != cJSON_Object)
        return NULL;
    const cJSON *found = NULL;
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string && strcmp(c->string, key) == 0)
            found = c;
    return found;
}

const cJSON *io_json_present(const cJSON *obj, const char *key)
{
    const cJSON *v = io_json_member(obj, key);
    return v && (v->type & 0xFF) == cJSON_NULL ? NULL : v;
}

bool io_json_is_finite(const cJSON *item)
{
    return item && (item->type & 0xFF) == cJSON_Number && isfinite(item->valuedouble);
}

const char *io_json_integer_text(const cJSON *item)
{
    return item && (item->type & 0xFF) == cJSON_Number ? item->valuestring : NULL;
}

bool io_json_is_integer(const cJSON *item)
{
    return io_json_is_finite(item) && !(item->type & TYPE_FRACTION) &&
           floor(item->valuedouble) == item->valuedouble;
}

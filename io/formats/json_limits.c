/* json_limits.c - limits on a JSON file enforced while it is read (see
 * io_json_read_file_limited in json_read_internal.h): a small state machine
 * over the bytes as they arrive, which knows strings, nesting and the keys
 * of the top-level object, and nothing else. Whether the text is valid
 * JSON is the parser's business afterwards; this pass only refuses early
 * what would be refused anyway, so that a file of a million jobs costs the
 * memory of the part read before the limit, not of the whole tree. */
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "io/formats/file.h"
#include "io/formats/json_read_internal.h"

#define KEY_MAX 32 /* longer keys are never a bounded list's */

typedef struct scan {
    const char *path;
    const io_json_list_limit *lists;
    int nlists;
    size_t offset;          /* bytes scanned so far */
    int depth;              /* open arrays and objects */
    bool in_string, escape;
    size_t string_len;      /* bytes of the string being read */
    bool key_next;          /* a string at depth 1 now is a key */
    bool is_key;            /* the string being read is a top-level key */
    char key[KEY_MAX + 1];  /* the last top-level key */
    size_t key_len;
    const io_json_list_limit *counting; /* the bounded list being read */
    bool value_next;        /* the next token at depth 2 starts an element */
    int count;              /* its elements so far */
} scan;

static const io_json_list_limit *bounded(const scan *sc)
{
    for (int i = 0; i < sc->nlists; i++)
        if (strlen(sc->lists[i].key) == sc->key_len &&
            memcmp(sc->lists[i].key, sc->key, sc->key_len) == 0)
            return &sc->lists[i];
    return NULL;
}

static model_status string_byte(scan *sc, char c, model_error *err)
{
    if (sc->escape) {
        sc->escape = false;
    } else if (c == '\\') {
        sc->escape = true;
    } else if (c == '"') {
        sc->in_string = false;
        return MODEL_OK;
    }
    if (++sc->string_len > IO_JSON_MAX_STRING_BYTES)
        return model_error_set(err, MODEL_ERR_LIMIT, "%s: byte %zu: a string longer than %d bytes",
                               sc->path, sc->offset, IO_JSON_MAX_STRING_BYTES);
    if (sc->is_key && sc->key_len < KEY_MAX)
        sc->key[sc->key_len++] = c;
    else if (sc->is_key)
        sc->key_len = KEY_MAX + 1; /* too long to match */
    return MODEL_OK;
}

/* An element of the bounded list starts. */
static model_status element(scan *sc, model_error *err)
{
    sc->value_next = false;
    if (++sc->count > sc->counting->max)
        return model_error_set(err, MODEL_ERR_LIMIT, "%s: %s: more than %d %s", sc->path,
                               sc->counting->key, sc->counting->max, sc->counting->what);
    return MODEL_OK;
}

static model_status byte(scan *sc, char c, model_error *err)
{
    if (sc->in_string)
        return string_byte(sc, c, err);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':')
        return MODEL_OK;
    model_status rc = MODEL_OK;
    if (sc->counting && sc->depth == 2 && sc->value_next && c != ']' && c != ',')
        rc = element(sc, err);
    switch (c) {
    case '"':
        sc->in_string = true;
        sc->string_len = 0;
        sc->is_key = sc->depth == 1 && sc->key_next;
        if (sc->is_key) {
            sc->key_len = 0;
            sc->key_next = false;
        }
        break;
    case '{':
    case '[':
        if (++sc->depth == 1)
            sc->key_next = c == '{';
        else if (sc->depth == 2 && c == '[' && (sc->counting = bounded(sc))) {
            sc->count = 0;
            sc->value_next = true;
        }
        break;
    case '}':
    case ']':
        if (sc->depth-- == 2)
            sc->counting = NULL;
        break;
    case ',':
        if (sc->depth == 1)
            sc->key_next = true;
        else if (sc->depth == 2 && sc->counting)
            sc->value_next = true;
        break;
    default:
        break;
    }
    return rc;
}

static model_status scan_piece(void *ctx, const char *data, size_t n, model_error *err)
{
    scan *sc = ctx;
    for (size_t i = 0; i < n; i++, sc->offset++) {
        model_status rc = byte(sc, data[i], err);
        if (rc != MODEL_OK)
            return rc;
    }
    return MODEL_OK;
}

model_status io_json_read_file_limited(const char *path, const io_json_list_limit *lists, int n,
                                       char **text, size_t *len, model_error *err)
{
    struct stat st;
    *text = NULL;
    *len = 0;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size > (uint64_t)IO_JSON_MAX_FILE_BYTES)
        return model_error_set(err, MODEL_ERR_LIMIT, "%s: larger than %zu bytes (512 MiB)", path,
                               IO_JSON_MAX_FILE_BYTES);
    scan sc = {.path = path, .lists = lists, .nlists = n};
    return io_file_read_scanned(path, IO_JSON_MAX_FILE_BYTES, scan_piece, &sc, text, len, err);
}

/* router_proto.c - OSRM's table and Valhalla's sources_to_targets: the
 * request of one block and the reading of the answer, as their documents
 * describe them (docs/router.md). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "io/router/router_internal.h"

/* A growing string; NULL after a failed allocation. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    int failed;
} sbuf;

static void put(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(sbuf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0 || b->n + (size_t)need + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (need >= 0 && b->n + (size_t)need + 1 > cap)
            cap *= 2;
        char *s = need < 0 ? NULL : realloc(b->s, cap);
        if (!s) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

static char *take(sbuf *b)
{
    if (b->failed) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

char *rt_request(const io_router_options *o, const double *lat, const double *lon,
                 const rt_block *b, char **body)
{
    sbuf u = {NULL, 0, 0, 0};
    size_t base = strlen(o->url);
    while (base > 0 && o->url[base - 1] == '/')
        base--;
    *body = NULL;
    if (o->kind == IO_ROUTER_OSRM) {
        /* sources first, then destinations; the same point may be in both */
        put(&u, "%.*s/table/v1/%s/", (int)base, o->url, o->profile ? o->profile : "driving");
        for (int i = 0; i < b->ns + b->nd; i++) {
            int p = i < b->ns ? b->src[i] : b->dst[i - b->ns];
            put(&u, "%s%.6f,%.6f", i ? ";" : "", lon[p], lat[p]);
        }
        put(&u, "?sources=");
        for (int i = 0; i < b->ns; i++)
            put(&u, "%s%d", i ? ";" : "", i);
        put(&u, "&destinations=");
        for (int i = 0; i < b->nd; i++)
            put(&u, "%s%d", i ? ";" : "", b->ns + i);
        put(&u, "&annotations=duration,distance");
        return take(&u);
    }
    put(&u, "%.*s/sources_to_targets", (int)base, o->url);
    sbuf j = {NULL, 0, 0, 0};
    put(&j, "{\"sources\": [");
    for (int i = 0; i < b->ns; i++)
        put(&j, "%s{\"lat\": %.6f, \"lon\": %.6f}", i ? ", " : "", lat[b->src[i]], lon[b->src[i]]);
    put(&j, "], \"targets\": [");
    for (int i = 0; i < b->nd; i++)
        put(&j, "%s{\"lat\": %.6f, \"lon\": %.6f}", i ? ", " : "", lat[b->dst[i]], lon[b->dst[i]]);
    put(&j, "], \"costing\": \"%s\", \"units\": \"kilometers\"}", o->profile ? o->profile : "auto");
    char *url = take(&u);
    *body = take(&j);
    if (!url || !*body) {
        free(url);
        free(*body);
        *body = NULL;
        return NULL;
    }
    return url;
}

static void say(char *why, size_t size, const char *fmt, const char *a)
{
    snprintf(why, size, fmt, a ? a : "");
}

/* Where a block's cells go: dur (and dist, for Valhalla's objects) at
 * row-major index from * nd + to, times scale; *cell the index of a cell
 * without a route. */
typedef struct cells {
    const rt_block *b;
    double scale;
    double *dur, *dist;
    size_t *cell;
} cells;

typedef rt_answer (*cell_fn)(const cells *to, int i, int k, const cJSON *c);

/* Calls fn for cell k of row i of rows, a list of ns lists of nd items
 * (anything else: RT_RETRY), until one answers other than RT_OK. */
static rt_answer each_cell(const cJSON *rows, const cells *to, cell_fn fn)
{
    const rt_block *b = to->b;
    if (!cJSON_IsArray(rows) || cJSON_GetArraySize(rows) != b->ns)
        return RT_RETRY;
    int i = 0;
    for (const cJSON *row = rows->child; row; row = row->next, i++) {
        if (!cJSON_IsArray(row) || cJSON_GetArraySize(row) != b->nd)
            return RT_RETRY;
        int k = 0;
        for (const cJSON *c = row->child; c; c = c->next, k++) {
            rt_answer a = fn(to, i, k, c);
            if (a != RT_OK)
                return a;
        }
    }
    return RT_OK;
}

/* A number >= 0 into to->dur; null: RT_NO_ROUTE. */
static rt_answer number_cell(const cells *to, int i, int k, const cJSON *c)
{
    size_t at = (size_t)i * (size_t)to->b->nd + (size_t)k;
    if (cJSON_IsNull(c)) {
        *to->cell = at;
        return RT_NO_ROUTE;
    }
    if (!cJSON_IsNumber(c) || !isfinite(c->valuedouble) || c->valuedouble < 0)
        return RT_RETRY;
    to->dur[at] = c->valuedouble * to->scale;
    return RT_OK;
}

/* rows (a list of ns lists of nd numbers or nulls) into m; a null cell
 * gives RT_NO_ROUTE. */
static rt_answer read_rows(const cJSON *rows, const rt_block *b, double scale, double *m,
                           size_t *cell)
{
    cells to = {b, scale, m, NULL, cell};
    return each_cell(rows, &to, number_cell);
}

/* Valhalla's verbose cell {"time", "distance", "to_index", "from_index"}
 * into to->dur and to->dist (in metres: times to->scale). */
static rt_answer valhalla_cell(const cells *to, int i, int k, const cJSON *c)
{
    const rt_block *b = to->b;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(c, "time");
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(c, "distance");
    const cJSON *to_index = cJSON_GetObjectItemCaseSensitive(c, "to_index");
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(c, "from_index");
    int ti = cJSON_IsNumber(to_index) ? to_index->valueint : k;
    int fi = cJSON_IsNumber(from) ? from->valueint : i;
    if (ti < 0 || ti >= b->nd || fi < 0 || fi >= b->ns)
        return RT_RETRY;
    size_t at = (size_t)fi * (size_t)b->nd + (size_t)ti;
    if (!t || cJSON_IsNull(t) || !d || cJSON_IsNull(d)) {
        *to->cell = at;
        return RT_NO_ROUTE;
    }
    if (!cJSON_IsNumber(t) || !cJSON_IsNumber(d) || t->valuedouble < 0 || d->valuedouble < 0)
        return RT_RETRY;
    to->dur[at] = t->valuedouble;
    to->dist[at] = d->valuedouble * to->scale;
    return RT_OK;
}

static rt_answer parse_osrm(const cJSON *doc, long status, const rt_block *b, double *dur,
                            double *dist, size_t *cell, char *why, size_t size)
{
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(doc, "code");
    const cJSON *msg = cJSON_GetObjectItemCaseSensitive(doc, "message");
    const char *m = cJSON_IsString(msg) ? msg->valuestring : "";
    if (!cJSON_IsString(code))
        return RT_RETRY;
    if (strcmp(code->valuestring, "TooBig") == 0)
        return RT_TOO_BIG;
    if (strcmp(code->valuestring, "Ok") != 0 || status >= 400) {
        snprintf(why, size, "answered '%.40s': %.200s", code->valuestring, m);
        return RT_REFUSED;
    }
    rt_answer a = read_rows(cJSON_GetObjectItemCaseSensitive(doc, "durations"), b, 1, dur, cell);
    if (a != RT_OK)
        return a;
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(doc, "distances");
    if (!d) {
        say(why, size, "answered without distances (annotations=duration,distance)%s", NULL);
        return RT_REFUSED;
    }
    return read_rows(d, b, 1, dist, cell);
}

static rt_answer parse_valhalla(const cJSON *doc, long status, const rt_block *b, double *dur,
                                double *dist, size_t *cell, char *why, size_t size)
{
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(doc, "error");
    if (status >= 400 || err) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(doc, "error_code");
        snprintf(why, size, "answered error %d: %.200s", cJSON_IsNumber(code) ? code->valueint : 0,
                 cJSON_IsString(err) ? err->valuestring : "(no message)");
        return RT_REFUSED;
    }
    const cJSON *units = cJSON_GetObjectItemCaseSensitive(doc, "units");
    double km = cJSON_IsString(units) && strcmp(units->valuestring, "miles") == 0 ? 1609.344
                                                                                   : 1000.0;
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(doc, "sources_to_targets");
    if (cJSON_IsObject(st)) { /* the concise form: {"durations": [[..]], "distances": [[..]]} */
        rt_answer a = read_rows(cJSON_GetObjectItemCaseSensitive(st, "durations"), b, 1, dur, cell);
        return a != RT_OK ? a
                          : read_rows(cJSON_GetObjectItemCaseSensitive(st, "distances"), b, km,
                                      dist, cell);
    }
    cells to = {b, km, dur, dist, cell};
    return each_cell(st, &to, valhalla_cell);
}

rt_answer rt_parse(const io_router_options *o, long status, const char *body, size_t len,
                   const rt_block *b, double *dur, double *dist, size_t *cell, char *why,
                   size_t whysize)
{
    if (status >= 500 || status == 429)
        return RT_RETRY;
    cJSON *doc = cJSON_ParseWithLength(body ? body : "", len);
    if (!doc) {
        if (status >= 400) {
            snprintf(why, whysize, "answered HTTP %ld", status);
            return RT_REFUSED;
        }
        return RT_RETRY; /* truncated or not JSON */
    }
    rt_answer a = o->kind == IO_ROUTER_OSRM
                      ? parse_osrm(doc, status, b, dur, dist, cell, why, whysize)
                      : parse_valhalla(doc, status, b, dur, dist, cell, why, whysize);
    cJSON_Delete(doc);
    return a;
}

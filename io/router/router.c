/* router.c - io_router_table (router.h): the wanted pairs cut into blocks,
 * each block sent over libcurl with bounded retries, TooBig blocks halved. */
#include "io/router/router.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "io/router/router_internal.h"

/* Largest answer read (a 50 x 50 table is a few hundred KiB). */
#define MAX_BODY ((size_t)64 << 20)

typedef struct rt {
    const io_router_options *o;
    const double *lat, *lon;
    const char *const *names;
    CURL *curl;
    io_router_stats *stats;
    model_error *err;
    char *body;
    size_t len, cap;
    int attempts;
    double backoff;
} rt;

int io_router_kind_parse(const char *text, io_router_kind *kind)
{
    if (strcmp(text, "osrm") == 0)
        *kind = IO_ROUTER_OSRM;
    else if (strcmp(text, "valhalla") == 0)
        *kind = IO_ROUTER_VALHALLA;
    else
        return 0;
    return 1;
}

const char *io_router_kind_name(io_router_kind kind)
{
    return kind == IO_ROUTER_OSRM ? "osrm" : "valhalla";
}

static size_t on_data(char *ptr, size_t size, size_t n, void *ctx)
{
    rt *r = ctx;
    size_t add = size * n;
    if (r->len + add + 1 > MAX_BODY)
        return 0;
    if (r->len + add + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 65536;
        while (r->len + add + 1 > cap)
            cap *= 2;
        char *b = realloc(r->body, cap);
        if (!b)
            return 0;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, ptr, add);
    r->len += add;
    r->body[r->len] = '\0';
    return add;
}

static const char *name(const rt *r, int p, char *buf, size_t size)
{
    if (r->names && r->names[p])
        snprintf(buf, size, "'%.60s'", r->names[p]);
    else
        snprintf(buf, size, "point %d", p);
    return buf;
}

/* "ROUTER URL: sources A..B x destinations C..D (NS x ND)" into buf. */
static void describe(const rt *r, const rt_block *b, char *buf, size_t size)
{
    char s0[80], s1[80], d0[80], d1[80];
    snprintf(buf, size, "%s %.200s: sources %s..%s x destinations %s..%s (%d x %d)",
             io_router_kind_name(r->o->kind), r->o->url, name(r, b->src[0], s0, sizeof s0),
             name(r, b->src[b->ns - 1], s1, sizeof s1), name(r, b->dst[0], d0, sizeof d0),
             name(r, b->dst[b->nd - 1], d1, sizeof d1), b->ns, b->nd);
}

static void pause_s(double s)
{
    if (s <= 0)
        return;
    struct timespec ts = {(time_t)s, (long)((s - floor(s)) * 1e9)};
    nanosleep(&ts, NULL);
}

/* Sends block b until it is answered (at most r->attempts tries). */
static model_status fetch_block(rt *r, const rt_block *b, double *dur, double *dist)
{
    char *body = NULL;
    char *url = rt_request(r->o, r->lat, r->lon, b, &body);
    char where[640], why[320] = "";
    if (!url)
        return model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
    double wait = r->backoff;
    model_status st = MODEL_OK;
    for (int attempt = 1;; attempt++) {
        r->len = 0;
        curl_easy_setopt(r->curl, CURLOPT_URL, url);
        struct curl_slist *headers = NULL;
        if (body) {
            headers = curl_slist_append(NULL, "Content-Type: application/json");
            curl_easy_setopt(r->curl, CURLOPT_HTTPHEADER, headers);
            curl_easy_setopt(r->curl, CURLOPT_POSTFIELDS, body);
        } else {
            curl_easy_setopt(r->curl, CURLOPT_HTTPGET, 1L);
        }
        r->stats->requests++;
        CURLcode cc = curl_easy_perform(r->curl);
        curl_easy_setopt(r->curl, CURLOPT_HTTPHEADER, NULL);
        curl_slist_free_all(headers);
        long status = 0;
        curl_easy_getinfo(r->curl, CURLINFO_RESPONSE_CODE, &status);
        rt_answer a;
        size_t cell = 0;
        if (cc != CURLE_OK) {
            snprintf(why, sizeof why, "%s", curl_easy_strerror(cc));
            a = RT_RETRY;
        } else {
            a = rt_parse(r->o, status, r->body, r->len, b, dur, dist, &cell, why, sizeof why);
            if (a == RT_RETRY)
                snprintf(why, sizeof why, status >= 500 || status == 429
                                              ? "HTTP %ld"
                                              : "an unreadable or truncated answer (HTTP %ld)",
                         status);
        }
        if (a == RT_OK) {
            r->stats->cells += (long)b->ns * b->nd;
            break;
        }
        describe(r, b, where, sizeof where);
        if (a == RT_NO_ROUTE) {
            char f[80], t[80];
            st = model_error_set(r->err, MODEL_ERR_INPUT, "%s: no route from %s to %s", where,
                                 name(r, b->src[cell / (size_t)b->nd], f, sizeof f),
                                 name(r, b->dst[cell % (size_t)b->nd], t, sizeof t));
            break;
        }
        if (a == RT_TOO_BIG) {
            if (b->ns * b->nd <= 1) {
                st = model_error_set(r->err, MODEL_ERR_INPUT, "%s: answered TooBig for one pair",
                                     where);
                break;
            }
            /* halve the longer side and fetch both halves */
            r->stats->splits++;
            rt_block h1 = *b, h2 = *b;
            size_t nd = (size_t)b->nd;
            if (b->ns >= b->nd) {
                h1.ns = b->ns / 2;
                h2.src = b->src + h1.ns;
                h2.ns = b->ns - h1.ns;
            } else {
                h1.nd = b->nd / 2;
                h2.dst = b->dst + h1.nd;
                h2.nd = b->nd - h1.nd;
            }
            double *m = malloc((size_t)(h1.ns * h1.nd + h2.ns * h2.nd) * 2 * sizeof *m);
            if (!m) {
                st = model_error_set(r->err, MODEL_ERR_NOMEM, "out of memory");
                break;
            }
            double *d1 = m, *x1 = d1 + h1.ns * h1.nd, *d2 = x1 + h1.ns * h1.nd,
                   *x2 = d2 + h2.ns * h2.nd;
            if ((st = fetch_block(r, &h1, d1, x1)) == MODEL_OK &&
                (st = fetch_block(r, &h2, d2, x2)) == MODEL_OK) {
                for (int i = 0; i < b->ns; i++)
                    for (int k = 0; k < b->nd; k++) {
                        bool first = b->ns >= b->nd ? i < h1.ns : k < h1.nd;
                        const rt_block *h = first ? &h1 : &h2;
                        int hi = first || b->ns < b->nd ? i : i - h1.ns;
                        int hk = first || b->ns >= b->nd ? k : k - h1.nd;
                        size_t at = (size_t)hi * (size_t)h->nd + (size_t)hk;
                        dur[(size_t)i * nd + (size_t)k] = (first ? d1 : d2)[at];
                        dist[(size_t)i * nd + (size_t)k] = (first ? x1 : x2)[at];
                    }
            }
            free(m);
            break;
        }
        if (a == RT_REFUSED) {
            st = model_error_set(r->err, MODEL_ERR_INPUT, "%s: %s", where, why);
            break;
        }
        if (attempt >= r->attempts) {
            st = model_error_set(r->err, MODEL_ERR_IO, "%s: %s after %d attempts", where, why,
                                 attempt);
            break;
        }
        r->stats->retries++;
        pause_s(wait);
        wait = wait * 2 > 10 ? 10 : wait * 2;
    }
    free(url);
    free(body);
    return st;
}

typedef struct wanted {
    size_t key; /* block: source block * ndblocks + destination block */
    size_t k;   /* pair index */
} wanted;

static int by_key(const void *a, const void *b)
{
    const wanted *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key ? 1 : (x->k > y->k) - (x->k < y->k);
}

static int32_t rounded(double v)
{
    double x = floor(v + 0.5);
    return x > 2000000000.0 ? 2000000000 : (int32_t)x;
}

/* Scratch for grid(): per point positions and lists, per pair keys. */
typedef struct scratch {
    int *srcs, *dsts, *spos, *dpos;
    wanted *w;
    double *m;
} scratch;

/* The pairs sel[0..n) (indices into from/to): the points that are their
 * sources and destinations, cut into blocks of chunk x chunk; each block
 * that holds one of them is fetched. */
static model_status grid(rt *r, int npoints, int chunk, const int *from, const int *to,
                         const size_t *sel, size_t n, int32_t *duration_s, int32_t *distance_m,
                         scratch *x)
{
    for (size_t q = 0; q < n; q++)
        x->spos[from[sel[q]]] = x->dpos[to[sel[q]]] = 0;
    int ns = 0, nd = 0;
    for (int i = 0; i < npoints; i++) {
        if (x->spos[i] == 0) {
            x->spos[i] = ns;
            x->srcs[ns++] = i;
        }
        if (x->dpos[i] == 0) {
            x->dpos[i] = nd;
            x->dsts[nd++] = i;
        }
    }
    size_t ndb = ((size_t)nd + (size_t)chunk - 1) / (size_t)chunk;
    for (size_t q = 0; q < n; q++) {
        size_t k = sel[q];
        x->w[q] = (wanted){(size_t)(x->spos[from[k]] / chunk) * ndb +
                               (size_t)(x->dpos[to[k]] / chunk),
                           k};
    }
    qsort(x->w, n, sizeof *x->w, by_key);
    model_status st = MODEL_OK;
    for (size_t a = 0; st == MODEL_OK && a < n;) {
        size_t e = a;
        while (e < n && x->w[e].key == x->w[a].key)
            e++;
        size_t sb = x->w[a].key / ndb, db = x->w[a].key % ndb;
        size_t sleft = (size_t)ns - sb * (size_t)chunk, dleft = (size_t)nd - db * (size_t)chunk;
        rt_block b = {x->srcs + sb * (size_t)chunk, x->dsts + db * (size_t)chunk,
                      (int)(sleft < (size_t)chunk ? sleft : (size_t)chunk),
                      (int)(dleft < (size_t)chunk ? dleft : (size_t)chunk)};
        double *dur = x->m, *dist = x->m + (size_t)b.ns * (size_t)b.nd;
        if ((st = fetch_block(r, &b, dur, dist)) != MODEL_OK)
            break;
        for (size_t q = a; q < e; q++) {
            size_t k = x->w[q].k;
            size_t at = (size_t)(x->spos[from[k]] % chunk) * (size_t)b.nd +
                        (size_t)(x->dpos[to[k]] % chunk);
            duration_s[k] = rounded(dur[at]);
            distance_m[k] = rounded(dist[at]);
        }
        a = e;
    }
    for (int i = 0; i < ns; i++)
        x->spos[x->srcs[i]] = -1;
    for (int i = 0; i < nd; i++)
        x->dpos[x->dsts[i]] = -1;
    return st;
}

/* A pair to sort by source, then destination. */
typedef struct pair {
    int from, to;
    size_t k;
} pair;

static int by_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->to > y->to) - (x->to < y->to);
}

/* Groups of sources that want the same destinations (new locations added
 * to a complete matrix give two: the old ones, wanting the new ones, and
 * the new ones, wanting all). */
typedef struct group {
    uint64_t sig; /* hash of the destination list, and its length */
    size_t len;
    size_t first, n; /* its pairs: order[first..first+n) after regrouping */
} group;

#define MAX_GROUPS 16

model_status io_router_table(const io_router_options *o, const double *lat, const double *lon,
                             const char *const *names, int npoints, const int *from,
                             const int *to, size_t npairs, int32_t *duration_s,
                             int32_t *distance_m, io_router_stats *stats, model_error *err)
{
    io_router_stats local = {0, 0, 0, 0};
    rt r = {o, lat, lon, names, NULL, stats ? stats : &local, err, NULL, 0, 0,
            o->attempts > 0 ? o->attempts : IO_ROUTER_DEFAULT_ATTEMPTS,
            o->backoff_s > 0 ? o->backoff_s : IO_ROUTER_DEFAULT_BACKOFF_S};
    if (npairs == 0)
        return MODEL_OK;
    int chunk = o->chunk > 0 ? o->chunk : IO_ROUTER_DEFAULT_CHUNK;
    for (size_t k = 0; k < npairs; k++)
        if (from[k] < 0 || from[k] >= npoints || to[k] < 0 || to[k] >= npoints)
            return model_error_set(err, MODEL_ERR_INTERNAL, "router: pair %zu out of range", k);
    scratch x = {malloc((size_t)npoints * sizeof(int)), malloc((size_t)npoints * sizeof(int)),
                 malloc((size_t)npoints * sizeof(int)), malloc((size_t)npoints * sizeof(int)),
                 malloc(npairs * sizeof(wanted)),
                 malloc((size_t)chunk * (size_t)chunk * 2 * sizeof(double))};
    size_t *order = malloc(npairs * sizeof *order), *regroup = malloc(npairs * sizeof *regroup);
    pair *sorted = malloc(npairs * sizeof *sorted);
    uint64_t *sig = malloc(npairs * sizeof *sig);
    model_status st = MODEL_OK;
    if (!x.srcs || !x.dsts || !x.spos || !x.dpos || !x.w || !x.m || !order || !regroup || !sig ||
        !sorted) {
        st = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < npoints; i++)
        x.spos[i] = x.dpos[i] = -1;
    /* each source's destination list, by a signature (a collision only
     * merges two groups: more cells asked for, never a wrong one) */
    for (size_t k = 0; k < npairs; k++)
        sorted[k] = (pair){from[k], to[k], k};
    qsort(sorted, npairs, sizeof *sorted, by_pair);
    for (size_t k = 0; k < npairs; k++)
        order[k] = sorted[k].k;
    group groups[MAX_GROUPS];
    int ngroups = 0;
    for (size_t a = 0; a < npairs;) {
        size_t e = a;
        int self = from[order[a]];
        while (e < npairs && from[order[e]] == self)
            e++;
        /* a source that wants every other point counts itself in (the
         * diagonal costs one cell), so that those sources form one group */
        bool all = e - a == (size_t)npoints - 1;
        uint64_t h = 1469598103934665603ULL;
        bool put_self = !all;
        for (size_t q = a; q < e; q++) {
            if (!put_self && to[order[q]] > self) {
                h = (h ^ (uint64_t)self) * 1099511628211ULL;
                put_self = true;
            }
            h = (h ^ (uint64_t)to[order[q]]) * 1099511628211ULL;
        }
        if (!put_self)
            h = (h ^ (uint64_t)self) * 1099511628211ULL;
        size_t len = e - a + (all ? 1 : 0);
        int g = 0;
        while (g < ngroups && !(groups[g].sig == h && groups[g].len == len))
            g++;
        if (g == ngroups && ngroups < MAX_GROUPS)
            groups[ngroups++] = (group){h, len, 0, 0};
        if (g == MAX_GROUPS) {
            ngroups = MAX_GROUPS + 1; /* too many: one grid over everything */
            break;
        }
        for (size_t q = a; q < e; q++)
            sig[q] = (uint64_t)g;
        groups[g].n += e - a;
        a = e;
    }
    if (!(r.curl = curl_easy_init())) {
        st = model_error_set(err, MODEL_ERR_INTERNAL, "router: libcurl could not start");
        goto done;
    }
    curl_easy_setopt(r.curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(r.curl, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(r.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(r.curl, CURLOPT_USERAGENT, "fieldplan");
    double timeout = o->timeout_s > 0 ? o->timeout_s : IO_ROUTER_DEFAULT_TIMEOUT_S;
    curl_easy_setopt(r.curl, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
    curl_easy_setopt(r.curl, CURLOPT_CONNECTTIMEOUT_MS, (long)(timeout * 1000));
    if (ngroups > MAX_GROUPS) {
        st = grid(&r, npoints, chunk, from, to, order, npairs, duration_s, distance_m, &x);
        goto done;
    }
    size_t at = 0;
    for (int g = 0; g < ngroups; g++) {
        groups[g].first = at;
        at += groups[g].n;
        groups[g].n = 0;
    }
    for (size_t q = 0; q < npairs; q++) {
        group *gr = &groups[sig[q]];
        regroup[gr->first + gr->n++] = order[q];
    }
    for (int g = 0; st == MODEL_OK && g < ngroups; g++)
        st = grid(&r, npoints, chunk, from, to, regroup + groups[g].first, groups[g].n,
                  duration_s, distance_m, &x);
done:
    if (r.curl)
        curl_easy_cleanup(r.curl);
    free(r.body);
    free(x.srcs);
    free(x.dsts);
    free(x.spos);
    free(x.dpos);
    free(x.w);
    free(x.m);
    free(order);
    free(regroup);
    free(sig);
    free(sorted);
    return st;
}

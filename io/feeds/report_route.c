/* report_route.c - GET /report/TOKEN: the dispatcher's page of the
 * published version (see report_route_internal.h). */
#include "io/feeds/report_route_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "io/formats/report_html.h"
#include "io/store/feed_token.h"
#include "io/store/store_whatif.h"

void io_report_cache_clear(io_report_cache *c)
{
    free(c->body);
    memset(c, 0, sizeof *c);
}

/* Renders the published version into the cache. */
static model_status render(io_store *s, io_report_cache *c, int64_t data_version,
                           model_error *err)
{
    io_store_version_info *v = NULL;
    model_problem *p = NULL;
    model_schedule *sc = NULL;
    char *body = NULL;
    size_t len = 0;
    model_status rc = io_store_version_get(s, 0, &v, err);
    if (rc == MODEL_OK)
        rc = io_store_version_read(v, &p, &sc, err);
    if (rc == MODEL_OK) {
        char title[64];
        snprintf(title, sizeof title, "version %lld (published)", (long long)v->version);
        /* No "generated" time: the same plan gives the same page and ETag. */
        io_report_input in = {p, sc, title, NULL, NULL, NULL, 0};
        rc = io_report_html(&in, &body, &len, err);
    }
    if (rc == MODEL_OK) {
        io_report_cache_clear(c);
        uint8_t h[IO_FEED_DIGEST_BYTES];
        char hex[2 * 16 + 1];
        io_feed_sha256(body, len, h);
        io_feed_hex(h, 16, hex);
        snprintf(c->etag, sizeof c->etag, "\"%s\"", hex);
        c->body = body;
        c->len = len;
        c->data_version = data_version;
    }
    model_schedule_free(sc);
    model_problem_free(p);
    io_store_version_info_free(v);
    return rc;
}

void io_report_route_answer(io_store *s, io_report_cache *cache, int64_t data_version,
                            const char *text, size_t len, const char *if_none_match,
                            bool (*matches)(const char *list, const char *etag),
                            io_report_answer *out)
{
    memset(out, 0, sizeof *out);
    out->status = 404;
    if (!io_feed_token_valid(text, len))
        return;
    uint8_t d[IO_FEED_DIGEST_BYTES];
    io_feed_token_digest(text, len, d);
    model_error err = MODEL_ERROR_INIT;
    if (io_store_dispatcher_find(s, d, out->who, &err) != MODEL_OK)
        goto unavailable;
    if (!out->who[0])
        return; /* 404 */
    if ((!cache->body || cache->data_version != data_version) &&
        render(s, cache, data_version, &err) != MODEL_OK)
        goto unavailable;
    memcpy(out->etag, cache->etag, sizeof out->etag);
    if (if_none_match && matches(if_none_match, out->etag)) {
        out->status = 304;
        return;
    }
    if (!(out->body = malloc(cache->len ? cache->len : 1))) {
        model_error_set(&err, MODEL_ERR_NOMEM, "out of memory");
        goto unavailable;
    }
    memcpy(out->body, cache->body, cache->len);
    out->len = cache->len;
    out->status = 200;
    return;
unavailable:
    out->status = 503;
    snprintf(out->error, sizeof out->error, "%.250s", err.msg);
}

struct MHD_Response *io_report_route_response(io_report_answer *a)
{
    if (a->status != MHD_HTTP_OK && a->status != MHD_HTTP_NOT_MODIFIED) {
        free(a->body);
        a->body = NULL;
        return NULL;
    }
    struct MHD_Response *r =
        a->body ? MHD_create_response_from_buffer(a->len, a->body, MHD_RESPMEM_MUST_FREE)
                : MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(a->body);
        a->body = NULL;
        a->status = MHD_HTTP_SERVICE_UNAVAILABLE;
        return NULL;
    }
    a->body = NULL; /* the response owns it */
    const char *const hdr[][2] = {
        {MHD_HTTP_HEADER_CONTENT_TYPE, "text/html; charset=utf-8"},
        {MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-cache"},
        {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                    "script-src 'unsafe-inline'; img-src data:; "
                                    "frame-ancestors 'none'"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Content-Type-Options", "nosniff"},
        {MHD_HTTP_HEADER_ETAG, a->etag},
    };
    for (size_t i = 0; i < sizeof hdr / sizeof hdr[0]; i++)
        if (MHD_add_response_header(r, hdr[i][0], hdr[i][1]) != MHD_YES) {
            MHD_destroy_response(r);
            a->status = MHD_HTTP_SERVICE_UNAVAILABLE;
            return NULL;
        }
    return r;
}

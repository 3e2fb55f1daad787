/* feed_server.c - the subscription server (see feed_server.h); the only
 * file that knows libmicrohttpd.
 *
 * Invariants: `cache` is replaced only under `lock`; every MHD_Response in
 * it holds its own copy of the feed text, so a response still being sent
 * outlives the cache that made it (libmicrohttpd counts its references).
 * Responses are queued on the access handler's second call: queued on the
 * first, libmicrohttpd closes the connection after every request (which is
 * what the 400 and "too many" answers want). When `stale`, the cache may
 * be older than the database and no feed is served from it (fail closed).
 * What connections may do (deadlines, per-address limits, targets) is
 * feed_guard.c's; this file tells it what libmicrohttpd sees. */
#include "io/feeds/feed_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "io/feeds/feed_guard_internal.h"
#include "io/feeds/report_route_internal.h"
#include "io/feeds/feed_request.h"
#include "io/store/feed_token.h"
#include "io/store/store.h"
#include "io/store/store_feed.h"

#define CACHE_CONTROL "private, no-cache"
#define CONTENT_TYPE "text/calendar; charset=utf-8"

/* Requests poll PRAGMA data_version (a read transaction: ~1.5 us and three
 * system calls) at most this often; a change committed by another process
 * is answered by every request that starts this long after the commit. */
#define POLL_INTERVAL_NS 1000000 /* 1 ms */
/* While stale, a rebuild is tried at most this often. */
#define STALE_RETRY_NS 250000000 /* 250 ms */

/* One subscribable feed: a technician with a token. */
typedef struct entry {
    uint8_t digest[IO_FEED_DIGEST_BYTES]; /* the token's digest */
    char *technician;                     /* owned */
    char etag[36];
    int64_t modified_at;
    size_t len;                           /* bytes of the feed text */
    struct MHD_Response *ok;              /* 200, owned reference */
    struct MHD_Response *not_modified;    /* 304, owned reference */
} entry;

typedef struct cache {
    entry *entries;  /* owned, sorted by digest */
    int n;
    int64_t version; /* the published version it was built from */
} cache;

struct io_feed_server {
    io_feed_server_options opt;
    io_store *store;              /* owned; used only under lock */
    io_store_feed_watch *watch;   /* owned; used only under lock */
    pthread_mutex_t lock;
    cache *cache;                 /* owned; replaced under lock */
    int64_t data_version;         /* of the database when cache was built */
    int64_t polled_ns;            /* monotonic time of the last data_version poll */
    bool stale;                   /* a change could not be followed: serve no feed */
    io_report_cache report;       /* the dispatchers' page; used only under lock */
    io_feed_guard *guard;         /* owned */
    struct MHD_Daemon *daemon;
    struct MHD_Response *not_found, *not_allowed, *bad_request, *too_many, *unavailable;
    int port;
    pthread_mutex_t log_lock;     /* guards the three fields below */
    double log_tokens;            /* lines that may be written now (token bucket) */
    int64_t log_refill_ns;        /* monotonic time of the last refill */
    unsigned long log_dropped;    /* lines suppressed since the last one written */
};

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Writes line unless over log_rate lines a second; the first line written
 * after some were suppressed is preceded by their count. */
static void log_line(io_feed_server *sv, const char *line)
{
    if (!sv->opt.log)
        return;
    unsigned long dropped = 0;
    if (sv->opt.log_rate > 0) {
        pthread_mutex_lock(&sv->log_lock);
        int64_t now = mono_ns();
        double rate = sv->opt.log_rate;
        sv->log_tokens += (double)(now - sv->log_refill_ns) * rate / 1e9;
        if (sv->log_tokens > rate)
            sv->log_tokens = rate;
        sv->log_refill_ns = now;
        bool ok = sv->log_tokens >= 1.0;
        if (ok) {
            sv->log_tokens -= 1.0;
            dropped = sv->log_dropped;
            sv->log_dropped = 0;
        } else {
            sv->log_dropped++;
        }
        pthread_mutex_unlock(&sv->log_lock);
        if (!ok)
            return;
    }
    if (dropped) {
        char note[96];
        snprintf(note, sizeof note, "log: %lu lines suppressed (over %d a second)", dropped,
                 sv->opt.log_rate);
        sv->opt.log(sv->opt.log_cls, note);
    }
    sv->opt.log(sv->opt.log_cls, line);
}

static void logf_(io_feed_server *sv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(io_feed_server *sv, const char *fmt, ...)
{
    if (!sv->opt.log)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    log_line(sv, line);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    io_feed_server *sv = cls;
    if (!sv->opt.log)
        return;
    char msg[512], line[600];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    snprintf(line, sizeof line, "libmicrohttpd: %s", msg);
    log_line(sv, line);
}

static void cache_free(cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++) {
        free(c->entries[i].technician);
        if (c->entries[i].ok)
            MHD_destroy_response(c->entries[i].ok);
        if (c->entries[i].not_modified)
            MHD_destroy_response(c->entries[i].not_modified);
    }
    free(c->entries);
    free(c);
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate). */
static void http_date(int64_t t, char buf[32])
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(buf, 32, "Thu, 01 Jan 1970 00:00:00 GMT");
        return;
    }
    snprintf(buf, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static bool add_headers(struct MHD_Response *r, const entry *e)
{
    char date[32];
    http_date(e->modified_at, date);
    return MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, e->etag) == MHD_YES &&
           MHD_add_response_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, date) == MHD_YES &&
           MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, CACHE_CONTROL) == MHD_YES;
}

static int cmp_entry(const void *a, const void *b)
{
    return memcmp(((const entry *)a)->digest, ((const entry *)b)->digest, IO_FEED_DIGEST_BYTES);
}

/* Builds a new cache from the database: every feed, and an entry per
 * technician that has a token. */
static model_status cache_build(io_feed_server *sv, cache **out, model_error *err)
{
    *out = NULL;
    io_feed_set *fs = NULL;
    io_store_feed_token_row *rows = NULL;
    int nrows = 0;
    cache *c = calloc(1, sizeof *c);
    model_status rc = c ? MODEL_OK : model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    if (rc != MODEL_OK ||
        (rc = io_feed_build(sv->store, &sv->opt.feed, (int64_t)time(NULL), &fs, err)) != MODEL_OK ||
        (rc = io_store_feed_tokens_list(sv->store, NULL, &rows, &nrows, err)) != MODEL_OK)
        goto done;
    c->version = fs->version;
    if (!(c->entries = calloc(nrows > 0 ? (size_t)nrows : 1, sizeof *c->entries))) {
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < nrows; i++) {
        const io_feed *f = rows[i].active ? io_feed_set_find(fs, rows[i].technician) : NULL;
        if (!f)
            continue;
        entry *e = &c->entries[c->n++];
        memcpy(e->digest, rows[i].digest, IO_FEED_DIGEST_BYTES);
        memcpy(e->etag, f->etag, sizeof e->etag);
        e->modified_at = f->modified_at;
        e->len = f->len;
        e->technician = strdup(f->technician);
        e->ok = MHD_create_response_from_buffer(f->len, f->text, MHD_RESPMEM_MUST_COPY);
        e->not_modified = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        if (!e->technician || !e->ok || !e->not_modified || !add_headers(e->ok, e) ||
            !add_headers(e->not_modified, e) ||
            MHD_add_response_header(e->ok, MHD_HTTP_HEADER_CONTENT_TYPE, CONTENT_TYPE) != MHD_YES) {
            rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    qsort(c->entries, (size_t)c->n, sizeof *c->entries, cmp_entry);
done:
    io_feed_set_free(fs);
    io_store_feed_tokens_free(rows, nrows);
    if (rc != MODEL_OK) {
        cache_free(c);
        return rc;
    }
    *out = c;
    return MODEL_OK;
}

/* Under lock: rebuilds the cache when another connection has committed. */
static void refresh_locked(io_feed_server *sv)
{
    model_error err = MODEL_ERROR_INIT;
    int64_t v;
    int64_t now_ns = mono_ns();
    if (now_ns - sv->polled_ns < (sv->stale ? STALE_RETRY_NS : POLL_INTERVAL_NS))
        return; /* polled a moment ago: under load, at most once per interval */
    sv->polled_ns = now_ns;
    if (io_store_feed_watch_poll(sv->watch, &v, &err) != MODEL_OK) {
        /* A token may have been revoked since: serve nothing until we know. */
        sv->stale = true;
        logf_(sv, "error: %s (feeds unavailable until the database can be read)", err.msg);
        return;
    }
    if (v == sv->data_version) {
        sv->stale = false; /* nothing committed since the cache was built */
        return;
    }
    cache *c;
    if (cache_build(sv, &c, &err) != MODEL_OK) {
        /* Fail closed: the old cache may hold a revoked or rotated token. */
        sv->stale = true;
        logf_(sv, "error: cannot rebuild the feeds: %s (feeds unavailable until it works)",
              err.msg);
        return;
    }
    cache_free(sv->cache);
    sv->cache = c;
    sv->data_version = v;
    sv->stale = false;
}

/* The entry whose digest equals d, or NULL. The search runs over digests
 * (which reveal nothing about tokens); the final comparison is constant-time. */
static const entry *find_entry(const cache *c, const uint8_t d[IO_FEED_DIGEST_BYTES])
{
    int lo = 0, hi = c->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int k = memcmp(c->entries[mid].digest, d, IO_FEED_DIGEST_BYTES);
        if (k == 0)
            return io_feed_digest_equal(c->entries[mid].digest, d) ? &c->entries[mid] : NULL;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* Appends text to buf[*o..size), keeping room for the NUL. */
static void put(char *buf, size_t size, size_t *o, const char *text)
{
    size_t n = strlen(text);
    if (n > size - 1 - *o)
        n = size - 1 - *o;
    memcpy(buf + *o, text, n);
    *o += n;
}

static void put_uint(char *buf, size_t size, size_t *o, unsigned long long v)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n && *o < size - 1)
        buf[(*o)++] = digits[--n];
}

/* "TIME ADDRESS METHOD PATH STATUS BYTES", assembled without stdio: this
 * runs once per request. */
static void log_request(io_feed_server *sv, const char *addr, const char *method,
                        const char *path, unsigned status, size_t bytes)
{
    if (!sv->opt.log)
        return;
    /* The time changes once a second: each thread formats it once. */
    static _Thread_local time_t when_t = -1;
    static _Thread_local char when[32];
    time_t now = time(NULL);
    if (now != when_t) {
        struct tm tm;
        if (gmtime_r(&now, &tm))
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        else
            snprintf(when, sizeof when, "-");
        when_t = now;
    }
    char meth[16], line[512];
    size_t k = 0, o = 0;
    for (; method[k] && k + 1 < sizeof meth; k++)
        meth[k] = (method[k] > 0x20 && method[k] < 0x7f) ? method[k] : '?';
    meth[k] = '\0';
    const char *parts[] = {when, " ", addr, " ", meth, " ", path, " "};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        put(line, sizeof line, &o, parts[i]);
    put_uint(line, sizeof line, &o, status);
    put(line, sizeof line, &o, " ");
    put_uint(line, sizeof line, &o, bytes);
    line[o] = '\0';
    log_line(sv, line);
}

/* What *req_cls points to: a request line seen (set by on_uri), then its
 * head admitted (set on the access handler's first call). */
static int line_marker, head_marker;

static io_feed_guard_conn *guard_conn(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* GET /report/TOKEN: the dispatcher's page, rendered from the published
 * version under the lock (report_route.c); 503 while stale, as feeds. */
static enum MHD_Result answer_report(io_feed_server *sv, struct MHD_Connection *conn,
                                     const char *url, const char *who, const char *method,
                                     bool head)
{
    const char *tok = url + strlen(IO_REPORT_ROUTE_PREFIX);
    const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                  MHD_HTTP_HEADER_IF_NONE_MATCH);
    io_report_answer a;
    pthread_mutex_lock(&sv->lock);
    refresh_locked(sv);
    if (sv->stale)
        a = (io_report_answer){.status = MHD_HTTP_SERVICE_UNAVAILABLE};
    else
        io_report_route_answer(sv->store, &sv->report, sv->data_version, tok, strlen(tok), inm,
                               io_feed_request_etag_matches, &a);
    pthread_mutex_unlock(&sv->lock);
    if (a.error[0])
        logf_(sv, "error: report: %s", a.error);
    struct MHD_Response *r = io_report_route_response(&a);
    unsigned status = a.status;
    struct MHD_Response *use = status == MHD_HTTP_NOT_FOUND ? sv->not_found
                             : status == MHD_HTTP_SERVICE_UNAVAILABLE ? sv->unavailable : r;
    enum MHD_Result res = MHD_queue_response(conn, status, use);
    size_t bytes = status == MHD_HTTP_OK && !head ? a.len : 0;
    if (r)
        MHD_destroy_response(r);
    char path[160];
    snprintf(path, sizeof path, IO_REPORT_ROUTE_PREFIX "[%s]", a.who[0] ? a.who : "unknown");
    log_request(sv, who, method, path, status, bytes);
    return res;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **req_cls)
{
    io_feed_server *sv = cls;
    (void)version;
    (void)upload_data;
    io_feed_guard_conn *gc = guard_conn(conn);
    const char *who = gc ? io_feed_guard_client(gc) : "-";
    char path[160];
    if (*req_cls != &head_marker) { /* first call: the head is complete */
        *req_cls = &head_marker;
        const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
        io_feed_guard_verdict v = gc ? io_feed_guard_admit(sv->guard, gc, xff) : IO_FEED_GUARD_OK;
        who = gc ? io_feed_guard_client(gc) : "-";
        if (v == IO_FEED_GUARD_OK && !io_feed_request_method_ok(method))
            v = IO_FEED_GUARD_BAD;
        if (v == IO_FEED_GUARD_OK)
            return MHD_YES; /* answer on the next call */
        unsigned status = v == IO_FEED_GUARD_BAD ? MHD_HTTP_BAD_REQUEST
                                                 : MHD_HTTP_SERVICE_UNAVAILABLE;
        io_feed_request_log_path(url, NULL, path, sizeof path);
        log_request(sv, who, method, path, status, 0);
        return MHD_queue_response(conn, status,
                                  v == IO_FEED_GUARD_BAD ? sv->bad_request : sv->too_many);
    }
    if (*upload_size) { /* a body: read and ignore it */
        *upload_size = 0;
        return MHD_YES;
    }
    io_feed_request rq = {
        method, url,
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE),
    };
    io_feed_route route;
    io_feed_request_route(&rq, &route);
    if (route.kind == IO_FEED_ROUTE_BAD_METHOD || route.kind == IO_FEED_ROUTE_NOT_ALLOWED) {
        /* (a method that is no token was answered on the first call) */
        io_feed_request_log_path(url, NULL, path, sizeof path);
        log_request(sv, who, method, path, MHD_HTTP_METHOD_NOT_ALLOWED, 0);
        return MHD_queue_response(conn, MHD_HTTP_METHOD_NOT_ALLOWED, sv->not_allowed);
    }
    if (strncmp(url, IO_REPORT_ROUTE_PREFIX, strlen(IO_REPORT_ROUTE_PREFIX)) == 0)
        return answer_report(sv, conn, url, who, method, route.head);
    struct MHD_Response *resp = sv->not_found;
    unsigned status = MHD_HTTP_NOT_FOUND;
    size_t bytes = 0;
    char tech[128] = "";
    if (route.kind == IO_FEED_ROUTE_FEED) {
        pthread_mutex_lock(&sv->lock);
        refresh_locked(sv);
        const entry *e = sv->cache && !sv->stale ? find_entry(sv->cache, route.digest) : NULL;
        if (sv->stale) { /* fail closed: this token may have been revoked */
            resp = sv->unavailable;
            status = MHD_HTTP_SERVICE_UNAVAILABLE;
        } else if (e) {
            bool fresh = io_feed_request_fresh(&rq, e->etag, e->modified_at);
            resp = fresh ? e->not_modified : e->ok;
            status = fresh ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK;
            snprintf(tech, sizeof tech, "%s", e->technician);
            bytes = status == MHD_HTTP_OK && !route.head ? e->len : 0;
        }
        /* Queued under the lock: the response cannot be freed meanwhile. */
        enum MHD_Result r = MHD_queue_response(conn, status, resp);
        pthread_mutex_unlock(&sv->lock);
        io_feed_request_log_path(url, tech[0] ? tech : NULL, path, sizeof path);
        log_request(sv, who, method, path, status, bytes);
        return r;
    }
    io_feed_request_log_path(url, NULL, path, sizeof path);
    log_request(sv, who, method, path, status, bytes);
    return MHD_queue_response(conn, status, resp);
}

/* Connection opened or closed: the guard tracks it (socket context). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    io_feed_server *sv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *ad =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        *socket_context = fd ? io_feed_guard_open(sv->guard, fd->connect_fd,
                                                  ad ? ad->client_addr : NULL)
                             : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        io_feed_guard_close(sv->guard, *socket_context);
        *socket_context = NULL;
    }
}

/* A request line arrived (raw target, before decoding): becomes *req_cls. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    io_feed_server *sv = cls;
    io_feed_guard_conn *gc = guard_conn(conn);
    if (gc)
        io_feed_guard_request_line(sv->guard, gc, uri);
    return &line_marker;
}

/* A request is over: the next head's deadline starts. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    io_feed_server *sv = cls;
    (void)toe;
    *req_cls = NULL;
    io_feed_guard_conn *gc = guard_conn(conn);
    if (gc)
        io_feed_guard_request_done(sv->guard, gc);
}

/* A text/plain response with one extra header (name NULL: none); NULL when
 * out of memory. */
static struct MHD_Response *text_response(const char *text, const char *name, const char *value)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    if (r && (MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                                      "text/plain; charset=utf-8") != MHD_YES ||
              (name && MHD_add_response_header(r, name, value) != MHD_YES))) {
        MHD_destroy_response(r);
        r = NULL;
    }
    return r;
}

static model_status make_static_responses(io_feed_server *sv, model_error *err)
{
    sv->not_found = text_response("not found\n", NULL, NULL);
    sv->not_allowed = text_response("only GET and HEAD\n", MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    sv->bad_request = text_response("bad request\n", MHD_HTTP_HEADER_CONNECTION, "close");
    sv->too_many = text_response("too many connections from your address\n",
                                 MHD_HTTP_HEADER_CONNECTION, "close");
    sv->unavailable = text_response("feeds temporarily unavailable\n",
                                    MHD_HTTP_HEADER_RETRY_AFTER, "5");
    if (!sv->not_found || !sv->not_allowed || !sv->bad_request || !sv->too_many ||
        !sv->unavailable ||
        MHD_add_response_header(sv->too_many, MHD_HTTP_HEADER_RETRY_AFTER, "1") != MHD_YES)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    return MODEL_OK;
}

static model_status check_options(const io_feed_server_options *o, model_error *err)
{
    if (o->port < 0 || o->port > 65535)
        return model_error_set(err, MODEL_ERR_INPUT, "port %d out of range", o->port);
    if (o->threads < 1 || o->threads > 256)
        return model_error_set(err, MODEL_ERR_INPUT, "threads must be 1..256");
    if (o->max_connections < 1 || o->max_connections > 100000 || o->max_per_ip < 0)
        return model_error_set(err, MODEL_ERR_INPUT, "connection limits out of range");
    if (o->max_request_bytes < 1024 || o->max_request_bytes > 1024 * 1024)
        return model_error_set(err, MODEL_ERR_INPUT, "request size limit must be 1 KiB..1 MiB");
    if (o->timeout_s < 1 || o->head_timeout_s < 1 || o->head_timeout_s > 3600)
        return model_error_set(err, MODEL_ERR_INPUT, "timeouts must be >= 1 s (head: <= 3600)");
    if (o->queue < 1 || o->queue > 65535 || o->log_rate < 0)
        return model_error_set(err, MODEL_ERR_INPUT, "queue must be 1..65535, log rate >= 0");
    return MODEL_OK;
}

model_status io_feed_server_start(io_feed_server **out, const char *db_path,
                                  const io_feed_server_options *opt, model_error *err)
{
    io_feed_server_options defaults = IO_FEED_SERVER_OPTIONS_INIT;
    *out = NULL;
    if (!opt)
        opt = &defaults;
    model_status rc = check_options(opt, err);
    if (rc != MODEL_OK)
        return rc;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO |
                     MHD_USE_ERROR_LOG;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    const char *host = opt->host ? opt->host : "127.0.0.1";
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)opt->port);
    } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)opt->port);
        flags |= MHD_USE_IPv6;
    } else {
        return model_error_set(err, MODEL_ERR_INPUT, "'%s' is not a numeric IPv4 or IPv6 address",
                               host);
    }
    io_feed_server *sv = calloc(1, sizeof *sv);
    if (!sv)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    sv->opt = *opt;
    sv->data_version = -1;
    sv->log_tokens = opt->log_rate;
    sv->log_refill_ns = mono_ns();
    if (pthread_mutex_init(&sv->lock, NULL) != 0) {
        free(sv);
        return model_error_set(err, MODEL_ERR_INTERNAL, "cannot create a mutex");
    }
    if (pthread_mutex_init(&sv->log_lock, NULL) != 0) {
        pthread_mutex_destroy(&sv->lock);
        free(sv);
        return model_error_set(err, MODEL_ERR_INTERNAL, "cannot create a mutex");
    }
    io_feed_guard_options go = {opt->head_timeout_s < opt->timeout_s ? opt->head_timeout_s
                                                                     : opt->timeout_s,
                                opt->max_per_ip, opt->trusted_proxy};
    io_store_options so = IO_STORE_OPTIONS_INIT;
    so.busy_timeout_ms = opt->busy_timeout_ms;
    if ((rc = io_store_open(&sv->store, db_path, &so, err)) != MODEL_OK ||
        (rc = io_store_feed_watch_create(sv->store, &sv->watch, err)) != MODEL_OK ||
        (rc = make_static_responses(sv, err)) != MODEL_OK ||
        (rc = io_store_feed_watch_poll(sv->watch, &sv->data_version, err)) != MODEL_OK ||
        (rc = cache_build(sv, &sv->cache, err)) != MODEL_OK ||
        (rc = io_feed_guard_create(&sv->guard, &go, err)) != MODEL_OK)
        goto fail;
    struct MHD_OptionItem ops[] = {
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_logger, sv}, /* first, or MHD warns */
        {MHD_OPTION_SOCK_ADDR, 0, &ss},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)opt->max_connections, NULL},
        {MHD_OPTION_LISTEN_BACKLOG_SIZE, (intptr_t)opt->queue, NULL},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, sv},
        {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, sv},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, sv},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)opt->max_request_bytes, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)opt->timeout_s, NULL},
        {opt->threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, (intptr_t)opt->threads,
         NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    sv->daemon = MHD_start_daemon(flags, (uint16_t)opt->port, NULL, NULL, on_request, sv,
                                  MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
    if (!sv->daemon) {
        rc = model_error_set(err, MODEL_ERR_IO, "cannot listen on %s:%d (address in use, or not "
                             "permitted)", host, opt->port);
        goto fail;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(sv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    sv->port = di ? di->port : opt->port;
    *out = sv;
    return MODEL_OK;
fail:
    io_feed_server_stop(sv);
    return rc;
}

int io_feed_server_port(const io_feed_server *srv)
{
    return srv->port;
}

void io_feed_server_stop(io_feed_server *sv)
{
    if (!sv)
        return;
    if (sv->daemon)
        MHD_stop_daemon(sv->daemon);
    io_feed_guard_free(sv->guard); /* after the daemon: no connection is left */
    cache_free(sv->cache);
    io_report_cache_clear(&sv->report);
    struct MHD_Response *statics[] = {sv->not_found, sv->not_allowed, sv->bad_request,
                                      sv->too_many, sv->unavailable};
    for (size_t i = 0; i < sizeof statics / sizeof statics[0]; i++)
        if (statics[i])
            MHD_destroy_response(statics[i]);
    io_store_feed_watch_free(sv->watch);
    io_store_close(sv->store);
    pthread_mutex_destroy(&sv->lock);
    pthread_mutex_destroy(&sv->log_lock);
    free(sv);
}

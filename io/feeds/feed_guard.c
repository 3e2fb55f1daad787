/* feed_guard.c - head deadlines, per-address limits and request-target
 * checks for the feed server (see feed_guard_internal.h).
 *
 * Invariants: every field of the guard and of its connections that more
 * than one thread touches is used only under `lock` (the reaper reads the
 * deadlines; the server's threads write them). A connection stays in the
 * list from io_feed_guard_open to io_feed_guard_close, and its fd is open
 * all that time (the HTTP library closes it only after the close call), so
 * the reaper never shuts down a descriptor that was reused. `counts` holds
 * one node per address with at least one connection (or, for forwarded
 * addresses, one request in progress). */
#include "io/feeds/feed_guard_internal.h"
#include "io/feeds/feed_request.h"

#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NBUCKETS 1024
#define REAP_INTERVAL_MS 200
#define OVER_LIMIT_NS 1000000000LL /* a connection over its address's limit: 1 s for its head */

static const char REPLY_400[] = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "Content-Length: 12\r\n\r\nbad request\n";
static const char REPLY_408[] = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "Content-Length: 16\r\n\r\nrequest timeout\n";

typedef struct addr_count {
    uint8_t key[16]; /* IPv6, or IPv4 mapped to ::ffff:a.b.c.d */
    int n;
    struct addr_count *next;
} addr_count;

struct io_feed_guard_conn {
    int fd;
    uint8_t key[16];             /* the peer's address */
    uint8_t fwd[16];             /* the forwarded address, when fwd_counted */
    bool counted;                /* key is counted in `counts` (not the trusted proxy) */
    bool proxied;                /* the peer is the trusted proxy */
    bool fwd_counted;            /* fwd is counted for the request in progress */
    bool over;                   /* over the limit when it opened */
    bool in_head;                /* waiting for a request head */
    bool line_seen;              /* a request line arrived since the last answer */
    bool bad_target;             /* that line's target was malformed */
    bool cut;                    /* the reaper shut it down */
    char client[48];             /* the client's address as text (io_feed_guard_client) */
    int64_t phase_ns;            /* monotonic start of the current head's deadline */
    uint64_t rx_mark, tx_mark;   /* TCP bytes received and sent at that start */
    io_feed_guard_conn *prev, *next;
};

struct io_feed_guard {
    int64_t head_ns;         /* head deadline */
    int max_per_ip;          /* 0: none */
    bool has_proxy;
    uint8_t proxy[16];       /* the trusted proxy's address, when has_proxy */
    pthread_mutex_t lock;
    pthread_cond_t wake;     /* signalled to stop the reaper */
    bool stop;
    bool started;            /* the reaper thread runs */
    pthread_t reaper;
    io_feed_guard_conn *conns;   /* every open connection */
    addr_count *counts[NBUCKETS];
};

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool key_of_text(const char *text, uint8_t key[16])
{
    struct in_addr a4;
    memset(key, 0, 16);
    if (inet_pton(AF_INET, text, &a4) == 1) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &a4, 4);
        return true;
    }
    return inet_pton(AF_INET6, text, key) == 1;
}

static void key_of_sockaddr(const struct sockaddr *sa, uint8_t key[16])
{
    memset(key, 0, 16);
    if (sa && sa->sa_family == AF_INET) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    } else if (sa && sa->sa_family == AF_INET6) {
        memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
    }
}

static void key_text(const uint8_t key[16], char *buf, size_t size)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(key, mapped, 12) == 0)
        inet_ntop(AF_INET, key + 12, buf, (socklen_t)size);
    else
        inet_ntop(AF_INET6, key, buf, (socklen_t)size);
}

static unsigned bucket_of(const uint8_t key[16])
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (int i = 0; i < 16; i++)
        h = (h ^ key[i]) * 16777619u;
    return h % NBUCKETS;
}

/* Under lock: adds delta to key's count; returns the new count (0 when a
 * node for an increment cannot be allocated: not counted). */
static int count_add(io_feed_guard *g, const uint8_t key[16], int delta)
{
    addr_count **pp = &g->counts[bucket_of(key)];
    while (*pp && memcmp((*pp)->key, key, 16) != 0)
        pp = &(*pp)->next;
    if (!*pp) {
        if (delta <= 0 || !(*pp = calloc(1, sizeof **pp)))
            return 0;
        memcpy((*pp)->key, key, 16);
    }
    int n = ((*pp)->n += delta);
    if (n <= 0) {
        addr_count *dead = *pp;
        *pp = dead->next;
        free(dead);
    }
    return n;
}

static void tcp_bytes(int fd, uint64_t *rx, uint64_t *tx)
{
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    memset(&ti, 0, sizeof ti);
    *rx = *tx = 0;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0) {
        *rx = ti.tcpi_bytes_received;
        *tx = ti.tcpi_bytes_sent;
    }
}

/* Under lock: the deadline of c's head starts now. */
static void start_head(io_feed_guard_conn *c)
{
    c->in_head = true;
    c->line_seen = c->bad_target = false;
    c->phase_ns = now_ns();
    tcp_bytes(c->fd, &c->rx_mark, &c->tx_mark);
}

static void *reap(void *arg)
{
    io_feed_guard *g = arg;
    pthread_mutex_lock(&g->lock);
    while (!g->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += REAP_INTERVAL_MS * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&g->wake, &g->lock, &until);
        int64_t t = now_ns();
        for (io_feed_guard_conn *c = g->conns; c && !g->stop; c = c->next) {
            if (!c->in_head || c->cut || t - c->phase_ns < (c->over ? OVER_LIMIT_NS : g->head_ns))
                continue;
            uint64_t rx, tx;
            tcp_bytes(c->fd, &rx, &tx);
            if (rx > c->rx_mark) /* a head begun and not finished: say why */
                (void)send(c->fd, REPLY_408, sizeof REPLY_408 - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
            shutdown(c->fd, SHUT_RDWR); /* the HTTP library sees the end and closes it */
            c->cut = true;
        }
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

model_status io_feed_guard_create(io_feed_guard **out, const io_feed_guard_options *opt,
                                  model_error *err)
{
    *out = NULL;
    io_feed_guard *g = calloc(1, sizeof *g);
    if (!g)
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory");
    g->head_ns = (int64_t)(opt->head_timeout_s > 0 ? opt->head_timeout_s : 1) * 1000000000;
    g->max_per_ip = opt->max_per_ip;
    if (opt->trusted_proxy && opt->trusted_proxy[0]) {
        if (!key_of_text(opt->trusted_proxy, g->proxy)) {
            free(g);
            return model_error_set(err, MODEL_ERR_INPUT,
                                   "trusted proxy '%s' is not a numeric IPv4 or IPv6 address",
                                   opt->trusted_proxy);
        }
        g->has_proxy = true;
    }
    if (pthread_mutex_init(&g->lock, NULL) != 0) {
        free(g);
        return model_error_set(err, MODEL_ERR_INTERNAL, "cannot create a mutex");
    }
    if (pthread_cond_init(&g->wake, NULL) != 0) {
        pthread_mutex_destroy(&g->lock);
        free(g);
        return model_error_set(err, MODEL_ERR_INTERNAL, "cannot create a condition variable");
    }
    if (pthread_create(&g->reaper, NULL, reap, g) != 0) {
        io_feed_guard_free(g);
        return model_error_set(err, MODEL_ERR_INTERNAL, "cannot start a thread");
    }
    g->started = true;
    *out = g;
    return MODEL_OK;
}

void io_feed_guard_free(io_feed_guard *g)
{
    if (!g)
        return;
    if (g->started) {
        pthread_mutex_lock(&g->lock);
        g->stop = true;
        pthread_cond_signal(&g->wake);
        pthread_mutex_unlock(&g->lock);
        pthread_join(g->reaper, NULL);
    }
    while (g->conns) {
        io_feed_guard_conn *c = g->conns;
        g->conns = c->next;
        free(c);
    }
    for (int i = 0; i < NBUCKETS; i++)
        while (g->counts[i]) {
            addr_count *a = g->counts[i];
            g->counts[i] = a->next;
            free(a);
        }
    pthread_cond_destroy(&g->wake);
    pthread_mutex_destroy(&g->lock);
    free(g);
}

io_feed_guard_conn *io_feed_guard_open(io_feed_guard *g, int fd, const struct sockaddr *sa)
{
    io_feed_guard_conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->fd = fd;
    key_of_sockaddr(sa, c->key);
    key_text(c->key, c->client, sizeof c->client);
    pthread_mutex_lock(&g->lock);
    c->proxied = g->has_proxy && memcmp(c->key, g->proxy, 16) == 0;
    if (!c->proxied) {
        int n = count_add(g, c->key, 1);
        c->counted = n > 0;
        c->over = g->max_per_ip > 0 && n > g->max_per_ip;
    }
    start_head(c);
    c->rx_mark = c->tx_mark = 0; /* every byte of a new connection is new */
    c->next = g->conns;
    if (g->conns)
        g->conns->prev = c;
    g->conns = c;
    pthread_mutex_unlock(&g->lock);
    return c;
}

void io_feed_guard_close(io_feed_guard *g, io_feed_guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        g->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (c->counted)
        count_add(g, c->key, -1);
    if (c->fwd_counted)
        count_add(g, c->fwd, -1);
    bool silent_drop = !c->cut && c->in_head && !c->line_seen &&
                       now_ns() - c->phase_ns < (c->over ? OVER_LIMIT_NS : g->head_ns);
    pthread_mutex_unlock(&g->lock);
    if (silent_drop) {
        /* Bytes that made no request line, nothing answered, the client
         * still there (a peek that says end-of-stream means it left). */
        uint64_t rx, tx;
        char b;
        tcp_bytes(c->fd, &rx, &tx);
        if (rx > c->rx_mark && tx == c->tx_mark &&
            recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) != 0)
            (void)send(c->fd, REPLY_400, sizeof REPLY_400 - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
    }
    free(c);
}

void io_feed_guard_request_line(io_feed_guard *g, io_feed_guard_conn *c, const char *raw_target)
{
    bool ok = io_feed_request_target_ok(raw_target);
    pthread_mutex_lock(&g->lock);
    c->line_seen = true;
    c->bad_target = !ok;
    pthread_mutex_unlock(&g->lock);
}

/* The last entry of an X-Forwarded-For list (the one the proxy added),
 * without blanks, into buf; false when there is none or it is too long. */
static bool last_forwarded(const char *xff, char *buf, size_t size)
{
    const char *start = strrchr(xff, ',');
    start = start ? start + 1 : xff;
    while (*start == ' ' || *start == '\t')
        start++;
    size_t n = strcspn(start, " \t");
    if (n == 0 || n >= size)
        return false;
    memcpy(buf, start, n);
    buf[n] = '\0';
    return true;
}

io_feed_guard_verdict io_feed_guard_admit(io_feed_guard *g, io_feed_guard_conn *c,
                                          const char *forwarded_for)
{
    char fwd_text[64];
    uint8_t fwd[16];
    bool use_fwd = c->proxied && forwarded_for &&
                   last_forwarded(forwarded_for, fwd_text, sizeof fwd_text) &&
                   key_of_text(fwd_text, fwd);
    key_text(use_fwd ? fwd : c->key, c->client, sizeof c->client);
    pthread_mutex_lock(&g->lock);
    c->in_head = false;
    io_feed_guard_verdict v = c->bad_target ? IO_FEED_GUARD_BAD
                              : c->over     ? IO_FEED_GUARD_TOO_MANY
                                            : IO_FEED_GUARD_OK;
    if (v == IO_FEED_GUARD_OK && use_fwd && !c->fwd_counted) {
        int n = count_add(g, fwd, 1);
        if (n > 0) {
            memcpy(c->fwd, fwd, 16);
            c->fwd_counted = true;
        }
        if (g->max_per_ip > 0 && n > g->max_per_ip)
            v = IO_FEED_GUARD_TOO_MANY;
    }
    pthread_mutex_unlock(&g->lock);
    return v;
}

void io_feed_guard_request_done(io_feed_guard *g, io_feed_guard_conn *c)
{
    pthread_mutex_lock(&g->lock);
    if (c->fwd_counted)
        count_add(g, c->fwd, -1);
    c->fwd_counted = false;
    start_head(c);
    pthread_mutex_unlock(&g->lock);
}

const char *io_feed_guard_client(const io_feed_guard_conn *c)
{
    return c->client[0] ? c->client : "-";
}

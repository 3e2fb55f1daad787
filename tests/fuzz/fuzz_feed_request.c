/* fuzz_feed_request.c - libFuzzer harness: any bytes as an HTTP request
 * head through what the feed server does with a request
 * (io/feeds/feed_request.h): the raw target's check, routing of method and
 * path to a feed's token digest, the conditional answer (If-None-Match,
 * If-Modified-Since) and the path written to the log. The head is split as
 * libmicrohttpd splits it (request line "METHOD TARGET VERSION", then
 * "Name: value" lines; the query cut off at '?' and the path
 * percent-decoded) and handed over as the server receives it. No socket,
 * no database. Aborts when a property the server relies on fails:
 *  - a feed route only for GET/HEAD of /feeds/TOKEN.ics with a token's
 *    form, its digest the token's;
 *  - the log path never holds the token, a control byte, or any run of 12
 *    token characters of a path outside /feeds/, and fits its buffer;
 *  - an IMF-fixdate parsed, written back and parsed again is the same time;
 *    a request with If-Modified-Since T is fresh for a feed modified at T
 *    and not for one modified after;
 *  - an accepted raw target starts with '/' and holds only visible ASCII. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "io/feeds/feed_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_HEAD 8192

/* Percent-decodes s in place as libmicrohttpd does (a broken escape stays). */
static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '%' && isxdigit((unsigned char)r[1]) && isxdigit((unsigned char)r[2])) {
            char hex[3] = {r[1], r[2], '\0'};
            *w++ = (char)strtol(hex, NULL, 16);
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static bool is_token_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

static void check_log_path(const char *path, const char *tech, const char *token, size_t tlen)
{
    char buf[160];
    memset(buf, 'x', sizeof buf);
    io_feed_request_log_path(path, tech, buf, sizeof buf);
    size_t n = strnlen(buf, sizeof buf);
    if (n >= sizeof buf)
        abort(); /* not terminated */
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
            abort(); /* a control byte could forge a log line */
    for (size_t i = 0; token && tlen && i + tlen <= n; i++)
        if (memcmp(buf + i, token, tlen) == 0)
            abort(); /* the secret in the log */
    if (strncmp(path, "/feeds/", 7) == 0) {
        if (!tech && strcmp(buf, "/feeds/[unknown]") != 0)
            abort();
        return;
    }
    /* Runs of 12 or more token characters of the path are masked, so a run
     * in the log is at most 11 characters of the path after the two hex
     * digits of an escape. */
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = is_token_char((unsigned char)buf[i]) ? run + 1 : 0;
        if (run > 13)
            abort();
    }
}

static void check_dates(const io_feed_request *rq)
{
    int64_t t;
    if (!rq->if_modified_since || !io_feed_request_http_date(rq->if_modified_since, &t))
        return;
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        abort();
    char text[64];
    snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
             tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    int64_t back;
    if (tm.tm_year + 1900 <= 9999 && (!io_feed_request_http_date(text, &back) || back != t))
        abort(); /* written back and read again: the same second */
    if (!rq->if_none_match) {
        if (!io_feed_request_fresh(rq, "\"e\"", t) || io_feed_request_fresh(rq, "\"e\"", t + 1))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_HEAD)
        return 0; /* the server refuses larger heads (max_request_bytes) */
    char head[MAX_HEAD + 1];
    memcpy(head, data, size);
    head[size] = '\0';
    /* the request line */
    char *line_end = strchr(head, '\n');
    char *rest = line_end ? line_end + 1 : head + size;
    if (line_end)
        *line_end = '\0';
    char *method = trim(head);
    char *target = strchr(method, ' ');
    if (!target)
        return 0; /* no request line: libmicrohttpd drops it, the guard answers 400 */
    *target++ = '\0';
    while (*target == ' ')
        target++;
    char *version = strchr(target, ' ');
    if (version)
        *version = '\0';
    bool target_ok = io_feed_request_target_ok(target);
    if (target_ok) {
        if (target[0] != '/')
            abort();
        for (const char *p = target; *p; p++)
            if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
                abort();
    }
    char path[MAX_HEAD + 1];
    snprintf(path, sizeof path, "%s", target);
    char *q = strchr(path, '?');
    if (q)
        *q = '\0';
    unescape(path);
    /* the headers */
    io_feed_request rq = {method, path, NULL, NULL};
    for (char *l = rest; l && *l;) {
        char *next = strchr(l, '\n');
        if (next)
            *next++ = '\0';
        char *colon = strchr(l, ':');
        if (colon) {
            *colon = '\0';
            char *name = trim(l), *value = trim(colon + 1);
            if (strcasecmp(name, "If-None-Match") == 0)
                rq.if_none_match = value;
            else if (strcasecmp(name, "If-Modified-Since") == 0)
                rq.if_modified_since = value;
        }
        l = next;
    }
    io_feed_route route;
    io_feed_request_route(&rq, &route);
    if ((route.kind == IO_FEED_ROUTE_BAD_METHOD) == io_feed_request_method_ok(method))
        abort();
    const char *token = NULL;
    size_t tlen = 0;
    if (route.kind == IO_FEED_ROUTE_FEED) {
        size_t n = strlen(path);
        if ((strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) ||
            route.head != (strcmp(method, "HEAD") == 0) || strncmp(path, "/feeds/", 7) != 0 ||
            n != 7 + IO_FEED_TOKEN_CHARS + 4 || strcmp(path + n - 4, ".ics") != 0)
            abort();
        token = path + 7;
        tlen = IO_FEED_TOKEN_CHARS;
        uint8_t d[IO_FEED_DIGEST_BYTES];
        io_feed_token_digest(token, tlen, d);
        if (!io_feed_token_valid(token, tlen) || memcmp(d, route.digest, sizeof d) != 0)
            abort();
    }
    if (rq.if_none_match && strchr(rq.if_none_match, '*') == rq.if_none_match &&
        !io_feed_request_fresh(&rq, "\"abc\"", 0))
        abort(); /* "*" matches any feed */
    (void)io_feed_request_fresh(&rq, "\"0123456789abcdef0123456789abcdef\"", 1700000000);
    check_dates(&rq);
    check_log_path(path, NULL, token, tlen);
    check_log_path(path, "t-ana\x01\n", token, tlen);
    return 0;
}

/* feed_request.c - routing, conditional answers and log paths of the feed
 * server's requests (see feed_request.h); no socket, no database. */
#include "io/feeds/feed_request.h"

#include <stdio.h>
#include <string.h>

#define FEEDS_PREFIX "/feeds/"
#define FEEDS_SUFFIX ".ics"

static bool is_token_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool io_feed_request_method_ok(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!is_token_char((unsigned char)*s) && !strchr("!#$%&'*+.^`|~", *s))
            return false;
    return true;
}

void io_feed_request_route(const io_feed_request *rq, io_feed_route *out)
{
    memset(out, 0, sizeof *out);
    if (!io_feed_request_method_ok(rq->method)) {
        out->kind = IO_FEED_ROUTE_BAD_METHOD;
        return;
    }
    out->head = strcmp(rq->method, "HEAD") == 0;
    if (!out->head && strcmp(rq->method, "GET") != 0) {
        out->kind = IO_FEED_ROUTE_NOT_ALLOWED;
        return;
    }
    out->kind = IO_FEED_ROUTE_NOT_FOUND;
    const char *url = rq->path ? rq->path : "";
    size_t plen = strlen(FEEDS_PREFIX), slen = strlen(FEEDS_SUFFIX), ulen = strlen(url);
    if (ulen <= plen + slen || strncmp(url, FEEDS_PREFIX, plen) != 0 ||
        strcmp(url + ulen - slen, FEEDS_SUFFIX) != 0)
        return;
    const char *token = url + plen;
    size_t tlen = ulen - plen - slen;
    if (!io_feed_token_valid(token, tlen))
        return;
    io_feed_token_digest(token, tlen, out->digest);
    out->kind = IO_FEED_ROUTE_FEED;
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

bool io_feed_request_target_ok(const char *raw)
{
    if (!raw || raw[0] != '/')
        return false;
    for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
        if (*p < 0x21 || *p > 0x7e)
            return false;
        if (*p != '%')
            continue;
        int hi = hex_value((char)p[1]), lo = hi < 0 ? -1 : hex_value((char)p[2]);
        if (lo < 0)
            return false;
        int v = hi * 16 + lo;
        if (v < 0x20 || v == 0x7f)
            return false;
        p += 2;
    }
    return true;
}

/* Whether an If-None-Match list matches etag (weak comparison). */
bool io_feed_request_etag_matches(const char *list, const char *etag)
{
    size_t elen = strlen(etag);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        if (*p == '*')
            return true;
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        const char *q = p;
        if (*q == '"') {
            q = strchr(q + 1, '"');
            q = q ? q + 1 : p + strlen(p);
        } else {
            while (*q && *q != ',')
                q++;
        }
        if ((size_t)(q - p) == elen && memcmp(p, etag, elen) == 0)
            return true;
        p = q;
        while (*p && *p != ',')
            p++;
    }
    return false;
}

bool io_feed_request_http_date(const char *text, int64_t *out)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char wd[4], mon[4];
    int day, year, h, m, s, n = 0;
    if (sscanf(text, "%3s, %d %3s %d %d:%d:%d GMT%n", wd, &day, mon, &year, &h, &m, &s, &n) != 7 ||
        n == 0 || text[n] != '\0')
        return false;
    const char *f = strstr(months, mon);
    if (!f || (f - months) % 3 != 0 || day < 1 || day > 31 || year < 1970 || year > 9999 ||
        h > 23 || m > 59 || s > 60 || h < 0 || m < 0 || s < 0)
        return false;
    int mo = (int)(f - months) / 3 + 1;
    /* days from civil (Howard Hinnant's algorithm) */
    int y = year - (mo <= 2);
    int era = y / 400;
    int yoe = y - era * 400;
    int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = (int64_t)era * 146097 + doe - 719468;
    *out = days * 86400 + h * 3600 + m * 60 + s;
    return true;
}

bool io_feed_request_fresh(const io_feed_request *rq, const char *etag, int64_t modified_at)
{
    if (rq->if_none_match)
        return io_feed_request_etag_matches(rq->if_none_match, etag);
    int64_t since;
    return rq->if_modified_since && io_feed_request_http_date(rq->if_modified_since, &since) &&
           modified_at <= since;
}

void io_feed_request_log_path(const char *url, const char *tech, char *buf, size_t size)
{
    if (strncmp(url, FEEDS_PREFIX, strlen(FEEDS_PREFIX)) == 0) {
        snprintf(buf, size, FEEDS_PREFIX "[%s]", tech ? tech : "unknown");
        for (char *q = buf; *q; q++) /* an id with control characters cannot forge lines */
            if ((unsigned char)*q < 0x20 || *q == 0x7f)
                *q = '?';
        return;
    }
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)url;
    while (*p && o + 8 < size && o < 120) {
        unsigned char c = *p;
        if (is_token_char(c)) {
            size_t n = 0;
            while (is_token_char(p[n]))
                n++;
            if (n >= 12) {
                buf[o++] = '*';
            } else {
                size_t k = n < size - 1 - o ? n : size - 1 - o;
                memcpy(buf + o, p, k);
                o += k;
            }
            p += n;
            continue;
        }
        if (c < 0x20 || c >= 0x7f)
            o += (size_t)snprintf(buf + o, size - o, "%%%02X", c);
        else
            buf[o++] = (char)c;
        p++;
    }
    if (*p && o + 4 < size)
        o += (size_t)snprintf(buf + o, size - o, "...");
    buf[o < size ? o : size - 1] = '\0';
}

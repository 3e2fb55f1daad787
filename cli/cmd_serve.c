/* cmd_serve.c - `fieldplan serve DB --listen HOST:PORT`: the subscription
 * server for the technicians' calendar feeds. Runs until SIGTERM or SIGINT,
 * then stops cleanly: no new connections, open ones closed, threads joined. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/feed_args.h"
#include "io/feeds/feed_server.h"

static const char usage[] =
    "usage: fieldplan serve DB [--listen HOST:PORT] [--threads N] [--max-connections N]\n"
    "                      [--max-per-ip N] [--max-request-bytes N] [--timeout S]\n"
    "                      [--refresh S] [--past-days N] [--breaks] [--quiet]\n\n"
    "Serves every technician's calendar feed at GET /feeds/TOKEN.ics, straight from\n"
    "the database's published version ('fieldplan tokens' issues the tokens). A\n"
    "new plan, import or token change is picked up by the next request. Only GET\n"
    "and HEAD; ETag, Last-Modified and 304 Not Modified; an unknown, rotated or\n"
    "revoked token gets 404 like any other path. One log line per request goes to\n"
    "standard error, naming the technician, never the token. SIGTERM or SIGINT\n"
    "stops the server. Put a TLS proxy in front of it for https:// URLs.\n\n"
    "  --listen HOST:PORT       numeric address and port (default 127.0.0.1:8080;\n"
    "                           [::1]:8080 for IPv6; port 0 picks a free one)\n"
    "  --threads N              worker threads (default 2)\n"
    "  --max-connections N      open connections at most (default 512)\n"
    "  --max-per-ip N           connections from one address (default 128; 0: no limit)\n"
    "  --max-request-bytes N    request line and headers at most (default 8192)\n"
    "  --timeout S              close idle connections after S seconds (default 30)\n"
    "  --refresh S              REFRESH-INTERVAL of the feeds (default 3600)\n"
    "  --past-days N            days before the published horizon kept (default 14)\n"
    "  --breaks                 breaks as events of their own\n"
    "  -q, --quiet              no request log\n"
    "  -h, --help               show this help\n\n"
    "Exit codes: 0 stopped by a signal, 2 usage, 3 cannot open DB or listen.\n";

/* One write(2) per line: lines from the server's threads never mix, and no
 * stdio lock is taken on the request path. */
static void log_line(void *cls, const char *line)
{
    (void)cls;
    char buf[1100];
    size_t n = strlen(line);
    if (n > sizeof buf - 1)
        n = sizeof buf - 1;
    memcpy(buf, line, n);
    buf[n++] = '\n';
    for (size_t off = 0; off < n;) {
        ssize_t w = write(STDERR_FILENO, buf + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a log that cannot be written must not stop the server */
        off += (size_t)w;
    }
}

/* Splits "HOST:PORT" / "[V6]:PORT" into host (copied into buf) and port. */
static bool parse_listen(const char *cmd, const char *text, char *buf, size_t size, int *port)
{
    const char *colon;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || close[1] != ':')
            return cli_usage_error(cmd, "--listen '%s': expected [ADDRESS]:PORT", text), false;
        if ((size_t)(close - text - 1) >= size)
            return cli_usage_error(cmd, "--listen '%s': address too long", text), false;
        memcpy(buf, text + 1, (size_t)(close - text - 1));
        buf[close - text - 1] = '\0';
        colon = close + 1;
    } else {
        colon = strrchr(text, ':');
        if (!colon)
            return cli_usage_error(cmd, "--listen '%s': expected HOST:PORT", text), false;
        if ((size_t)(colon - text) >= size)
            return cli_usage_error(cmd, "--listen '%s': address too long", text), false;
        memcpy(buf, text, (size_t)(colon - text));
        buf[colon - text] = '\0';
        if (!buf[0])
            snprintf(buf, size, "127.0.0.1");
    }
    int64_t p;
    if (!cli_parse_int64(cmd, "listen", colon + 1, 0, 65535, &p))
        return false;
    *port = (int)p;
    return true;
}

int cli_cmd_serve(int argc, char **argv)
{
    static const cli_option opts[] = {
        {"listen", 0, true},     {"threads", 0, true},           {"max-connections", 0, true},
        {"max-per-ip", 0, true}, {"max-request-bytes", 0, true}, {"timeout", 0, true},
        {"refresh", 0, true},    {"past-days", 0, true},         {"breaks", 0, false},
        {"quiet", 'q', false},   {"help", 'h', false},
    };
    enum { O_LISTEN, O_THREADS, O_MAXCONN, O_PERIP, O_REQBYTES, O_TIMEOUT, O_REFRESH, O_PAST,
           O_BREAKS, O_QUIET, O_HELP, O_COUNT };
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *db = NULL, *v, *cmd = argv[0];
    char host[64] = "127.0.0.1";
    io_feed_server_options so = IO_FEED_SERVER_OPTIONS_INIT;
    bool quiet = false;
    int64_t x;
    for (int k; (k = cli_args_next(&a, opts, O_COUNT, &v)) != -2;) {
        bool ok = true;
        switch (k) {
        case -3: return CLI_EXIT_INPUT;
        case -1: ok = cli_args_take(cmd, &db, v); break;
        case O_LISTEN: ok = parse_listen(cmd, v, host, sizeof host, &so.port); break;
        case O_THREADS:
            ok = cli_parse_int64(cmd, "threads", v, 1, 256, &x);
            so.threads = (int)x;
            break;
        case O_MAXCONN:
            ok = cli_parse_int64(cmd, "max-connections", v, 1, 100000, &x);
            so.max_connections = (int)x;
            break;
        case O_PERIP:
            ok = cli_parse_int64(cmd, "max-per-ip", v, 0, 100000, &x);
            so.max_per_ip = (int)x;
            break;
        case O_REQBYTES:
            ok = cli_parse_int64(cmd, "max-request-bytes", v, 1024, 1024 * 1024, &x);
            so.max_request_bytes = (size_t)x;
            break;
        case O_TIMEOUT:
            ok = cli_parse_int64(cmd, "timeout", v, 1, 86400, &x);
            so.timeout_s = (int)x;
            break;
        case O_REFRESH:
        case O_PAST:
        case O_BREAKS: ok = cli_feed_parse(cmd, opts[k].name, v, &so.feed); break;
        case O_QUIET: quiet = true; break;
        case O_HELP: fputs(usage, stdout); return CLI_EXIT_OK;
        }
        if (!ok)
            return CLI_EXIT_INPUT;
    }
    if (!db)
        return cli_usage_error(cmd, "missing DB");
    so.host = host;
    so.log = quiet ? NULL : log_line;

    /* The server's threads inherit this mask; only sigwait below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0) {
        fprintf(stderr, "fieldplan: error: cannot block signals\n");
        return CLI_EXIT_INTERNAL;
    }
    signal(SIGPIPE, SIG_IGN);
    model_error err = MODEL_ERROR_INIT;
    io_feed_server *srv = NULL;
    if (io_feed_server_start(&srv, db, &so, &err) != MODEL_OK)
        return cli_fail(&err);
    bool v6 = strchr(host, ':') != NULL;
    fprintf(stderr, "fieldplan serve: feeds of %s at http://%s%s%s:%d/feeds/TOKEN.ics "
                    "(SIGTERM or Ctrl-C stops)\n",
            db, v6 ? "[" : "", host, v6 ? "]" : "", io_feed_server_port(srv));
    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    io_feed_server_stop(srv);
    fprintf(stderr, "fieldplan serve: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    return CLI_EXIT_OK;
}

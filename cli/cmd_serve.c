/* cmd_serve.c - `fieldplan serve DB --listen HOST:PORT`: the subscription
 * server for the technicians' calendar feeds. Runs until SIGTERM or SIGINT,
 * then stops cleanly: no new connections, open ones closed, threads joined. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "io/feeds/feed_server.h"

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

bool cli_serve_parse_listen(const char *cmd, const char *opt, const char *text, void *listen)
{
    (void)opt;
    cli_listen *l = listen;
    char *buf = l->host;
    size_t size = sizeof l->host;
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
    l->port = (int)p;
    return true;
}

int cli_cmd_serve(int argc, char **argv)
{
    cli_serve_opts o = {IO_FEED_SERVER_OPTIONS_INIT, {"127.0.0.1", 0}, false};
    o.listen.port = o.server.port;
    const char *db = NULL;
    int prc;
    if (!cli_parse_db("serve", argc, argv, &o, &db, &prc))
        return prc;
    io_feed_server_options so = o.server;
    const char *host = o.listen.host;
    bool quiet = o.quiet;
    so.port = o.listen.port;
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
    /* One descriptor per connection, plus the database and the listener. */
    struct rlimit rl;
    rlim_t need = (rlim_t)so.max_connections + 64;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < need)
            fprintf(stderr, "fieldplan serve: warning: only %llu file descriptors for "
                            "--max-connections %d\n", (unsigned long long)rl.rlim_cur,
                    so.max_connections);
    }
    model_error err = MODEL_ERROR_INIT;
    io_feed_server *srv = NULL;
    if (io_feed_server_start(&srv, db, &so, &err) != MODEL_OK)
        return cli_fail(&err);
    bool v6 = strchr(host, ':') != NULL;
    fprintf(stderr, "fieldplan serve: feeds of %s at http://%s%s%s:%d/feeds/TOKEN.ics, the "
                    "dispatchers' report at /report/TOKEN (SIGTERM or Ctrl-C stops)\n",
            db, v6 ? "[" : "", host, v6 ? "]" : "", io_feed_server_port(srv));
    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    io_feed_server_stop(srv);
    fprintf(stderr, "fieldplan serve: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    return CLI_EXIT_OK;
}

/* cmd_tokens.c - `fieldplan tokens DB issue|rotate|revoke|list [TECH]`:
 * the secret per-technician subscription URLs of `fieldplan serve`. A
 * token is shown once, when issued or rotated; the database keeps only its
 * SHA-256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "io/formats/json_out.h"
#include "io/store/feed_token.h"
#include "io/store/store.h"
#include "io/store/store_feed.h"
#include "cli/table.h"
#include "cli/tokens_dispatcher.h"

/* Prints the two subscription URLs of token under base. */
static void print_urls(const char *tech, const char *name, const char *base, const char *token,
                       const char *what)
{
    const char *rest = strstr(base, "://");
    rest = rest ? rest + 3 : base;
    size_t n = strlen(rest);
    while (n && rest[n - 1] == '/')
        n--;
    const char *scheme_end = strstr(base, "://");
    bool plain_http = scheme_end && (size_t)(scheme_end - base) == 4 && strncmp(base, "http", 4) == 0;
    printf("%s%s%s%s: %s\n", tech, name ? " (" : "", name ? name : "", name ? ")" : "", what);
    printf("  webcal://%.*s/feeds/%s.ics\n", (int)n, rest, token);
    printf("  %s://%.*s/feeds/%s.ics\n", plain_http ? "http" : "https", (int)n, rest, token);
}

/* {"technicians": [...], "dispatchers": [...]} (dispatchers only for all). */
static int list_json(io_store *s, const char *tech, const io_store_feed_token_row *rows, int n)
{
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_raw(&o, "{\"technicians\": [");
    for (int i = 0; i < n; i++) {
        char when[32] = "";
        time_t t = (time_t)rows[i].issued_at;
        struct tm tm;
        if (rows[i].active && gmtime_r(&t, &tm))
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        io_json_out_raw(&o, i ? ",\n  {\"technician\": " : "\n  {\"technician\": ");
        io_json_out_string(&o, rows[i].technician);
        io_json_out_raw(&o, ", \"name\": ");
        io_json_out_string(&o, rows[i].name);
        io_json_out_printf(&o, ", \"token\": %s, \"issued_at\": ",
                           rows[i].active ? "true" : "false");
        io_json_out_string(&o, when[0] ? when : NULL);
        io_json_out_printf(&o, ", \"rotations\": %d}", rows[i].rotations);
    }
    io_json_out_raw(&o, "],\n \"dispatchers\": ");
    int rc = tech ? (io_json_out_raw(&o, "[]"), CLI_EXIT_OK) : cli_tokens_list_dispatchers(s, &o);
    io_json_out_raw(&o, "}\n");
    model_error err = MODEL_ERROR_INIT;
    char *text = io_json_out_finish(&o, &err);
    if (rc == CLI_EXIT_OK && !text)
        rc = cli_fail(&err);
    if (rc == CLI_EXIT_OK)
        fputs(text, stdout);
    free(text);
    return rc;
}

static int do_list(io_store *s, const char *tech, bool json)
{
    model_error err = MODEL_ERROR_INIT;
    io_store_feed_token_row *rows = NULL;
    int n = 0;
    if (io_store_feed_tokens_list(s, tech, &rows, &n, &err) != MODEL_OK)
        return cli_fail(&err);
    if (json) {
        int rc = list_json(s, tech, rows, n);
        io_store_feed_tokens_free(rows, n);
        return rc;
    }
    printf("%-16s %-24s %-7s %-19s %s\n", "technician", "name", "token", "issued", "rotations");
    for (int i = 0; i < n; i++) {
        char when[32] = "-";
        if (rows[i].active) {
            time_t t = (time_t)rows[i].issued_at;
            struct tm tm;
            if (localtime_r(&t, &tm))
                strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
        }
        char rot[16];
        snprintf(rot, sizeof rot, "%d", rows[i].rotations);
        cli_table_row(stdout, (const char *[]){rows[i].technician,
                                               rows[i].name ? rows[i].name : "-",
                                               rows[i].active ? "active" : "none", when, rot},
                      (const int[]){16, 24, 7, 19, 0}, 5);
    }
    io_store_feed_tokens_free(rows, n);
    return tech ? CLI_EXIT_OK : cli_tokens_list_dispatchers(s, NULL);
}

static int do_issue(io_store *s, const char *tech, bool rotate, const char *base)
{
    model_error err = MODEL_ERROR_INIT;
    io_store_feed_token_row *rows = NULL;
    int n = 0, rc = CLI_EXIT_OK, issued = 0;
    if (io_store_feed_tokens_list(s, tech, &rows, &n, &err) != MODEL_OK)
        return cli_fail(&err);
    for (int i = 0; i < n && rc == CLI_EXIT_OK; i++) {
        if (!tech && rows[i].active)
            continue; /* issue for all: only those without a token */
        char token[IO_FEED_TOKEN_CHARS + 1];
        if (io_store_feed_token_issue(s, rows[i].technician, rotate, token, &err) != MODEL_OK) {
            rc = cli_fail(&err);
            break;
        }
        print_urls(rows[i].technician, rows[i].name, base, token,
                   rotate ? "token rotated (the old URL no longer works)" : "token issued");
        memset(token, 0, sizeof token);
        issued++;
    }
    if (rc == CLI_EXIT_OK && !tech)
        printf("%d tokens issued (technicians that had one keep it)\n", issued);
    io_store_feed_tokens_free(rows, n);
    return rc;
}

int cli_cmd_tokens(int argc, char **argv)
{
    cli_tokens_opts o = {getenv("FIELDPLAN_FEED_BASE_URL"), NULL, false};
    const char *pos[3] = {NULL, NULL, NULL}, *cmd = argv[0];
    int prc;
    if (!cli_parse_args("tokens", argc, argv, &o, pos, 3, 1, "missing DB", &prc))
        return prc;
    const char *base = o.base_url;
    if (!base || !base[0])
        base = CLI_TOKENS_DEFAULT_BASE_URL;
    if (!pos[1])
        return cli_usage_error(cmd, "missing issue, rotate, revoke or list");
    const char *db = pos[0], *action = pos[1], *tech = pos[2];
    bool issue = strcmp(action, "issue") == 0, rotate = strcmp(action, "rotate") == 0;
    bool revoke = strcmp(action, "revoke") == 0, list = strcmp(action, "list") == 0;
    if (!issue && !rotate && !revoke && !list)
        return cli_usage_error(cmd, "unknown action '%s' (issue, rotate, revoke or list)", action);
    if (o.dispatcher && (list || tech))
        return cli_usage_error(cmd, list ? "--dispatcher is for issue, rotate and revoke"
                                         : "either TECH or --dispatcher NAME, not both");
    if ((rotate || revoke) && !tech && !o.dispatcher)
        return cli_usage_error(cmd, "%s needs a technician (or --dispatcher NAME)", action);
    if (o.json && !list)
        return cli_usage_error(cmd, "--json is for list");
    if (strstr(base, "://") == NULL || strpbrk(base, " \t\r\n"))
        return cli_usage_error(cmd, "--base-url '%s': expected a URL like https://host:port",
                               base);
    model_error err = MODEL_ERROR_INIT;
    io_store *s = NULL;
    io_store_options so = IO_STORE_OPTIONS_INIT;
    so.read_only = list;
    if (io_store_open(&s, db, &so, &err) != MODEL_OK)
        return cli_fail(&err);
    int rc;
    if (o.dispatcher) {
        rc = cli_tokens_dispatcher(s, action, o.dispatcher, base);
    } else if (list) {
        rc = do_list(s, tech, o.json);
    } else if (revoke) {
        bool had = false;
        if (io_store_feed_token_revoke(s, tech, &had, &err) != MODEL_OK) {
            rc = cli_fail(&err);
        } else {
            printf("%s: %s\n", tech, had ? "token revoked (its URL no longer works)"
                                         : "had no token");
            rc = CLI_EXIT_OK;
        }
    } else {
        rc = do_issue(s, tech, rotate, base);
    }
    io_store_close(s);
    return rc;
}

/* cmd_import.c - `fieldplan import DB FILE...`: JSON problems and CSV files
 * of locations, technicians, shifts, absences and jobs, each file in one
 * transaction, in dependency order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "io/formats/json_out.h"
#include "cli/command_opts.h"
#include "io/formats/file.h"
#include "io/formats/zonefile.h"
#include "io/store/store.h"
#include "io/store/store_import.h"

typedef struct item {
    const char *path;
    io_store_kind kind;
    int order;
} item;

static int by_kind(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->order - y->order;
}

int cli_cmd_import(int argc, char **argv)
{
    cli_import_opts o = {false};
    item *items = calloc((size_t)argc, sizeof *items);
    const char **pos = calloc((size_t)argc, sizeof *pos);
    if (!items || !pos) {
        free(items);
        free(pos);
        fprintf(stderr, "fieldplan: error: out of memory\n");
        return CLI_EXIT_INTERNAL;
    }
    int npos, rc = CLI_EXIT_OK;
    int prc = cli_parse(cli_command_find("import"), argc, argv, &o, pos, argc, &npos);
    if (prc != CLI_EXIT_OK) {
        free(items);
        free(pos);
        return prc == CLI_PARSE_HELP ? CLI_EXIT_OK : prc;
    }
    bool quiet = o.quiet;
    const char *db = npos > 0 ? pos[0] : NULL;
    int n = 0;
    for (int i = 1; i < npos; i++) {
        items[n].path = pos[i];
        items[n].order = n;
        n++;
    }
    free(pos);
    if (!db || n == 0) {
        free(items);
        return cli_usage_error(argv[0], db ? "missing FILE" : "missing DB");
    }
    model_error err = MODEL_ERROR_INIT;
    for (int i = 0; i < n; i++) {
        char *text = NULL;
        size_t len;
        if (io_file_read_all(items[i].path, IO_STORE_MAX_IMPORT_BYTES, &text, &len, &err) !=
            MODEL_OK) {
            free(items);
            return cli_fail(&err);
        }
        items[i].kind = io_store_detect_kind(items[i].path, text, len);
        free(text);
        if (items[i].kind == IO_STORE_KIND_UNKNOWN) {
            fprintf(stderr, "fieldplan: error: %s: cannot tell what the file holds: name it "
                            "jobs*.csv, technicians*.csv, shifts*.csv, absences*.csv, "
                            "locations*.csv or *.json, or give it the documented header row\n",
                    items[i].path);
            free(items);
            return CLI_EXIT_INPUT;
        }
    }
    qsort(items, (size_t)n, sizeof *items, by_kind);
    struct stat sb;
    if (strncmp(db, "file:", 5) != 0 && stat(db, &sb) != 0 && errno == ENOENT && !o.timezone &&
        items[0].kind != IO_STORE_KIND_PROBLEM) {
        free(items);
        fprintf(stderr, "fieldplan: error: %s: no such database, and CSV files carry no time "
                        "zone: give --timezone TZ (the zone of their times), or create it with "
                        "'fieldplan db init %s --timezone TZ'\n", db, db);
        return CLI_EXIT_INPUT;
    }
    model_tz *tz = NULL; /* a bad --timezone is refused before a database is created */
    if (o.timezone && io_zone_load(&tz, o.timezone, &err) != MODEL_OK) {
        free(items);
        return cli_fail(&err);
    }
    model_tz_free(tz);
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.create = true;
    io_store *s = NULL;
    char zone[128] = "";
    if (io_store_open(&s, db, &opt, &err) != MODEL_OK ||
        (o.timezone && io_store_set_timezone(s, o.timezone, &err) != MODEL_OK)) {
        io_store_close(s);
        free(items);
        return cli_fail(&err);
    }
    io_json_out j = IO_JSON_OUT_INIT; /* --json: what was imported */
    io_json_out_raw(&j, "{\"files\": [");
    for (int i = 0; i < n; i++) {
        io_store_import_stats st;
        if (io_store_import_file(s, items[i].path, &st, &err) != MODEL_OK) {
            io_json_out_raw(&j, "], \"error\": ");
            io_json_out_string(&j, err.msg);
            rc = cli_fail(&err);
            if (i > 0)
                fprintf(stderr, "fieldplan: %s and the files after it were not imported; the "
                                "%d before it were\n", items[i].path, i);
            break;
        }
        io_json_out_raw(&j, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
        io_json_out_string(&j, items[i].path);
        io_json_out_printf(&j, ", \"kind\": \"%s\", \"new\": %d, \"updated\": %d}",
                           io_store_kind_name(st.kind), st.inserted, st.updated);
        if (!quiet && !o.json)
            printf("%s: %s: %d new, %d updated\n", items[i].path, io_store_kind_name(st.kind),
                   st.inserted, st.updated);
        if (st.wall_times > 0 && io_store_timezone_name(s, zone, sizeof zone, &err) == MODEL_OK &&
            (!zone[0] || strcmp(zone, "UTC") == 0))
            fprintf(stderr, "fieldplan: warning: %s: %d times without an offset were read as "
                            "UTC, the database's time zone; if they are local times, run "
                            "'fieldplan db set-timezone %s TZ' and import again\n",
                    items[i].path, st.wall_times, db);
    }
    if (rc == CLI_EXIT_OK)
        io_json_out_raw(&j, "]");
    io_json_out_raw(&j, "}\n");
    char *text = io_json_out_finish(&j, &err);
    if (o.json && text) /* -q never silences what --json asks for */
        fputs(text, stdout);
    else if (o.json && rc == CLI_EXIT_OK)
        rc = cli_fail(&err);
    free(text);
    io_store_close(s);
    free(items);
    return rc;
}

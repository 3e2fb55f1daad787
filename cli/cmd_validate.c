/* cmd_validate.c - `fieldplan validate PROBLEM [--json]`: reads and checks a
 * problem file and prints what it holds. A CSV file is named as such, with
 * how to import it, instead of a JSON parser's complaint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/command_opts.h"
#include "cli/json_print.h"
#include "cli/problem_load.h"
#include "io/formats/json_out.h"
#include "io/store/store_import.h"

/* Whether path holds CSV rather than a problem: a .csv or .tsv name, or a
 * first line that import would take for a CSV file's header. *tabs tells
 * whether that line is tab-separated. */
static bool looks_like_csv(const char *path, io_store_kind *kind, bool *tabs)
{
    *kind = IO_STORE_KIND_UNKNOWN;
    *tabs = false;
    struct stat sb; /* a FIFO or a device is left to the reader's own message */
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char head[4096];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    const char *t = head;
    if (n >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
        t += 3; /* Excel's "CSV UTF-8" starts with a byte order mark */
    while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n')
        t++;
    if (*t == '{' || *t == '[')
        return false;
    size_t line = strcspn(t, "\r\n");
    *tabs = memchr(t, '\t', line) && !memchr(t, ',', line) && !memchr(t, ';', line);
    *kind = io_store_detect_kind(path, t, strlen(t));
    const char *dot = strrchr(path, '.');
    bool csv_name = dot && (strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".tsv") == 0);
    return csv_name || (*kind != IO_STORE_KIND_UNKNOWN && *kind != IO_STORE_KIND_PROBLEM);
}

static int print_json(const model_problem *p, const char *path, int shifts, const char *error)
{
    io_json_out o = IO_JSON_OUT_INIT;
    if (error) {
        io_json_out_raw(&o, "{\"valid\": false, \"file\": ");
        io_json_out_string(&o, path);
        io_json_out_raw(&o, ", \"error\": ");
        io_json_out_string(&o, error);
        io_json_out_raw(&o, "}\n");
    } else {
        io_json_out_raw(&o, "{\"valid\": true, \"file\": ");
        io_json_out_string(&o, path);
        io_json_out_raw(&o, ", \"name\": ");
        io_json_out_string(&o, p->name);
        io_json_out_printf(&o, ", \"locations\": %d, \"technicians\": %d, \"shifts\": %d, "
                               "\"jobs\": %d, \"skills\": %d, \"timezone\": ",
                           p->nlocations, p->ntechnicians, shifts, p->njobs, p->nskills);
        io_json_out_string(&o, model_tz_name(p->tz));
        io_json_out_printf(&o, ", \"travel\": \"%s\"}\n",
                           p->travel.kind == MODEL_TRAVEL_HAVERSINE ? "haversine" : "matrix");
    }
    return cli_print_json(&o);
}

int cli_cmd_validate(int argc, char **argv)
{
    const char *path = NULL;
    cli_problem_opts o = {false, false};
    int prc;
    if (!cli_parse_args("validate", argc, argv, &o, &path, 1, 1, "missing PROBLEM", &prc))
        return prc;
    int format = o.format;
    model_error err = MODEL_ERROR_INIT;
    model_problem *p = NULL;
    io_store_kind kind;
    bool tabs;
    if (format == CLI_FORMAT_NATIVE && looks_like_csv(path, &kind, &tabs)) {
        model_error_set(&err, MODEL_ERR_INPUT,
                        "%s: this is a %sCSV file%s%s%s, not a problem: validate reads a JSON "
                        "problem (docs/format.md) or, with --format solomon|vroom, a Solomon or VROOM file; "
                        "import CSV files into a database with 'fieldplan import DB %s [more "
                        "CSV files]'", path, tabs ? "tab-separated " : "",
                        kind != IO_STORE_KIND_UNKNOWN ? " (" : "",
                        kind != IO_STORE_KIND_UNKNOWN ? io_store_kind_name(kind) : "",
                        kind != IO_STORE_KIND_UNKNOWN ? ")" : "", path);
    } else if (cli_load_problem(path, format, &p, NULL, &err) == MODEL_OK) {
        int shifts = 0;
        for (int t = 0; t < p->ntechnicians; t++)
            shifts += p->technicians[t].nshifts;
        int rc = CLI_EXIT_OK;
        if (o.json)
            rc = print_json(p, path, shifts, NULL);
        else
            printf("ok %s: %d locations, %d technicians (%d shifts), %d jobs, %d skills, "
                   "timezone %s, travel %s\n",
                   p->name ? p->name : path, p->nlocations, p->ntechnicians, shifts, p->njobs,
                   p->nskills, model_tz_name(p->tz),
                   p->travel.kind == MODEL_TRAVEL_HAVERSINE ? "haversine" : "matrix");
        model_problem_free(p);
        return rc;
    }
    if (o.json)
        print_json(NULL, path, 0, err.msg);
    return cli_fail(&err);
}

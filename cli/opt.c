/* opt.c - the generic option parser: fills a command's option struct from
 * its declared options (cli_opt_spec), in the order the arguments come. */
#include <assert.h>
#include <stdio.h>

#include "cli/cli.h"

/* Most options a command declares. */
#define MAX_OPTS 32

/* Reads value (NULL for a flag) into o's field of opts. Returns false after
 * printing a usage error for cmd. */
static bool fill(const char *cmd, const cli_opt_spec *o, const char *value, void *opts)
{
    void *field = (char *)opts + o->offset;
    int64_t n;
    switch (o->type) {
    case CLI_OPT_FLAG: *(bool *)field = true; return true;
    case CLI_OPT_STRING: *(const char **)field = value; return true;
    case CLI_OPT_INT:
        if (!cli_parse_int64(cmd, o->name, value, o->imin, o->imax, &n))
            return false;
        *(int *)field = (int)n;
        return true;
    case CLI_OPT_INT64: return cli_parse_int64(cmd, o->name, value, o->imin, o->imax, field);
    case CLI_OPT_DOUBLE: return cli_parse_double(cmd, o->name, value, o->dmin, o->dmax, field);
    case CLI_OPT_CUSTOM: return o->parse(cmd, o->name, value, field);
    case CLI_OPT_HELP: break;
    }
    assert(!"unreachable");
    return false;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, void *opts, const char **pos,
              int maxpos, int *npos)
{
    assert(!cmd->legacy);
    cli_option specs[MAX_OPTS];
    int nopts = 0;
    for (const cli_opt_spec *o = cmd->opts; o->name; o++) {
        assert(nopts < MAX_OPTS);
        assert((o->arg != NULL) == (o->type != CLI_OPT_FLAG && o->type != CLI_OPT_HELP));
        specs[nopts++] = (cli_option){o->name, o->short_name, o->arg != NULL};
    }
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *v;
    *npos = 0;
    for (int k; (k = cli_args_next(&a, specs, nopts, &v)) != -2;) {
        if (k == -3)
            return CLI_EXIT_INPUT;
        if (k == -1) {
            if (*npos == maxpos)
                return cli_usage_error(argv[0], "unexpected argument '%s'", v);
            pos[(*npos)++] = v;
        } else if (cmd->opts[k].type == CLI_OPT_HELP) {
            cli_help_print(stdout, cmd);
            return CLI_PARSE_HELP;
        } else if (!fill(argv[0], &cmd->opts[k], v, opts)) {
            return CLI_EXIT_INPUT;
        }
    }
    return CLI_EXIT_OK;
}

/* cmd_help.c - `fieldplan help [--man] [CMD]` and `fieldplan completion
 * bash`: the help, man pages and bash completion of cli/help.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/command_opts.h"

#ifndef FIELDPLAN_VERSION
#define FIELDPLAN_VERSION "0.1.0"
#endif

int cli_cmd_help(int argc, char **argv)
{
    cli_help_opts o = {false};
    const char *name = NULL;
    int rc;
    if (!cli_parse_args("help", argc, argv, &o, &name, 1, 0, NULL, &rc))
        return rc;
    const cli_command *cmd = NULL;
    if (name && !(cmd = cli_command_find(name))) {
        fprintf(stderr, "fieldplan: unknown command '%s'\n", name);
        cli_help_print_main(stderr);
        return CLI_EXIT_INPUT;
    }
    if (o.man && cmd)
        cli_help_print_man(stdout, cmd, FIELDPLAN_VERSION);
    else if (o.man)
        cli_help_print_man_main(stdout, FIELDPLAN_VERSION);
    else if (cmd)
        cli_help_print(stdout, cmd);
    else
        cli_help_print_main(stdout);
    return CLI_EXIT_OK;
}

int cli_cmd_completion(int argc, char **argv)
{
    const char *shell = NULL;
    int rc;
    if (!cli_parse_args("completion", argc, argv, NULL, &shell, 1, 1, "missing SHELL (bash)", &rc))
        return rc;
    if (strcmp(shell, "bash") != 0)
        return cli_usage_error(argv[0], "no completion for '%s' (only bash)", shell);
    cli_help_print_bash_completion(stdout);
    return CLI_EXIT_OK;
}

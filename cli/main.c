/* main.c - the fieldplan program: dispatches to the command table
 * (cli/commands.c), one command per file. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#ifndef FIELDPLAN_VERSION
#define FIELDPLAN_VERSION "0.1.0"
#endif

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_help_print_main(stderr);
        return CLI_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_help_print_main(stdout);
        return fclose(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_IO;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("fieldplan %s\n", FIELDPLAN_VERSION);
        return fclose(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_IO;
    }
    const cli_command *cmd = cli_command_find(argv[1]);
    if (!cmd) {
        fprintf(stderr, "fieldplan: unknown command '%s'\n", argv[1]);
        cli_help_print_main(stderr);
        return CLI_EXIT_INPUT;
    }
    int rc = cmd->run(argc - 1, argv + 1);
    if (fflush(stdout) != 0 && rc == CLI_EXIT_OK) {
        fprintf(stderr, "fieldplan: error: cannot write to standard output\n");
        rc = CLI_EXIT_IO;
    }
    return rc;
}

/* main.c - the fieldplan program: dispatches to one command per file. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#ifndef FIELDPLAN_VERSION
#define FIELDPLAN_VERSION "0.1.0"
#endif

static const cli_command commands[] = {
#define CLI_COMMAND(name, summary) {#name, summary, cli_cmd_##name},
#include "cli/commands.def"
#include "cli/commands_store.def"
#include "cli/commands_feed.def"
#include "cli/commands_whatif.def"
#undef CLI_COMMAND
};

static void print_help(FILE *f)
{
    fprintf(f, "usage: fieldplan COMMAND [ARGS...]\n\n"
               "Appointment and technician scheduling engine.\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'fieldplan COMMAND --help' describes a command.\n"
               "Exit codes: 0 ok, 1 check failed, 2 bad input or usage, 3 I/O error,\n"
               "4 database busy, 70 internal error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return CLI_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return fclose(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_IO;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("fieldplan %s\n", FIELDPLAN_VERSION);
        return fclose(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_IO;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            int rc = commands[i].run(argc - 1, argv + 1);
            if (fflush(stdout) != 0 && rc == CLI_EXIT_OK) {
                fprintf(stderr, "fieldplan: error: cannot write to standard output\n");
                rc = CLI_EXIT_IO;
            }
            return rc;
        }
    }
    fprintf(stderr, "fieldplan: unknown command '%s'\n", argv[1]);
    print_help(stderr);
    return CLI_EXIT_INPUT;
}

/* tokens_dispatcher.h - `fieldplan tokens DB issue|rotate|revoke
 * --dispatcher NAME`: the dispatchers' report URLs (BASE/report/TOKEN) that
 * 'fieldplan serve' answers with the published plan's HTML report; and
 * their rows in `tokens list`. */
#ifndef FIELDPLAN_CLI_TOKENS_DISPATCHER_H
#define FIELDPLAN_CLI_TOKENS_DISPATCHER_H

#include <stdbool.h>

#include "io/formats/json_out.h"
#include "io/store/store.h"

/* Runs action ("issue", "rotate" or "revoke") for dispatcher name; prints
 * the URL (issue, rotate) or what happened. Returns the exit code. */
int cli_tokens_dispatcher(io_store *s, const char *action, const char *name, const char *base);

/* Prints the dispatchers with a token as a table (after the technicians'),
 * or appends them to o as the JSON array value of "dispatchers" when o is
 * not NULL. Returns the exit code. */
int cli_tokens_list_dispatchers(io_store *s, io_json_out *o);

#endif

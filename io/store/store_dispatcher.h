/* store_dispatcher.h - the dispatchers' tokens: secret URLs under which
 * 'fieldplan serve' shows the published plan as the HTML report
 * (GET /report/TOKEN). A dispatcher is a name (an email address, a
 * desk: 1 to 64 printable characters); its token is 256 random bits
 * (feed_token.h), stored only as its SHA-256 digest, issued, rotated and
 * revoked like a technician's feed token but in a table of its own, so
 * that a feed URL never opens the whole plan and a dispatcher's URL can be
 * revoked without touching any calendar:
 *   dispatcher_tokens(name, digest, issued_at, rotations)
 * created on first issue (a database without it has no dispatcher). */
#ifndef FIELDPLAN_IO_STORE_DISPATCHER_H
#define FIELDPLAN_IO_STORE_DISPATCHER_H

#include <stdbool.h>
#include <stdint.h>

#include "io/store/feed_token.h"
#include "io/store/store.h"
#include "model/error.h"

#define IO_STORE_DISPATCHER_NAME_MAX 64

/* Issues a token for dispatcher `name` into token (shown once, never
 * stored). MODEL_ERR_INPUT "dispatcher 'X' already has a token (use
 * 'tokens rotate --dispatcher')" unless rotate, which replaces it at once;
 * MODEL_ERR_INPUT for a name that is empty, longer than
 * IO_STORE_DISPATCHER_NAME_MAX or holds a control character;
 * MODEL_ERR_IO on a read-only database. */
model_status io_store_dispatcher_issue(io_store *s, const char *name, bool rotate,
                                       char token[IO_FEED_TOKEN_CHARS + 1], model_error *err);

/* Revokes dispatcher name's token; *had (may be NULL) tells whether it had one. */
model_status io_store_dispatcher_revoke(io_store *s, const char *name, bool *had,
                                        model_error *err);

typedef struct io_store_dispatcher_row {
    char *name;         /* owned */
    int64_t issued_at;
    int rotations;
    uint8_t digest[IO_FEED_DIGEST_BYTES];
} io_store_dispatcher_row;

/* Every dispatcher with a token, by name (free with io_store_dispatchers_free). */
model_status io_store_dispatchers_list(io_store *s, io_store_dispatcher_row **rows, int *n,
                                       model_error *err);

void io_store_dispatchers_free(io_store_dispatcher_row *rows, int n);

/* The dispatcher whose token has digest d: its name into name (""
 * when none), compared in constant time against every stored digest. */
model_status io_store_dispatcher_find(io_store *s, const uint8_t d[IO_FEED_DIGEST_BYTES],
                                      char name[IO_STORE_DISPATCHER_NAME_MAX + 1],
                                      model_error *err);

#endif

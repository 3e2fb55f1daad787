/* feed_token.h - the secrets in subscription URLs: 256 random bits written
 * as 43 base64url characters, stored only as their SHA-256 digest and
 * compared in constant time. Also the SHA-256 that ETags are made of.
 *
 * No state, no allocation; every function is thread-safe. */
#ifndef FIELDPLAN_IO_FEED_TOKEN_H
#define FIELDPLAN_IO_FEED_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/error.h"

#define IO_FEED_TOKEN_BYTES 32   /* random bytes in a token */
#define IO_FEED_TOKEN_CHARS 43   /* their unpadded base64url length */
#define IO_FEED_DIGEST_BYTES 32  /* SHA-256 */

/* SHA-256 of data[0..len) into out. */
void io_feed_sha256(const void *data, size_t len, uint8_t out[IO_FEED_DIGEST_BYTES]);

/* A new token from the kernel's random source (getrandom), written to
 * out as IO_FEED_TOKEN_CHARS base64url characters and a NUL. Errors:
 * MODEL_ERR_IO "cannot read random bytes: REASON". */
model_status io_feed_token_new(char out[IO_FEED_TOKEN_CHARS + 1], model_error *err);

/* Whether text[0..len) has a token's form: exactly IO_FEED_TOKEN_CHARS
 * characters of [A-Za-z0-9_-] whose last one carries no stray bits. */
bool io_feed_token_valid(const char *text, size_t len);

/* The digest stored for a token (SHA-256 of its characters). */
void io_feed_token_digest(const char *token, size_t len, uint8_t out[IO_FEED_DIGEST_BYTES]);

/* Compares two digests in time independent of their contents: true when
 * equal. */
bool io_feed_digest_equal(const uint8_t a[IO_FEED_DIGEST_BYTES],
                          const uint8_t b[IO_FEED_DIGEST_BYTES]);

/* Lower-case hex of n bytes into out (2n + 1 bytes with the NUL). */
void io_feed_hex(const uint8_t *bytes, size_t n, char *out);

#endif

/* tz.h - IANA time zones from TZif data (RFC 8536), DST included.
 *
 * A model_tz converts between instants (model/time.h) and wall-clock time
 * in one IANA zone: its TZif transitions, and the POSIX-TZ footer rule for
 * instants after the last listed transition. Zones are built from bytes in
 * memory; reading them from the system's zone directory by name is
 * io/formats/zonefile.h's job. "UTC" is built in and needs no data.
 * Thread-safe once built: no global state, no use of the TZ variable.
 * Calendar arithmetic and ISO 8601 parsing are in model/time.h (included). */
#ifndef FIELDPLAN_MODEL_TZ_H
#define FIELDPLAN_MODEL_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/error.h"
#include "model/time.h"

typedef struct model_tz model_tz; /* opaque */

/* TZif data larger than this is refused by readers (io/formats/zonefile.c);
 * no count in a TZif header may exceed it either. */
#define MODEL_TZ_DATA_MAX (1L << 20)

/* The built-in zone "UTC" in *out (owned by the caller, free with
 * model_tz_free). Errors: MODEL_ERR_NOMEM. */
model_status model_tz_utc(model_tz **out, model_error *err);

/* Builds zone `name` from the len bytes of TZif data at data (read only,
 * not kept). origin names where the data came from (a path) for messages;
 * NULL: name. On success *out owns a new zone. Errors: MODEL_ERR_INPUT
 * "unknown time zone 'NAME' (ORIGIN: not a valid TZif file: WHY)" and
 * "unknown time zone 'NAME' (bad rule in its TZif file)"; MODEL_ERR_NOMEM. */
model_status model_tz_parse(model_tz **out, const char *name, const char *origin,
                            const void *data, size_t len, model_error *err);

/* Whether name can name a zone: [A-Za-z0-9_+-] components joined by '/',
 * none empty, at most 255 bytes. No '.' at all, so no "..", and no leading
 * '/': a lookup by such a name stays inside a zone directory (and skips its
 * *.tab, *.zi files). NULL: false. */
bool model_tz_name_is_valid(const char *name);

/* Sets err to MODEL_ERR_INPUT "unknown time zone 'NAME'" (name quoted as
 * model_time_quote does) and returns MODEL_ERR_INPUT. */
model_status model_tz_error_unknown(model_error *err, const char *name);

/* Frees a zone; NULL is accepted. */
void model_tz_free(model_tz *tz);

/* The zone's IANA name, as given when it was built. */
const char *model_tz_name(const model_tz *tz);

/* UTC offset in seconds (east positive) in force at instant t. */
int32_t model_tz_offset_at(const model_tz *tz, int64_t t);

/* The instant of wall-clock time c in tz, by FORMAT.md's DST rule: a wall
 * time that does not exist (skipped in spring) moves forward by the gap
 * (02:30 becomes 03:30); one that occurs twice (autumn) means the first
 * occurrence. Fields are assumed valid (see model_time_parse). */
int64_t model_tz_from_civil(const model_tz *tz, const model_civil *c);

/* The instant the local day `days` (days since 1970-01-01) begins in tz:
 * its 00:00 by the rule above. */
int64_t model_tz_day_start(const model_tz *tz, int64_t days);

/* Wall-clock time of instant t in tz. */
model_civil model_tz_to_civil(const model_tz *tz, int64_t t);

#endif

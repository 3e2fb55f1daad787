/* zonefile.h - time zones by IANA name, read from the system's zone directory.
 *
 * Finds NAME under $TZDIR (else /usr/share/zoneinfo; Debian package tzdata)
 * without leaving that directory, reads the TZif file and hands its bytes to
 * model_tz_parse (model/tz.h). "UTC" is built in and loads without tzdata. */
#ifndef FIELDPLAN_IO_FORMATS_ZONEFILE_H
#define FIELDPLAN_IO_FORMATS_ZONEFILE_H

#include "model/error.h"
#include "model/problem.h"
#include "model/tz.h"

/* Loads zone `name` ("Europe/Berlin", "UTC", "America/New_York").
 * On success *out owns a new zone (free with model_tz_free). Errors:
 * MODEL_ERR_INPUT "unknown time zone 'X'" when the name is not a valid zone
 * (names with "..", leading '/', or characters outside [A-Za-z0-9_+-/] are
 * refused without touching the file system), or its file is not TZif or is
 * over MODEL_TZ_DATA_MAX bytes; MODEL_ERR_IO when the file exists but cannot
 * be read; MODEL_ERR_NOMEM. */
model_status io_zone_load(model_tz **out, const char *name, model_error *err);

/* Loads zone `name` as io_zone_load does and makes it p's zone
 * (model_problem_set_tz). On error p keeps its zone. */
model_status io_zone_set_problem(model_problem *p, const char *name, model_error *err);

#endif

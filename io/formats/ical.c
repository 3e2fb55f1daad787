/* ical.c - one calendar of timed events as iCalendar text, built with
 * libical (see ical.h). libical is used in this file only.
 *
 * libical traps avoided here (each seen on this machine):
 *  - zones from tzdata get the TZID "/freeassociation.sourceforge.net/NAME",
 *    which python3-icalendar and khal cannot resolve: the VTIMEZONE is
 *    fetched with icaltzutil_fetch_timezone and its TZID set to the plain
 *    IANA name before an icaltimezone is made from it, so that DTSTART and
 *    DTEND name it too;
 *  - a zoned DTEND made with icalproperty_new_dtend loses its TZID:
 *    icalcomponent_set_dtstart/_set_dtend keep it;
 *  - a component has a single property iterator: nothing here iterates
 *    while looking properties up. */
#include "io/formats/ical.h"

#include <libical/ical.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#ifndef FIELDPLAN_VERSION
#define FIELDPLAN_VERSION "0.1.0"
#endif

#define DEFAULT_PRODID "-//fieldplan//fieldplan " FIELDPLAN_VERSION "//EN"

/* Instants of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
#define MIN_INSTANT (-62135596800LL)
#define MAX_INSTANT 253402300799LL

/* 2000-01-01T00:00:00Z: where every VTIMEZONE starts (earlier only when an
 * event does). */
#define TRIM_INSTANT 946684800LL

/* What the writer needs while it builds one calendar. */
typedef struct builder {
    icalcomponent *cal;    /* the VCALENDAR being built, owned */
    icaltimezone *zone;    /* the events' zone (owns its VTIMEZONE), or NULL: UTC */
    const model_tz *tz;    /* the same zone for wall-clock conversion */
    model_error *err;
} builder;

static bool is_utc_name(const char *name)
{
    return !name || strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0 ||
           strcmp(name, "Etc/UCT") == 0 || strcmp(name, "UCT") == 0 ||
           strcmp(name, "Etc/Universal") == 0 || strcmp(name, "Universal") == 0 ||
           strcmp(name, "Etc/Zulu") == 0 || strcmp(name, "Zulu") == 0;
}

static bool in_range(int64_t t)
{
    return t >= MIN_INSTANT && t <= MAX_INSTANT;
}

static icaltimetype utc_time(int64_t t)
{
    return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* Whether the wall-clock time of t also names another instant (the hour
 * repeated when clocks go back, within a day of t). */
static bool ambiguous(const model_tz *tz, int64_t t)
{
    int32_t o = model_tz_offset_at(tz, t);
    int32_t near[2] = {model_tz_offset_at(tz, t - 86400), model_tz_offset_at(tz, t + 86400)};
    for (int i = 0; i < 2; i++) {
        int64_t other = t + o - near[i]; /* same wall time under the other offset */
        if (near[i] != o && model_tz_offset_at(tz, other) == near[i])
            return true;
    }
    return false;
}

/* The time to write for instant t: wall-clock in the zone, or UTC when there
 * is no zone or the wall time is ambiguous. RFC 5545 reads an ambiguous
 * TZID time as its first occurrence, but parsers differ (python3-icalendar
 * takes the second): UTC leaves no doubt. */
static icaltimetype event_time(const builder *b, int64_t t)
{
    if (!b->zone)
        return utc_time(t);
    model_civil c = model_tz_to_civil(b->tz, t);
    if (model_tz_from_civil(b->tz, &c) != t || ambiguous(b->tz, t))
        return utc_time(t);
    icaltimetype tt = icaltime_null_time();
    tt.year = c.year;
    tt.month = c.month;
    tt.day = c.day;
    tt.hour = c.hour;
    tt.minute = c.minute;
    tt.second = c.second;
    tt.is_date = 0;
    tt.zone = b->zone;
    return tt;
}

/* Adds prop to comp; a NULL prop (libical out of memory) fails. */
static bool add(builder *b, icalcomponent *comp, icalproperty *prop)
{
    if (!prop) {
        model_error_set(b->err, MODEL_ERR_NOMEM, "out of memory (iCalendar property)");
        return false;
    }
    icalcomponent_add_property(comp, prop);
    return true;
}

/* An X- property with a text value. */
static icalproperty *new_x(const char *name, const char *value)
{
    icalproperty *p = icalproperty_new_x(value);
    if (p)
        icalproperty_set_x_name(p, name);
    return p;
}

/* Loads the zone's VTIMEZONE from tzdata with the plain IANA name as TZID,
 * its history trimmed to start in 2000 (or at `from` when earlier). Leaves b->zone NULL (UTC times) when the
 * zone is UTC or tzdata does not know it. */
static model_status load_zone(builder *b, int64_t from)
{
    const char *name = b->tz ? model_tz_name(b->tz) : NULL;
    if (is_utc_name(name))
        return MODEL_OK;
    icalcomponent *vtz = icaltzutil_fetch_timezone(name);
    if (!vtz)
        return MODEL_OK;
    icalproperty *tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
    if (!tzid) {
        icalcomponent_free(vtz);
        return MODEL_OK;
    }
    icalproperty_set_tzid(tzid, name);
    /* Trim history to a fixed point, so that every feed (and every version
     * of it) carries the same VTIMEZONE: clients such as python3-vobject
     * keep the first definition they see of a TZID, and a definition that
     * starts later than an event makes them guess its offset. */
    int64_t trim = from < TRIM_INSTANT ? from : TRIM_INSTANT;
    if (in_range(trim))
        icaltimezone_truncate_vtimezone(vtz, utc_time(trim), icaltime_null_time(), 0);
    icaltimezone *zone = icaltimezone_new();
    if (!zone) {
        icalcomponent_free(vtz);
        return model_error_set(b->err, MODEL_ERR_NOMEM, "out of memory (time zone)");
    }
    if (!icaltimezone_set_component(zone, vtz)) { /* zone owns vtz from here */
        icaltimezone_free(zone, 1);
        return MODEL_OK;
    }
    icalcomponent *copy = icalcomponent_new_clone(vtz);
    if (!copy) {
        icaltimezone_free(zone, 1);
        return model_error_set(b->err, MODEL_ERR_NOMEM, "out of memory (time zone)");
    }
    icalcomponent_add_component(b->cal, copy);
    b->zone = zone;
    return MODEL_OK;
}

static bool add_calendar_properties(builder *b, const io_ical_calendar *cal)
{
    icalcomponent *c = b->cal;
    struct icaldurationtype refresh = icaldurationtype_from_int(cal->refresh_s);
    icalproperty *ri = icalproperty_new_refreshinterval(refresh);
    icalparameter *vp = icalparameter_new_value(ICAL_VALUE_DURATION);
    if (ri && vp)
        icalproperty_add_parameter(ri, vp);
    else {
        if (ri)
            icalproperty_free(ri);
        if (vp)
            icalparameter_free(vp);
        ri = NULL;
    }
    char *ttl = icaldurationtype_as_ical_string_r(refresh);
    bool ok = add(b, c, icalproperty_new_prodid(cal->prodid ? cal->prodid : DEFAULT_PRODID)) &&
              add(b, c, icalproperty_new_version("2.0")) &&
              add(b, c, icalproperty_new_calscale("GREGORIAN")) &&
              add(b, c, icalproperty_new_name(cal->name)) &&
              add(b, c, new_x("X-WR-CALNAME", cal->name));
    if (ok && cal->description)
        ok = add(b, c, icalproperty_new_description(cal->description)) &&
             add(b, c, new_x("X-WR-CALDESC", cal->description));
    if (ok && b->zone)
        ok = add(b, c, new_x("X-WR-TIMEZONE", model_tz_name(b->tz)));
    if (ok)
        ok = add(b, c, ri);
    else if (ri)
        icalproperty_free(ri);
    ok = ok && ttl && add(b, c, new_x("X-PUBLISHED-TTL", ttl));
    if (!ttl)
        model_error_set(b->err, MODEL_ERR_NOMEM, "out of memory (iCalendar property)");
    icalmemory_free_buffer(ttl);
    return ok;
}

static enum icalproperty_status status_of(io_ical_status s)
{
    switch (s) {
    case IO_ICAL_TENTATIVE: return ICAL_STATUS_TENTATIVE;
    case IO_ICAL_CANCELLED: return ICAL_STATUS_CANCELLED;
    case IO_ICAL_CONFIRMED: break;
    }
    return ICAL_STATUS_CONFIRMED;
}

static model_status check_event(const io_ical_event *e, int i, model_error *err)
{
    const char *uid = e->uid ? e->uid : "?";
    if (!e->uid || !e->uid[0])
        return model_error_set(err, MODEL_ERR_INPUT, "event %d: no UID", i);
    if (!e->summary)
        return model_error_set(err, MODEL_ERR_INPUT, "event %d (%s): no summary", i, uid);
    if (e->sequence < 0)
        return model_error_set(err, MODEL_ERR_INPUT, "event %d (%s): negative sequence", i, uid);
    if (!in_range(e->start) || !in_range(e->end) || !in_range(e->stamp) ||
        (e->created != INT64_MIN && !in_range(e->created)))
        return model_error_set(err, MODEL_ERR_INPUT, "event %d (%s): a time outside the years "
                               "1..9999", i, uid);
    if (e->end < e->start)
        return model_error_set(err, MODEL_ERR_INPUT, "event %d (%s): ends before it starts", i,
                               uid);
    return MODEL_OK;
}

static model_status add_event(builder *b, const io_ical_event *e)
{
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    if (!ev)
        return model_error_set(b->err, MODEL_ERR_NOMEM, "out of memory (iCalendar event)");
    icalcomponent_add_component(b->cal, ev); /* the calendar owns it from here */
    bool ok = add(b, ev, icalproperty_new_uid(e->uid)) &&
              add(b, ev, icalproperty_new_sequence(e->sequence)) &&
              add(b, ev, icalproperty_new_dtstamp(utc_time(e->stamp)));
    if (ok && e->created != INT64_MIN)
        ok = add(b, ev, icalproperty_new_created(utc_time(e->created)));
    ok = ok && add(b, ev, icalproperty_new_lastmodified(utc_time(e->stamp)));
    if (!ok)
        return b->err ? b->err->code : MODEL_ERR_NOMEM;
    /* _set_dtstart/_set_dtend add the TZID parameter of a zoned time. */
    icalcomponent_set_dtstart(ev, event_time(b, e->start));
    icalcomponent_set_dtend(ev, event_time(b, e->end));
    if (!icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY) ||
        !icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY))
        return model_error_set(b->err, MODEL_ERR_NOMEM, "out of memory (iCalendar event)");
    ok = add(b, ev, icalproperty_new_summary(e->summary));
    if (ok && e->location)
        ok = add(b, ev, icalproperty_new_location(e->location));
    if (ok && e->has_geo) {
        struct icalgeotype g;
        g.lat = e->lat;
        g.lon = e->lon;
        ok = add(b, ev, icalproperty_new_geo(g));
    }
    if (ok && e->description)
        ok = add(b, ev, icalproperty_new_description(e->description));
    if (ok && e->category)
        ok = add(b, ev, icalproperty_new_categories(e->category));
    ok = ok && add(b, ev, icalproperty_new_status(status_of(e->status))) &&
         add(b, ev, icalproperty_new_transp(e->transparent ? ICAL_TRANSP_TRANSPARENT
                                                           : ICAL_TRANSP_OPAQUE));
    return ok ? MODEL_OK : (b->err ? b->err->code : MODEL_ERR_NOMEM);
}

model_status io_ical_calendar_to_text(const io_ical_calendar *cal, char **out, size_t *len,
                                      model_error *err)
{
    *out = NULL;
    *len = 0;
    if (!cal->name)
        return model_error_set(err, MODEL_ERR_INPUT, "calendar: no name");
    if (cal->refresh_s <= 0)
        return model_error_set(err, MODEL_ERR_INPUT, "calendar: refresh interval must be > 0");
    if (cal->nevents < 0 || cal->nevents > IO_ICAL_MAX_EVENTS)
        return model_error_set(err, MODEL_ERR_LIMIT, "calendar: more than %d events",
                               IO_ICAL_MAX_EVENTS);
    for (int i = 0; i < cal->nevents; i++) {
        model_status rc = check_event(&cal->events[i], i, err);
        if (rc != MODEL_OK)
            return rc;
    }
    /* Errors are values here: libical must not abort the process. */
    icalerror_set_errors_are_fatal(0);
    model_error local = MODEL_ERROR_INIT;
    builder b = {NULL, NULL, cal->tz, err ? err : &local};
    model_status rc = MODEL_OK;
    if (!(b.cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)))
        return model_error_set(err, MODEL_ERR_NOMEM, "out of memory (iCalendar)");
    /* libical writes a component's properties before its subcomponents, so
     * the VTIMEZONE added here still follows the calendar's properties. */
    if ((rc = load_zone(&b, cal->from)) != MODEL_OK)
        goto done;
    if (!add_calendar_properties(&b, cal)) {
        rc = b.err->code != MODEL_OK ? b.err->code : MODEL_ERR_NOMEM;
        goto done;
    }
    for (int i = 0; i < cal->nevents; i++)
        if ((rc = add_event(&b, &cal->events[i])) != MODEL_OK)
            goto done;
    char *text = icalcomponent_as_ical_string_r(b.cal);
    if (!text) {
        rc = model_error_set(err, MODEL_ERR_INTERNAL, "libical could not write the calendar: %s",
                             icalerror_strerror(icalerrno));
        goto done;
    }
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!copy) {
        icalmemory_free_buffer(text);
        rc = model_error_set(err, MODEL_ERR_NOMEM, "out of memory (iCalendar text)");
        goto done;
    }
    memcpy(copy, text, n + 1);
    icalmemory_free_buffer(text);
    *out = copy;
    *len = n;
done:
    icalcomponent_free(b.cal);
    if (b.zone)
        icaltimezone_free(b.zone, 1);
    return rc;
}

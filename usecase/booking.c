/* booking.c - loading the published plan with a new job for the slots
 * and book use cases, and parsing a slot (booking.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usecase/booking.h"
#include "io/formats/json_schedule.h"
#include "model/check.h"

model_status usecase_booking_load(io_store *s, const char *job_path, const char *default_id,
                                  const model_window *slot, usecase_booking *b,
                                  model_error *err)
{
    memset(b, 0, sizeof *b);
    model_report rep = MODEL_REPORT_INIT;
    model_status rc;
    if ((rc = io_scenario_read_job_file(job_path, default_id, &b->sc, err)) != MODEL_OK ||
        (rc = io_store_version_get(s, 0, &b->v, err)) != MODEL_OK)
        goto done;
    if (slot)
        io_scenario_set_window(b->sc, slot->start, slot->end);
    if ((rc = io_scenario_apply(b->sc, b->v->problem_json, strlen(b->v->problem_json), &b->res,
                                err)) != MODEL_OK)
        goto done;
    /* the job ids of the published schedule are all in the new problem */
    rc = io_json_read_schedule_text(b->res.problem, b->v->schedule_json,
                                    strlen(b->v->schedule_json), "published version", &b->s0,
                                    NULL, NULL, &rep, err);
    if (rc == MODEL_OK && rep.n > 0)
        rc = model_error_set(err, MODEL_ERR_CHECK, "published version %lld: %s",
                             (long long)b->v->version, rep.items[0]);
    b->job = model_strmap_get(&b->res.problem->job_index, io_scenario_job_id(b->sc));
done:
    model_report_clear(&rep);
    if (rc != MODEL_OK)
        usecase_booking_free(b);
    return rc;
}

void usecase_booking_free(usecase_booking *b)
{
    model_schedule_free(b->s0);
    io_scenario_result_free(&b->res);
    io_scenario_free(b->sc);
    io_store_version_info_free(b->v);
    memset(b, 0, sizeof *b);
}

bool usecase_slot_parse(const char *text, const model_tz *tz, model_window *out,
                        model_error *err)
{
    const char *slash = strchr(text, '/');
    char start[64];
    if (!slash || (size_t)(slash - text) >= sizeof start) {
        model_error_set(err, MODEL_ERR_INPUT, "slot '%s': expected START/END", text);
        return false;
    }
    memcpy(start, text, (size_t)(slash - text));
    start[slash - text] = '\0';
    const char *end = slash + 1;
    model_error e = MODEL_ERROR_INIT;
    if (model_time_parse(start, tz, &out->start, &e) != MODEL_OK) {
        model_error_set(err, MODEL_ERR_INPUT, "slot: %s", e.msg);
        return false;
    }
    int h, m, used = 0;
    if (strlen(end) <= 5 && sscanf(end, "%2d:%2d%n", &h, &m, &used) == 2 &&
        (size_t)used == strlen(end) && h >= 0 && h <= 24 && m >= 0 && m < 60) {
        model_civil c = model_tz_to_civil(tz, out->start);
        c.hour = h;
        c.minute = m;
        c.second = 0;
        if (h == 24) { /* the midnight that ends the day */
            int64_t days = model_days_from_civil(c.year, c.month, c.day) + 1;
            model_civil_from_days(days, &c.year, &c.month, &c.day);
            c.hour = 0;
        }
        out->end = model_tz_from_civil(tz, &c);
    } else if (model_time_parse(end, tz, &out->end, &e) != MODEL_OK) {
        model_error_set(err, MODEL_ERR_INPUT, "slot: %s", e.msg);
        return false;
    }
    if (out->end < out->start) {
        model_error_set(err, MODEL_ERR_INPUT, "slot '%s': ends before it starts", text);
        return false;
    }
    return true;
}

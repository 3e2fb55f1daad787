/* store_plan_rules.c - the horizon problem's fields of FORMAT.md extension
 * 2 (store_plan_internal.h): lateness and overtime as soft limits,
 * preferred technicians (stored, and added by the plan), contacts, the
 * balance objective. A problem without them gets none of these keys, so its
 * text stays as before. Costs per minute are exact decimals (model/rate.h):
 * whole ones stay INTEGER in their columns, fractional ones are REAL (the
 * double nearest the decimal, read back exactly by io_store_column_rate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_plan_internal.h"

/* A number of minutes as the column holds it: whole, or with a fraction. */
static void put_column_number(io_json_out *o, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_INTEGER)
        io_json_out_printf(o, "%lld", (long long)sqlite3_column_int64(st, col));
    else
        io_json_out_number(o, sqlite3_column_double(st, col));
}

void io_store_bind_rate(sqlite3_stmt *st, int i, int64_t rate_us)
{
    if (rate_us % MODEL_RATE_ONE == 0)
        sqlite3_bind_int64(st, i, rate_us / MODEL_RATE_ONE);
    else
        sqlite3_bind_double(st, i, model_rate_to_double(rate_us));
}

int64_t io_store_column_rate(sqlite3_stmt *st, int col)
{
    int64_t rate_us = 0;
    if (sqlite3_column_type(st, col) == SQLITE_INTEGER) {
        int64_t v = sqlite3_column_int64(st, col);
        return v <= 0 ? 0 : v > INT64_MAX / MODEL_RATE_ONE ? INT64_MAX : v * MODEL_RATE_ONE;
    }
    double v = sqlite3_column_double(st, col); /* NULL: 0 */
    if (model_rate_from_double(v, INT64_MAX, &rate_us) == MODEL_RATE_OK)
        return rate_us;
    /* a value no writer of this store makes (set by hand, more decimal
     * places): the nearest millionth */
    return v > 0 && v < 9e12 ? (int64_t)(v * (double)MODEL_RATE_ONE + 0.5) : 0;
}

void io_store_put_soft_limit(io_json_out *o, const char *key, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return;
    char rate[MODEL_RATE_TEXT];
    io_json_out_printf(o, ", \"%s\": {\"max_min\": ", key);
    put_column_number(o, st, col);
    io_json_out_printf(o, ", \"cost_s_per_min\": %s}",
                       model_rate_format(io_store_column_rate(st, col + 1), rate));
}

void io_store_put_contact(io_json_out *o, sqlite3_stmt *st, int col)
{
    static const char *const keys[3] = {"phone", "email", "notes"};
    int n = 0;
    for (int i = 0; i < 3; i++) {
        const char *v = (const char *)sqlite3_column_text(st, col + i);
        if (!v)
            continue;
        io_json_out_printf(o, n++ ? ", \"%s\": " : ", \"contact\": {\"%s\": ", keys[i]);
        io_json_out_string(o, v);
    }
    if (n)
        io_json_out_raw(o, "}");
}

/* The first of extra's entries for job id (extra sorted by job), or nextra. */
static int first_extra(const io_store_preference *extra, int nextra, const char *id)
{
    int lo = 0, hi = nextra;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(extra[mid].job, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void put_one(io_json_out *o, int *n, const char *tech, int64_t bonus)
{
    io_json_out_raw(o, (*n)++ ? ", {\"technician\": " : ", \"preferred_technicians\": "
                                                         "[{\"technician\": ");
    io_json_out_string(o, tech);
    io_json_out_printf(o, ", \"bonus_s\": %lld}", (long long)bonus);
}

model_status io_store_put_preferred(io_store *s, io_json_out *o, sqlite3_stmt *st, const char *id,
                                    const io_store_preference *extra, int nextra,
                                    model_error *err)
{
    int e0 = first_extra(extra, nextra, id), e1 = e0;
    while (e1 < nextra && strcmp(extra[e1].job, id) == 0)
        e1++;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int r, n = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tech = (const char *)sqlite3_column_text(st, 0);
        int64_t bonus = sqlite3_column_int64(st, 1);
        for (int k = e0; k < e1; k++)
            if (strcmp(extra[k].technician, tech) == 0 && extra[k].bonus_s > bonus)
                bonus = extra[k].bonus_s;
        put_one(o, &n, tech, bonus);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return io_store_fail(s, err, "read preferred technicians");
    /* the extra ones no stored row names */
    for (int k = e0; k < e1; k++) {
        bool stored = false, twice = false;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        while ((r = sqlite3_step(st)) == SQLITE_ROW)
            stored |= strcmp((const char *)sqlite3_column_text(st, 0), extra[k].technician) == 0;
        sqlite3_reset(st);
        if (r != SQLITE_DONE)
            return io_store_fail(s, err, "read preferred technicians");
        int64_t bonus = extra[k].bonus_s;
        for (int m = e0; m < e1; m++) {
            if (m == k || strcmp(extra[m].technician, extra[k].technician) != 0)
                continue;
            twice |= m < k;
            if (extra[m].bonus_s > bonus)
                bonus = extra[m].bonus_s;
        }
        if (!stored && !twice)
            put_one(o, &n, extra[k].technician, bonus);
    }
    if (n)
        io_json_out_raw(o, "]");
    return MODEL_OK;
}

model_status io_store_put_objective(io_store *s, io_json_out *o, model_error *err)
{
    char buf[MODEL_RATE_TEXT], marker[8];
    model_status rc = io_store_setting_get(s, "balance_cost_s_per_min", buf, sizeof buf, err);
    if (rc == MODEL_OK)
        rc = io_store_setting_get(s, IO_STORE_EXTENSION2_SETTING, marker, sizeof marker, err);
    if (rc != MODEL_OK)
        return rc;
    int64_t rate_us = 0;
    if (model_rate_parse(buf, INT64_MAX, &rate_us) != MODEL_RATE_OK)
        rate_us = 0; /* absent (a database no problem was imported into) */
    char rate[MODEL_RATE_TEXT];
    if (rate_us > 0 || strcmp(marker, "1") == 0)
        io_json_out_printf(o, "  \"objective\": {\"balance_cost_s_per_min\": %s},\n",
                           model_rate_format(rate_us, rate));
    return MODEL_OK;
}

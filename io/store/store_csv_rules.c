/* store_csv_rules.c - the cells of FORMAT.md extension 2 in CSV files:
 * skills with levels ("gas:2"), a soft limit's pair of columns (lateness,
 * overtime) and preferred technicians with their bonus
 * ("t-ana:1800;t-bo:600"). Messages name file, row and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store/store_csv_internal.h"

/* Bounds that keep a limit's cost within int64 (minutes of a year, and a
 * cost per minute of a day per minute). */
#define MAX_SOFT_MIN 525600
#define MAX_COST_S_PER_MIN 86400
#define MAX_BONUS_S 31536000

model_status io_sc_skills(io_sc_ctx *c, int col, const char **names, int *levels, int *n)
{
    model_status rc = io_sc_split_list(c, col, c->t->rows[c->r][col], names, n);
    for (int i = 0; rc == MODEL_OK && i < *n; i++) {
        char shown[128];
        snprintf(shown, sizeof shown, "%s", names[i]);
        if (!io_store_skill_split((char *)names[i], &levels[i]))
            return io_sc_bad(c, col, "'%s' is not a skill: write NAME or NAME:LEVEL with a "
                                     "level from 1 to 9 (e.g. gas:2)", shown);
    }
    return rc;
}

/* A cost per minute cell into *out_us (model/rate.h): a decimal with at
 * most 6 places, a decimal comma allowed in ';'-separated files. */
static model_rate_status parse_rate(const io_sc_ctx *c, const char *text, int64_t *out_us)
{
    char buf[64];
    size_t n = strlen(text);
    if (n >= sizeof buf)
        return MODEL_RATE_SYNTAX;
    memcpy(buf, text, n + 1);
    char *comma = strchr(buf, ',');
    if (comma && c->t->delimiter == ';' && !strchr(buf, '.'))
        *comma = '.';
    return model_rate_parse(buf, MAX_COST_S_PER_MIN * MODEL_RATE_ONE, out_us);
}

model_status io_sc_soft_limit(io_sc_ctx *c, int cmax, int ccost, model_soft_limit *out)
{
    const char *vmax = io_sc_cell(c, cmax), *vcost = io_sc_cell(c, ccost);
    long long m = 0;
    int64_t k = 0;
    *out = MODEL_SOFT_LIMIT_HARD;
    if (!vmax[0]) {
        if (vcost[0])
            return io_sc_bad(c, ccost, "a cost without %s (empty: not allowed at all)",
                             c->t->header[cmax]);
        return MODEL_OK;
    }
    if (!io_sc_parse_int(vmax, 0, MAX_SOFT_MIN, &m))
        return io_sc_bad(c, cmax, "'%s' is not a whole number of minutes from 0 to %d", vmax,
                         MAX_SOFT_MIN);
    model_rate_status rs = vcost[0] ? parse_rate(c, vcost, &k) : MODEL_RATE_OK;
    if (rs == MODEL_RATE_PRECISION)
        return io_sc_bad(c, ccost, "'%s' %s", vcost, model_rate_problem(rs));
    if (rs != MODEL_RATE_OK)
        return io_sc_bad(c, ccost, "'%s' is not a number of seconds per minute from 0 to %d",
                         vcost, MAX_COST_S_PER_MIN);
    out->max_s = (int64_t)m * 60;
    out->cost_us_per_min = k;
    return MODEL_OK;
}

model_status io_sc_preferred(io_sc_ctx *c, int col, const char **techs, int64_t *bonus, int *n)
{
    model_status rc = io_sc_split_list(c, col, c->t->rows[c->r][col], techs, n);
    for (int i = 0; rc == MODEL_OK && i < *n; i++) {
        char *item = (char *)techs[i];
        char *colon = strrchr(item, ':');
        if (!colon)
            return io_sc_bad(c, col, "'%s' has no bonus: write TECHNICIAN:BONUS_S "
                                     "(e.g. t-ana:1800)", item);
        *colon = '\0';
        io_sc_trim(item);
        char *v = colon + 1;
        io_sc_trim(v);
        long long b;
        if (!item[0])
            return io_sc_bad(c, col, "':%s' names no technician", v);
        if (!io_sc_parse_int(v, 0, MAX_BONUS_S, &b))
            return io_sc_bad(c, col, "'%s': the bonus '%s' is not a whole number of seconds "
                                     "from 0 to %d", item, v, MAX_BONUS_S);
        bonus[i] = b;
        if ((rc = io_sc_check_ref(c, col, item, true)) != MODEL_OK)
            return rc;
        for (int k = 0; k < i; k++)
            if (strcmp(techs[k], item) == 0)
                return io_sc_bad(c, col, "technician '%s' is listed twice", item);
    }
    return rc;
}

/* rate.h - exact costs per minute (FORMAT.md extension 2: a job's
 * lateness.cost_s_per_min, a shift's overtime.cost_s_per_min, the
 * problem's objective.balance_cost_s_per_min).
 *
 * FORMAT.md lets a rate be any number >= 0, and the oracle takes it as the
 * exact decimal it is written as (2.5 is 5/2, 0.1 is 1/10). The model keeps
 * a rate as int64 millionths of a second of cost per minute ("us per min"),
 * so every rate with up to 6 decimal places is exact, and costs are whole-
 * number arithmetic with the oracle's rounding. A rate with more decimal
 * places is refused, never rounded.
 *
 * Pure functions of the model layer: no allocation, nothing printed; the
 * readers turn a model_rate_status into their own message (naming file,
 * record and field) with model_rate_problem(). */
#ifndef FIELDPLAN_MODEL_RATE_H
#define FIELDPLAN_MODEL_RATE_H

#include <stdint.h>

#define MODEL_RATE_ONE INT64_C(1000000) /* 1 second of cost per minute */
#define MODEL_RATE_DECIMALS 6           /* decimal places kept exactly */
#define MODEL_RATE_TEXT 32              /* room for model_rate_format's text */

typedef enum model_rate_status {
    MODEL_RATE_OK = 0,
    MODEL_RATE_SYNTAX,    /* not a decimal number ("2.5", "120", "1e-3") */
    MODEL_RATE_NEGATIVE,  /* below 0 */
    MODEL_RATE_PRECISION, /* more than MODEL_RATE_DECIMALS decimal places */
    MODEL_RATE_RANGE      /* above the caller's maximum */
} model_rate_status;

/* The rate written as decimal text s (JSON's number syntax, exponent
 * allowed, no spaces; "-0" is 0) into *out in millionths, when it is
 * <= max_us. On any other status *out is left alone. */
model_rate_status model_rate_parse(const char *s, int64_t max_us, int64_t *out);

/* The rate a parsed JSON number v stands for: the shortest decimal that
 * reads back as v (Python's repr, which the oracle uses), then as
 * model_rate_parse. So 2.5 is 2500000 and 0.1 is 100000 exactly. */
model_rate_status model_rate_from_double(double v, int64_t max_us, int64_t *out);

/* What is wrong, for a message after the field's name: "must be a number
 * >= 0", "has more than 6 decimal places", ... ("" for MODEL_RATE_OK;
 * MODEL_RATE_RANGE gives "is too large": the caller may say the bound). */
const char *model_rate_problem(model_rate_status st);

/* The exact decimal of rate_us in buf: "120" for whole rates (as before
 * fractions were kept), else "2.5", "0.000001" (no trailing zeros).
 * Returns buf. */
const char *model_rate_format(int64_t rate_us, char buf[MODEL_RATE_TEXT]);

/* The double nearest the rate's decimal (the same double strtod gives for
 * model_rate_format's text; a store keeps a fractional rate so). */
double model_rate_to_double(int64_t rate_us);

/* ceil(seconds * rate / 60) in cost seconds, exactly (0 for seconds <= 0;
 * saturates at INT64_MAX). */
int64_t model_rate_charge(int64_t rate_us, int64_t seconds);

#endif

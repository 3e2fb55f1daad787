/* test_model_rate.c - exact costs per minute (model/rate.h): decimal text
 * and JSON doubles read to millionths, refused past 6 decimal places or
 * below 0, printed back as the shortest decimal, and the costs FORMAT.md
 * defines (ceil for lateness and overtime, floor(+1/2) for balance) equal
 * to the exact fractions the oracle computes, without overflow. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "model/problem.h"
#include "model/rate.h"
#include "testlib.h"

#define MAX_US (INT64_C(1000000) * MODEL_RATE_ONE) /* FORMAT.md readers' bound */

/* One decimal text, the status it must give and (when OK) the rate. */
typedef struct rate_case {
    const char *text;
    model_rate_status want;
    int64_t us;
} rate_case;

static const rate_case TEXT_CASES[] = {
    {"0", MODEL_RATE_OK, 0},
    {"-0", MODEL_RATE_OK, 0},
    {"0.0", MODEL_RATE_OK, 0},
    {"0.000001", MODEL_RATE_OK, 1},
    {"1e-6", MODEL_RATE_OK, 1},
    {"2.5", MODEL_RATE_OK, 2500000},
    {"2.50", MODEL_RATE_OK, 2500000},
    {"2.5000000000", MODEL_RATE_OK, 2500000},
    {"120", MODEL_RATE_OK, 120000000},
    {"1.2E2", MODEL_RATE_OK, 120000000},
    {"12000e-2", MODEL_RATE_OK, 120000000},
    {"999999.999999", MODEL_RATE_OK, INT64_C(999999999999)},
    {"1e6", MODEL_RATE_OK, MAX_US},
    {"1000000.0", MODEL_RATE_OK, MAX_US},
    {"00.25", MODEL_RATE_OK, 250000},
    {"1e-7", MODEL_RATE_PRECISION, 0},
    {"0.0000001", MODEL_RATE_PRECISION, 0},
    {"2.0000005", MODEL_RATE_PRECISION, 0},
    {"0.12345678901234567890123456789012345678901234567", MODEL_RATE_PRECISION, 0},
    {"-1", MODEL_RATE_NEGATIVE, 0},
    {"-0.000001", MODEL_RATE_NEGATIVE, 0},
    {"1000000.000001", MODEL_RATE_RANGE, 0},
    {"1e7", MODEL_RATE_RANGE, 0},
    {"1e400", MODEL_RATE_RANGE, 0},
    {"123456789012345678901234567890123456789012345678901234567890", MODEL_RATE_RANGE, 0},
    {"", MODEL_RATE_SYNTAX, 0},
    {".", MODEL_RATE_SYNTAX, 0},
    {"e5", MODEL_RATE_SYNTAX, 0},
    {"1e", MODEL_RATE_SYNTAX, 0},
    {"2,5", MODEL_RATE_SYNTAX, 0},
    {"1.2.3", MODEL_RATE_SYNTAX, 0},
    {" 1", MODEL_RATE_SYNTAX, 0},
    {"0x10", MODEL_RATE_SYNTAX, 0},
    {"nan", MODEL_RATE_SYNTAX, 0},
};

static void test_rate__parses_decimal_text_exactly(void)
{
    for (size_t i = 0; i < sizeof TEXT_CASES / sizeof TEXT_CASES[0]; i++) {
        const rate_case *c = &TEXT_CASES[i];
        int64_t us = -7;
        model_rate_status st = model_rate_parse(c->text, MAX_US, &us);
        if (st != c->want)
            fprintf(stderr, "'%s': status %d, want %d\n", c->text, (int)st, (int)c->want);
        CHECK_EQ_INT(st, c->want);
        CHECK_EQ_INT(us, st == MODEL_RATE_OK ? c->us : -7); /* untouched on error */
    }
    int64_t us;
    CHECK_EQ_INT(model_rate_parse("86400", 86400 * MODEL_RATE_ONE, &us), MODEL_RATE_OK);
    CHECK_EQ_INT(model_rate_parse("86400.5", 86400 * MODEL_RATE_ONE, &us), MODEL_RATE_RANGE);
    CHECK_EQ_INT(model_rate_parse("1", 0, &us), MODEL_RATE_RANGE);
    CHECK_EQ_INT(model_rate_parse(NULL, MAX_US, &us), MODEL_RATE_SYNTAX);
}

/* A JSON number as cJSON holds it: the decimal Python's repr gives. */
static void test_rate__reads_a_json_double_as_the_decimal_it_was_written_as(void)
{
    static const struct {
        double v;
        model_rate_status want;
        int64_t us;
    } cases[] = {
        {0.0, MODEL_RATE_OK, 0},           {-0.0, MODEL_RATE_OK, 0},
        {0.1, MODEL_RATE_OK, 100000},      {0.000001, MODEL_RATE_OK, 1},
        {2.5, MODEL_RATE_OK, 2500000},     {1e6, MODEL_RATE_OK, MAX_US},
        {0.3, MODEL_RATE_OK, 300000},      {999999.999999, MODEL_RATE_OK, INT64_C(999999999999)},
        {123.456789, MODEL_RATE_OK, 123456789},
        {1e-7, MODEL_RATE_PRECISION, 0},   {1.0 / 3.0, MODEL_RATE_PRECISION, 0},
        {-2.5, MODEL_RATE_NEGATIVE, 0},    {1e6 + 0.5, MODEL_RATE_RANGE, 0},
        {1e300, MODEL_RATE_RANGE, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t us = -7;
        model_rate_status st = model_rate_from_double(cases[i].v, MAX_US, &us);
        if (st != cases[i].want)
            fprintf(stderr, "%.17g: status %d, want %d\n", cases[i].v, (int)st, (int)cases[i].want);
        CHECK_EQ_INT(st, cases[i].want);
        if (st == MODEL_RATE_OK)
            CHECK_EQ_INT(us, cases[i].us);
    }
    int64_t us;
    CHECK_EQ_INT(model_rate_from_double(INFINITY, MAX_US, &us), MODEL_RATE_SYNTAX);
}

static void test_rate__prints_the_shortest_exact_decimal(void)
{
    static const struct {
        int64_t us;
        const char *text;
    } cases[] = {
        {0, "0"},           {1, "0.000001"},      {2500000, "2.5"},
        {120000000, "120"}, {100000, "0.1"},      {INT64_C(999999999999), "999999.999999"},
        {MAX_US, "1000000"}, {1230000, "1.23"},  {INT64_C(86400000000), "86400"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[MODEL_RATE_TEXT];
        const char *t = model_rate_format(cases[i].us, buf);
        CHECK(strcmp(t, cases[i].text) == 0);
        /* and back: the text and the double nearest it give the rate again */
        int64_t back = -1, viad = -1;
        CHECK_EQ_INT(model_rate_parse(t, MAX_US, &back), MODEL_RATE_OK);
        CHECK_EQ_INT(back, cases[i].us);
        CHECK_EQ_INT(model_rate_from_double(model_rate_to_double(cases[i].us), MAX_US, &viad),
                     MODEL_RATE_OK);
        CHECK_EQ_INT(viad, cases[i].us);
    }
}

/* ceil(L * rate / 60) with rate a fraction, as the oracle's Fraction does. */
static void test_rate__charges_late_seconds_rounding_up_exactly(void)
{
    CHECK_EQ_INT(model_rate_charge(0, 1000), 0);
    CHECK_EQ_INT(model_rate_charge(2500000, 0), 0);
    CHECK_EQ_INT(model_rate_charge(2500000, -5), 0);
    CHECK_EQ_INT(model_rate_charge(2500000, 60), 3);  /* 60 * 2.5 / 60 = 2.5 -> 3 */
    CHECK_EQ_INT(model_rate_charge(2500000, 48), 2);  /* exactly 2 */
    CHECK_EQ_INT(model_rate_charge(2500000, 49), 3);  /* 2.0416 -> 3 */
    CHECK_EQ_INT(model_rate_charge(1, 1), 1);         /* 1/(60e6) -> 1 */
    CHECK_EQ_INT(model_rate_charge(100000, 600), 1);  /* 0.1/min for 10 min: exactly 1 */
    CHECK_EQ_INT(model_rate_charge(100000, 601), 2);
    CHECK_EQ_INT(model_rate_charge(120 * MODEL_RATE_ONE, 1200), 2400); /* whole rates as before */
    /* no overflow: a year at the largest rate, and past int64 saturates */
    CHECK_EQ_INT(model_rate_charge(MAX_US, 31536000), INT64_C(525600000000));
    CHECK_EQ_INT(model_rate_charge(MAX_US, INT64_MAX), INT64_MAX);
    model_soft_limit l = {3600, 1500000};
    CHECK_EQ_INT(model_soft_limit_cost(l, 61), 2); /* 61 * 1.5 / 60 = 1.525 -> 2 */
    CHECK(model_soft_limit_per_s(l) == 0.025);
    CHECK(model_soft_limit_weight(l, 60) == 1.5);
}

/* floor(rate * sum |W - M| / 60 + 1/2), rate a fraction. */
static void test_rate__balance_cost_rounds_half_up_exactly(void)
{
    int64_t work[2] = {0, 24}; /* mean 12, spread 24 s */
    CHECK_EQ_INT(model_balance_cost(2500000, work, 2), 1);   /* 2.5 * 24 / 60 = 1.0 -> 1 */
    CHECK_EQ_INT(model_balance_cost(1250000, work, 2), 1);   /* 0.5 + 0.5 = 1 exactly */
    CHECK_EQ_INT(model_balance_cost(1249999, work, 2), 0);   /* just under the half */
    CHECK_EQ_INT(model_balance_cost(0, work, 2), 0);
    int64_t three[3] = {0, 0, 1}; /* mean 1/3, spread 4/3 s */
    CHECK_EQ_INT(model_balance_cost(22500000, three, 3), 1); /* 22.5 * 4/3 / 60 = 0.5 -> 1 */
    CHECK_EQ_INT(model_balance_cost(22499999, three, 3), 0);
    int64_t big[2] = {0, INT64_C(1) << 40}; /* no overflow at the largest rate */
    CHECK_EQ_INT(model_balance_cost(MAX_US, big, 2), INT64_C(18325193796266667));
}

TESTLIB_MAIN({"rate__parses_decimal_text_exactly", test_rate__parses_decimal_text_exactly},
             {"rate__reads_a_json_double_as_the_decimal_it_was_written_as",
              test_rate__reads_a_json_double_as_the_decimal_it_was_written_as},
             {"rate__prints_the_shortest_exact_decimal", test_rate__prints_the_shortest_exact_decimal},
             {"rate__charges_late_seconds_rounding_up_exactly",
              test_rate__charges_late_seconds_rounding_up_exactly},
             {"rate__balance_cost_rounds_half_up_exactly",
              test_rate__balance_cost_rounds_half_up_exactly})

/* test_io_json_read.c - the strict JSON reader and the JSON text writer of
 * io/formats on their own: integer literals kept apart from fractions, and
 * numbers and strings written in shortest exact form.
 *
 * White-box: it includes io/formats/json_read_internal.h, which is private
 * to io/formats (it exposes cJSON types). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/json_out.h"
#include "io/formats/json_read_internal.h"
#include "testlib.h"

static void test_keeps_integer_literals_apart_from_fractions(void)
{
    const char *text = "[1, -0, 2.0, 3e0, 1E2, 12345678901234567890, 0.5]";
    cJSON *doc = NULL;
    CHECK_EQ_INT(io_json_parse(text, strlen(text), "n", &doc, NULL), MODEL_OK);
    static const bool integer[] = {true, true, false, false, false, true, false};
    int k = 0;
    for (const cJSON *c = doc ? doc->child : NULL; c; c = c->next, k++)
        CHECK_EQ_INT(io_json_is_integer(c), integer[k]);
    CHECK_EQ_INT(k, 7);
    cJSON_Delete(doc);
}

static void test_writes_numbers_in_shortest_exact_form(void)
{
    static const double values[] = {0, 1, -2, 0.1, 52.52, 13.405, 1.3, 1e-7, 123456789.125,
                                    1e15, 1e300, 5e-324, 0.30000000000000004};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
        io_json_out o = IO_JSON_OUT_INIT;
        io_json_out_number(&o, values[k]);
        model_error err = MODEL_ERROR_INIT;
        char *s = io_json_out_finish(&o, &err);
        CHECK(s != NULL);
        if (s)
            CHECK(strtod(s, NULL) == values[k]);
        if (s && k == 3)
            CHECK(strcmp(s, "0.1") == 0);
        if (s && k == 4)
            CHECK(strcmp(s, "52.52") == 0);
        free(s);
    }
    io_json_out o = IO_JSON_OUT_INIT;
    io_json_out_string(&o, "a\"b\\c\n\x01\xc3\xa9");
    char *s = io_json_out_finish(&o, NULL);
    CHECK(s && strcmp(s, "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\"") == 0);
    free(s);
}

TESTLIB_MAIN(
    {"json__keeps_integer_literals_apart_from_fractions",
     test_keeps_integer_literals_apart_from_fractions},
    {"json__writes_numbers_in_shortest_exact_form", test_writes_numbers_in_shortest_exact_form})

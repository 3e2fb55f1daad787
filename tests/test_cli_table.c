/* test_cli_table.c - display widths of UTF-8 text and cells cut with an
 * ellipsis (cli/table.c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/table.h"
#include "testlib.h"

/* The cell as text (open_memstream). */
static char *cell(const char *s, int width, bool last)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cli_table_cell(f, s, width, last);
    fclose(f);
    return buf;
}

static void test_table__counts_code_points_wide_and_combining(void)
{
    CHECK_EQ_INT(cli_display_width("abc"), 3);
    CHECK_EQ_INT(cli_display_width("Müller"), 6);            /* precomposed ü: one */
    CHECK_EQ_INT(cli_display_width("Mu\xcc\x88ller"), 6);     /* u + U+0308: one */
    CHECK_EQ_INT(cli_display_width("\xe5\xb1\xb1\xe7\x94\xb0"), 4); /* 山田: two each */
    CHECK_EQ_INT(cli_display_width("\xea\xb9\x80"), 2);       /* 김 (Hangul) */
    CHECK_EQ_INT(cli_display_width("\xef\xbc\xa1"), 2);       /* Ａ fullwidth */
    CHECK_EQ_INT(cli_display_width("\xf0\x9f\x94\xa7"), 2);   /* 🔧 */
    CHECK_EQ_INT(cli_display_width("a\xe2\x80\x8b" "b"), 2);  /* zero-width space */
    CHECK_EQ_INT(cli_display_width("\xff" "a"), 2);           /* a stray byte: one */
    CHECK_EQ_INT(cli_display_width(""), 0);
    CHECK_EQ_INT(cli_display_width(NULL), 0);
}

static void test_table__pads_to_the_display_width(void)
{
    char *c = cell("\xe5\xb1\xb1\xe7\x94\xb0", 6, false);
    CHECK(strcmp(c, "\xe5\xb1\xb1\xe7\x94\xb0  ") == 0);
    free(c);
    c = cell("Mu\xcc\x88ller", 8, false);
    CHECK(strcmp(c, "Mu\xcc\x88ller  ") == 0);
    free(c);
    c = cell("ab", 6, true); /* last column: no padding */
    CHECK(strcmp(c, "ab") == 0);
    free(c);
}

static void test_table__cuts_long_text_with_an_ellipsis(void)
{
    char *c = cell("Birkenallee 119, Hinterhaus", 10, false);
    CHECK(strcmp(c, "Birkenall\xe2\x80\xa6") == 0);
    CHECK_EQ_INT(cli_display_width(c), 10);
    free(c);
    /* a wide character that does not fit whole is left out, then padding */
    c = cell("\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e", 6, false); /* 山田太郎 */
    CHECK(strcmp(c, "\xe5\xb1\xb1\xe7\x94\xb0\xe2\x80\xa6 ") == 0);
    CHECK_EQ_INT(cli_display_width(c), 6);
    free(c);
    /* a combining mark stays with its letter */
    c = cell("Mu\xcc\x88llerstra\xc3\x9f" "e", 3, false);
    CHECK(strcmp(c, "Mu\xcc\x88\xe2\x80\xa6") == 0);
    free(c);
}

TESTLIB_MAIN({"table__counts_code_points_wide_and_combining",
              test_table__counts_code_points_wide_and_combining},
             {"table__pads_to_the_display_width", test_table__pads_to_the_display_width},
             {"table__cuts_long_text_with_an_ellipsis",
              test_table__cuts_long_text_with_an_ellipsis})

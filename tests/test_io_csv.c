/* test_io_csv.c - the RFC 4180 reader: quoting, line ends, BOM, header
 * lookup, row numbers and every refusal. */
#include <stdlib.h>
#include <string.h>

#include "io/formats/csv.h"
#include "testlib.h"

static io_csv_table *parse_ok(const char *text)
{
    io_csv_table *t = NULL;
    model_error err = MODEL_ERROR_INIT;
    model_status st = io_csv_parse(text, strlen(text), "t.csv", &t, &err);
    if (st != MODEL_OK)
        fprintf(stderr, "unexpected error: %s\n", err.msg);
    CHECK_EQ_INT(st, MODEL_OK);
    return t;
}

static void expect_error(const char *text, size_t len, model_status code, const char *msg)
{
    io_csv_table *t = (io_csv_table *)1;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_csv_parse(text, len, "t.csv", &t, &err), code);
    CHECK(t == NULL);
    CHECK_STR_CONTAINS(err.msg, msg);
}

static void test_csv__reads_quoted_commas_quotes_and_newlines(void)
{
    io_csv_table *t = parse_ok("id,customer,notes\n"
                               "J-1,\"Weber, M.\",\"Ring \"\"twice\"\"\nside door\"\n"
                               "J-2,plain,\"\"\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->ncols, 3);
    CHECK_EQ_INT(t->nrows, 2);
    CHECK(strcmp(t->rows[0][1], "Weber, M.") == 0);
    CHECK(strcmp(t->rows[0][2], "Ring \"twice\"\nside door") == 0);
    CHECK(strcmp(t->rows[1][2], "") == 0);
    /* The record with an embedded newline is one spreadsheet row. */
    CHECK_EQ_INT(t->row_number[0], 2);
    CHECK_EQ_INT(t->row_number[1], 3);
    io_csv_free(t);
}

static void test_csv__accepts_crlf_bom_and_missing_final_newline(void)
{
    io_csv_table *t = parse_ok("\xEF\xBB\xBFid,name\r\na,\"x\r\ny\"\r\nb,z");
    if (!t)
        return;
    CHECK(strcmp(t->header[0], "id") == 0);
    CHECK_EQ_INT(t->nrows, 2);
    CHECK(strcmp(t->rows[0][1], "x\r\ny") == 0);
    CHECK(strcmp(t->rows[1][0], "b") == 0);
    CHECK(strcmp(t->rows[1][1], "z") == 0);
    io_csv_free(t);
}

static void test_csv__skips_blank_lines_but_counts_them_as_rows(void)
{
    io_csv_table *t = parse_ok("id\n\na\n\n\nb\n\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->nrows, 2);
    CHECK_EQ_INT(t->row_number[0], 3);
    CHECK_EQ_INT(t->row_number[1], 6);
    io_csv_free(t);
}

static void test_csv__finds_columns_by_name_ignoring_case_and_spaces(void)
{
    io_csv_table *t = parse_ok(" ID , Duration_Min\n1,2\n");
    if (!t)
        return;
    CHECK_EQ_INT(io_csv_column(t, "id"), 0);
    CHECK_EQ_INT(io_csv_column(t, "duration_min"), 1);
    CHECK_EQ_INT(io_csv_column(t, "title"), -1);
    io_csv_free(t);
}

static void test_csv__detects_semicolon_delimiter_from_the_header(void)
{
    io_csv_table *t = parse_ok("id;skills\nJ-1;\"gas;boiler\"\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->ncols, 2);
    CHECK(strcmp(t->rows[0][1], "gas;boiler") == 0);
    io_csv_free(t);
}

static void test_csv__detects_tab_delimiter_only_without_commas_or_semicolons(void)
{
    io_csv_table *t = parse_ok("id\tcustomer\tduration_min\nJ-1\t\"Meier, Anna\"\t60\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->delimiter, '\t');
    CHECK_EQ_INT(t->ncols, 3);
    CHECK(strcmp(t->rows[0][1], "Meier, Anna") == 0);
    CHECK(strcmp(t->rows[0][2], "60") == 0);
    io_csv_free(t);
    /* a comma in the header keeps ',' (a tab inside a field is then text) */
    t = parse_ok("id,notes\nJ-1,a\tb\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->delimiter, ',');
    CHECK(strcmp(t->rows[0][1], "a\tb") == 0);
    io_csv_free(t);
}

static void test_csv__pads_short_rows_and_allows_empty_trailing_fields(void)
{
    io_csv_table *t = parse_ok("a,b,c\n1\n1,2,3,,\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->nrows, 2);
    CHECK(strcmp(t->rows[0][2], "") == 0);
    CHECK(strcmp(t->rows[1][2], "3") == 0);
    io_csv_free(t);
}

static void test_csv__drops_trailing_unnamed_columns_and_delimiter_only_rows(void)
{
    io_csv_table *t = parse_ok("id;lat;;\r\nA;52,5;;\r\n;;;\r\nB;1;;\r\n");
    if (!t)
        return;
    CHECK_EQ_INT(t->ncols, 2);
    CHECK_EQ_INT(t->delimiter, ';');
    CHECK_EQ_INT(t->nrows, 2);
    CHECK(strcmp(t->rows[0][1], "52,5") == 0);
    CHECK(strcmp(t->rows[1][0], "B") == 0);
    CHECK_EQ_INT(t->row_number[1], 4);
    io_csv_free(t);
    t = parse_ok("a,b\n1,2\n");
    if (t)
        CHECK_EQ_INT(t->delimiter, ',');
    io_csv_free(t);
}

static void test_csv__rejects_unterminated_quote_with_its_row(void)
{
    const char *s = "id,notes\na,b\nc,\"open\nstill open\n";
    expect_error(s, strlen(s), MODEL_ERR_INPUT, "t.csv: row 3: unterminated quoted field");
}

static void test_csv__rejects_text_after_closing_quote(void)
{
    const char *s = "id,notes\n\"a\"x,b\n";
    expect_error(s, strlen(s), MODEL_ERR_INPUT, "row 2: field 1: text after the closing quote");
}

static void test_csv__rejects_more_fields_than_the_header(void)
{
    const char *s = "a,b\n1,2\n1,2,3\n";
    expect_error(s, strlen(s), MODEL_ERR_INPUT, "t.csv: row 3: 3 fields, the header has 2");
}

static void test_csv__rejects_duplicate_and_empty_column_names(void)
{
    const char *s = "id,ID\n1,2\n";
    expect_error(s, strlen(s), MODEL_ERR_INPUT, "row 1: duplicate column 'ID'");
    const char *e = "id,,x\n1,2,3\n";
    expect_error(e, strlen(e), MODEL_ERR_INPUT, "row 1: column 2 has no name");
}

static void test_csv__rejects_text_that_is_not_utf8(void)
{
    const char *s = "id,customer\n1,M\xFCller\n"; /* Latin-1 u-umlaut */
    expect_error(s, strlen(s), MODEL_ERR_INPUT, "row 2: not UTF-8 text");
}

static void test_csv__rejects_nul_bytes_and_empty_input(void)
{
    const char s[] = "id\na\0b\n";
    expect_error(s, sizeof s - 1, MODEL_ERR_INPUT, "row 2: NUL byte");
    expect_error("", 0, MODEL_ERR_INPUT, "t.csv: no header row");
    expect_error("\n\n", 2, MODEL_ERR_INPUT, "t.csv: no header row");
}

TESTLIB_MAIN({"csv__reads_quoted_commas_quotes_and_newlines",
              test_csv__reads_quoted_commas_quotes_and_newlines},
             {"csv__accepts_crlf_bom_and_missing_final_newline",
              test_csv__accepts_crlf_bom_and_missing_final_newline},
             {"csv__skips_blank_lines_but_counts_them_as_rows",
              test_csv__skips_blank_lines_but_counts_them_as_rows},
             {"csv__finds_columns_by_name_ignoring_case_and_spaces",
              test_csv__finds_columns_by_name_ignoring_case_and_spaces},
             {"csv__detects_semicolon_delimiter_from_the_header",
              test_csv__detects_semicolon_delimiter_from_the_header},
             {"csv__detects_tab_delimiter_only_without_commas_or_semicolons",
              test_csv__detects_tab_delimiter_only_without_commas_or_semicolons},
             {"csv__pads_short_rows_and_allows_empty_trailing_fields",
              test_csv__pads_short_rows_and_allows_empty_trailing_fields},
             {"csv__drops_trailing_unnamed_columns_and_delimiter_only_rows",
              test_csv__drops_trailing_unnamed_columns_and_delimiter_only_rows},
             {"csv__rejects_unterminated_quote_with_its_row",
              test_csv__rejects_unterminated_quote_with_its_row},
             {"csv__rejects_text_after_closing_quote", test_csv__rejects_text_after_closing_quote},
             {"csv__rejects_more_fields_than_the_header",
              test_csv__rejects_more_fields_than_the_header},
             {"csv__rejects_duplicate_and_empty_column_names",
              test_csv__rejects_duplicate_and_empty_column_names},
             {"csv__rejects_text_that_is_not_utf8", test_csv__rejects_text_that_is_not_utf8},
             {"csv__rejects_nul_bytes_and_empty_input", test_csv__rejects_nul_bytes_and_empty_input})

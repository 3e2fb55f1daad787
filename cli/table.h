/* table.h - text tables aligned by what a terminal shows: the display width
 * of UTF-8 text (a code point is one column, an East Asian wide or
 * fullwidth character two, a combining mark or zero-width character none)
 * and cells cut with an ellipsis when their text is wider than the column. */
#ifndef FIELDPLAN_CLI_TABLE_H
#define FIELDPLAN_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The columns code point cp takes: 0, 1 or 2. */
int cli_codepoint_width(uint32_t cp);

/* The display width of UTF-8 text s (NULL: 0). A byte that does not start a
 * valid sequence counts as one column. */
int cli_display_width(const char *s);

/* Writes s to f in a column `width` wide, left-aligned: padded with spaces,
 * or cut at a character boundary and ended with "…" when wider. With
 * last true no padding is written (the row's last column). width >= 1. */
void cli_table_cell(FILE *f, const char *s, int width, bool last);

/* Writes one row: cells[i] in a column widths[i] wide (0: the last column,
 * written whole), separated by one space, then a newline. */
void cli_table_row(FILE *f, const char *const *cells, const int *widths, int n);

#endif

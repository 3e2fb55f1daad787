/* fuzz_csv.c - libFuzzer harness: any bytes through the CSV reader
 * (io_csv_parse), then imported (io_store_import_csv) into a new in-memory
 * database that already holds the locations and technicians of
 * tests/data/store, as the kind io_store_detect_kind gives it (jobs when it
 * cannot tell). Every input starts from that fixture, so runs are
 * repeatable: an import that fails rolls back (store_import.h), and after
 * one that succeeds the database is made anew. Text the reader refuses is
 * not imported (the import reads it alike). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/csv.h"
#include "io/store/store.h"
#include "io/store/store_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char locations[] =
    "id,lat,lon,address\n"
    "depot,52.5200,13.4050,\"Lagerstr. 1, Berlin\"\n"
    "c-1,52.5301,13.3811,\"Invalidenstr. 40, Berlin\"\n"
    "c-2,52.5110,13.4200,Karl-Marx-Allee 90\n";
static const char technicians[] =
    "id,name,skills,start_location,end_location,capacity,max_jobs_per_shift\n"
    "t-ana,Ana Kraus,gas;boiler,depot,,0,8\n"
    "t-ben,Ben Ott,electric; gas ,depot,depot,,\n";

/* The store with the fixture imported, or NULL once an import changed it. */
static io_store *fixture;

static io_store *open_fixture(void)
{
    model_error err = MODEL_ERROR_INIT;
    io_store_options opt = IO_STORE_OPTIONS_INIT;
    opt.create = true;
    io_store *s = NULL;
    if (io_store_open(&s, ":memory:", &opt, &err) != MODEL_OK ||
        io_store_import_csv(s, "locations.csv", locations, strlen(locations),
                            IO_STORE_KIND_LOCATIONS, NULL, &err) != MODEL_OK ||
        io_store_import_csv(s, "technicians.csv", technicians, strlen(technicians),
                            IO_STORE_KIND_TECHNICIANS, NULL, &err) != MODEL_OK)
        abort(); /* the fixture always imports */
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    model_error err = MODEL_ERROR_INIT;
    io_csv_table *t = NULL;
    if (io_csv_parse(text, size, "fuzz.csv", &t, &err) != MODEL_OK)
        return 0; /* the import parses it the same way: nothing more to see */
    for (int c = 0; c < t->ncols; c++)
        if (io_csv_column(t, t->header[c]) < 0)
            abort(); /* every header name finds its column */
    io_csv_free(t);
    io_store_kind kind = io_store_detect_kind("fuzz.csv", text, size);
    if (kind == IO_STORE_KIND_UNKNOWN || kind == IO_STORE_KIND_PROBLEM)
        kind = IO_STORE_KIND_JOBS;
    if (!fixture)
        fixture = open_fixture();
    if (io_store_import_csv(fixture, "fuzz.csv", text, size, kind, NULL, &err) == MODEL_OK) {
        io_store_close(fixture); /* changed: the next input gets a new one */
        fixture = NULL;
    }
    return 0;
}

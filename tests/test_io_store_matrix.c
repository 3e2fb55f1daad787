/* test_io_store_matrix.c - a run's travel matrix stored once per content
 * (io/store/store_matrix.c): the split keeps everything but the travel
 * object's text, finds "travel" only as a top-level key, leaves haversine
 * travel alone, stores equal matrices once, and IO_STORE_RUN_PROBLEM puts
 * the exact bytes back. */
#include "testlib.h"
#include "teststore.h"

#include "io/store/store_internal.h"

/* What IO_STORE_RUN_PROBLEM gives for a stored (problem_json, matrix_hash). */
static char *rebuilt(io_store *s, const char *stored, const char *hash)
{
    sqlite3_stmt *st;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_prepare(s, "SELECT " IO_STORE_RUN_PROBLEM
                                     " FROM (SELECT ?1 AS problem_json, ?2 AS matrix_hash) r",
                                  &st, &err),
                 MODEL_OK);
    sqlite3_bind_text(st, 1, stored, -1, SQLITE_STATIC);
    io_store_bind_text(st, 2, hash);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static int count_matrices(io_store *s)
{
    sqlite3_stmt *st;
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_prepare(s, "SELECT count(*) FROM matrices", &st, &err), MODEL_OK);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void test_splits_and_rebuilds_exactly(void)
{
    io_store *s = open_new("m.db");
    if (!s)
        return;
    /* a job title that spells the key inside a string must not be taken */
    const char *json =
        "{\n  \"name\": \"x \\\"travel\\\": {\",\n  \"locations\": [{\"id\": \"a\"}],\n"
        "  \"travel\": {\n    \"durations_s\": [[0]],\n    \"distances_m\": [[0]]},\n"
        "  \"jobs\": [{\"id\": \"j\", \"title\": \"\\\"travel\\\": {}\", \"x\": {\"travel\": 1}}]\n}\n";
    char *stripped = NULL, hash[IO_STORE_HASH_BUF];
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_matrix_split(s, json, strlen(json), &stripped, hash, &err), MODEL_OK);
    CHECK(stripped != NULL && hash[0]);
    if (stripped) {
        CHECK(strstr(stripped, "durations_s") == NULL);
        CHECK_STR_CONTAINS(stripped, "\"travel\": {\"matrix_hash\": \"fnv1a64-");
        char *back = rebuilt(s, stripped, hash);
        CHECK(back && strcmp(back, json) == 0);
        free(back);
    }
    /* the same matrix again: no second row */
    char *again = NULL, hash2[IO_STORE_HASH_BUF];
    CHECK_EQ_INT(io_store_matrix_split(s, json, strlen(json), &again, hash2, &err), MODEL_OK);
    CHECK(strcmp(hash, hash2) == 0);
    CHECK_EQ_INT(count_matrices(s), 1);
    /* a run without a hash reads as stored */
    char *plain = rebuilt(s, json, NULL);
    CHECK(plain && strcmp(plain, json) == 0);
    free(plain);
    free(again);
    free(stripped);
    io_store_close(s);
}

static void test_leaves_haversine_travel_inline(void)
{
    io_store *s = open_new("h.db");
    if (!s)
        return;
    const char *json = "{\"locations\": [], \"travel\": {\"model\": \"haversine\", \"speed_kmh\": 30, "
                       "\"circuity\": 1}, \"technicians\": [], \"jobs\": []}";
    char *stripped = NULL, hash[IO_STORE_HASH_BUF];
    model_error err = MODEL_ERROR_INIT;
    CHECK_EQ_INT(io_store_matrix_split(s, json, strlen(json), &stripped, hash, &err), MODEL_OK);
    CHECK(stripped == NULL && hash[0] == '\0');
    CHECK_EQ_INT(count_matrices(s), 0);
    io_store_close(s);
}

TESTLIB_MAIN({"store_matrix__splits_and_rebuilds_exactly", test_splits_and_rebuilds_exactly},
             {"store_matrix__leaves_haversine_travel_inline", test_leaves_haversine_travel_inline})

/* seqset.h - a set of job sequences, each under a key (a slot class, a
 * shift group), hashed (seqset.c): the route pool (pool.c) and the column
 * generation's columns (cg_columns.c) keep their columns in one, and each
 * keeps what it derives from a column in its own array, by the same index.
 *
 * Entries are numbered in the order added; they stay until the set is
 * cleared, truncated or freed. The set owns its arrays; a zeroed set is empty and may
 * be freed. Not thread-safe: one owner at a time. */
#ifndef FIELDPLAN_SOLVER_SEQSET_H
#define FIELDPLAN_SOLVER_SEQSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One sequence: jobs[off .. off + len) of its set, under key. */
typedef struct sv_seq {
    int key;
    int off, len;
    uint64_t hash;  /* sv_hash_jobs(key, its jobs) */
} sv_seq;

typedef struct sv_seqset {
    sv_seq *e;      /* the entries, in the order added */
    int n;
    size_t cap;
    int *jobs;      /* the sequences, concatenated */
    size_t njobs, capjobs;
    int *table;     /* open addressing over entry indices, -1 empty */
    int tabsize;    /* a power of 2; doubled when half full */
} sv_seqset;

/* A hash of a job sequence under a key. FNV-1a with a mixing shift. */
static inline uint64_t sv_hash_jobs(int key, const int *jobs, int m)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)key;
    for (int i = 0; i < m; i++) {
        h ^= (uint64_t)(uint32_t)jobs[i];
        h *= 1099511628211ULL;
        h ^= h >> 29;
    }
    return h;
}

/* An empty set whose table starts with tabsize (a power of 2) places.
 * false when memory ran out (s is then freed). */
bool sv_seqset_init(sv_seqset *s, int tabsize);
/* Frees the arrays; s is then zeroed. */
void sv_seqset_free(sv_seqset *s);
/* Removes every entry (the memory stays). */
void sv_seqset_clear(sv_seqset *s);
/* Keeps the first n entries only (the memory stays). */
void sv_seqset_truncate(sv_seqset *s, int n);
/* Finds key's sequence jobs[0..m) (m > 0), adding it when missing: *idx
 * its entry, *added whether it is new (then the last entry). false when
 * memory ran out (the set unchanged). */
bool sv_seqset_add(sv_seqset *s, int key, const int *jobs, int m, int *idx, bool *added);

/* The jobs of entry i. */
static inline const int *sv_seqset_jobs(const sv_seqset *s, int i)
{
    return s->jobs + s->e[i].off;
}

#endif

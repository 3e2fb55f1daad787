/* seqset.c - a hashed set of keyed job sequences (seqset.h). Linear
 * probing over entry indices; the table doubles when half full, so a
 * probe always ends at an empty place. */
#include <stdlib.h>
#include <string.h>

#include "solver/context.h"
#include "solver/seqset.h"

bool sv_seqset_init(sv_seqset *s, int tabsize)
{
    memset(s, 0, sizeof *s);
    s->tabsize = tabsize;
    s->table = malloc((size_t)tabsize * sizeof *s->table);
    if (!s->table)
        return false;
    memset(s->table, 0xff, (size_t)tabsize * sizeof *s->table);
    return true;
}

void sv_seqset_free(sv_seqset *s)
{
    free(s->e);
    free(s->jobs);
    free(s->table);
    memset(s, 0, sizeof *s);
}

void sv_seqset_clear(sv_seqset *s)
{
    s->n = 0;
    s->njobs = 0;
    memset(s->table, 0xff, (size_t)s->tabsize * sizeof *s->table);
}

/* Places entries 0..n-1 of s into table (size places, a power of 2). */
static void place_all(const sv_seqset *s, int *table, int size)
{
    memset(table, 0xff, (size_t)size * sizeof *table);
    for (int r = 0; r < s->n; r++) {
        int at = (int)(s->e[r].hash & (uint64_t)(size - 1));
        while (table[at] >= 0)
            at = (at + 1) & (size - 1);
        table[at] = r;
    }
}

void sv_seqset_truncate(sv_seqset *s, int n)
{
    if (n >= s->n)
        return;
    s->n = n > 0 ? n : 0;
    s->njobs = s->n ? (size_t)s->e[s->n - 1].off + (size_t)s->e[s->n - 1].len : 0;
    place_all(s, s->table, s->tabsize);
}

static bool rehash(sv_seqset *s)
{
    int ns = s->tabsize * 2;
    int *nt = malloc((size_t)ns * sizeof *nt);
    if (!nt)
        return false;
    place_all(s, nt, ns);
    free(s->table);
    s->table = nt;
    s->tabsize = ns;
    return true;
}

bool sv_seqset_add(sv_seqset *s, int key, const int *jobs, int m, int *idx, bool *added)
{
    *added = false;
    if (2 * (s->n + 1) > s->tabsize && !rehash(s))
        return false;
    uint64_t h = sv_hash_jobs(key, jobs, m);
    int mask = s->tabsize - 1, at = (int)(h & (uint64_t)mask);
    while (s->table[at] >= 0) {
        const sv_seq *q = &s->e[s->table[at]];
        if (q->hash == h && q->key == key && q->len == m &&
            memcmp(s->jobs + q->off, jobs, (size_t)m * sizeof *jobs) == 0) {
            *idx = s->table[at];
            return true;
        }
        at = (at + 1) & mask;
    }
    if (!sv_grow((void **)&s->e, &s->cap, (size_t)s->n + 1, sizeof *s->e, 256) ||
        !sv_grow((void **)&s->jobs, &s->capjobs, s->njobs + (size_t)m, sizeof *s->jobs, 4096))
        return false;
    memcpy(s->jobs + s->njobs, jobs, (size_t)m * sizeof *jobs);
    s->e[s->n] = (sv_seq){key, (int)s->njobs, m, h};
    s->njobs += (size_t)m;
    *idx = s->table[at] = s->n++;
    *added = true;
    return true;
}

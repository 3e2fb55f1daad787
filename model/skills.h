/* skills.h - skill sets as fixed-size bitsets over the problem's skill names.
 *
 * Skill names are interned per problem (model_problem.skills); bit i stands
 * for skills[i]. At most MODEL_MAX_SKILLS distinct skills per problem. */
#ifndef FIELDPLAN_MODEL_SKILLS_H
#define FIELDPLAN_MODEL_SKILLS_H

#include <stdbool.h>
#include <stdint.h>

#define MODEL_MAX_SKILLS 256
#define MODEL_SKILL_WORDS (MODEL_MAX_SKILLS / 64)

typedef struct model_skillset {
    uint64_t w[MODEL_SKILL_WORDS]; /* bit i of word i/64: skill i */
} model_skillset;

static inline void model_skillset_add(model_skillset *s, int i)
{
    s->w[i >> 6] |= (uint64_t)1 << (i & 63);
}

static inline void model_skillset_remove(model_skillset *s, int i)
{
    s->w[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

static inline bool model_skillset_has(const model_skillset *s, int i)
{
    return (s->w[i >> 6] >> (i & 63)) & 1;
}

/* True when every skill in `need` is in `have`. */
static inline bool model_skillset_covers(const model_skillset *have, const model_skillset *need)
{
    for (int k = 0; k < MODEL_SKILL_WORDS; k++)
        if (need->w[k] & ~have->w[k])
            return false;
    return true;
}

/* The lowest skill index in `need` that `have` lacks, or -1. */
static inline int model_skillset_first_missing(const model_skillset *have,
                                               const model_skillset *need)
{
    for (int k = 0; k < MODEL_SKILL_WORDS; k++) {
        uint64_t miss = need->w[k] & ~have->w[k];
        if (miss)
            return k * 64 + __builtin_ctzll(miss);
    }
    return -1;
}

#endif

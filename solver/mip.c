/* mip.c - GLPK under guard, and its LP-then-branch-and-cut solve (mip.h). */
#include <setjmp.h>

#include "solver/context.h"
#include "solver/mip.h"

typedef struct guard {
    jmp_buf jump;
} guard;

static void on_glpk_error(void *info)
{
    guard *gd = info;
    longjmp(gd->jump, 1);
}

int sv_mip_guarded(int (*body)(void *arg), void *arg)
{
    guard gd;
    glp_error_hook(on_glpk_error, &gd);
    if (setjmp(gd.jump)) {
        /* GLPK hit a fatal error: its environment is unusable, free it */
        glp_error_hook(NULL, NULL);
        glp_free_env();
        return SV_MIP_FATAL;
    }
    glp_term_out(GLP_OFF);
    int result = body(arg);
    glp_error_hook(NULL, NULL);
    return result;
}

typedef struct heuristic {
    const double *x0; /* 1-based column values, or NULL */
    bool given;
    double deadline;  /* sv_now() seconds: the search stops past it */
} heuristic;

/* GLPK checks its own time limit only between nodes, so every call back
 * checks the time too. (Loading a master of many columns and its first LP
 * stay out of reach of both: cg_bound.c caps the routes it enumerates.) */
static void on_search(glp_tree *T, void *info)
{
    heuristic *h = info;
    if (sv_now() > h->deadline) {
        glp_ios_terminate(T);
        return;
    }
    if (h->x0 && glp_ios_reason(T) == GLP_IHEUR && !h->given) {
        glp_ios_heur_sol(T, h->x0);
        h->given = true;
    }
}

int sv_mip_solve(glp_prob *lp, const sv_mip_limits *lim, const double *x0, bool *proven)
{
    *proven = false;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = lim->lp_presolve ? GLP_ON : GLP_OFF;
    sm.tm_lim = lim->lp_ms;
    double t0 = sv_now();
    if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT)
        return 0;
    heuristic h = {x0, false, t0 + lim->seconds};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.gmi_cuts = GLP_ON;
    parm.cb_func = on_search;
    parm.cb_info = &h;
    double left = lim->seconds - (sv_now() - t0);
    parm.tm_lim = left > lim->min_ms / 1000.0 ? (int)(left * 1000) : lim->min_ms;
    int rc = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    if ((rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP) &&
        (status == GLP_OPT || status == GLP_FEAS)) {
        *proven = rc == 0 && status == GLP_OPT;
        return 1;
    }
    return 0;
}

bool sv_mip_simplex(glp_prob *lp, double seconds)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    int ms = (int)(seconds * 1000);
    sm.tm_lim = ms > 10 ? ms : 10;
    int rc = glp_simplex(lp, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_adv_basis(lp, 0);
        rc = glp_simplex(lp, &sm);
    }
    return rc == 0 && glp_get_status(lp) == GLP_OPT;
}

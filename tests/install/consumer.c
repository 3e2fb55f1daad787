/* consumer.c - a program built against the installed libfieldplan through pkg-config. */
#include <stdio.h>

#include "model/problem.h"
#include "solver/solver.h"

int main(void)
{
    model_error err = MODEL_ERROR_INIT;
    model_problem *p;
    if (model_problem_create(&p, &err) != MODEL_OK)
        return 1;
    solver_options o = SOLVER_OPTIONS_INIT;
    printf("ok %s %.0f\n", model_tz_name(p->tz), o.time_limit_s);
    model_problem_free(p);
    return 0;
}

/* operator.c - the table of local search moves (operator.h). */
#include "solver/operator.h"

/* The order is part of the search's behaviour: on each pair of jobs the
 * first move that improves is made. */
const sv_operator *const sv_operators[] = {
    &sv_op_relocate, &sv_op_swap, &sv_op_two_opt_star, &sv_op_or_opt, &sv_op_two_opt,
};
const int sv_noperators = (int)(sizeof sv_operators / sizeof sv_operators[0]);

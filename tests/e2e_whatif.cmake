# End-to-end tests of the what-if and appointment commands (whatif, diff,
# slots, book, publish and its rollback): tests/whatif/whatif_e2e.py drives the fieldplan
# program on the README example and tests/whatif/{data,bad}, and checks every
# stored schedule with the oracle. Included by tests/e2e.cmake.
set(WHATIF_E2E /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/whatif/whatif_e2e.py)
set(WHATIF_E2E_ARGS --fieldplan $<TARGET_FILE:fieldplan_cli> --data ${CMAKE_CURRENT_SOURCE_DIR}/whatif
                    --oracle ${PROJECT_SOURCE_DIR}/../shared/tools/verify_schedule.py
                    --examples ${PROJECT_SOURCE_DIR}/examples)
foreach(scenario example save infeasible bad slots conflict guard_typo guard_booked guard_dropped
                 rollback rollback_dropped rollback_refused)
  add_test(NAME e2e_whatif_${scenario} COMMAND ${WHATIF_E2E} ${scenario} ${WHATIF_E2E_ARGS})
  set_tests_properties(e2e_whatif_${scenario} PROPERTIES TIMEOUT 300)
endforeach()
fp_e2e_valgrind(valgrind_whatif ${WHATIF_E2E} valgrind ${WHATIF_E2E_ARGS})

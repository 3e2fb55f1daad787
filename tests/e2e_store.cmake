# End-to-end tests of the store commands (db, import, plan, show, runs, export):
# tests/store/store_e2e.py drives the fieldplan program on tests/data/store and
# the bundled example, and checks every stored schedule with the oracle.
# Included by tests/e2e.cmake.
set(STORE_E2E /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/store/store_e2e.py)
set(STORE_E2E_ARGS --fieldplan $<TARGET_FILE:fieldplan_cli> --data ${CMAKE_CURRENT_SOURCE_DIR}/data
                   --oracle ${PROJECT_SOURCE_DIR}/../shared/tools/verify_schedule.py
                   --examples ${PROJECT_SOURCE_DIR}/examples)
foreach(scenario migrate expired prefer csv timezone absence json stability lock kill readonly example)
  add_test(NAME e2e_store_${scenario} COMMAND ${STORE_E2E} ${scenario} ${STORE_E2E_ARGS})
  set_tests_properties(e2e_store_${scenario} PROPERTIES TIMEOUT 300)
endforeach()
# The lock scenario times plans against each other: keep it apart. The kill
# scenario adapts to the load (it goes on until a kill lands in the final
# transaction) and runs beside the others: alone it left a core idle ~20 s.
set_tests_properties(e2e_store_lock PROPERTIES RUN_SERIAL TRUE)
# Under the sanitizers 8 kills (their memory checks); the plain build kills 20 times.
if(FIELDPLAN_SANITIZE)
  set_tests_properties(e2e_store_kill PROPERTIES ENVIRONMENT FP_KILL_ROUNDS=8)
endif()
fp_e2e_valgrind(valgrind_store ${STORE_E2E} valgrind ${STORE_E2E_ARGS})

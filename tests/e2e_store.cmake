# End-to-end tests of the store commands (db, import, plan, show, runs, export):
# tests/store/store_e2e.py drives the fieldplan program on tests/data/store and
# the bundled example, and checks every stored schedule with the oracle.
# Included by tests/e2e.cmake.
set(STORE_E2E /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/store/store_e2e.py)
set(STORE_E2E_ARGS --fieldplan $<TARGET_FILE:fieldplan_cli> --data ${CMAKE_CURRENT_SOURCE_DIR}/data
                   --oracle ${PROJECT_SOURCE_DIR}/../shared/tools/verify_schedule.py
                   --examples ${PROJECT_SOURCE_DIR}/examples)
foreach(scenario csv absence json stability lock kill readonly example)
  add_test(NAME e2e_store_${scenario} COMMAND ${STORE_E2E} ${scenario} ${STORE_E2E_ARGS})
  set_tests_properties(e2e_store_${scenario} PROPERTIES TIMEOUT 300)
endforeach()
# The lock and kill scenarios time plans against each other: keep them apart.
set_tests_properties(e2e_store_lock e2e_store_kill PROPERTIES RUN_SERIAL TRUE)
# Every store command under valgrind (plain build only: ASan and valgrind exclude each other).
if(NOT FIELDPLAN_SANITIZE)
  find_program(STORE_VALGRIND valgrind)
  if(STORE_VALGRIND)
    add_test(NAME valgrind_store COMMAND ${STORE_E2E} valgrind ${STORE_E2E_ARGS}
             --valgrind ${STORE_VALGRIND})
    set_tests_properties(valgrind_store PROPERTIES TIMEOUT 600)
  endif()
endif()

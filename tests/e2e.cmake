# End-to-end tests: the fieldplan program on data files, checked by the engine's
# checker and by the independent oracle (../shared/tools/verify_schedule.py).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(FP_E2E_SANITIZED)
if(FIELDPLAN_SANITIZE)
  set(FP_E2E_SANITIZED --sanitized)
endif()
set(FIELDPLAN_ORACLE ${PROJECT_SOURCE_DIR}/../shared/tools/verify_schedule.py)
set(E2E ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/e2e.py)
set(E2E_ARGS --fieldplan $<TARGET_FILE:fieldplan_cli> --data ${CMAKE_CURRENT_SOURCE_DIR}/data
             --oracle ${FIELDPLAN_ORACLE})
add_test(NAME e2e_solve_generated COMMAND ${E2E} solve-generated ${E2E_ARGS} --time-limit 0.5)
add_test(NAME e2e_solve_solomon_c1 COMMAND ${E2E} solve-solomon ${E2E_ARGS} --time-limit 0.5)
add_test(NAME e2e_bad_inputs COMMAND ${E2E} bad-inputs ${E2E_ARGS})
add_test(NAME e2e_cli COMMAND ${E2E} cli ${E2E_ARGS} ${FP_E2E_SANITIZED})
set_tests_properties(e2e_solve_generated e2e_solve_solomon_c1 e2e_bad_inputs e2e_cli
                     PROPERTIES TIMEOUT 600)

# The engine's checker and the oracle agree on deliberately broken schedules.
# Under the sanitizers each kind of variant is checked once, by the engine's
# checker only (exit codes, needles, coverage), with one solved problem: the
# plain build already compares the two on every file.
set(FP_AGREEMENT_MORE --engine-only)
if(NOT FIELDPLAN_SANITIZE)
  set(FP_AGREEMENT_MORE
    --solve ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e/dst_berlin_2026-10-25.json
    --solve ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e/gen21_ny_j40_t4_d3_s42.json)
endif()
# (tests/tools/break_schedule.py makes one variant per rule). It runs on the
# oracle's interpreter (Debian's, as CI has it), which then loads the oracle
# once instead of starting once per variant.
set(FP_ORACLE_PYTHON ${Python3_EXECUTABLE})
if(EXISTS /usr/bin/python3)
  set(FP_ORACLE_PYTHON /usr/bin/python3)
endif()
add_test(NAME e2e_check_agrees_with_oracle COMMAND ${FP_ORACLE_PYTHON}
  ${CMAKE_CURRENT_SOURCE_DIR}/tools/oracle_agreement.py
  --fieldplan $<TARGET_FILE:fieldplan_cli> --oracle ${FIELDPLAN_ORACLE}
  --data ${CMAKE_CURRENT_SOURCE_DIR}/data
  --solve ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e/gen01_j20_t2_d1_s101.json
  ${FP_AGREEMENT_MORE})
set_tests_properties(e2e_check_agrees_with_oracle PROPERTIES TIMEOUT 600)
# The suite's longest tests start first (COST orders CTest's queue), so that
# two cores finish together on a fresh checkout without timing data.
set_tests_properties(e2e_check_agrees_with_oracle e2e_solve_generated e2e_solve_solomon_c1
                     e2e_cli PROPERTIES COST 1000)
# Readers refuse FIFOs, devices and directories at once (never wait on them).
add_test(NAME e2e_irregular_files COMMAND ${Python3_EXECUTABLE}
  ${CMAKE_CURRENT_SOURCE_DIR}/e2e/irregular_files.py --fieldplan $<TARGET_FILE:fieldplan_cli>
  --examples ${PROJECT_SOURCE_DIR}/examples)
set_tests_properties(e2e_irregular_files PROPERTIES TIMEOUT 300)
# Limits before work: a file of 10^6 jobs refused while read, in < 100 MB
# (plain build only: ASan's shadow memory would be measured too).
if(NOT FIELDPLAN_SANITIZE)
  add_test(NAME e2e_limits_before_work COMMAND ${Python3_EXECUTABLE}
    ${CMAKE_CURRENT_SOURCE_DIR}/e2e/limits_before_work.py --fieldplan $<TARGET_FILE:fieldplan_cli>)
  set_tests_properties(e2e_limits_before_work PROPERTIES TIMEOUT 300)
endif()
# A scenario script's "valgrind" scenario, which runs every command under
# valgrind (plain build only: ASan and valgrind exclude each other).
function(fp_e2e_valgrind name)
  if(NOT FIELDPLAN_SANITIZE)
    find_program(FP_VALGRIND valgrind)
    if(FP_VALGRIND)
      add_test(NAME ${name} COMMAND ${ARGN} --valgrind ${FP_VALGRIND})
      set_tests_properties(${name} PROPERTIES TIMEOUT 600 COST 1000)
    endif()
  endif()
endfunction()
foreach(part store feeds whatif report hygiene vroom router)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/e2e_${part}.cmake)
    include(${CMAKE_CURRENT_SOURCE_DIR}/e2e_${part}.cmake)
  endif()
endforeach()

# Valgrind over the program's main paths (plain build only: ASan and valgrind exclude each other).
if(NOT FIELDPLAN_SANITIZE)
  find_program(VALGRIND valgrind)
  if(VALGRIND)
    set(VG ${VALGRIND} --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
           --track-origins=yes -q)
    set(VG_PROBLEM ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e/gen03_j40_t3_d2_s103.json)
    add_test(NAME valgrind_solve COMMAND ${VG} $<TARGET_FILE:fieldplan_cli> solve ${VG_PROBLEM}
             --time-limit 2 --iterations 200 -q -o -)
    add_test(NAME valgrind_validate_bad COMMAND ${VG} $<TARGET_FILE:fieldplan_cli> validate
             ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e/gen03_j40_t3_d2_s103.json)
    # a timed run: the GLPK set partitioning and two search threads
    add_test(NAME valgrind_solve_timed COMMAND ${VG} $<TARGET_FILE:fieldplan_cli> solve
             ${CMAKE_CURRENT_SOURCE_DIR}/data/solomon/c101.txt --format solomon --time-limit 4
             --threads 2 -q -o -)
    set_tests_properties(valgrind_solve valgrind_validate_bad valgrind_solve_timed
                         PROPERTIES TIMEOUT 600)
  endif()
endif()

# The installed library and its pkg-config file work for a consumer program.
if(NOT FIELDPLAN_SANITIZE)
  add_test(NAME install_pkgconfig COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/test_install.sh
           ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/install)
endif()
# Extension 2 (soft rules, costs, contacts): generated problems using every
# new field, solved for several seeds, accepted by the oracle with the
# checker's totals; broken variants rejected by both alike.
add_test(NAME e2e_soft_rules_oracle COMMAND ${Python3_EXECUTABLE}
  ${CMAKE_CURRENT_SOURCE_DIR}/tools/soft_rules_check.py
  --fieldplan $<TARGET_FILE:fieldplan_cli> --oracle ${FIELDPLAN_ORACLE}
  --gen-field ${PROJECT_SOURCE_DIR}/../shared/tools/gen_field.py --seeds 1,2,3)
set_tests_properties(e2e_soft_rules_oracle PROPERTIES TIMEOUT 300)

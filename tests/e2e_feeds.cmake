# End-to-end tests of the calendar feeds (feeds, tokens, serve):
# tests/feeds/feeds_e2e.py drives the fieldplan program; every feed it writes
# or serves is parsed by ical.js (node, tests/feeds/node_modules: run
# 'npm ci --prefix tests/feeds') and python3-icalendar, validated by
# python3-vobject, and compared with the stored schedule. Included by
# tests/e2e.cmake.
set(FEEDS_E2E /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/feeds/feeds_e2e.py)
set(FEEDS_E2E_ARGS --fieldplan $<TARGET_FILE:fieldplan_cli> --data ${CMAKE_CURRENT_SOURCE_DIR}/data)
foreach(scenario example utf8 dst replan history server limits)
  add_test(NAME e2e_feeds_${scenario} COMMAND ${FEEDS_E2E} ${scenario} ${FEEDS_E2E_ARGS})
  set_tests_properties(e2e_feeds_${scenario} PROPERTIES TIMEOUT 300)
endforeach()
# FORMAT.md extension 2 in the visits (contacts, lateness): feeds/feeds_rules_e2e.py.
add_test(NAME e2e_feeds_rules COMMAND /usr/bin/python3
         ${CMAKE_CURRENT_SOURCE_DIR}/feeds/feeds_rules_e2e.py rules ${FEEDS_E2E_ARGS})
set_tests_properties(e2e_feeds_rules PROPERTIES TIMEOUT 300)
# The limits scenario counts connections a server accepts: keep it alone.
set_tests_properties(e2e_feeds_limits PROPERTIES RUN_SERIAL TRUE)
# What the server lets in: head deadlines, malformed requests, the log's rate,
# failing closed, per-address limits (tests/feeds/server_guard_e2e.py).
set(FEEDS_GUARD /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/feeds/server_guard_e2e.py)
foreach(scenario slowhead garbage log failclosed peraddr)
  add_test(NAME e2e_feeds_guard_${scenario} COMMAND ${FEEDS_GUARD} ${scenario} ${FEEDS_E2E_ARGS})
  set_tests_properties(e2e_feeds_guard_${scenario} PROPERTIES TIMEOUT 120)
endforeach()
# Timing-sensitive (deadlines, log rate): keep them alone.
set_tests_properties(e2e_feeds_guard_slowhead e2e_feeds_guard_log PROPERTIES RUN_SERIAL TRUE)
# Valgrind over feeds, tokens and a short serve session (plain build only).
if(NOT FIELDPLAN_SANITIZE)
  find_program(FEEDS_VALGRIND valgrind)
  if(FEEDS_VALGRIND)
    add_test(NAME valgrind_feeds COMMAND ${FEEDS_E2E} valgrind ${FEEDS_E2E_ARGS})
    set_tests_properties(valgrind_feeds PROPERTIES TIMEOUT 600)
  endif()
endif()

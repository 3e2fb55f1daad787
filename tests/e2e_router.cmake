# End-to-end tests of travel from files and routers (docs/router.md):
# tests/router/router_e2e.py drives `fieldplan matrix` and `solve --osrm`
# against tests/router/fixture_router.py, a protocol fixture on 127.0.0.1
# (not a router). The scenario "real" runs only where FIELDPLAN_OSRM_URL
# names a reachable OSRM server. Included by tests/e2e.cmake.
set(ROUTER_E2E /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/router/router_e2e.py)
set(ROUTER_E2E_ARGS --fieldplan $<TARGET_FILE:fieldplan_cli>
                    --oracle ${PROJECT_SOURCE_DIR}/../shared/tools/verify_schedule.py
                    --examples ${PROJECT_SOURCE_DIR}/examples)
foreach(scenario csv osrm valhalla faults store solve real)
  add_test(NAME e2e_router_${scenario} COMMAND ${ROUTER_E2E} ${scenario} ${ROUTER_E2E_ARGS})
  set_tests_properties(e2e_router_${scenario} PROPERTIES TIMEOUT 300)
endforeach()
set_tests_properties(e2e_router_real PROPERTIES SKIP_RETURN_CODE 77)

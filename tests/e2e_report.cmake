# The dispatcher's report in a real headless Chromium (Debian's chromium):
# no console error, a screenshot that is not blank, DOM counts equal to the
# schedule's (tests/report/report_chromium.py). Skipped (exit 77) when
# chromium is missing. In the sanitizer build the same scenarios run the
# sanitized fieldplan and count the page's own markup (--no-browser): the
# browser adds nothing there. Included by tests/e2e.cmake.
set(REPORT_E2E /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/report/report_chromium.py)
set(REPORT_SCENARIOS selftest example whatif hostile serve)
set(REPORT_FLAGS "")
if(FIELDPLAN_SANITIZE)
  set(REPORT_SCENARIOS example whatif hostile serve)
  set(REPORT_FLAGS --no-browser)
endif()
foreach(scenario ${REPORT_SCENARIOS})
  add_test(NAME e2e_report_${scenario} COMMAND ${REPORT_E2E} ${scenario} ${REPORT_FLAGS}
           --fieldplan $<TARGET_FILE:fieldplan_cli>
           --example ${PROJECT_SOURCE_DIR}/examples/berlin-3days.json)
  set_tests_properties(e2e_report_${scenario} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
endforeach()

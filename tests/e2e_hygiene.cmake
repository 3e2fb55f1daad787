# The command line's hygiene: --json everywhere a result is printed, -q never
# silencing it, CSV named as such, tab-separated files, tables aligned by
# display width (tests/cli/hygiene_e2e.py). Included by tests/e2e.cmake.
add_test(NAME e2e_cli_hygiene COMMAND /usr/bin/python3
         ${CMAKE_CURRENT_SOURCE_DIR}/cli/hygiene_e2e.py --fieldplan $<TARGET_FILE:fieldplan_cli>
         --example ${PROJECT_SOURCE_DIR}/examples/berlin-3days.json)
set_tests_properties(e2e_cli_hygiene PROPERTIES TIMEOUT 300)

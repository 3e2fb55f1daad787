# End-to-end tests of the VROOM format (docs/vroom.md): tests/vroom/vroom_e2e.py
# solves the examples of tests/data/vroom, checks their VROOM output and the
# oracle against an independent conversion, the refused inputs' messages, and
# Solomon instances written both ways. Included by tests/e2e.cmake.
set(FP_SHARED ${PROJECT_SOURCE_DIR}/../shared)
add_test(NAME e2e_vroom COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/vroom/vroom_e2e.py
  --fieldplan $<TARGET_FILE:fieldplan_cli> --data ${CMAKE_CURRENT_SOURCE_DIR}/data
  --oracle ${FP_SHARED}/tools/verify_schedule.py
  --solomon c108 --solomon ${FP_SHARED}/data/solomon/r105.txt
  --solomon ${FP_SHARED}/data/solomon/rc208.txt)
set_tests_properties(e2e_vroom PROPERTIES TIMEOUT 300)

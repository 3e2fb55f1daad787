# cli_docs.cmake - writes the man pages and the bash completion that the
# fieldplan program generates from its command table:
#   cmake -DFIELDPLAN=path/to/fieldplan -DOUT=dir -P cli_docs.cmake
# gives OUT/man/fieldplan.1, OUT/man/fieldplan-CMD.1 for every command that
# 'fieldplan --help' lists, and OUT/completion/fieldplan.
foreach(v FIELDPLAN OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "cli_docs.cmake: -D${v}=... is required")
  endif()
endforeach()

function(run_to file)
  execute_process(COMMAND ${FIELDPLAN} ${ARGN} OUTPUT_FILE ${file} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fieldplan ${ARGN} failed (${rc})")
  endif()
endfunction()

file(MAKE_DIRECTORY ${OUT}/man ${OUT}/completion)
file(GLOB old ${OUT}/man/*.1)
if(old)
  file(REMOVE ${old})
endif()
run_to(${OUT}/man/fieldplan.1 help --man)
execute_process(COMMAND ${FIELDPLAN} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fieldplan --help failed (${rc})")
endif()
# The command lines of the help: "  NAME  summary" between "Commands:" and a blank line.
string(REGEX REPLACE ".*Commands:\n" "" help "${help}")
string(REGEX REPLACE "\n\n.*" "" help "${help}")
string(REPLACE "\n" ";" lines "${help}")
foreach(line ${lines})
  if(line MATCHES "^  ([a-z]+) ")
    run_to(${OUT}/man/fieldplan-${CMAKE_MATCH_1}.1 help --man ${CMAKE_MATCH_1})
  endif()
endforeach()
run_to(${OUT}/completion/fieldplan completion bash)

# cmake -DCASE=<name> -DSOURCE=<source dir> -DWORK=<scratch dir> -P CoreOrderCase.cmake
# Runs the core dependency order check (cmake/QueueDeckCoreOrder.cmake) on a copy of src/core
# with one planted include, and fails unless the check answers as expected: "clean" (no plant)
# must pass; every other case must fail, naming the file, the include and the rule. The real
# tree is never touched.
cmake_minimum_required(VERSION 3.25)

set(root "${WORK}/${CASE}")
file(REMOVE_RECURSE "${root}")
file(MAKE_DIRECTORY "${root}/src")
file(COPY "${SOURCE}/src/core" DESTINATION "${root}/src")

# plant(<file> <line>): appends an include line to a file of the copy, creating it if needed.
function(plant file line)
  file(APPEND "${root}/${file}" "${line}\n")
endfunction()

set(expected "")
if(CASE STREQUAL "clean")
  # The copy as it is.
elseif(CASE STREQUAL "new_file_includes_right")
  plant(src/core/redis/PlantedClient.cpp "#include \"core/config/Config.h\"")
  set(expected "src/core/redis/PlantedClient.cpp includes core/config/Config.h: redis may \
include only telemetry, util, errors, events \\(and redis itself\\)")
elseif(CASE STREQUAL "header_includes_right")
  plant(src/core/util/Duration.h "#include \"core/engine/Manager.h\"")
  set(expected "src/core/util/Duration.h includes core/engine/Manager.h: util may include only \
telemetry \\(and util itself\\)")
elseif(CASE STREQUAL "includes_outside_core")
  plant(src/core/queues/QueueBackend.cpp "#include \"gui/MainWindow.h\"")
  set(expected "src/core/queues/QueueBackend.cpp includes gui/MainWindow.h: a core file \
includes core headers only")
elseif(CASE STREQUAL "subfolder_includes_right")
  # A subfolder counts as its folder, both as the includer and as the included.
  plant(src/core/redis/planted/Planted.cpp "#include \"core/queues/sidekiq/SidekiqReader.h\"")
  set(expected "src/core/redis/planted/Planted.cpp includes core/queues/sidekiq/SidekiqReader.h: \
redis may include only telemetry, util, errors, events \\(and redis itself\\)")
elseif(CASE STREQUAL "folder_not_in_order")
  plant(src/core/planted/Planted.h "#include \"core/util/Clock.h\"")
  set(expected "src/core/planted has no place in the core order")
else()
  message(FATAL_ERROR "unknown CASE ${CASE}")
endif()

execute_process(
  COMMAND "${CMAKE_COMMAND}" "-DROOT=${root}" "-DSTAMP=${root}/stamp"
          -P "${SOURCE}/cmake/QueueDeckCoreOrder.cmake"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
# The check's error text is wrapped by CMake; compare it on one line.
string(REGEX REPLACE "[ \t\r\n]+" " " flat "${all}")

if(CASE STREQUAL "clean")
  if(NOT rc EQUAL 0 OR NOT EXISTS "${root}/stamp")
    message(FATAL_ERROR "the check rejected the unchanged tree (${rc}):\n${all}")
  endif()
  message(STATUS "clean copy of src/core: the check passes")
else()
  if(rc EQUAL 0 OR EXISTS "${root}/stamp")
    message(FATAL_ERROR "the check accepted the planted include (${CASE}):\n${all}")
  endif()
  if(NOT flat MATCHES "${expected}")
    message(FATAL_ERROR "the check failed without naming the rule (${CASE}):\n${all}")
  endif()
  message(STATUS "planted ${CASE}: the check fails and names the rule")
endif()
file(REMOVE_RECURSE "${root}")

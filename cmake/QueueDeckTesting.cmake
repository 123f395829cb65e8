# qd_add_test(<TestName> [SOURCES ...] [LIBS ...] [LABELS ...] [TIMEOUT s] [ENV k=v ...]
#             [WRAPPER command ...])
# Builds tests/<kind>/<TestName>.cpp (plus SOURCES) into one executable and registers it.
# WRAPPER runs the test through a command that prepares its surroundings (the test binary is
# appended to it), e.g. tests/support/with-secret-service.sh.
function(qd_add_test name)
  cmake_parse_arguments(arg "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV;WRAPPER" ${ARGN})
  add_executable(${name} ${name}.cpp ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE queuedeck_common qd_test_support Qt6::Test ${arg_LIBS})
  add_test(NAME ${name} COMMAND ${arg_WRAPPER} $<TARGET_FILE:${name}>)
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 120)
  endif()
  set(env "QT_QPA_PLATFORM=offscreen" "QD_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data"
          "QD_SOURCE_DIR=${PROJECT_SOURCE_DIR}" ${arg_ENV})
  if(QD_SANITIZE)
    list(APPEND env "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1"
                    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
                    "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp")
  endif()
  set_tests_properties(${name} PROPERTIES
    LABELS "${arg_LABELS}" TIMEOUT ${arg_TIMEOUT} ENVIRONMENT "${env}")
  set_property(GLOBAL APPEND PROPERTY QD_REGISTERED_TESTS ${name})
endfunction()

# qd_add_remaining_tests(<label> [LIBS ...]): every TestX.cpp in the current folder that no
# qd_add_test call has claimed yet.
function(qd_add_remaining_tests label)
  cmake_parse_arguments(arg "" "" "LIBS" ${ARGN})
  file(GLOB tests CONFIGURE_DEPENDS RELATIVE "${CMAKE_CURRENT_SOURCE_DIR}"
       "${CMAKE_CURRENT_SOURCE_DIR}/Test*.cpp")
  get_property(done GLOBAL PROPERTY QD_REGISTERED_TESTS)
  foreach(file IN LISTS tests)
    get_filename_component(name "${file}" NAME_WE)
    if(NOT name IN_LIST done)
      qd_add_test(${name} LIBS ${arg_LIBS} LABELS ${label})
    endif()
  endforeach()
endfunction()

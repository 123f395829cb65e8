# The OpenTelemetry C++ SDK as Debian packages it (opentelemetry-cpp-dev 1.19, from
# bookworm-backports; scripts/setup installs it). Its CMake config also demands the gRPC and
# protobuf dev packages and gRPC's code generator plugins, none of which an OTLP/HTTP exporter
# needs, so the libraries are linked by name with the compile definitions the package's own
# targets export (docs/architecture.md). Gives the target QueueDeck::opentelemetry (the
# libraries) and QD_OTEL_COMPILE_DEFINITIONS, which only the file that includes the SDK gets:
# on every source of a target they would change the command line of all of them.

set(qd_otel_libraries
  opentelemetry_exporter_otlp_http opentelemetry_exporter_otlp_http_client
  opentelemetry_otlp_recordable opentelemetry_http_client_curl opentelemetry_trace
  opentelemetry_resources opentelemetry_common absl_bad_variant_access)

find_path(QD_OTEL_INCLUDE_DIR opentelemetry/sdk/trace/tracer_provider.h)
set(qd_otel_found TRUE)
if(NOT QD_OTEL_INCLUDE_DIR)
  set(qd_otel_found FALSE)
endif()
set(qd_otel_paths)
foreach(lib IN LISTS qd_otel_libraries)
  find_library(QD_OTEL_LIB_${lib} NAMES ${lib})
  if(NOT QD_OTEL_LIB_${lib})
    set(qd_otel_found FALSE)
    message(STATUS "OpenTelemetry: lib${lib} not found")
  else()
    list(APPEND qd_otel_paths "${QD_OTEL_LIB_${lib}}")
  endif()
endforeach()

if(NOT qd_otel_found)
  message(FATAL_ERROR "QD_WITH_OTEL is ON but the OpenTelemetry C++ SDK was not found: run "
    "scripts/setup (it installs opentelemetry-cpp-dev from bookworm-backports), or configure "
    "with -DQD_WITH_OTEL=OFF to build without tracing.")
endif()

set(QD_OTEL_COMPILE_DEFINITIONS HAVE_ABSEIL OPENTELEMETRY_ABI_VERSION_NO=1)
add_library(qd_opentelemetry INTERFACE IMPORTED)
set_target_properties(qd_opentelemetry PROPERTIES
  INTERFACE_LINK_LIBRARIES "${qd_otel_paths};Threads::Threads")
add_library(QueueDeck::opentelemetry ALIAS qd_opentelemetry)

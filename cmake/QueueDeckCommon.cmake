# queuedeck_common: the one INTERFACE target every QueueDeck target links. It carries the
# language level, the warning set and Qt's strictness defines, so no directory-wide flags exist.

find_program(QD_CCACHE ccache)
if(QD_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${QD_CCACHE}")
endif()
add_feature_info(ccache QD_CCACHE "compiler cache")

set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(queuedeck_common INTERFACE)
target_compile_features(queuedeck_common INTERFACE cxx_std_20)
target_compile_definitions(queuedeck_common INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_CONTEXTLESS_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QD_VERSION="${PROJECT_VERSION}")
target_compile_options(queuedeck_common INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
if(QD_WARNINGS_AS_ERRORS)
  target_compile_options(queuedeck_common INTERFACE -Werror)
endif()
if(QD_SANITIZE)
  target_compile_options(queuedeck_common INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(queuedeck_common INTERFACE -fsanitize=address,undefined)
endif()

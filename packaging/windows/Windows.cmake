# Windows recipe: the two executables, the Qt runtime that windeployqt gathers next to them,
# the MSVC runtime, and an NSIS installer with one selectable component per executable.
# Prepared, not built or tested here (no Windows machine): see docs/packaging.md for what is
# known to need porting first. Use the windows-msvc presets in CMakePresets.json.

set(QD_PACKAGE_COMPONENTS runtime ${QD_SERVER_COMPONENT})

# windeployqt sits next to qmake in the Qt installation the build found.
get_target_property(qd_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(qd_qt_bin "${qd_qmake}" DIRECTORY)
find_program(QD_WINDEPLOYQT windeployqt HINTS "${qd_qt_bin}" REQUIRED)

# Runs windeployqt on an installed executable: Qt DLLs and plugins (platform, SQLite driver,
# TLS backend) land beside it. The compiler runtime comes from InstallRequiredSystemLibraries
# and translations are embedded in the binaries, so windeployqt copies neither.
function(qd_windeployqt exe component)
  install(CODE "
    execute_process(
      COMMAND \"${QD_WINDEPLOYQT}\" --release --no-compiler-runtime --no-translations
              --no-opengl-sw --no-system-d3d-compiler
              --dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\"
              \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${exe}\"
      COMMAND_ERROR_IS_FATAL ANY)
  " COMPONENT ${component})
endfunction()

install(TARGETS queuedeck-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        COMPONENT ${QD_SERVER_COMPONENT})
qd_windeployqt(queuedeck-server.exe ${QD_SERVER_COMPONENT})

if(TARGET queuedeck)
  list(APPEND QD_PACKAGE_COMPONENTS ${QD_DESKTOP_COMPONENT})
  # A window application: no console window behind it. queuedeck-server is the console tool.
  set_target_properties(queuedeck PROPERTIES WIN32_EXECUTABLE ON)
  # The icon Explorer and the taskbar show, compiled into queuedeck.exe.
  target_sources(queuedeck PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/windows/queuedeck.rc")
  install(TARGETS queuedeck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          COMPONENT ${QD_DESKTOP_COMPONENT})
  qd_windeployqt(queuedeck.exe ${QD_DESKTOP_COMPONENT})
  set(CPACK_PACKAGE_EXECUTABLES "queuedeck" "QueueDeck")
endif()

install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/config.json.example" DESTINATION examples
        RENAME config.json COMPONENT runtime)

set(CMAKE_INSTALL_SYSTEM_RUNTIME_COMPONENT runtime)
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

if(NOT CPACK_GENERATOR)
  set(CPACK_GENERATOR "NSIS")
endif()
set(CPACK_NSIS_DISPLAY_NAME "QueueDeck")
set(CPACK_NSIS_PACKAGE_NAME "QueueDeck ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_SOURCE_DIR}/icons/queuedeck.ico")
set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_SOURCE_DIR}/icons/queuedeck.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\queuedeck.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "${CMAKE_INSTALL_BINDIR}")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# Offers to put bin\ on PATH, so that queuedeck-server runs from any console.
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "QueueDeck")
set(CPACK_NSIS_COMPONENT_INSTALL ON)

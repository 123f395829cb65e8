# macOS recipe: queuedeck as an application bundle with queuedeck-server beside the main
# executable in Contents/MacOS, the Qt frameworks and plugins (and the Homebrew libraries:
# hiredis, spdlog, fmt, OpenSSL, prometheus-cpp) copied in by macdeployqt, and a disk image
# from CPack's DragNDrop generator. Prepared, not built or tested here (no macOS machine):
# see docs/packaging.md. Use the macos presets in CMakePresets.json.

set(QD_PACKAGE_COMPONENTS ${QD_DESKTOP_COMPONENT})

if(NOT TARGET queuedeck)
  message(FATAL_ERROR "The macOS package is the queuedeck bundle: configure with QD_BUILD_GUI=ON")
endif()

get_target_property(qd_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(qd_qt_bin "${qd_qmake}" DIRECTORY)
find_program(QD_MACDEPLOYQT macdeployqt HINTS "${qd_qt_bin}" REQUIRED)

set(qd_icns "${CMAKE_CURRENT_SOURCE_DIR}/icons/queuedeck.icns")
target_sources(queuedeck PRIVATE "${qd_icns}")
set_source_files_properties("${qd_icns}" TARGET_DIRECTORY queuedeck
  PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
set_target_properties(queuedeck PROPERTIES
  MACOSX_BUNDLE ON
  MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in"
  MACOSX_BUNDLE_BUNDLE_NAME "QueueDeck"
  MACOSX_BUNDLE_GUI_IDENTIFIER "${QD_APP_ID}"
  MACOSX_BUNDLE_ICON_FILE "queuedeck.icns"
  MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
  MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
  MACOSX_BUNDLE_COPYRIGHT "The QueueDeck developers")

set(qd_bundle "queuedeck.app")
install(TARGETS queuedeck BUNDLE DESTINATION . COMPONENT ${QD_DESKTOP_COMPONENT})
install(TARGETS queuedeck-server RUNTIME DESTINATION "${qd_bundle}/Contents/MacOS"
        COMPONENT ${QD_DESKTOP_COMPONENT})
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/config.json.example"
        DESTINATION "${qd_bundle}/Contents/Resources" RENAME config.example.json
        COMPONENT ${QD_DESKTOP_COMPONENT})

# After both executables are in the staged bundle: macdeployqt rewrites their library paths
# to the copies it puts in Contents/Frameworks and Contents/PlugIns. Signing with a real
# identity and notarization are release steps outside this recipe; QD_MACOS_CODESIGN_IDENTITY
# passes an identity to macdeployqt when set.
set(QD_MACOS_CODESIGN_IDENTITY "" CACHE STRING "Identity macdeployqt signs the bundle with")
set(qd_sign "")
if(QD_MACOS_CODESIGN_IDENTITY)
  set(qd_sign "-codesign=${QD_MACOS_CODESIGN_IDENTITY}")
endif()
install(CODE "
  execute_process(
    COMMAND \"${QD_MACDEPLOYQT}\" \"\${CMAKE_INSTALL_PREFIX}/${qd_bundle}\"
            \"-executable=\${CMAKE_INSTALL_PREFIX}/${qd_bundle}/Contents/MacOS/queuedeck-server\"
            -always-overwrite ${qd_sign}
    COMMAND_ERROR_IS_FATAL ANY)
" COMPONENT ${QD_DESKTOP_COMPONENT})

if(NOT CPACK_GENERATOR)
  set(CPACK_GENERATOR "DragNDrop")
endif()
set(CPACK_DMG_VOLUME_NAME "QueueDeck")
set(CPACK_DMG_FORMAT "UDBZ")
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)

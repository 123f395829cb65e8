# Install rules for Linux and other freedesktop.org systems: binaries, desktop entry,
# AppStream metainfo, hicolor icons, man pages, example configuration and the systemd unit.
# Included from packaging/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is packaging/.

set(qd_pkg "${CMAKE_CURRENT_SOURCE_DIR}")
set(qd_gen "${CMAKE_CURRENT_BINARY_DIR}/linux")
file(MAKE_DIRECTORY "${qd_gen}")

# Relative to the install prefix: /usr/lib/systemd/system in the Debian package, and
# /usr/local/lib/systemd/system (also searched by systemd) for a default cmake --install.
set(QD_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the systemd unit of queuedeck-server goes, relative to the install prefix")

set(QD_PACKAGE_COMPONENTS ${QD_SERVER_COMPONENT})
if(TARGET queuedeck)
  list(PREPEND QD_PACKAGE_COMPONENTS ${QD_DESKTOP_COMPONENT})
endif()

find_program(QD_GZIP gzip REQUIRED)

# Man pages carry the version, and are installed compressed as Debian policy asks.
# -n keeps the name and time stamp out of the archive, so rebuilds give identical files.
set(qd_man_outputs "")
function(qd_man_page name component)
  configure_file("${qd_pkg}/man/${name}.1" "${qd_gen}/${name}.1" @ONLY)
  add_custom_command(OUTPUT "${qd_gen}/${name}.1.gz"
    COMMAND "${QD_GZIP}" -9 -n -k -f "${name}.1"
    DEPENDS "${qd_gen}/${name}.1"
    WORKING_DIRECTORY "${qd_gen}"
    COMMENT "Compressing man page ${name}.1"
    VERBATIM)
  install(FILES "${qd_gen}/${name}.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1"
          COMPONENT ${component})
  set(qd_man_outputs ${qd_man_outputs} "${qd_gen}/${name}.1.gz" PARENT_SCOPE)
endfunction()

# The example configuration, in each package's documentation folder (the two packages must
# not share a path, or dpkg refuses to install both).
function(qd_example_config package component)
  install(FILES "${qd_pkg}/config.json.example"
          DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/${package}/examples"
          RENAME config.json COMPONENT ${component})
endfunction()

# The binaries link only libraries from system folders: the $ORIGIN run path that
# qt_standard_project_setup gives installed executables would only widen where they look.
foreach(target queuedeck queuedeck-server queuedeck-loadgen)
  if(TARGET ${target})
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "")
  endif()
endforeach()

# --- server -------------------------------------------------------------------------------
install(TARGETS queuedeck-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        COMPONENT ${QD_SERVER_COMPONENT})
qd_man_page(queuedeck-server ${QD_SERVER_COMPONENT})
qd_example_config(queuedeck-server ${QD_SERVER_COMPONENT})

# The unit names the binary and the config folder by absolute path, and those depend on the
# prefix the tree is finally installed to (cmake --install --prefix, or /usr for the .deb),
# which is known only at install time: a script generated here writes the unit then.
set(qd_unit_template "${qd_pkg}/linux/queuedeck-server.service.in")
set(qd_unit_output "${qd_gen}/unit/queuedeck-server.service")
configure_file("${qd_pkg}/linux/InstallUnit.cmake.in" "${qd_gen}/InstallUnit.cmake" @ONLY)
install(SCRIPT "${qd_gen}/InstallUnit.cmake" COMPONENT ${QD_SERVER_COMPONENT})

# --- desktop ------------------------------------------------------------------------------
if(TARGET queuedeck)
  install(TARGETS queuedeck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          COMPONENT ${QD_DESKTOP_COMPONENT})
  qd_man_page(queuedeck ${QD_DESKTOP_COMPONENT})
  qd_example_config(queuedeck ${QD_DESKTOP_COMPONENT})

  install(FILES "${qd_pkg}/linux/queuedeck.desktop"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/applications"
          RENAME "${QD_APP_ID}.desktop" COMPONENT ${QD_DESKTOP_COMPONENT})
  configure_file("${qd_pkg}/linux/queuedeck.metainfo.xml.in"
                 "${qd_gen}/${QD_APP_ID}.metainfo.xml" @ONLY)
  install(FILES "${qd_gen}/${QD_APP_ID}.metainfo.xml"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo" COMPONENT ${QD_DESKTOP_COMPONENT})

  # The SVG is the source; the PNGs are rendered from it by packaging/icons/render-icons.sh.
  install(FILES "${qd_pkg}/icons/queuedeck.svg"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
          COMPONENT ${QD_DESKTOP_COMPONENT})
  foreach(size 16 24 32 48 64 128 256 512)
    install(FILES "${qd_pkg}/icons/png/queuedeck-${size}.png"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps"
            RENAME queuedeck.png COMPONENT ${QD_DESKTOP_COMPONENT})
  endforeach()
endif()

add_custom_target(qd_man_pages ALL DEPENDS ${qd_man_outputs})

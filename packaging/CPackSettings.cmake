# CPack: what every generator shares, the two Debian packages, then include(CPack). The
# platform files (linux/, windows/, macos/) are included before this one and choose the generators.

set(CPACK_PACKAGE_NAME "queuedeck")
set(CPACK_PACKAGE_VENDOR "The QueueDeck developers")
set(CPACK_PACKAGE_CONTACT "QueueDeck developers <packaging@queuedeck.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "QueueDeck")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
# Per-generator settings that must not leak into the others (DESTDIR staging for DEB only).
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/CPackProjectConfig.cmake.in"
               "${CMAKE_CURRENT_BINARY_DIR}/CPackProjectConfig.cmake" @ONLY)
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_BINARY_DIR}/CPackProjectConfig.cmake")

set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/out/" "/\\.cache/")

# Chosen by the platform file: every other install component (loadgen, anything installed
# without a component) stays out of the packages.
set(CPACK_COMPONENTS_ALL ${QD_PACKAGE_COMPONENTS})

if(NOT CPACK_GENERATOR AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(CPACK_GENERATOR "DEB")
endif()

# --- Debian 12: one package per component -------------------------------------------------
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# dpkg-shlibdeps runs on each package's own binaries, so the server's Depends list only what
# queuedeck-server links: no Widgets, Charts or Gui. What it cannot see (Qt plugins loaded at
# run time, maintainer-script tools) is named explicitly and merged with its result.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

string(TOUPPER "${QD_DESKTOP_COMPONENT}" qd_desktop)
string(TOUPPER "${QD_SERVER_COMPONENT}" qd_server)

set(CPACK_DEBIAN_${qd_desktop}_PACKAGE_NAME "queuedeck")
set(CPACK_DEBIAN_${qd_desktop}_PACKAGE_SECTION "utils")
# sqlite: the audit log; svg: the SVG icons; qpa plugins: xcb and the platform integration.
set(CPACK_DEBIAN_${qd_desktop}_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6, qt6-qpa-plugins")
# The OpenTelemetry libraries (bookworm-backports) ship no shlibs file, so dpkg-shlibdeps
# cannot name their package: both binaries link them when tracing is built in.
if(QD_WITH_OTEL)
  set(qd_otel_depends ", opentelemetry-cpp (>= 1.19)")
  string(APPEND CPACK_DEBIAN_${qd_desktop}_PACKAGE_DEPENDS "${qd_otel_depends}")
endif()
# The keychain: qtkeychain loads libsecret at run time (the linker cannot see it) and talks to
# the Secret Service of GNOME Keyring, or to KWallet.
set(CPACK_DEBIAN_${qd_desktop}_PACKAGE_RECOMMENDS
    "qt6-wayland, hicolor-icon-theme, libsecret-1-0, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_${qd_desktop}_PACKAGE_SUGGESTS "queuedeck-server, redis-tools")
set(CPACK_DEBIAN_${qd_desktop}_DESCRIPTION
  "Watch and steer Redis work queues across many Redis deployments
QueueDeck shows every Redis deployment (production, staging, regions) as a
colour-coded tab with its health, queues, workers and dead letters; compares
two to four of them side by side; and applies actions (purge dead letters,
pause or resume a queue, requeue, benchmark) to several at once after a
confirmation that names every target, recording each in an audit log.
.
This package contains the desktop application; queuedeck --headless runs
the same engine without a display.")

set(CPACK_DEBIAN_${qd_server}_PACKAGE_NAME "queuedeck-server")
set(CPACK_DEBIAN_${qd_server}_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_${qd_server}_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite${qd_otel_depends}")
set(CPACK_DEBIAN_${qd_server}_PACKAGE_SUGGESTS "redis-server")
set(CPACK_DEBIAN_${qd_server}_DESCRIPTION
  "QueueDeck server: Redis work queue monitoring and control API
queuedeck-server runs QueueDeck's engine without any graphical library: it
polls the Redis deployments named in /etc/queuedeck/config.json and serves
their queue, worker and dead-letter statistics, health and actions over a
REST API with Server-Sent Events and Prometheus metrics.
.
This package contains the server, its systemd unit (hardened, running as
the queuedeck system user, reloading its configuration on SIGHUP) and its
manual page.")
set(CPACK_DEBIAN_${qd_server}_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/deb-server/postinst"
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/deb-server/prerm"
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/deb-server/postrm")
set(CPACK_DEBIAN_${qd_server}_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)

if(runtime IN_LIST QD_PACKAGE_COMPONENTS)
  cpack_add_component(runtime HIDDEN REQUIRED
    DESCRIPTION "The compiler runtime and the example configuration.")
endif()
if(TARGET queuedeck)
  cpack_add_component(${QD_DESKTOP_COMPONENT}
    DISPLAY_NAME "QueueDeck desktop application"
    DESCRIPTION "The queuedeck window: cluster tabs, compare view, multi-cluster actions.")
endif()
cpack_add_component(${QD_SERVER_COMPONENT}
  DISPLAY_NAME "QueueDeck server"
  DESCRIPTION "queuedeck-server: the engine and REST API without a GUI, for servers and scripts.")

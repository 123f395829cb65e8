#!/usr/bin/env bash
# Builds the Debian packages of a built tree with cpack, unpacks each into its own scratch
# root with dpkg -x, and checks what an installation would get: the files, the dependencies
# (the server's must not reach Qt Gui, Widgets, Charts or OpenGL), the desktop entry and
# AppStream metainfo (validated with their tools), the systemd unit, the man pages, and the
# installed binaries running against the system's Qt.
#
#   check-debian-packages.sh --build-dir DIR --scratch DIR --version X.Y.Z [--server-only]
set -uo pipefail

build="" scratch="" version="" desktop=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --scratch) scratch="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --server-only) desktop=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$build" ] || [ -z "$scratch" ] || [ -z "$version" ]; then
  echo "missing arguments" >&2
  exit 2
fi

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # check "what" command...
  local what="$1"; shift
  if "$@" >"$scratch/last.out" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/    /' "$scratch/last.out"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
lacks() { ! grep -Eiq "$1" "$2"; } # lacks PATTERN FILE (extended regex, any case)
only_usr() { ! grep -v '^\./usr/' "$1"; }
disjoint() { [ -z "$(comm -12 "$1" "$2")" ]; }
sh_script() { test -x "$1" && sh -n "$1"; }
prints_version() { # prints_version BINARY EXPECTED: run without any display
  local out
  out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$1" --version) && [ "$out" = "$2" ]
}
need_tool() {
  command -v "$1" >/dev/null || { fail "$1 is not installed (scripts/setup installs it)"; finish; }
}

for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli groff ldd systemd-analyze; do
  need_tool "$tool"
done

rm -rf "$scratch"
mkdir -p "$scratch/out"

# --- build the packages -------------------------------------------------------------------
echo "== cpack (log: $scratch/cpack.log)"
cpack_args=(--config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out")
[ "$desktop" -eq 1 ] || cpack_args+=(-D CPACK_COMPONENTS_ALL=server)
if ! cpack "${cpack_args[@]}" >"$scratch/cpack.log" 2>&1; then
  fail "cpack -G DEB"
  tail -40 "$scratch/cpack.log"
  finish
fi
pass "cpack -G DEB"

arch=$(dpkg --print-architecture)
server_deb="$scratch/out/queuedeck-server_${version}-1_${arch}.deb"
desktop_deb="$scratch/out/queuedeck_${version}-1_${arch}.deb"
check "server package file is $(basename "$server_deb")" test -f "$server_deb"
if [ "$desktop" -eq 1 ]; then
  check "desktop package file is $(basename "$desktop_deb")" test -f "$desktop_deb"
fi
[ "$failed" -eq 0 ] || { ls -l "$scratch/out"; finish; }

# --- control fields -----------------------------------------------------------------------
field() { dpkg-deb --field "$1" "$2"; }
has_field() { [ "$(field "$1" "$2")" = "$3" ]; }
server_depends=$(field "$server_deb" Depends)
echo "queuedeck-server Depends: $server_depends"
echo "$server_depends" >"$scratch/server-depends.txt"
check "server Package field" has_field "$server_deb" Package queuedeck-server
check "server Version field" has_field "$server_deb" Version "${version}-1"
check "server Depends names no Gui/Widgets/Charts/OpenGL library" \
  lacks "widgets|charts|gui|opengl" "$scratch/server-depends.txt"
for dep in libqt6core6 libqt6network6 libqt6sql6 libqt6httpserver6 libqt6sql6-sqlite libhiredis adduser; do
  check "server Depends has $dep" grep -q "$dep" <<<"$server_depends"
done

# What the Depends pull in, all the way down (Depends and Pre-Depends only): still no Gui.
closure() {
  local names
  names=$(tr ',' '\n' <<<"$1" | sed -E 's/\(.*\)//; s/\|.*//; s/[[:space:]]//g' | grep -v '^$')
  # shellcheck disable=SC2086
  apt-cache depends --recurse --important $names 2>/dev/null \
    | grep -Ev '^[[:space:]]' | sed 's/^<\(.*\)>$/\1/' | sort -u
}
if command -v apt-cache >/dev/null; then
  closure "$server_depends" >"$scratch/server-closure.txt"
  check "server dependency closure was resolved" test -s "$scratch/server-closure.txt"
  check "server dependency closure has no libqt6gui6/widgets/charts/opengl" \
    lacks "libqt6(gui|widgets|charts|opengl)" "$scratch/server-closure.txt"
fi

if [ "$desktop" -eq 1 ]; then
  desktop_depends=$(field "$desktop_deb" Depends)
  echo "queuedeck Depends: $desktop_depends"
  check "desktop Package field" has_field "$desktop_deb" Package queuedeck
  for dep in libqt6widgets6 qt6-qpa-plugins libqt6sql6-sqlite; do
    check "desktop Depends has $dep" grep -q "$dep" <<<"$desktop_depends"
  done
fi

# --- files --------------------------------------------------------------------------------
unpack() { mkdir -p "$2" && dpkg-deb -x "$1" "$2"; }
server_root="$scratch/root-server"
check "dpkg -x server package" unpack "$server_deb" "$server_root"
expect_file() { check "$2 installs /$1" test -f "$3/$1"; }
for f in usr/bin/queuedeck-server \
         usr/lib/systemd/system/queuedeck-server.service \
         usr/share/man/man1/queuedeck-server.1.gz \
         usr/share/doc/queuedeck-server/examples/config.json \
         usr/share/queuedeck-server/prometheus/queuedeck-alerts.yml \
         usr/share/queuedeck-server/grafana/queuedeck-dashboard.json; do
  expect_file "$f" server "$server_root"
done
check "server binary is executable" test -x "$server_root/usr/bin/queuedeck-server"

# A PNG's signature, then the IHDR chunk's width and height (big-endian) at offset 16.
png_is() {
  [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = "89504e470d0a1a0a" ] || return 1
  local w h
  read -r w h < <(od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  [ "$w" = "$2" ] && [ "$h" = "$2" ]
}
listing() { dpkg-deb --contents "$1" | awk '{print $6}' | grep -v '/$' | sort; }
listing "$server_deb" >"$scratch/server-files.txt"
check "server package holds only /usr files" only_usr "$scratch/server-files.txt"

if [ "$desktop" -eq 1 ]; then
  desktop_root="$scratch/root-desktop"
  check "dpkg -x desktop package" unpack "$desktop_deb" "$desktop_root"
  desktop_file=$(find "$desktop_root/usr/share/applications" -name '*.desktop' 2>/dev/null | head -n1)
  app_id=$(basename "${desktop_file:-none.desktop}" .desktop)
  metainfo="$desktop_root/usr/share/metainfo/$app_id.metainfo.xml"
  for f in usr/bin/queuedeck \
           "usr/share/applications/$app_id.desktop" \
           "usr/share/metainfo/$app_id.metainfo.xml" \
           usr/share/icons/hicolor/scalable/apps/queuedeck.svg \
           usr/share/man/man1/queuedeck.1.gz \
           usr/share/doc/queuedeck/examples/config.json; do
    expect_file "$f" desktop "$desktop_root"
  done
  for size in 16 24 32 48 64 128 256 512; do
    expect_file "usr/share/icons/hicolor/${size}x${size}/apps/queuedeck.png" desktop "$desktop_root"
    check "${size}px icon is a ${size}x${size} PNG" png_is \
      "$desktop_root/usr/share/icons/hicolor/${size}x${size}/apps/queuedeck.png" "$size"
  done
  listing "$desktop_deb" >"$scratch/desktop-files.txt"
  check "desktop package holds only /usr files" only_usr "$scratch/desktop-files.txt"
  check "the two packages share no file (both can be installed)" \
    disjoint "$scratch/server-files.txt" "$scratch/desktop-files.txt"

  check "desktop-file-validate" desktop-file-validate "$desktop_root/usr/share/applications/$app_id.desktop"
  check "appstreamcli validate --no-net" appstreamcli validate --no-net "$metainfo"
  # The installed tree as a software centre reads it: metainfo, desktop entry and icon together.
  check "appstreamcli validate-tree --no-net" appstreamcli validate-tree --no-net "$desktop_root"
  check "metainfo id matches the desktop file" grep -q "<id>$app_id</id>" "$metainfo"
  check "metainfo launchable is the desktop file" grep -q ">$app_id.desktop</launchable>" "$metainfo"
  check "metainfo release is $version" grep -q "<release version=\"$version\"" "$metainfo"
  check "desktop entry icon is the installed icon" grep -qx "Icon=queuedeck" \
    "$desktop_root/usr/share/applications/$app_id.desktop"
fi

# --- man pages ----------------------------------------------------------------------------
man_ok() { # renders without a groff warning and names the version
  local out
  out=$(zcat "$1" | groff -man -Tutf8 -ww -z 2>&1) || return 1
  [ -z "$out" ] || { echo "$out"; return 1; }
  zcat "$1" | grep -q "QueueDeck $version"
}
check "queuedeck-server.1 renders cleanly" man_ok "$server_root/usr/share/man/man1/queuedeck-server.1.gz"
if [ "$desktop" -eq 1 ]; then
  check "queuedeck.1 renders cleanly" man_ok "$desktop_root/usr/share/man/man1/queuedeck.1.gz"
fi

# --- the service --------------------------------------------------------------------------
unit="$server_root/usr/lib/systemd/system/queuedeck-server.service"
unit_has() { grep -qx "$1" "$unit"; }
for line in "User=queuedeck" \
            "ExecStart=/usr/bin/queuedeck-server --config /etc/queuedeck/config.json" \
            "ExecReload=/bin/kill -HUP \$MAINPID" \
            "StateDirectory=queuedeck" \
            "ProtectSystem=strict" "ProtectHome=yes" "NoNewPrivileges=yes" "PrivateTmp=yes" \
            "PrivateDevices=yes" "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" \
            "CapabilityBoundingSet=" "SystemCallFilter=@system-service" \
            "WantedBy=multi-user.target"; do
  check "unit: $line" unit_has "$line"
done
check "unit has no unreplaced @placeholder@" lacks "@[A-Z_]+@" "$unit"
# verify checks that ExecStart's binary exists: a copy of the unit points at the unpacked one.
mkdir -p "$scratch/unit"
sed "s#/usr/bin/queuedeck-server#$server_root/usr/bin/queuedeck-server#" "$unit" \
  >"$scratch/unit/queuedeck-server.service"
check "systemd-analyze verify" systemd-analyze verify --man=no "$scratch/unit/queuedeck-server.service"
# The exposure score (0 = locked down, 10 = none): hardening that went missing shows here.
check "systemd-analyze security: exposure at most 2.0" systemd-analyze security --offline=true \
  --root="$server_root" --threshold=20 queuedeck-server.service

control="$scratch/control-server"
check "dpkg-deb -e server package" dpkg-deb -e "$server_deb" "$control"
for script in postinst prerm postrm; do
  check "server $script is an executable, parsable sh script" sh_script "$control/$script"
done
check "postinst creates the queuedeck system user" grep -q "adduser .*--system" "$control/postinst"

# --- the installed binaries, with the system's Qt ---------------------------------------
server_bin="$server_root/usr/bin/queuedeck-server"
check "installed queuedeck-server --version prints $version" \
  prints_version "$server_bin" "queuedeck-server $version"
check "installed queuedeck-server accepts the packaged example config" \
  "$server_bin" --check-config --config "$server_root/usr/share/doc/queuedeck-server/examples/config.json"
ldd "$server_bin" >"$scratch/server-ldd.txt" 2>&1
check "ldd queuedeck-server: every library found" lacks "not found" "$scratch/server-ldd.txt"
check "ldd queuedeck-server: no libQt6Widgets, Gui, Charts or OpenGL" \
  lacks "libQt6(Widgets|Gui|Charts|OpenGL)" "$scratch/server-ldd.txt"
check "ldd queuedeck-server: Qt comes from the system" \
  grep -Eq "libQt6Core\.so\.6 => /(usr/)?lib/" "$scratch/server-ldd.txt"
if [ "$desktop" -eq 1 ]; then
  check "installed queuedeck --version prints $version (no display)" \
    prints_version "$desktop_root/usr/bin/queuedeck" "queuedeck $version"
fi

finish

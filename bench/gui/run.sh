#!/usr/bin/env bash
# The desktop's figures (docs/benchmarks.md, "Desktop"): start-up to the first painted window
# with 10 clusters, event-loop stalls and memory while 50 clusters are polled every second and
# the operator switches views, then a fleet of FLEET clusters with the overview page open.
#
#   bench/gui/run.sh [build-dir]       (default: ./build; needs qd-bench-gui built)
#
# Tunables: RUNS (start-up runs, 10), CLUSTERS (soak, 50), MINUTES (soak, 60), BUSY (clusters
# with producers and workers running, 5), FLEET (overview soak, 200; 0 skips it),
# FLEET_MINUTES (3). Without a display the offscreen platform is used.
# qd-bench-gui starts and stops its own redis-server processes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
bench="$build/bench/gui/qd-bench-gui"
[ -x "$bench" ] || { echo "run.sh: $bench not built (cmake --build $build --target qd-bench-gui)" >&2; exit 1; }
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  export QT_QPA_PLATFORM=offscreen
fi

"$bench" startup --clusters 10 --runs "${RUNS:-10}" | grep -E '^(run|startup)'
"$bench" soak --clusters "${CLUSTERS:-50}" --minutes "${MINUTES:-60}" --busy "${BUSY:-5}" \
  --slow-ms 40 | grep -vE '^\[|XDG_RUNTIME_DIR|propagateSizeHints'
if [ "${FLEET:-200}" -gt 0 ]; then
  "$bench" soak --clusters "${FLEET:-200}" --minutes "${FLEET_MINUTES:-3}" --busy "${BUSY:-5}" \
    --overview --slow-ms 16 | grep -vE '^\[|XDG_RUNTIME_DIR|propagateSizeHints'
fi

#!/usr/bin/env bash
# Starts one real RQ worker (Debian's python3-rq) on the rig's worked queues, with the scheduler,
# against REDIS_URL (database number included).
#   run-rq.sh exec NAME     replaces this shell (for a fixture that owns the child)
#   run-rq.sh start NAME PIDFILE LOG / run-rq.sh stop PIDFILE
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
command -v rq >/dev/null || { echo "run-rq: rq missing: run scripts/setup" >&2; exit 1; }
worker() {
  exec setpriv --pdeathsig KILL rq worker --with-scheduler -u "$REDIS_URL" -n "$1" qd-high qd-default
}
case "${1:-}" in
  exec) worker "$2" ;;
  start)
    worker "$2" >"$4" 2>&1 &
    echo $! >"$3" ;;
  stop)
    # shellcheck source=../lib.sh
    . "$here/../lib.sh"
    stop_pid "$(cat "$2")" 10 ;;
  *) echo "usage: run-rq.sh exec NAME | start NAME PIDFILE LOG | stop PIDFILE" >&2; exit 2 ;;
esac

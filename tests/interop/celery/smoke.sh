#!/usr/bin/env bash
# The Celery rig on its own, without QueueDeck: a throwaway redis-server, a real Celery worker
# (-E, threads pool) and the producer's workload; Celery's own view (oracle.py) must show the
# ETA tasks held, the unconsumed queue's messages over its priority lists, the worker answering
# ping, and the result backend must hold the finished and failed tasks. Uses Debian's
# python3 (python3-celery, python3-redis). Redis and the worker are always stopped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=${QD_CELERY_PYTHON:-/usr/bin/python3}
for tool in redis-server redis-cli setpriv "$py"; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool missing: run scripts/setup" >&2; exit 1; }
done
"$py" -c 'import celery, redis' || { echo "smoke: python3-celery missing: run scripts/setup" >&2; exit 1; }

work=$(mktemp -d -t qd-celery-smoke.XXXXXX)
redis_pid=
worker_pid=
started=$(date +%s.%N)

# shellcheck source=../lib.sh
. "$here/../lib.sh"
cleanup() {
  local status=$?
  stop_pid "$worker_pid" 15
  stop_pid "$redis_pid" 5
  if [ "$status" -ne 0 ]; then
    echo "--- worker log (tail) ---"
    tail -n 30 "$work/worker.log" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
step() { printf 'smoke: %6.1f s  %s\n' "$(awk "BEGIN { print $(date +%s.%N) - $started }")" "$*"; }

port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
setpriv --pdeathsig KILL redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
  --logfile "$work/redis.log" &
redis_pid=$!
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export REDIS_URL="redis://127.0.0.1:$port/0" PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1
step "redis on port $port"

setpriv --pdeathsig KILL "$py" -m celery -A rigapp worker -E -Q celery,qd-main -n smoke@qdrig \
  -c 2 -P threads --without-mingle --without-gossip -l info >"$work/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 150); do
  grep -q 'smoke@qdrig ready' "$work/worker.log" && break
  sleep 0.1
done
grep -q 'smoke@qdrig ready' "$work/worker.log" || { echo "smoke: the worker did not start"; exit 1; }
step "worker ready"

ids=$("$py" "$here/producer.py" --queue qd-main --ok 4 --fail 2 --eta 2 --wait)
"$py" "$here/producer.py" --queue qd-idle --ok 4 --priorities 0,3,6,9 >/dev/null
step "workload sent; the ok tasks succeeded"

# The ETA tasks reach the worker once it has a free slot; wait for that.
for _ in $(seq 20); do
  oracle=$("$py" "$here/oracle.py" celery qd-main qd-idle)
  case $oracle in *'"qd-main": 0'*'"scheduled": 2, "unacked": 2'*) break ;; esac
done
step "oracle: $oracle"
"$py" - "$oracle" "$ids" "$here" <<'PY'
import json, subprocess, sys, time
o, ids = json.loads(sys.argv[1]), json.loads(sys.argv[2])
def check(ok, what):
    if not ok:
        sys.exit("smoke: " + what)
check(o["workers"] == ["smoke@qdrig"], "the worker answers ping")
check(o["queues"] == {"celery": 0, "qd-idle": 4, "qd-main": 0}, "queue sizes")
check(o["scheduled"] == 2 and o["unacked"] == 2, "ETA tasks held in unacked")
for _ in range(50):
    states = list(json.loads(subprocess.check_output(
        [sys.executable, sys.argv[3] + "/results.py"] + ids["fail"])).values())
    if states == ["FAILURE"] * 2:
        break
    time.sleep(0.1)
check(states == ["FAILURE"] * 2, "failed tasks in the result backend: %s" % states)
PY
for step in 0 3 6 9; do
  key=qd-idle; [ "$step" = 0 ] || key=$(printf 'qd-idle\x06\x16%s' "$step")
  [ "$(redis-cli -p "$port" llen "$key")" = 1 ] || { echo "smoke: priority list $step"; exit 1; }
done
step "priority lists, results"

#!/usr/bin/env bash
# The RQ rig on its own, without QueueDeck: a throwaway redis-server (the rig uses database 3, as
# RQ deployments are told apart by database), a real RQ worker with its scheduler and the
# producer's workload; RQ's own API (oracle.py) must reach the workload's expected counts and
# list the worker, and on the settled rig the oracle must not change a key. Redis and the worker
# are always stopped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Debian's interpreter, which has python3-rq (a python3 earlier on PATH may not).
py=/usr/bin/python3
for tool in redis-server redis-cli $py rq setpriv; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool missing: run scripts/setup" >&2; exit 1; }
done

work=$(mktemp -d -t qd-rq-smoke.XXXXXX)
redis_pid=
started=$(date +%s.%N)

# shellcheck source=../lib.sh
. "$here/../lib.sh"
cleanup() {
  local status=$?
  [ -f "$work/worker.pid" ] && "$here/run-rq.sh" stop "$work/worker.pid"
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

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
setpriv --pdeathsig KILL redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
  --enable-debug-command local --logfile "$work/redis.log" &
redis_pid=$!
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export REDIS_URL="redis://127.0.0.1:$port/3"
step "redis on port $port"

"$here/run-rq.sh" start qdrig-1 "$work/worker.pid" "$work/worker.log"
for _ in $(seq 100); do
  [ "$(redis-cli -p "$port" -n 3 exists rq:worker:qdrig-1)" = 1 ] && break
  sleep 0.1
done
[ "$(redis-cli -p "$port" -n 3 exists rq:worker:qdrig-1)" = 1 ] || { echo "smoke: the worker did not start"; exit 1; }
step "worker registered"

expected=$(cd "$here" && $py producer.py | $py -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["expected"]))')
step "workload pushed"

settled=
for _ in $(seq 100); do
  oracle=$(cd "$here" && $py oracle.py)
  if $py -c '
import json, sys
o, e = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.exit(0 if all(o["queues"].get(q, {}).get(s) == n for q in e for s, n in e[q].items()) else 1)
' "$oracle" "$expected"; then settled=1; break; fi
  sleep 0.2
done
[ -n "$settled" ] || { echo "smoke: never settled; expected $expected, oracle $oracle"; exit 1; }
step "settled"

$py -c '
import json, sys
o = json.loads(sys.argv[1])
w = o["workers"]
assert [x["name"] for x in w] == ["qdrig-1"], w
assert w[0]["queues"] == ["qd-high", "qd-default"], w
assert w[0]["successful"] == 9 and w[0]["failed"] == 4, w
assert o["suspended"] is False
' "$oracle"
step "worker listed with its counters"

"$here/run-rq.sh" stop "$work/worker.pid"
rm -f "$work/worker.pid"
# A clean stop removes the worker's hash and name; the scheduler's lock expires on its own.
before=$(redis-cli -p "$port" -n 3 debug digest)
(cd "$here" && $py oracle.py >/dev/null)
after=$(redis-cli -p "$port" -n 3 debug digest)
[ "$before" = "$after" ] || { echo "smoke: the oracle changed the data set"; exit 1; }
step "the oracle changes nothing on the settled rig"

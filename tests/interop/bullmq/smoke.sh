#!/usr/bin/env bash
# The BullMQ rig on its own, without QueueDeck: a throwaway redis-server, a real BullMQ worker
# and the producer's workload; BullMQ's own API (oracle.js) must reach the workload's expected
# counts, list the worker, report the paused queue, and the oracle must not change a key.
# Needs NODE_PATH to hold bullmq and ioredis (the BullMqRigSetup fixture installs them from the
# committed lock file). Redis and the worker are always stopped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for tool in redis-server redis-cli node setpriv; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool missing: run scripts/setup" >&2; exit 1; }
done

work=$(mktemp -d -t qd-bullmq-smoke.XXXXXX)
redis_pid=
worker_pid=
started=$(date +%s.%N)

# shellcheck source=../lib.sh
. "$here/../lib.sh"
cleanup() {
  local status=$?
  stop_pid "$worker_pid" 10
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
export REDIS_URL="redis://127.0.0.1:$port/0"
step "redis on port $port"

setpriv --pdeathsig KILL node "$here/worker.js" --name qdrig-1 >"$work/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 100); do
  grep -q '^ready' "$work/worker.log" && break
  sleep 0.1
done
grep -q '^ready' "$work/worker.log" || { echo "smoke: the worker did not start"; exit 1; }
step "worker ready"

expected=$(node "$here/producer.js" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s).expected)))')
step "workload pushed"

settled=
for _ in $(seq 100); do
  oracle=$(node "$here/oracle.js")
  if node -e '
    const o = JSON.parse(process.argv[1]), e = JSON.parse(process.argv[2]);
    for (const q of Object.keys(e))
      for (const s of Object.keys(e[q]))
        if (o[q].counts[s] !== e[q][s]) process.exit(1);
  ' "$oracle" "$expected"; then settled=1; break; fi
  sleep 0.2
done
[ -n "$settled" ] || { echo "smoke: never settled; expected $expected, oracle $oracle"; exit 1; }
step "settled: $oracle"

node -e '
  const o = JSON.parse(process.argv[1]);
  const check = (ok, what) => { if (!ok) { console.error("smoke: " + what); process.exit(1); } };
  check(o["qd-halted"].paused === true && o["qd-main"].paused === false, "paused flags");
  check(JSON.stringify(o["qd-main"].workers) ===
        JSON.stringify(["bull:" + Buffer.from("qd-main").toString("base64") + ":w:qdrig-1"]),
        "worker connection name");
  check(o["qd-parked"].workers.length === 0, "no worker on qd-parked");
' "$oracle"
step "paused flag and worker connection name"

stop_pid "$worker_pid" 10
worker_pid=
before=$(redis-cli -p "$port" debug digest)
node "$here/oracle.js" >/dev/null
node "$here/oracle.js" --failed qd-main >/dev/null
after=$(redis-cli -p "$port" debug digest)
[ "$before" = "$after" ] || { echo "smoke: the oracle changed the data set"; exit 1; }
step "the oracle is read-only"

#!/usr/bin/env bash
# What polling costs: one cluster's poll in round trips, commands and bytes (the engine's own
# PollCost next to Redis's INFO counters), the wall time of one polling cycle over 1, 10 and 50
# clusters, and queuedeck-server's CPU share and memory while it polls 50 clusters every second.
#
#   bench/engine/run.sh [build-dir]      (default ./build; needs qd-bench-engine and
#                                         queuedeck-server built)
#
# Starts SERVERS redis-servers on free loopback ports (in parallel), seeds each with QUEUES
# queues holding jobs and WORKERS busy workers (processing list + heartbeat key), runs the
# measurements, then the same for a Sidekiq deployment on one more server (20 queues, 10
# processes through the engine; then the reader's cost per queue and per process) and for a
# BullMQ deployment on that server (100 queues, 20 worker connections), an RQ one (20 queues,
# 10 workers, checked against RQ's own API when python3-rq is installed; then the poll's cost per
# queue and per worker) and a Celery broker (10 queues, 10 workers sending events; checked
# against kombu's own count when python3-celery is installed), and stops
# everything it started. Tunables: SERVERS (50), QUEUES (100),
# WORKERS (200), CYCLES (20, per row of the cycle table), INTERVAL (1s, the server's polling
# interval), WARMUP (10, seconds before sampling the server), SOAK (60, seconds sampled; 0
# skips the server part).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bench="$build/bench/engine/qd-bench-engine"
server="$build/src/app/queuedeck-server"
servers=${SERVERS:-50}
queues=${QUEUES:-100}
workers=${WORKERS:-200}
cycles=${CYCLES:-20}
interval=${INTERVAL:-1s}
warmup=${WARMUP:-10}
soak=${SOAK:-60}
token=bench-token-0123456789abcdef

[ -x "$bench" ] || { echo "run.sh: $bench not built (cmake --build $build --target qd-bench-engine)" >&2; exit 1; }
[ "$soak" = 0 ] || [ -x "$server" ] || { echo "run.sh: $server not built (cmake --build $build --target queuedeck-server), or SOAK=0 to skip that part" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "run.sh: redis-server missing; run scripts/setup" >&2; exit 1; }

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

work=$(mktemp -d)
pids=()
cleanup() {
  set +e # every step must run, whatever the previous one returned
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "Engine polling benchmark ($(nproc) cores, redis-server $(redis-server --version | awk '{ sub("v=", "", $3); print $3 }'), $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "load before: $(uptime | sed 's/.*load average/load average/')"

read -r -a ports <<<"$(free_ports "$servers")"
endpoints=()
for port in "${ports[@]}"; do
  start_redis "$port" "$work"
  pids+=("$redis_started")
  endpoints+=("127.0.0.1:$port")
done
for port in "${ports[@]}"; do
  wait_redis "$port" "$work"
done

opts=(--queues "$queues" --workers "$workers")
"$bench" "${opts[@]}" seed "${endpoints[@]}"
echo
"$bench" "${opts[@]}" cost "${endpoints[0]}"
echo
"$bench" "${opts[@]}" cycle "$cycles" "${endpoints[@]}"
echo "load after the cycles: $(uptime | sed 's/.*load average/load average/')"

# A Sidekiq deployment on a server of its own (its seed flushes the database).
read -r sidekiq_port <<<"$(free_ports 1)"
start_redis "$sidekiq_port" "$work"
pids+=("$redis_started")
wait_redis "$sidekiq_port" "$work"
echo
"$bench" sidekiq-engine "$cycles" "127.0.0.1:$sidekiq_port"
echo
"$bench" sidekiq-cost "127.0.0.1:$sidekiq_port"
# A BullMQ deployment, on the same server (its seed flushes the database again).
echo
"$bench" bullmq-engine "$cycles" "127.0.0.1:$sidekiq_port"

# An RQ deployment on that server: the benchmark's world, then jobs enqueued by RQ itself
# (Debian's python3-rq; the interpreter is named because another python3 may come first in
# PATH), polled through the engine; then RQ's own API counts the same data and must agree.
# RQ's registry counts run its cleanup, which moves the abandoned job from started to failed,
# so they come last.
echo
rq_endpoint="127.0.0.1:$sidekiq_port"
"$bench" rq-seed "$rq_endpoint"
python=/usr/bin/python3
if "$python" -c 'import rq' 2>/dev/null; then
  REDIS_URL="redis://$rq_endpoint/0" "$python" - <<'EOF'
import os
from datetime import timedelta

import redis
from rq import Queue

conn = redis.Redis.from_url(os.environ["REDIS_URL"])
queues = sorted(Queue.all(connection=conn), key=lambda q: q.name)
for n, q in enumerate(queues):
    jobs = [q.enqueue("reports.send_report", 1000 + n * 10 + i) for i in range(3)]
    if n % 4 == 0:
        q.enqueue_in(timedelta(hours=2), "reports.send_report", 2000 + n)
        q.enqueue("reports.send_report", 3000 + n, depends_on=jobs[0])
print(f"RQ {__import__('rq').VERSION} enqueued 3 jobs in each of {len(queues)} queues, "
      f"a scheduled and a deferred one in every fourth")
EOF
else
  echo "(python3-rq missing: the RQ deployment is the benchmark's own writes only)"
fi
"$bench" rq-engine "$cycles" "$rq_endpoint" | tee "$work/rq.out"
if "$python" -c 'import rq' 2>/dev/null; then
  REDIS_URL="redis://$rq_endpoint/0" "$python" - "$(grep -o 'rq-totals.*' "$work/rq.out")" <<'EOF'
import os
import re
import sys

import redis
from rq import Queue, Worker
from rq.registry import (FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry,
                         StartedJobRegistry)

conn = redis.Redis.from_url(os.environ["REDIS_URL"])
qd = {k: int(v) for k, v in re.findall(r"(\w+)=(-?\d+)", sys.argv[1])}
queues = Queue.all(connection=conn)
own = {"queued": sum(q.count for q in queues)}
# Started first: its cleanup moves the abandoned job into failed.
own["started"] = sum(StartedJobRegistry(queue=q).count for q in queues)
own["failed"] = sum(FailedJobRegistry(queue=q).count for q in queues)
own["finished"] = sum(FinishedJobRegistry(queue=q).count for q in queues)
own["scheduled"] = sum(ScheduledJobRegistry(queue=q).count for q in queues)
own["workers"] = len(Worker.all(connection=conn))
expected = dict(qd, failed=qd["failed"] + qd["abandoned"])
del expected["abandoned"]
line = ", ".join(f"{k} {own[k]}" for k in own)
if own == expected:
    print(f"  RQ's own API after the polls: {line} (failed includes the abandoned job its "
          "cleanup moved): agrees with QueueDeck")
else:
    print(f"  RQ's own API: {line}; QueueDeck: {sys.argv[1]}: DIFFERENT")
    sys.exit(1)
EOF
fi
echo
"$bench" rq-cost "$rq_endpoint"

# A Celery broker on that server, its workers played by the benchmark's event publisher; then
# kombu's own count of each bound queue (a passive declare sums the priority lists) must give
# the same number of waiting messages.
echo
"$bench" celery-engine "$cycles" "127.0.0.1:$sidekiq_port" | tee "$work/celery.out"
if "$python" -c 'import celery' 2>/dev/null; then
  BROKER="redis://127.0.0.1:$sidekiq_port/0" "$python" - "$(grep -o '[0-9]* messages waiting' "$work/celery.out")" <<'EOF'
import os
import sys

from celery import Celery

app = Celery("bench", broker=os.environ["BROKER"])
with app.connection_for_read() as conn:
    channel = conn.default_channel
    client = channel.client
    names = set()
    for key in client.scan_iter(match="_kombu.binding.*", count=1000):
        exchange = key.decode()[len("_kombu.binding."):]
        if exchange.endswith(".pidbox") or exchange == "celeryev":
            continue
        names.update(m.decode().split("\x06\x16")[2] for m in client.smembers(key))
    waiting = 0
    for name in sorted(names):
        try:
            waiting += channel.queue_declare(name, passive=True).message_count
        except Exception:  # a bound queue without lists: kombu says it does not exist
            pass
    unacked = client.hlen(channel.unacked_key)
qd = int(sys.argv[1].split()[0])
verdict = "agrees with QueueDeck" if waiting == qd else f"QueueDeck said {qd}: DIFFERENT"
print(f"  kombu's own count: {waiting} messages waiting in {len(names)} bound queues, {unacked} "
      f"unacked: {verdict}")
sys.exit(0 if waiting == qd else 1)
EOF
fi

# queuedeck-server polling every cluster every INTERVAL, sampled from /proc.
[ "$soak" = 0 ] && exit 0
read -r api_port <<<"$(free_ports 1)"
"$bench" "${opts[@]}" config "$work/config.json" "$interval" "$api_port" "$work/audit.sqlite" "${endpoints[@]}"
XDG_DATA_HOME="$work/data" "$server" --config "$work/config.json" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
pids+=($server_pid)

metric_sum() { # name -> sum over every series of that metric in /metrics
  curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/metrics" \
    | awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d\n", s }'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }

sleep "$warmup"
kill -0 "$server_pid" 2>/dev/null || { echo "run.sh: queuedeck-server exited" >&2; tail "$work/server.log" >&2; exit 1; }
polls_before=$(metric_sum queuedeck_polls_total)
failures_before=$(metric_sum queuedeck_poll_failures_total)
hz=$(getconf CLK_TCK)
t0=$(date +%s.%N)
c0=$(cpu_ticks)
rss_max=0
rss_sum=0
for _ in $(seq "$soak"); do
  sleep 1
  r=$(rss_kib)
  rss_sum=$((rss_sum + r))
  [ "$r" -gt "$rss_max" ] && rss_max=$r
done
c1=$(cpu_ticks)
t1=$(date +%s.%N)
polls=$(( $(metric_sum queuedeck_polls_total) - polls_before ))
failures=$(( $(metric_sum queuedeck_poll_failures_total) - failures_before ))
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$server_pid/status")
echo
echo "queuedeck-server polling $servers clusters every $interval, sampled for ${soak} s after ${warmup} s:"
awk -v c="$((c1 - c0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v polls="$polls" -v n="$servers" '
  BEGIN {
    s = t1 - t0
    printf "  CPU: %.2f s of CPU in %.1f s = %.2f %% of one core (target < 5 %%)\n", c / hz, s, 100 * c / hz / s
    printf "  polls: %d in %.1f s (%.2f per cluster per second)", polls, s, polls / s / n
    if (polls > 0) printf ", %.2f ms of CPU per poll", 1000 * c / hz / polls
    printf "\n"
  }'
echo "  poll failures: $failures"
echo "  RSS: mean $((rss_sum / soak / 1024)) MiB, max $((rss_max / 1024)) MiB, peak (VmHWM) $((hwm / 1024)) MiB (target < 150 MB); threads: $threads"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

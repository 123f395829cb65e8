#!/usr/bin/env bash
# The long actions' speed, through the real ActionEngine: the benchmark action's enqueue
# throughput next to redis-benchmark LPUSH with the same value size and pipeline depth,
# requeue_dlq of a million dead letters (jobs/s, and what Redis's latency monitor and slowlog
# saw), and purge_dlq of a million dead letters.
#
#   bench/actions/run.sh [build-dir]     (default ./build; needs qd-bench-actions built)
#
# Starts its own redis-server on a free loopback port and stops it on exit. Tunables: COUNT
# (jobs per enqueue run, 1000000), PAYLOAD (the action's payload_bytes, 256), DEPTH (pipeline
# depth, 50), RUNS (3; enqueue runs alternate with redis-benchmark, the median is reported),
# DEAD (dead letters for requeue and purge, 1000000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bench="$build/bench/actions/qd-bench-actions"
count=${COUNT:-1000000}
payload=${PAYLOAD:-256}
depth=${DEPTH:-50}
runs=${RUNS:-3}
dead=${DEAD:-1000000}

[ -x "$bench" ] || { echo "run.sh: $bench not built (cmake --build $build --target qd-bench-actions)" >&2; exit 1; }
for tool in redis-server redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing; run scripts/setup" >&2; exit 1; }
done

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

work=$(mktemp -d)
redis_pid=""
cleanup() {
  set +e
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
start_redis "$port" "$work"
redis_pid=$redis_started
wait_redis "$port" "$work"
endpoint="127.0.0.1:$port"

value() { sed -n "s/^$1=//p" "$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
load() { uptime | sed 's/.*load average/load average/'; }

echo "Actions benchmark ($(nproc) cores, redis-server $(redis-server --version | awk '{ sub("v=", "", $3); print $3 }'), $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "load before: $(load)"
echo
redis_cpu_ms() { # CPU time of redis-server's main thread so far
  redis-cli -p "$port" info cpu | awk -F: '/^used_cpu_(sys|user)_main_thread:/ { s += $2 } END { printf "%.0f\n", s * 1000 }'
}
echo "benchmark action vs redis-benchmark -t lpush -c 1 -P $depth -n $count, same bytes per job:"
echo "(CPU ms per 1000 jobs: client = the whole client process, redis = redis-server's main thread)"
: >"$work/runs"
for run in $(seq "$runs"); do
  redis-cli -p "$port" flushall >/dev/null
  "$bench" enqueue "$endpoint" "$count" "$payload" "$depth" >"$work/enqueue"
  ours=$(value jobs_per_second "$work/enqueue")
  our_client=$(awk -v c="$(value client_cpu_ms "$work/enqueue")" -v n="$count" 'BEGIN { printf "%.1f", 1000 * c / n }')
  our_redis=$(awk -v c="$(value redis_cpu_ms "$work/enqueue")" -v n="$count" 'BEGIN { printf "%.1f", 1000 * c / n }')
  # The value size redis-benchmark needs to send the same bytes per LPUSH as the action did:
  # what Redis received per job, less the RESP framing of "LPUSH <key> <value>".
  size=$(python3 -c "
import sys
per_job, key = float(sys.argv[1]), int(sys.argv[2])
framing = len('*3\r\n\$5\r\nLPUSH\r\n') + len(f'\${key}\r\n') + key + 2
v = per_job - framing - 3
print(round(v - len(str(round(v)))))" "$(value redis_bytes_in_per_job "$work/enqueue")" "$(value key_bytes "$work/enqueue")")
  redis-cli -p "$port" flushall >/dev/null
  r0=$(redis_cpu_ms)
  timing=$( { TIMEFORMAT="%U %S"; time redis-benchmark -h 127.0.0.1 -p "$port" -c 1 -P "$depth" -n "$count" -d "$size" --csv -t lpush >"$work/rb" 2>/dev/null; } 2>&1 )
  r1=$(redis_cpu_ms)
  theirs=$(awk -F'","' 'NR == 2 { print int($2) }' "$work/rb")
  their_client=$(awk -v t="$timing" -v n="$count" 'BEGIN { split(t, a, " "); printf "%.1f", 1e6 * (a[1] + a[2]) / n }')
  their_redis=$(awk -v c="$((r1 - r0))" -v n="$count" 'BEGIN { printf "%.1f", 1000 * c / n }')
  ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
  # With one connection the client and Redis take turns, so on an idle machine a job costs
  # about client CPU + Redis CPU: the ratio those sums give does not depend on the load.
  cpu_ratio=$(awk -v oc="$our_client" -v orr="$our_redis" -v tc="$their_client" -v tr="$their_redis" \
    'BEGIN { printf "%.2f", (tc + tr) / (oc + orr) }')
  printf '  run %d: action %s jobs/s (batch p50 %s ms, p99 %s ms; CPU client %s, redis %s), redis-benchmark %s req/s at -d %s (CPU client %s, redis %s); ratio %s, CPU ratio %s\n' \
    "$run" "$ours" "$(value batch_p50_ms "$work/enqueue")" "$(value batch_p99_ms "$work/enqueue")" \
    "$our_client" "$our_redis" "$theirs" "$size" "$their_client" "$their_redis" "$ratio" "$cpu_ratio"
  echo "$ratio $ours $theirs $cpu_ratio" >>"$work/runs"
done
read -r ratio ours theirs cpu_ratio <<<"$(sort -n "$work/runs" | sed -n "$(( (runs + 1) / 2 ))p")"
echo "  median run: action $ours jobs/s, redis-benchmark $theirs req/s, ratio $ratio, CPU ratio $cpu_ratio (target >= 0.80)"
echo "  load: $(load)"
redis-cli -p "$port" flushall >/dev/null

echo
echo "requeue_dlq of $dead dead letters (target >= 200000 jobs/s, no batch blocking Redis > 10 ms):"
for run in $(seq "$runs"); do
  "$bench" requeue "$endpoint" "$dead" >"$work/requeue"
  printf '  run %d: %s jobs/s (%s ms in the runner, %s ms confirm to end); worst latency event %s ms; slowlog entries > 10 ms: %s\n' \
    "$run" "$(value jobs_per_second "$work/requeue")" "$(value target_duration_ms "$work/requeue")" \
    "$(value confirm_to_end_ms "$work/requeue")" "$(value latency_worst_ms "$work/requeue")" \
    "$(value slowlog_len "$work/requeue")"
  printf '         CPU: redis main thread %s ms (%s ms per batch), client %s ms; CPU-bound rate %s jobs/s\n' \
    "$(value redis_cpu_ms "$work/requeue")" "$(value redis_cpu_ms_per_batch "$work/requeue")" \
    "$(value client_cpu_ms "$work/requeue")" "$(value cpu_bound_jobs_per_second "$work/requeue")"
  printf '         LATENCY LATEST: %s; EVAL %s\n' "$(value latency_latest "$work/requeue")" "$(value cmdstat_eval "$work/requeue")"
done
echo "  load: $(load)"
redis-cli -p "$port" flushall >/dev/null

echo
echo "purge_dlq of $dead dead letters (target < 50 ms):"
for run in $(seq "$runs"); do
  "$bench" purge "$endpoint" "$dead" >"$work/purge"
  printf '  run %d: %s ms in the runner, %s ms confirm to end; used_memory %s -> %s MB; worst latency event %s ms; slowlog entries > 10 ms: %s\n' \
    "$run" "$(value target_duration_ms "$work/purge")" "$(value confirm_to_end_ms "$work/purge")" \
    "$(value used_memory_before_mb "$work/purge")" "$(value used_memory_after_mb "$work/purge")" \
    "$(value latency_worst_ms "$work/purge")" "$(value slowlog_len "$work/purge")"
done
echo "  load: $(load)"

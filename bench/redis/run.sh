#!/usr/bin/env bash
# Round trips and throughput of QueueDeck's Redis layer, next to redis-benchmark.
#
#   bench/redis/run.sh [build-dir]        (default: ./build; needs qd-bench-redis built)
#
# Starts its own redis-server on a free loopback port (and the delaying proxy in front of it),
# prints a table, and stops both on exit. Tunables: DELAY_MS (one-way proxy delay, 20),
# DEPTH (pipeline depth, 50), TOTAL (commands per throughput run, 2000000), RUNS (5; the
# median is reported).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
bench="$build/bench/redis/qd-bench-redis"
delay_ms=${DELAY_MS:-20}
depth=${DEPTH:-50}
total=${TOTAL:-2000000}
runs=${RUNS:-5}
[ -x "$bench" ] || { echo "run.sh: $bench not built (cmake --build $build --target qd-bench-redis)" >&2; exit 1; }

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

work=$(mktemp -d)
redis_pid=""
proxy_pid=""
cleanup() {
  set +e # every step must run, whatever the previous one returned
  for pid in $proxy_pid $redis_pid; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
start_redis "$port" "$work"
redis_pid=$redis_started
wait_redis "$port" "$work"
redis-cli -p "$port" rpush bench:list a b c >/dev/null

proxy_port=$(free_port)
python3 -u "$here/delay_proxy.py" "$proxy_port" 127.0.0.1 "$port" "$delay_ms" >"$work/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 100); do
  grep -q ready "$work/proxy.log" 2>/dev/null && break
  sleep 0.05
done

value() { sed -n "s/^$1=//p"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

latency=$("$bench" latency "127.0.0.1:$proxy_port" "$depth" 20)
ping_ms=$(value ping_ms <<<"$latency")
pipe_ms=$(value pipeline_ms <<<"$latency")
pipe_rt=$(value pipeline_round_trips <<<"$latency")

# One throughput run; prints "<commands/s> <client CPU seconds>". The CPU figure (user + system
# of the client process) does not depend on how busy the rest of the machine is.
run_timed() {
  local out cpu
  out=$( { TIMEFORMAT="%U %S"; time "$@" >"$work/out" 2>/dev/null; } 2>&1 )
  cpu=$(awk '{ print $1 + $2 }' <<<"$out")
  echo "$(cat "$work/out") $cpu"
}
ours() {
  run_timed "$bench" throughput "127.0.0.1:$port" "$depth" "$total" "$1" \
    | awk '/^ops_per_sec=/ { split($0, a, "="); split(a[2], b, " "); print int(b[1]), b[2] }'
}
theirs() {
  run_timed redis-benchmark -h 127.0.0.1 -p "$port" -c "$1" -P "$depth" -n "$total" --csv \
    LLEN bench:list | awk -F'","' 'NR == 2 { split($0, c, "\" "); print int($2), c[2] }'
}
median_of() { awk -v f="$1" '{ print $f }' "$2" | median; }

echo "Redis layer benchmark ($(nproc) cores, redis-server $(redis-server --version | awk '{ sub("v=", "", $3); print $3 }'))"
echo
echo "Round trips through a proxy adding ${delay_ms} ms per chunk each way (median of 20):"
printf '  %-32s %8s ms\n' "PING (1 command)" "$ping_ms"
printf '  %-32s %8s ms   (%s round trip counted)\n' "pipeline of $depth LLEN" "$pipe_ms" "$pipe_rt"
echo
echo "Pipelined LLEN, depth $depth, $total commands per run, median of $runs interleaved runs:"
printf '  %-8s %16s %16s %7s %18s %18s\n' clients "qd commands/s" "r-b commands/s" ratio \
  "qd client CPU s" "r-b client CPU s"
for clients in 1 4; do
  : >"$work/ours"
  : >"$work/theirs"
  for _ in $(seq "$runs"); do
    ours "$clients" >>"$work/ours"
    theirs "$clients" >>"$work/theirs"
  done
  a=$(median_of 1 "$work/ours")
  b=$(median_of 1 "$work/theirs")
  printf '  %-8s %16s %16s %6s%% %18s %18s\n' "$clients" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f", 100 * a / b }')" \
    "$(median_of 2 "$work/ours")" "$(median_of 2 "$work/theirs")"
done

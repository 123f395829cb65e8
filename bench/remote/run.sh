#!/usr/bin/env bash
# Remote-like polling at scale: Redis servers behind real network latency without leaving the
# machine. Two network namespaces of the bench's own (one for QueueDeck, one for the Redis
# servers) are joined by one veth pair per latency class, each end delayed with netem, so
# every byte between QueueDeck and a Redis crosses a link with the class's round-trip time.
# Where the kernel has no netem (CONFIG_NET_SCH_NETEM), one veth pair without delay joins them
# and the latency comes from bench/redis/delay_proxy.py in front of each Redis server (in the
# servers' namespace), which holds a "dropped" chunk back 200 ms, as a TCP retransmission would.
#
#   sudo bench/remote/run.sh [build-dir]   (needs root for ip netns and tc; default ./build,
#                                          with qd-bench-engine and queuedeck-server built)
#
# Classes (round trip, extra): a 2 ms, b 20 ms, c 80 ms, d 20 ms dropping LOSS % of packets
# each way, s 20 ms on servers stopped (SIGSTOP) for STALL_S seconds in every STALL_EVERY.
# Each Redis server holds many clusters, one per database, as a platform team's small queue
# systems would be (QUEUES queues, WORKERS workers each).
#
# Parts:
#   1. cycle: CYCLE_CLUSTERS clusters of class b (20 ms), each polled alone and then all at
#      once, CYCLES times each (qd-bench-engine cycle): a full cycle against the slowest
#      single cluster's poll.
#   2. soak: queuedeck-server polling CLUSTERS clusters of every class every INTERVAL, sampled
#      for SOAK seconds after WARMUP: CPU, RSS, threads, sockets, polls and failures, the
#      oldest poll age of any cluster, and how the connections were opened at start-up
#      (TCP active opens in QueueDeck's namespace, sampled every millisecond).
#
# Everything lives in the namespaces the script creates (addresses 10.251.<class>.1 and .2
# exist only there); the namespaces, their links and qdiscs, the servers and the stall loops
# are removed on exit. Tunables: CLUSTERS (2000), INTERVAL (5s), SOAK (60), WARMUP (20),
# CYCLE_CLUSTERS (50), CYCLES (5), QUEUES (5), WORKERS (10), PER_SERVER (200 databases per
# server), LOSS (5), STALL_S (3), STALL_EVERY (10), PART (all | cycle | soak), AGES (30 s of
# poll-age sampling after SOAK), PERF (seconds of CPU profile at the start of SOAK, written to
# $TMPDIR/qd-bench-remote.perf.data; none by default), WRAP (a command to run the server
# under, e.g. "heaptrack -o /tmp/qd-heap"; none by default).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bench="$build/bench/engine/qd-bench-engine"
server="$build/src/app/queuedeck-server"
clusters=${CLUSTERS:-2000}
interval=${INTERVAL:-5s}
soak=${SOAK:-60}
warmup=${WARMUP:-20}
cycle_clusters=${CYCLE_CLUSTERS:-50}
cycles=${CYCLES:-5}
queues=${QUEUES:-5}
workers=${WORKERS:-10}
per_server=${PER_SERVER:-200}
loss=${LOSS:-5}
stall_s=${STALL_S:-3}
stall_every=${STALL_EVERY:-10}
part=${PART:-all}
token=bench-token-0123456789abcdef

[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (ip netns, tc)" >&2; exit 1; }
[ -x "$bench" ] || { echo "run.sh: $bench not built (QD_BUILD_BENCH=ON, target qd-bench-engine)" >&2; exit 1; }
[ -x "$server" ] || { echo "run.sh: $server not built" >&2; exit 1; }
for tool in ip tc redis-server redis-cli curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing; run scripts/setup" >&2; exit 1; }
done

tag=$$
cns="qdr-c-$tag" # QueueDeck's side
sns="qdr-s-$tag" # the Redis servers' side
work=$(mktemp -d)
pids=()
cleanup() {
  set +e # every step must run, whatever the previous one returned
  for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  [ -f "$work/server.log" ] && cp "$work/server.log" "${TMPDIR:-/tmp}/qd-bench-remote-server.log"
  ip netns del "$cns" 2>/dev/null # takes its ends of the veth pairs and their qdiscs along
  ip netns del "$sns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

ip netns add "$cns" || { echo "run.sh: ip netns add refused; this bench needs network namespaces" >&2; exit 1; }
ip netns add "$sns"
ip -n "$cns" link set lo up
ip -n "$sns" link set lo up
mode=netem
ip link add "qdt-$tag" type veth peer name "qdu-$tag"
ip link set "qdt-$tag" netns "$cns"
ip netns exec "$cns" tc qdisc add dev "qdt-$tag" root netem delay 1ms 2>/dev/null || mode=proxy
ip -n "$cns" link del "qdt-$tag"

# class number -> name, round trip (ms), loss (%)
declare -A class_rtt=([1]=2 [2]=20 [3]=80 [4]=20 [5]=20)
declare -A class_loss=([1]=0 [2]=0 [3]=0 [4]="$loss" [5]=0)
declare -A class_name=([1]=a [2]=b [3]=c [4]=d [5]=s)
links=(1 2 3 4 5)
[ "$mode" = proxy ] && links=(1)
for i in "${links[@]}"; do
  ip link add "qdc$i-$tag" type veth peer name "qds$i-$tag"
  ip link set "qdc$i-$tag" netns "$cns"
  ip link set "qds$i-$tag" netns "$sns"
  ip -n "$cns" addr add "10.251.$i.1/24" dev "qdc$i-$tag"
  ip -n "$sns" addr add "10.251.$i.2/24" dev "qds$i-$tag"
  ip -n "$cns" link set "qdc$i-$tag" up
  ip -n "$sns" link set "qds$i-$tag" up
  [ "$mode" = proxy ] && continue
  half_us=$((class_rtt[$i] * 500)) # half the round trip on each end's way out
  extra=()
  [ "${class_loss[$i]}" != 0 ] && extra=(loss "${class_loss[$i]}%")
  ip netns exec "$cns" tc qdisc add dev "qdc$i-$tag" root netem delay "${half_us}us" limit 100000 "${extra[@]}"
  ip netns exec "$sns" tc qdisc add dev "qds$i-$tag" root netem delay "${half_us}us" limit 100000 "${extra[@]}"
done

echo "Remote-like polling benchmark ($(nproc) cores, redis-server $(redis-server --version | awk '{ sub("v=", "", $3); print $3 }'), $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "latency: $mode"
[ "$mode" = netem ] && ip netns exec "$cns" ping -c 3 -q 10.251.3.2 | tail -1 | sed 's/^/class c (80 ms) ping: /'

# start_servers CLASS COUNT DATABASES: COUNT redis-servers, ports from 7000; appends
# "CLASS:PORT:PID:POLLED" to $servers_started, POLLED being the host:port QueueDeck polls
# (netem: the server itself on its class's link; proxy: its delay proxy, port + 1000).
next_port=7000
servers_started=()
start_servers() {
  local class=$1 count=$2 dbs=$3 port host=10.251.$1.2 polled
  [ "$mode" = proxy ] && host=10.251.1.2
  for _ in $(seq "$count"); do
    port=$next_port
    next_port=$((next_port + 1))
    ip netns exec "$sns" redis-server --bind "$host" 127.0.0.1 --port "$port" --databases "$dbs" \
      --save '' --appendonly no --dir "$work" --maxclients 10000 --protected-mode no \
      >"$work/redis-$port.log" 2>&1 &
    pids+=($!)
    local redis_pid=$!
    polled="$host:$port"
    if [ "$mode" = proxy ]; then
      ip netns exec "$sns" python3 "$root/bench/redis/delay_proxy.py" "$((port + 1000))" 127.0.0.1 "$port" \
        "$((class_rtt[$class] / 2))" "${class_loss[$class]}" 200 "$host" >/dev/null 2>&1 &
      pids+=($!)
      polled="$host:$((port + 1000))"
    fi
    servers_started+=("$class:$port:$redis_pid:$polled")
  done
}
wait_servers() {
  local spec class port host pport
  for spec in "${servers_started[@]}"; do
    IFS=: read -r class port _ host pport <<<"$spec"
    for _ in $(seq 200); do
      # Through the proxy too, when there is one: it starts slower than Redis.
      [ "$(ip netns exec "$cns" redis-cli -h "$host" -p "$port" ping 2>/dev/null)" = PONG ] \
        && [ "$(ip netns exec "$cns" redis-cli -h "$host" -p "$pport" ping 2>/dev/null)" = PONG ] && continue 2
      sleep 0.05
    done
    echo "run.sh: redis-server 10.251.$class.2:$port did not start" >&2
    cat "$work/redis-$port.log" >&2
    exit 1
  done
}

# endpoints_of CLASS N [direct]: N cluster endpoints (one database each) over the class's
# servers, as QueueDeck polls them; with "direct", the servers themselves (for seeding).
endpoints_of() {
  local class=$1 n=$2 spec c port pid polled pport db=0 list=()
  local addrs=()
  for spec in "${servers_started[@]}"; do
    IFS=: read -r c port pid polled pport <<<"$spec"
    [ "$c" = "$class" ] || continue
    if [ "${3:-}" = direct ]; then addrs+=("$polled:$port"); else addrs+=("$polled:$pport"); fi
  done
  local k=0
  while [ ${#list[@]} -lt "$n" ]; do
    list+=("redis://${addrs[$((k % ${#addrs[@]}))]}/$db")
    k=$((k + 1))
    if [ $((k % ${#addrs[@]})) = 0 ]; then db=$((db + 1)); fi
  done
  echo "${list[@]}"
}

seed() { # endpoints... : seeded 100 at a time (a thread each)
  local all=("$@") i
  for ((i = 0; i < ${#all[@]}; i += 100)); do
    ip netns exec "$cns" "$bench" --queues "$queues" --workers "$workers" seed "${all[@]:i:100}" >/dev/null
  done
}

if [ "$part" = all ] || [ "$part" = cycle ]; then
  servers_started=()
  start_servers 2 "$(( (cycle_clusters + per_server - 1) / per_server ))" "$per_server"
  wait_servers
  read -r -a cyc <<<"$(endpoints_of 2 "$cycle_clusters")"
  read -r -a cyc_direct <<<"$(endpoints_of 2 "$cycle_clusters" direct)"
  seed "${cyc_direct[@]}"
  echo
  echo "Part 1: $cycle_clusters clusters at 20 ms RTT ($queues queues, $workers workers each)"
  ip netns exec "$cns" "$bench" --queues "$queues" --workers "$workers" cycle "$cycles" "${cyc[@]}"
  echo "load after the cycles: $(uptime | sed 's/.*load average/load average/')"
  for spec in "${servers_started[@]}"; do IFS=: read -r _ _ pid _ <<<"$spec"; kill "$pid" 2>/dev/null || true; done
fi

[ "$part" = all ] || [ "$part" = soak ] || exit 0

# The fleet: 40 % class a, 35 % b, 15 % c, 5 % d (lossy), 5 % s (stalling), on servers of at
# most PER_SERVER databases; the stalling ones on servers of their own, a few clusters each.
servers_started=()
n_d=$((clusters * 5 / 100)); n_s=$((clusters * 5 / 100)); n_c=$((clusters * 15 / 100))
n_b=$((clusters * 35 / 100)); n_a=$((clusters - n_b - n_c - n_d - n_s))
need() { echo $(( ($1 + per_server - 1) / per_server )); }
start_servers 1 "$(need "$n_a")" "$per_server"
start_servers 2 "$(need "$n_b")" "$per_server"
start_servers 3 "$(need "$n_c")" "$per_server"
start_servers 4 "$(need "$n_d")" "$per_server"
stall_servers=$(( n_s > 0 ? (n_s + 9) / 10 : 0 ))
start_servers 5 "$stall_servers" 16
wait_servers
fleet=()
fleet_direct=()
for pair in "1 $n_a" "2 $n_b" "3 $n_c" "4 $n_d" "5 $n_s"; do
  read -r class n <<<"$pair"
  [ "$n" -gt 0 ] || continue
  read -r -a part_endpoints <<<"$(endpoints_of "$class" "$n")"
  fleet+=("${part_endpoints[@]}")
  read -r -a part_endpoints <<<"$(endpoints_of "$class" "$n" direct)"
  fleet_direct+=("${part_endpoints[@]}")
done
echo
echo "Part 2: queuedeck-server polling ${#fleet[@]} clusters every $interval: $n_a at 2 ms, $n_b at 20 ms, $n_c at 80 ms, $n_d at 20 ms with $loss % loss, $n_s at 20 ms on $stall_servers servers stopped ${stall_s} s in every ${stall_every} s; ${#servers_started[@]} redis-servers"
seed "${fleet_direct[@]}"
for spec in "${servers_started[@]}"; do
  IFS=: read -r class port pid _ <<<"$spec"
  [ "$class" = 5 ] || continue
  ( while sleep "$((stall_every - stall_s))"; do kill -STOP "$pid"; sleep "$stall_s"; kill -CONT "$pid"; done ) &
  pids+=($!)
done

api_port=8089
ip netns exec "$cns" "$bench" --queues "$queues" --workers "$workers" config "$work/config.json" "$interval" "$api_port" "$work/audit.sqlite" "${fleet[@]}"
# TCP connections QueueDeck's namespace opens, every millisecond from before the start.
ip netns exec "$cns" python3 - "$work/opens.txt" 15 <<'PY' &
import sys, time
out, seconds = sys.argv[1], float(sys.argv[2])
def opens():
    with open("/proc/net/snmp") as f:
        rows = [l.split() for l in f if l.startswith("Tcp:")]
    return int(rows[1][rows[0].index("ActiveOpens")])
samples, end = [], time.monotonic() + seconds
while time.monotonic() < end:
    samples.append((time.monotonic(), opens()))
    time.sleep(0.001)
with open(out, "w") as f:
    for t, n in samples:
        f.write(f"{t:.6f} {n}\n")
PY
sampler=$!
pids+=($sampler)
sleep 0.5
# WRAP: a command to run the server under (e.g. "heaptrack -o /tmp/qd-heap"), for diagnosis;
# the server is then found by its command line, sampled and stopped itself.
# shellcheck disable=SC2086
ip netns exec "$cns" env XDG_DATA_HOME="$work/data" ${WRAP:-} "$server" --config "$work/config.json" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
pids+=($server_pid)
if [ -n "${WRAP:-}" ]; then
  # The wrapper may run the server as its child: sample and stop the server itself.
  for _ in $(seq 100); do
    real=$(pgrep -n -f "^$server --config $work/config.json" || true)
    [ -n "$real" ] && break
    sleep 0.1
  done
  [ -n "$real" ] || { echo "run.sh: the server did not start under WRAP" >&2; exit 1; }
  server_pid=$real
  pids+=($server_pid)
fi
wait "$sampler" || true

metrics() { ip netns exec "$cns" curl -s -m 20 -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/metrics" || true; }
metric_sum() { metrics | awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d\n", s }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }
# Thread switches of every thread alive now (a pool thread that expired takes its count along).
switches() { cat /proc/"$server_pid"/task/*/status 2>/dev/null | awk '/ctxt_switches:/ { s += $2 } END { print s + 0 }'; }
sockets() { { ls -l "/proc/$server_pid/fd" 2>/dev/null || true; } | grep -c 'socket:' || true; }

awk -v n="${#fleet[@]}" '
  NR == 1 { t0 = $1; base = $2; last = $2 }
  { ms = int(($1 - t0) * 1000); per[ms] += $2 - last; last = $2; if ($2 > base && !first) first = $1
    if ($2 - base >= n && !done) done = $1 }
  END {
    for (m in per) { if (per[m] > peak) peak = per[m]; w = int(m / 100); win[w] += per[m] }
    for (w in win) if (win[w] > peak100) peak100 = win[w]
    printf "  start-up: %d connections opened in the first 15 s; at most %d in one millisecond, %d in one 100 ms window", last - base, peak, peak100
    if (done) printf "; the first %d took %.2f s", n, done - first
    printf "\n"
  }' "$work/opens.txt"

sleep "$warmup"
kill -0 "$server_pid" 2>/dev/null || { echo "run.sh: queuedeck-server exited" >&2; tail "$work/server.log" >&2; exit 1; }
# Two phases. First QueueDeck alone: CPU, memory, threads and sockets from /proc, with one
# scrape of /metrics before and after for the poll counts, so the figures are what polling
# costs, not what the bench's own scraping costs (a /metrics page of 2 000 clusters is large,
# and Prometheus would fetch it every 15 s or more, not every second). Then AGES seconds with
# a scrape every second, for each cluster's poll age, and what one scrape costs.
polls_before=$(metric_sum queuedeck_polls_total)
failures_before=$(metric_sum queuedeck_poll_failures_total)
hz=$(getconf CLK_TCK)
t0=$(date +%s.%N)
c0=$(cpu_ticks)
x0=$(switches)
rss_max=0; rss_sum=0; sock_max=0; thr_max=0
# PERF=<seconds>: a CPU profile of queuedeck-server over the first seconds of the sample
# (perf's software clock, which works where the machine has no hardware counters).
if [ -n "${PERF:-}" ]; then
  perf record -q -e cpu-clock -F 499 -g -p "$server_pid" -o "${TMPDIR:-/tmp}/qd-bench-remote.perf.data" \
    -- sleep "$PERF" >/dev/null 2>&1 &
  pids+=($!)
fi
sample_proc() {
  r=$(rss_kib); rss_sum=$((rss_sum + r)); if [ "$r" -gt "$rss_max" ]; then rss_max=$r; fi
  k=$(sockets); if [ "$k" -gt "$sock_max" ]; then sock_max=$k; fi
  th=$(awk '/^Threads:/ { print $2 }' "/proc/$server_pid/status"); if [ "$th" -gt "$thr_max" ]; then thr_max=$th; fi
}
for s in $(seq "$soak"); do
  sleep 1
  sample_proc
done
c1=$(cpu_ticks)
x1=$(switches)
t1=$(date +%s.%N)
polls=$(( $(metric_sum queuedeck_polls_total) - polls_before ))
failures=$(( $(metric_sum queuedeck_poll_failures_total) - failures_before ))
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
n=${#fleet[@]}
echo "  sampled for ${soak} s after ${warmup} s, nothing but /proc read meanwhile:"
awk -v c="$((c1 - c0))" -v x="$((x1 - x0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v polls="$polls" -v n="$n" '
  BEGIN {
    s = t1 - t0
    printf "  CPU: %.2f s in %.1f s = %.2f %% of one core (target < 10 %%); %.1f µs of CPU per cluster per second", c / hz, s, 100 * c / hz / s, 1e6 * c / hz / s / n
    if (polls > 0) printf ", %.3f ms per poll", 1000 * c / hz / polls
    printf "\n  polls: %d (%.3f per cluster per second)\n", polls, polls / s / n
    printf "  thread switches: %d per second", x / s
    if (polls > 0) printf ", %.1f per poll", x / polls
    printf "\n"
  }'
echo "  poll failures: $failures (lossy and stalling clusters)"
echo "  RSS: mean $((rss_sum / soak / 1024)) MiB, max $((rss_max / 1024)) MiB, peak (VmHWM) $((hwm / 1024)) MiB (target < 300 MiB); threads: at most $thr_max; sockets: at most $sock_max"

ages=${AGES:-30}
: >"$work/ages.txt"
t2=$(date +%s.%N)
c2=$(cpu_ticks)
for s in $(seq "$ages"); do
  sleep 1
  now=$(date +%s.%N)
  metrics | awk -v now="$now" '$1 ~ /^queuedeck_polls_total\{/ { print now, $1, $2 }' >>"$work/ages.txt"
done
c3=$(cpu_ticks)
t3=$(date +%s.%N)
# What the scrapes added: CPU above the polling rate of the first phase, per scrape.
awk -v c01="$((c1 - c0))" -v c23="$((c3 - c2))" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v k="$ages" '
  BEGIN { base = c01 / hz / (t1 - t0); extra = c23 / hz - base * (t3 - t2)
    printf "  /metrics, scraped every second for %d s: %.1f ms of CPU per scrape above polling\n", k, 1000 * extra / k }'
# Oldest poll age: a cluster whose polls (ok and failed together) did not move between two
# samples aged meanwhile. One second's scrape is summed per cluster first: each result is a
# series of its own, and a cluster's "failed" series alone stands still for as long as it
# keeps succeeding.
awk '{ match($2, /cluster="[^"]*"/); c = substr($2, RSTART + 9, RLENGTH - 10); n[$1 " " c] += $3 }
  END { for (k in n) print k, n[k] }' "$work/ages.txt" | sort -k1,1n -k2,2 >"$work/ages-by-cluster.txt"
awk -v iv="${interval%s}" '
  { key = $2; if (!(key in seen)) { seen[key] = $3; since[key] = $1; next }
    if ($3 != seen[key]) { seen[key] = $3; since[key] = $1 }
    age = $1 - since[key]; if (age > worst) { worst = age; who = key } }
  END { printf "  oldest poll age over %d s: %.1f s (%s); target < 2 intervals = %d s\n", '"$ages"', worst, who, 2 * iv }' "$work/ages-by-cluster.txt"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

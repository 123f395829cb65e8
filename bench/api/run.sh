#!/usr/bin/env bash
# The API's speed: GET /api/v1/stats for 20 clusters from cache, next to nginx serving the same
# JSON bytes as a static file (same wrk, same run), then 1000 event-stream clients receiving
# events, with the server's memory per client.
#
#   bench/api/run.sh [build-dir]     (default ./build; needs queuedeck-server and
#                                     qd-bench-sse-fanout built; wrk and nginx from scripts/setup)
#
# Tunables: CLUSTERS (20), CONNECTIONS (wrk -c, 50), DURATION (wrk -d, 10s), ROUNDS (3; each
# round measures both servers, the median round is reported), SSE_CLIENTS (1000), SSE_EVENTS (20).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
server="$build/src/app/queuedeck-server"
fanout="$build/bench/api/qd-bench-sse-fanout"
clusters=${CLUSTERS:-20}
connections=${CONNECTIONS:-50}
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
sse_clients=${SSE_CLIENTS:-1000}
sse_events=${SSE_EVENTS:-20}
token=bench-token-0123456789abcdef

for tool in wrk nginx redis-server; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing; run scripts/setup" >&2; exit 1; }
done
for bin in "$server" "$fanout"; do
  [ -x "$bin" ] || { echo "run.sh: $bin not built (cmake --build $build)" >&2; exit 1; }
done
# 1000 clients and the server each need a descriptor per connection.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

work=$(mktemp -d)
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# One redis-server per cluster, each with a different backlog and a few dead letters.
cluster_json=""
for i in $(seq 1 "$clusters"); do
  port=$(free_port)
  start_redis "$port" "$work"
  pids+=("$redis_started")
  wait_redis "$port" "$work"
  redis-cli -p "$port" eval "for n = 1, tonumber(ARGV[1]) do redis.call('LPUSH', KEYS[1], '{\"id\":\"j' .. n .. '\"}') end" \
    1 jobqueue:high_priority $((i * 10)) >/dev/null
  redis-cli -p "$port" lpush jobqueue:dead_letter '{"id":"dead"}' >/dev/null
  cluster_json+="${cluster_json:+,}{\"name\":\"c$i\",\"label\":\"Cluster $i\",\"color\":\"green\",\"endpoint\":\"127.0.0.1:$port\",\"db\":0,\"enabled\":true}"
done

api_port=$(free_port)
cat >"$work/config.json" <<JSON
{"clusters": [$cluster_json],
 "polling": {"interval": "5s", "jitter": "1s", "timeout": "3s"},
 "cache": {"ttl": "5s"},
 "api": {"listen": "127.0.0.1:$api_port", "token": "$token"},
 "audit": {"path": "$work/audit.sqlite"}}
JSON
XDG_DATA_HOME="$work/data" "$server" --config "$work/config.json" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
pids+=($server_pid)
for _ in $(seq 200); do
  n=$(curl -s "http://127.0.0.1:$api_port/api/v1/stats" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
  [ "$n" = "$clusters" ] && break
  sleep 0.1
done
[ "$n" = "$clusters" ] || { echo "run.sh: the server never had stats for $clusters clusters" >&2; tail "$work/server.log" >&2; exit 1; }

# The same bytes for nginx: what the API answered a moment ago.
mkdir -p "$work/www/api/v1"
curl -s "http://127.0.0.1:$api_port/api/v1/stats" >"$work/www/api/v1/stats"
bytes=$(stat -c %s "$work/www/api/v1/stats")
nginx_port=$(free_port)
# One worker: QueueDeck answers from one thread (the engine's), so both use one core for serving.
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$nginx_port/api/v1/stats" >/dev/null && break
  sleep 0.05
done

rps() { # url -> requests/s and p99 latency from wrk
  wrk -t1 -c"$connections" -d"$duration" --latency "$1" | awk '
    /Requests\/sec/ { r = $2 } / 99%/ { p = $2 } END { print r, p }'
}

echo "GET /api/v1/stats, $clusters clusters, $bytes bytes, wrk -t1 -c$connections -d$duration"
results=()
for round in $(seq 1 "$rounds"); do
  read -r qd_rps qd_p99 < <(rps "http://127.0.0.1:$api_port/api/v1/stats")
  read -r nx_rps nx_p99 < <(rps "http://127.0.0.1:$nginx_port/api/v1/stats")
  ratio=$(python3 -c "print(f'{$qd_rps / $nx_rps:.2f}')")
  echo "  round $round: queuedeck $qd_rps req/s (p99 $qd_p99)  nginx $nx_rps req/s (p99 $nx_p99)  ratio $ratio"
  results+=("$ratio $qd_rps $qd_p99 $nx_rps $nx_p99")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
read -r ratio qd_rps qd_p99 nx_rps nx_p99 <<<"$median"
echo "  median round: queuedeck $qd_rps req/s, nginx $nx_rps req/s, ratio $ratio"

echo
echo "SSE: $sse_clients clients, $sse_events events"
"$fanout" --port "$api_port" --token "$token" --clients "$sse_clients" --events "$sse_events" --pid "$server_pid"

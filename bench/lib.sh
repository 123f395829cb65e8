# Shared by bench/*/run.sh (source it): free loopback ports and local redis-servers that the
# script stops on exit. Each script keeps the pids it must stop.

# free_port: one free loopback port.
# free_ports N: N distinct free ports at once (every socket is held open until all are picked).
free_ports() {
  python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}
free_port() { free_ports 1; }

# start_redis PORT DIR: a throwaway redis-server (no persistence) in the background, its log
# in DIR/redis-PORT.log; its pid is in $redis_started.
start_redis() {
  redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no --dir "$2" \
    >"$2/redis-$1.log" 2>&1 &
  redis_started=$!
}

# wait_redis PORT DIR: waits up to 10 s for PONG, else prints the server's log and exits.
wait_redis() {
  for _ in $(seq 200); do
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.05
  done
  echo "$(basename "$0"): redis-server on port $1 did not start" >&2
  cat "$2/redis-$1.log" >&2
  exit 1
}

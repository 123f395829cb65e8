#!/usr/bin/env bash
# The Sidekiq rig end to end, without QueueDeck: a throwaway redis-server, a real Sidekiq 6.4
# worker and the producer's workload; then, phase by phase, Sidekiq's own API (oracle.rb) must
# agree with what the workload implies and with the plain Redis steering commands the adapter
# will send (requeue a dead job by its exact string, quiet and stop through the signals list,
# clear a queue, purge the dead set). Redis and the worker are always stopped.
#
#   smoke.sh [--namespace NS]
#
# Exit 0 when every phase agrees; otherwise the mismatches and the worker log are printed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
namespace=
while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) namespace=$2; shift 2 ;;
    *) echo "smoke: unknown argument $1" >&2; exit 2 ;;
  esac
done
prefix=${namespace:+$namespace:}

for tool in redis-server redis-cli ruby sidekiq setpriv; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool missing: run scripts/setup" >&2; exit 1; }
done

work=$(mktemp -d -t qd-sidekiq-smoke.XXXXXX)
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
    echo "--- sidekiq log (tail) ---"
    tail -n 30 "$work/sidekiq.log" 2>/dev/null || true
    echo "--- redis log (tail) ---"
    tail -n 10 "$work/redis.log" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf 'smoke: %6.1f s  %s\n' "$(awk "BEGIN { print $(date +%s.%N) - $started }")" "$*"; }

# A free loopback port; a clash with another test is retried on a new one.
for _ in 1 2 3 4 5; do
  port=$(ruby -rsocket -e 's = TCPServer.new("127.0.0.1", 0); puts s.addr[1]; s.close')
  # The kernel kills the server (and, below, the worker) if this script dies without its trap.
  setpriv --pdeathsig KILL redis-server --port "$port" --bind 127.0.0.1 --save '' \
    --appendonly no --dir "$work" --enable-debug-command local >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  redis-cli -p "$port" ping >/dev/null 2>&1 && kill -0 "$redis_pid" 2>/dev/null && break
  stop_pid "$redis_pid" 2
  redis_pid=
done
[ -n "$redis_pid" ] || { echo "smoke: redis-server did not start" >&2; exit 1; }
export REDIS_URL="redis://127.0.0.1:$port/0" QD_SIDEKIQ_NAMESPACE=$namespace
rc() { redis-cli -p "$port" "$@"; }
step "redis-server on port $port${namespace:+, namespace $namespace}"

setpriv --pdeathsig KILL "$here/run-sidekiq.sh" exec -c 4 -t 1 >"$work/sidekiq.log" 2>&1 &
worker_pid=$!
identity=$("$here/run-sidekiq.sh" wait --pid "$worker_pid" --timeout 30)
step "sidekiq $worker_pid registered as $identity"

ruby "$here/producer.rb" >"$work/producer.json"
step "workload pushed"

# Polls the oracle until check.rb is satisfied for a phase, or fails with its last report.
expect_phase() { # phase, seconds, extra KEY=VALUE...
  local phase=$1 limit=$2
  shift 2
  local deadline
  deadline=$(($(date +%s) + limit))
  while :; do
    ruby "$here/oracle.rb" >"$work/oracle.json"
    if ruby "$here/check.rb" "$phase" "$work/oracle.json" "$work/producer.json" "$@" \
         >"$work/check.txt"; then
      step "phase $phase agrees"
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "smoke: phase $phase did not agree within $limit s:" >&2
      cat "$work/check.txt" >&2
      echo "last oracle: $(cat "$work/oracle.json")" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# Settled: every job has reached processed, retry, dead or schedule. The flaky job's single
# retry is due 1-10 s after its failure and the heartbeat flushes counters every 5 s.
expect_phase settled 60 pid="$worker_pid"

# The raw layout the adapter reads, checked against the live process.
fail_raw() { echo "smoke: raw layout: $*" >&2; exit 1; }
[ "$(rc type "${prefix}queues")" = set ] || fail_raw "${prefix}queues is not a set"
[ "$(rc type "${prefix}queue:parked")" = list ] || fail_raw "${prefix}queue:parked is not a list"
for z in schedule retry dead; do
  [ "$(rc type "$prefix$z")" = zset ] || fail_raw "$prefix$z is not a zset"
done
[ "$(rc sismember "${prefix}processes" "$identity")" = 1 ] || fail_raw "identity not in processes"
fields=$(rc hkeys "$prefix$identity" | sort | tr '\n' ' ')
[ "$fields" = "beat busy info quiet rss rtt_us " ] || fail_raw "heartbeat fields: $fields"
ttl=$(rc ttl "$prefix$identity")
{ [ "$ttl" -gt 0 ] && [ "$ttl" -le 60 ]; } || fail_raw "heartbeat TTL $ttl"
slow=$(ruby -rjson -e "print JSON.parse(File.read(ARGV[0]))[\"pushed\"][\"slow\"]" "$work/producer.json")
[ "$(rc hlen "$prefix$identity:workers")" = "$slow" ] || fail_raw "$identity:workers should hold $slow jobs"
[ "$(rc exists "$prefix$identity:work")" = 0 ] || fail_raw "6.4 should not write $identity:work"
today=$(date -u +%F)
daily=$(rc get "${prefix}stat:processed:$today")
if [ -z "$daily" ]; then # the run crossed midnight UTC
  today=$(date -u -d yesterday +%F)
  daily=$(rc get "${prefix}stat:processed:$today")
fi
{ [ -n "$daily" ] && [ "$daily" -le "$(rc get "${prefix}stat:processed")" ]; } \
  || fail_raw "daily processed counter '$daily' missing or above the total"
[ "$(rc ttl "${prefix}stat:processed:$today")" -gt $((4 * 365 * 86400)) ] \
  || fail_raw "the daily counter should live about five years"
if [ -n "$namespace" ]; then
  stray=$(rc --scan | grep -v "^$namespace:" || true)
  [ -z "$stray" ] || fail_raw "keys outside the namespace: $stray"
fi
step "raw layout as documented"

# Requeue the oldest dead job the way the adapter will: remove it by its exact stored string,
# register its queue, push it (-x passes the raw string as the last argument, ARGV[2]). With the "fixed" flag set it now succeeds.
requeue_lua='
if redis.call("ZREM", KEYS[1], ARGV[2]) == 0 then return 0 end
redis.call("SADD", KEYS[2], ARGV[1])
redis.call("LPUSH", KEYS[3], ARGV[2])
return 1'
rc set "${prefix}qdrig:fixed" 1 >/dev/null
raw=$(rc zrange "${prefix}dead" 0 0)
queue=$(printf '%s' "$raw" | ruby -rjson -e 'print JSON.parse(STDIN.read)["queue"]')
moved=$(printf '%s' "$raw" | rc -x eval "$requeue_lua" 3 "${prefix}dead" "${prefix}queues" \
  "${prefix}queue:$queue" "$queue")
[ "$moved" = 1 ] || { echo "smoke: requeue script moved $moved jobs" >&2; exit 1; }
expect_phase requeued 15 pid="$worker_pid"

# Quiet through the signals list: the heartbeat pops TSTP (within 5 s) and the next heartbeat
# writes quiet=true (within 10 s).
rc lpush "$prefix$identity-signals" TSTP >/dev/null
rc expire "$prefix$identity-signals" 60 >/dev/null
expect_phase quiet 25 pid="$worker_pid"

# Clear a queue (UNLINK + SREM together) and purge the dead set (UNLINK).
rc eval 'redis.call("UNLINK", KEYS[1]); return redis.call("SREM", KEYS[2], ARGV[1])' 2 \
  "${prefix}queue:parked" "${prefix}queues" parked >/dev/null
rc unlink "${prefix}dead" >/dev/null
expect_phase cleared 10 pid="$worker_pid"

# Stop through the signals list; the process exits by itself.
rc lpush "$prefix$identity-signals" TERM >/dev/null
rc expire "$prefix$identity-signals" 60 >/dev/null
for _ in $(seq 300); do
  kill -0 "$worker_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$worker_pid" 2>/dev/null; then
  echo "smoke: the worker did not stop within 30 s of TERM in its signals list" >&2
  exit 1
fi
wait "$worker_pid" || { echo "smoke: the worker exited with status $?" >&2; exit 1; }
worker_pid=
step "worker stopped through its signals list"
expect_phase stopped 10
# Left behind on purpose by Sidekiq: the heartbeat hash lives out its TTL, the set forgets it.
[ "$(rc sismember "${prefix}processes" "$identity")" = 0 ] || fail_raw "stopped identity still in processes"
[ "$(rc exists "$prefix$identity")" = 1 ] || fail_raw "heartbeat hash gone at once after a stop"
[ "$(rc exists "$prefix$identity:workers")" = 0 ] || fail_raw ":workers left after a stop"

# The oracle itself writes nothing (the worker is gone, so nothing else does either).
before=$(rc debug digest)
ruby "$here/oracle.rb" >/dev/null
[ "$(rc debug digest)" = "$before" ] || { echo "smoke: oracle.rb changed the data set" >&2; exit 1; }
step "oracle is read-only; done"

#!/usr/bin/env bash
# Starts and stops a real Sidekiq 6.4 worker (Debian's ruby-sidekiq) for the interop rig.
#
#   run-sidekiq.sh exec  [OPTIONS]                  replace this shell with the worker
#   run-sidekiq.sh start [OPTIONS] --pidfile F [--log F]
#                                                   start it in the background, write its pid,
#                                                   wait until it has registered, print identity
#   run-sidekiq.sh wait  --pid P [--timeout S]      wait until process P has registered (its
#                                                   heartbeat hash names it), print its identity
#   run-sidekiq.sh stop  --pidfile F [--timeout S]  SIGTERM, then SIGKILL after S s (default 15)
#
# OPTIONS: --redis-url URL (default $REDIS_URL)   --namespace NS (redis-namespace prefix)
#          -c N concurrency (default 4)            -q QUEUE, repeatable (default: default,
#          -t S shutdown timeout (default 1)          critical, low, slow, in that strict order)
#          -g TAG process tag                      --poll S scheduler poll interval (default 1)
#
# `exec` is for a caller that owns the child (a test fixture that kills it when it dies);
# `start`/`stop` are for shells. The worker loads jobs.rb next to this script.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
  echo "run-sidekiq: $*" >&2
  exit 2
}

[ $# -ge 1 ] || die "usage: run-sidekiq.sh exec|start|wait|stop [options]"
mode=$1
shift

redis_url=${REDIS_URL:-}
namespace=${QD_SIDEKIQ_NAMESPACE:-}
concurrency=4
shutdown_timeout=1
poll=${QD_SIDEKIQ_POLL_INTERVAL:-1}
tag=
queues=()
pidfile=
logfile=/dev/null
pid=
timeout=

while [ $# -gt 0 ]; do
  case "$1" in
    --redis-url) redis_url=$2; shift 2 ;;
    --namespace) namespace=$2; shift 2 ;;
    -c) concurrency=$2; shift 2 ;;
    -q) queues+=("$2"); shift 2 ;;
    -t) shutdown_timeout=$2; shift 2 ;;
    -g) tag=$2; shift 2 ;;
    --poll) poll=$2; shift 2 ;;
    --pidfile) pidfile=$2; shift 2 ;;
    --log) logfile=$2; shift 2 ;;
    --pid) pid=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ ${#queues[@]} -gt 0 ] || queues=(default critical low slow)

export REDIS_URL=$redis_url QD_SIDEKIQ_NAMESPACE=$namespace QD_SIDEKIQ_POLL_INTERVAL=$poll

worker_command() {
  local sidekiq
  sidekiq=$(command -v sidekiq) || die "no sidekiq on PATH: run scripts/setup (ruby-sidekiq)"
  cmd=("$sidekiq" -r "$here/jobs.rb" -c "$concurrency" -t "$shutdown_timeout")
  [ -z "$tag" ] || cmd+=(-g "$tag")
  local q
  for q in "${queues[@]}"; do cmd+=(-q "$q"); done
}

# Registered = Sidekiq's heartbeat hash for this pid exists. Read through the non-cleaning
# ProcessSet so that waiting never removes anything from Redis.
wait_registered() {
  local wpid=$1 limit=$2
  REDIS_URL=$redis_url ruby -r "$here/jobs.rb" -r sidekiq/api -e '
    pid, limit = Integer(ARGV[0]), Float(ARGV[1])
    deadline = Time.now + limit
    loop do
      begin
        Process.kill(0, pid)
      rescue Errno::ESRCH
        abort("run-sidekiq: worker #{pid} exited before it registered")
      end
      found = Sidekiq::ProcessSet.new(false).find { |p| p["pid"] == pid }
      if found
        puts found.identity
        exit 0
      end
      abort("run-sidekiq: worker #{pid} did not register within #{limit} s") if Time.now > deadline
      sleep 0.2
    end' "$wpid" "$limit"
}

case "$mode" in
  exec)
    [ -n "$redis_url" ] || die "no Redis URL: pass --redis-url or set REDIS_URL"
    worker_command
    exec "${cmd[@]}"
    ;;
  start)
    [ -n "$redis_url" ] || die "no Redis URL: pass --redis-url or set REDIS_URL"
    [ -n "$pidfile" ] || die "start needs --pidfile"
    worker_command
    setsid "${cmd[@]}" >>"$logfile" 2>&1 </dev/null &
    echo $! >"$pidfile"
    wait_registered "$(cat "$pidfile")" "${timeout:-30}"
    ;;
  wait)
    [ -n "$redis_url" ] || die "no Redis URL: pass --redis-url or set REDIS_URL"
    [ -n "$pid" ] || die "wait needs --pid"
    wait_registered "$pid" "${timeout:-30}"
    ;;
  stop)
    [ -n "$pidfile" ] || die "stop needs --pidfile"
    [ -f "$pidfile" ] || exit 0
    spid=$(cat "$pidfile")
    if kill -TERM "$spid" 2>/dev/null; then
      # Sidekiq waits -t seconds for running jobs, then pushes them back and exits.
      for _ in $(seq $((${timeout:-15} * 10))); do
        kill -0 "$spid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$spid" 2>/dev/null; then
        echo "run-sidekiq: worker $spid ignored SIGTERM, sending SIGKILL" >&2
        kill -KILL "$spid" 2>/dev/null || true
      fi
    fi
    rm -f "$pidfile"
    ;;
  *)
    die "unknown mode: $mode (exec, start, wait or stop)"
    ;;
esac

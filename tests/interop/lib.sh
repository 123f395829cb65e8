# Shell helpers the interop rigs share. Source it; it defines functions only.

# Stops a process the rig started: TERM, then KILL after the given seconds, then reaps it.
stop_pid() { # pid, seconds before SIGKILL
  local p=$1 limit=$2
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || return 0
  for _ in $(seq $((limit * 10))); do
    kill -0 "$p" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

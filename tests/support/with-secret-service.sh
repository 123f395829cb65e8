#!/usr/bin/env bash
# Runs a command against a real Secret Service that nobody else can see: gnome-keyring on a
# private D-Bus session bus, with its keyrings in a throwaway home, so a test never touches the
# developer's own keyring and needs no desktop session. Used by ctest for the tests that check
# the system keychain for real (tests/gui/TestSecretService).
#
#   with-secret-service.sh COMMAND [ARGS...]
#
# The login keyring is created unlocked (the password comes on stdin, as a display manager's
# PAM module would give it), so no prompt is ever needed. The daemon and the home go when the
# command ends, whatever its outcome; the command's exit status is the script's.
set -euo pipefail

if [ -z "${QD_SECRET_SERVICE_INNER:-}" ]; then
  # A bus of our own: dbus-run-session starts it, runs us again inside, and stops it after.
  export QD_SECRET_SERVICE_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi

home=$(mktemp -d -t qd-secret-service.XXXXXX)
daemon=
cleanup() {
  if [ -n "$daemon" ]; then
    kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap cleanup EXIT

export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

printf 'queuedeck-test-keyring' \
  | gnome-keyring-daemon --foreground --unlock --components=secrets >"$home/daemon.log" 2>&1 &
daemon=$!

# Ready once the daemon owns the Secret Service's bus name.
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
       | grep -q 'boolean true'; then
    export QD_SECRET_SERVICE=gnome-keyring
    break
  fi
  if ! kill -0 "$daemon" 2>/dev/null; then
    echo "with-secret-service: gnome-keyring-daemon ended at start-up:" >&2
    cat "$home/daemon.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "${QD_SECRET_SERVICE:-}" ]; then
  echo "with-secret-service: gnome-keyring-daemon did not take org.freedesktop.secrets in 10 s" >&2
  exit 1
fi
# The name can be taken before the login keyring is open; a secret that can be stored and
# cleared again says it is. (Bounded: a keyring that wanted to prompt would wait forever.)
if ! printf 'probe' | timeout 10 secret-tool store --label='QueueDeck test probe' \
       qd-probe "$$" >/dev/null 2>&1 \
   || ! timeout 10 secret-tool clear qd-probe "$$" >/dev/null 2>&1; then
  echo "with-secret-service: the keyring does not store secrets:" >&2
  cat "$home/daemon.log" >&2
  exit 1
fi

status=0
"$@" || status=$?
exit "$status"

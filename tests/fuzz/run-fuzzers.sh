#!/usr/bin/env bash
# Runs every libFuzzer binary of a QD_BUILD_FUZZ build for a bounded time, starting from the
# seeds in tests/fuzz/corpus/<name>/ (read only; what a run learns goes to the build folder).
# Fails on the first crash, leak, timeout or sanitizer report, after saving the input that
# caused it in BUILD/fuzz-crashes/<name>/ and printing it (base64) so the log alone can
# reproduce it.
#
#   tests/fuzz/run-fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET]
#
# Reproduce a saved input: BUILD_DIR/tests/fuzz/fuzz_<name> FILE; once fixed, copy FILE into
# tests/fuzz/corpus/<name>/ so the replay tests keep it fixed.
set -euo pipefail

build=${1:?usage: run-fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET]}
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)

mapfile -t fuzzers < <(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
if [ ${#fuzzers[@]} -eq 0 ]; then
  echo "run-fuzzers: no fuzz_* binaries in $build/tests/fuzz (configure with -DQD_BUILD_FUZZ=ON)" >&2
  exit 1
fi

# abort_on_error stays off: libFuzzer writes the crashing input from its own death callback.
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$here/../lsan.supp"
export QT_QPA_PLATFORM=offscreen

failed=()
for exe in "${fuzzers[@]}"; do
  name=${exe##*/fuzz_}
  seeds="$here/corpus/$name"
  if [ ! -d "$seeds" ]; then
    echo "run-fuzzers: $exe has no corpus folder $seeds" >&2
    exit 1
  fi
  work="$build/fuzz-corpus/$name"
  crashes="$build/fuzz-crashes/$name"
  mkdir -p "$work" "$crashes"
  log="$build/fuzz-$name.log"
  echo "== fuzz $name for ${seconds}s (log: $log)"
  # -timeout: one input taking this long is a hang, with room for a machine busy building.
  # -max_len: bodies and config files beyond 64 KiB only repeat shapes shorter inputs reach.
  if "$exe" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "$seeds" >"$log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' "$log" | sed 's/^/  /' || true
  else
    echo "!! fuzz_$name failed; last lines of $log:" >&2
    tail -n 60 "$log" >&2
    for input in "$crashes"/*; do
      [ -f "$input" ] || continue
      echo "!! saved input $input (base64): $(base64 -w0 "$input")" >&2
    done
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzzers: failures in ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzzers: ${#fuzzers[@]} targets, ${seconds}s each, no findings"

#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time or number of executions, one after
# the other, and prints the executions each made. Any crash or failed property fails the script
# (libFuzzer prints the input, saved under fuzz/artifacts/<target>/).
#
#   scripts/fuzz.sh                  60 s per target (what `npm test` runs)
#   scripts/fuzz.sh 600              10 min per target
#   scripts/fuzz.sh --runs 2000000   2 million executions per target (the release check)
#   scripts/fuzz.sh 60 scan_text     one target
#   MAX_LEN=1024 scripts/fuzz.sh ... inputs of at most 1024 bytes (default 4096)
#   FUZZ_SEED=1 scripts/fuzz.sh ...  a fixed libFuzzer seed (default: a random one)
#   FUZZ_CORPUS=dir scripts/fuzz.sh  the corpus directory (default target/fuzz-corpus; an empty
#                                    one runs as in a fresh clone)
#
# Only the stable toolchain exists here: RUSTC_BOOTSTRAP=1 lets it accept the nightly flags
# cargo-fuzz passes (sanitizer coverage). No sanitizer runtime is linked (--sanitizer none): the
# crate has no unsafe code, and without ASan the same time gives ~2x the executions. Debug
# assertions and overflow checks are on. The corpus grows in $FUZZ_CORPUS/<target>/ and
# starts from the seeds in fuzz/seeds/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=(-max_total_time=60)
if [ "${1:-}" = "--runs" ]; then
  limit=(-runs="$2"); shift 2
elif [ -n "${1:-}" ]; then
  limit=(-max_total_time="$1"); shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scan_text sanitize_json policy_parse reidentify reidentify_stream)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] cargo-fuzz is missing: scripts/setup.sh --fuzz installs it" >&2
  exit 1
fi

export RUSTC_BOOTSTRAP=1
flags=(--release --debug-assertions --sanitizer none --fuzz-dir fuzz)
cargo fuzz build "${flags[@]}"
# fuzz/ is its own workspace with its own lock file: when the library's dependencies change,
# the build rewrites it, and the new lock belongs in the same commit.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- fuzz/Cargo.lock; then
  echo "[fuzz] fuzz/Cargo.lock changed (the library's dependencies did): commit it with them" >&2
fi

summary=()
for t in "${targets[@]}"; do
  corpus="${FUZZ_CORPUS:-target/fuzz-corpus}/$t"
  mkdir -p "$corpus"
  log="${FUZZ_CORPUS:-target/fuzz-corpus}/$t.log"
  echo "[fuzz] $t (${limit[*]})"
  if ! cargo fuzz run "${flags[@]}" "$t" "$corpus" "fuzz/seeds/$t" -- \
      "${limit[@]}" -max_len="${MAX_LEN:-4096}" -seed="${FUZZ_SEED:-0}" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "[fuzz] $t FAILED: the input is saved under fuzz/artifacts/$t/ (log: $log)" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  summary+=("$t: ${runs:-?} executions in ${secs:-?} s, no failure")
done
printf '[fuzz] %s\n' "${summary[@]}"

#!/usr/bin/env bash
# Every test the project has, in order: lint, native, wasm in Node, wasm in headless Chromium,
# then the built package in Node (node:test), in headless Chromium and in workerd, and last a
# bounded fuzzing run (50 000 executions per cargo-fuzz target from seed 1; FUZZ_RUNS overrides,
# 0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser --fuzz

step() { printf '\n=== %s ===\n' "$*"; }
export CARGO_TERM_COLOR=never
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

step "native tests (cargo test)"
cargo test

step "wasm tests in Node (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test wasm

step "wasm tests in headless Chromium (wasm-bindgen-test)"
WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --test wasm

step "build pkg/ (and the trap-test build target/trap-pkg/, never shipped)"
node scripts/build.mjs
node scripts/build.mjs --trap-test

step "JS tests on the built package (node:test, incl. workerd and headless Chromium)"
node --test tests/js/

# A fixed number of executions from a fixed seed: in a fresh clone (no grown corpus) the run is
# the same every time, so a failure here reproduces. The five targets at 50 000 executions take
# about 100 s with the fuzz build warm (measured from an empty corpus on the shared 2-core
# machine under load; scan_text, reidentify and reidentify_stream ~30 s each). Longer, exploring
# runs: scripts/fuzz.sh (fuzz/README.md).
fuzz_runs="${FUZZ_RUNS:-50000}"
if [ "$fuzz_runs" != 0 ]; then
  step "bounded fuzzing (${fuzz_runs} executions per target; scripts/fuzz.sh)"
  FUZZ_SEED="${FUZZ_SEED:-1}" bash scripts/fuzz.sh --runs "$fuzz_runs"
fi

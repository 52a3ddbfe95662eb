#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing; quick when nothing is.
#   scripts/setup.sh            wasm target, wasm-bindgen-cli (the version pinned in Cargo.toml), npm packages
#   scripts/setup.sh --browser  the same, plus Debian's chromium and chromium-driver for browser tests
#   scripts/setup.sh --fuzz     the same, plus cargo-fuzz (scripts/fuzz.sh); flags combine
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

if ! command -v cargo >/dev/null; then
  say "cargo is missing: install Rust with rustup (https://rustup.rs) first"; exit 1
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "node and npm are missing: install Node.js 20 or later first"; exit 1
fi

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli, exactly the version the crate pins (the CLI and the crate must match).
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes once"
  # No --locked: the registry lacks a version its lockfile names (see TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$want"
fi

# 3. Chromium and ChromeDriver for the browser tests (Debian's packages; never a download).
if [[ " $* " == *" --browser "* ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      say "installing chromium and chromium-driver"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      say "chromium and chromedriver are missing; as root run: apt-get install chromium chromium-driver"
      exit 1
    fi
  fi
fi

# 4. cargo-fuzz for the bounded fuzzing run, the version below (about a minute to build, once).
fuzz_version=0.13.2
if [[ " $* " == *" --fuzz "* ]] && [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$fuzz_version" ]; then
  say "installing cargo-fuzz $fuzz_version"
  cargo install cargo-fuzz --version "$fuzz_version" --locked
fi

# 5. npm packages, reinstalled only when package-lock.json changed.
stamp=node_modules/.sanitas-lock
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$sum" >"$stamp"
fi

#!/usr/bin/env bash
# Installs what lvyue's build and tests need, skipping whatever is already there.
#
#   scripts/setup.sh build   Rust toolchain + wasm32 target, trunk, wasm-bindgen-cli, npm tools
#   scripts/setup.sh test    all of the above, plus Debian's chromium and chromium-driver,
#                            Debian's firefox-esr and geckodriver (built from crates.io)
#   scripts/setup.sh fuzz    the build tools, plus a nightly toolchain and cargo-fuzz (make fuzz)
#
# Every step checks first and is quiet when there is nothing to do, so `make run` and
# `make test` can call it every time. Versions come from the repository's own files:
# rust-toolchain.toml, Cargo.lock (wasm-bindgen), package-lock.json (binaryen, playwright-core).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
want=${1:-test}

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export PATH="$here/node_modules/.bin:$HOME/.cargo/bin:$PATH"

apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# 1. Rust: the toolchain and target pinned in rust-toolchain.toml.
if ! command -v rustup >/dev/null 2>&1; then
  say "installing rustup"
  command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --default-toolchain none --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$channel" || ! rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -q wasm32-unknown-unknown; then
  say "installing Rust $channel with the wasm32 target"
  rustup toolchain install  # reads rust-toolchain.toml
fi
command -v cc >/dev/null 2>&1 || apt_install gcc libc6-dev

# 2. trunk, at the version this repository is tested with.
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes the first time)"
  command -v pkg-config >/dev/null 2>&1 || apt_install pkg-config
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock.
wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "installing wasm-bindgen-cli $wb"
  cargo install wasm-bindgen-cli --version "$wb" --locked --force \
    || cargo install wasm-bindgen-cli --version "$wb" --force
fi

# 4. npm tools: binaryen (wasm-opt 132, which parses Rust 1.95 output) and playwright-core.
if ! command -v npm >/dev/null 2>&1; then
  say "installing Node.js and npm"
  apt_install nodejs npm
fi
stamp=node_modules/.lvyue-lock
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm tools (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# 5. For the tests: Debian's Chromium and its driver (never a downloaded browser).
if [ "$want" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  # Firefox ESR for the same tests ("opened in any browser"): Debian's package, and geckodriver
  # built from crates.io (0.37 drives Firefox 128 and later; about 3 minutes to compile).
  if [ ! -x /usr/bin/firefox-esr ]; then
    say "installing firefox-esr"
    apt_install firefox-esr
  fi
  if [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes the first time)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
  # A CJK font, so that the screenshots the tests save show Chinese rather than empty boxes.
  if ! fc-list 2>/dev/null | grep -qi -e wqy -e "noto sans cjk" -e "source han"; then
    say "installing a CJK font for the screenshots"
    apt_install fonts-wqy-microhei
  fi
  # poppler-utils: the print suite reads the statement's PDF (pdftotext, pdfinfo, pdftoppm).
  if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    say "installing poppler-utils for the print tests"
    apt_install poppler-utils
  fi
fi
# 6. For fuzzing only (`make fuzz`): a nightly toolchain (fuzz/rust-toolchain.toml) and cargo-fuzz.
if [ "$want" = fuzz ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing a nightly Rust toolchain for cargo-fuzz"
    rustup toolchain install nightly --profile minimal
  fi
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
  fi
fi
say "ready ($want)"

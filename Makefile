# lvyue: the two commands of the README, and the steps they are made of.
#
#   make run    build the app and serve it on http://127.0.0.1:8080
#   make test   every test: native, wasm in headless Chromium, release build, end-to-end
#
# Both install what is missing first (scripts/setup.sh) and skip what is present.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# binaryen's wasm-opt from npm must come before any other wasm-opt on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TERM_COLOR ?= never

.PHONY: run test setup-build setup-test test-native test-wasm build test-e2e bench fmt fuzz

run: setup-build
	trunk serve --release

test: setup-test
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory test-e2e
	@echo "make test: all suites passed"

setup-build:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

# Native: formatting, unit tests, the integration-test binary, doctests, and one quick pass
# of every benchmark (criterion's test mode) so that benchmarks keep compiling and running.
test-native:
	cargo fmt --check
	cargo test --locked
	cargo test --locked --bench foundation --bench engine

# The integration-test binary built for wasm32 and run in headless Chromium.
test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test all

build:
	trunk build --release

test-e2e:
	node tests/e2e/run.mjs dist

# Benchmarks, with their figures (not part of `make test`).
bench:
	cargo bench --bench foundation --bench engine

fmt:
	cargo fmt

# Fuzzing (not part of `make test`: it needs a nightly toolchain): each target of fuzz/ for
# FUZZ_SECONDS seconds, one job. Crashes land in fuzz/artifacts/; see tests/bad-input/README.md.
FUZZ_SECONDS ?= 120
fuzz:
	@scripts/setup.sh fuzz
	fuzz/run.sh $(FUZZ_SECONDS)

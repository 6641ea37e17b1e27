# lvyue: the two commands of the README, and the steps they are made of.
#
#   make run    build the app and serve it on http://127.0.0.1:8080
#   make test   every test: native, wasm in headless Chromium and Firefox ESR, release build,
#               end-to-end (Chromium, and a smoke in Firefox ESR)
#   make bench  the speed figures against their targets (engine native and in the browser, page)
#
# Both install what is missing first (scripts/setup.sh) and skip what is present.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# binaryen's wasm-opt from npm must come before any other wasm-opt on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TERM_COLOR ?= never

.PHONY: run test setup-build setup-test test-native test-wasm test-wasm-firefox build single single-file test-e2e test-firefox size bench bench-peer fmt fuzz

run: setup-build
	trunk serve --release

test: setup-test
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory test-wasm-firefox
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory single-file
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory test-firefox
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
	cargo test --locked --bench foundation --bench engine --bench api --bench page --bench memory

# The integration-test binary built for wasm32 and run in headless Chromium; and one quick pass
# of the browser engine benchmark (a debug build evaluates each input once).
test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test all
	cargo test --locked --target wasm32-unknown-unknown --test engine_wasm

# The same binary in headless Firefox ESR through geckodriver. The runner takes the first
# driver named in the environment (GECKODRIVER before CHROMEDRIVER); CHROMEDRIVER is unset
# anyway so that nothing else picks it up. webdriver.json holds both browsers' options.
GECKODRIVER ?= $(HOME)/.cargo/bin/geckodriver
test-wasm-firefox:
	env -u CHROMEDRIVER GECKODRIVER=$(GECKODRIVER) \
	  cargo test --locked --target wasm32-unknown-unknown --test all

build:
	trunk build --release

# One file: the release build as one self-contained page that opens from disk (README "One file").
single: setup-build
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory single-file

single-file:
	node scripts/single-file.mjs dist target/single/lvyue.html

test-e2e:
	node scripts/size.mjs dist --budget tests/size-budget.json
	node tests/e2e/run.mjs dist

# The end-to-end smoke in Firefox ESR (open 004, edit the as-of date, see a figure change,
# reload), over W3C WebDriver (tests/e2e/webdriver.mjs) and geckodriver.
test-firefox:
	GECKODRIVER=$(GECKODRIVER) node tests/e2e/firefox.mjs dist

# The release's wasm, js and css, raw and gzipped (after `make build`).
size:
	node scripts/size.mjs dist --budget tests/size-budget.json

# Benchmarks, with their figures against the targets (not part of `make test`): the engine
# natively and in headless Chromium, and the page's load and edit timings (scripts/bench.sh).
bench: setup-test
	scripts/bench.sh

# The peer benchmark against Accord Project's Cicero (benches/peer/README.md; not part of
# `make test` nor `make bench`): installs Cicero into benches/peer/node_modules and builds
# dist/api/ when they are missing, then times both in one Node process.
bench-peer: setup-build
	benches/peer/run.sh

fmt:
	cargo fmt

# Fuzzing (not part of `make test`: it needs a nightly toolchain): each target of fuzz/ for
# FUZZ_SECONDS seconds, one job. Crashes land in fuzz/artifacts/; see tests/bad-input/README.md.
FUZZ_SECONDS ?= 120
fuzz:
	@scripts/setup.sh fuzz
	fuzz/run.sh $(FUZZ_SECONDS)

# steer — build, test and run. Everything a fresh machine needs beyond Swift is checked here.
SWIFT ?= swift
BIN := .build/debug/steer
RUN_LEDGER := .build/run/nq57.ledger
RUN_TODAY ?= 2025-06-15

.PHONY: all build test run deps clean

all: build

# ncursesw comes from the system; say which package provides it instead of failing in the compiler.
deps:
	@command -v pkg-config >/dev/null || { echo "steer needs pkg-config: apt-get install pkg-config" >&2; exit 1; }
	@pkg-config --exists ncursesw || { echo "steer needs the ncursesw development files: apt-get install libncursesw5-dev" >&2; exit 1; }

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test
	$(SWIFT) build
	Tests/cli/cli.sh $(BIN)

# Opens a working copy of the sample ledger, so the fixture itself stays pristine.
run: build
	@mkdir -p $(dir $(RUN_LEDGER))
	@cp Fixtures/nq57.ledger $(RUN_LEDGER)
	$(BIN) show overdue --ledger $(RUN_LEDGER) --today $(RUN_TODAY)

clean:
	rm -rf .build

# steer: build, test (unit and end-to-end), and try the screen on a copy of a fixture.
SWIFT ?= swift
STEER := .build/debug/steer
# The committee's fixture when it is present; the screen's own sample otherwise.
RUN_LEDGER := $(firstword $(wildcard Fixtures/nq57.ledger) Tests/e2e/sample.ledger)
RUN_TODAY ?= 2025-06-15

.PHONY: build test unit e2e run measure

build:
	$(SWIFT) build

test: unit e2e

unit:
	$(SWIFT) test

# The real binary in tmux (its own socket, steer-e2e) under xterm-256color, screen-256color and vt100.
e2e: build
	Tests/e2e/tui.sh

# Opens a working copy, so the fixture stays pristine whatever is recorded on the screen.
run: build
	cp $(RUN_LEDGER) .build/run.ledger
	$(STEER) tui .build/run.ledger --today $(RUN_TODAY)

# Bytes written to the terminal for a full redraw and for one `j` at 120×40 (docs/tui.md).
measure: build
	for term in xterm-256color screen-256color vt100; do \
		TERM=$$term $(STEER) tui $(RUN_LEDGER) --today $(RUN_TODAY) --lang vi --measure-output; \
	done

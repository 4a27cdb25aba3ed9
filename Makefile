# steer — build, test and run. Everything a fresh machine needs beyond Swift is checked here.
SWIFT ?= swift
STEER := .build/debug/steer
RUN_LEDGER := .build/run.ledger
RUN_TODAY ?= 2025-06-15
FUZZ_SECONDS ?= 60
RELIABILITY_SCALE ?= full
export RELIABILITY_SCALE

.PHONY: all build release code-order unlink-stale cxx-archive deps-release test unit cli e2e run measure bench reliability reliability-tui fuzz sanitize deps clean

all: build

# ncursesw and mimalloc come from the system; say which package provides them instead of failing
# in the compiler.
deps:
	@command -v pkg-config >/dev/null || { echo "steer needs pkg-config: apt-get install pkg-config" >&2; exit 1; }
	@pkg-config --exists ncursesw || { echo "steer needs the ncursesw development files: apt-get install libncursesw5-dev" >&2; exit 1; }

# Release builds allocate with mimalloc (Sources/steer/Allocator.swift); debug builds do not.
deps-release: deps
	@echo '#include <mimalloc.h>' | $${CC:-cc} -E - >/dev/null 2>&1 || { echo "steer's release build needs mimalloc: apt-get install libmimalloc-dev" >&2; exit 1; }

build: deps
	$(SWIFT) build

# The optimised binary, as users should run it: .build/release/steer. The Swift runtime is linked
# in rather than loaded, so a run maps only the pages of it that it touches (a report's peak
# resident set is ~3.5 MB smaller) and starts without resolving the runtime's symbols; memory
# comes from mimalloc (Sources/steer/Allocator.swift). Linked by the toolchain's lld with its
# relative relocations packed (glibc 2.36 reads them): the 48k of them filled 1.1 MB that every
# run read at start (the binary's pages it maps, 15.6 -> 14.9 MB on a tiny ledger). Each function
# in its own section, and the ones common runs execute placed together (scripts/code-order.txt,
# from `make code-order`): a run maps the code 64 KB around each page it touches, so the hot
# code spread over the binary kept ~3 MB more of it resident. libstdc++, which the runtime needs,
# is linked in from its archive too (`cxx-archive`), and the binary's own symbols are not exported
# (the toolchain's static-stdlib-args.lnk asks for -export-dynamic; nothing here looks a symbol
# up by name): the loader no longer maps libstdc++ whole nor reads 8,400 exported names, and a
# run keeps ~1.6 MB fewer pages (`/usr/bin/time`, medians of 10 runs interleaved: a report on a
# tiny ledger 11.7 -> 10.1 MB; `show overdue` replaying 100k tasks 26.2 -> 24.8 MB).
CXX_ARCHIVE_DIR := $(CURDIR)/.build/cxx-archive
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs \
	-Xswiftc -Xfrontend -Xswiftc -function-sections \
	-Xlinker --symbol-ordering-file=$(CURDIR)/scripts/code-order.txt -Xlinker --no-warn-symbol-ordering \
	-Xswiftc -L$(CXX_ARCHIVE_DIR) -Xlinker --no-export-dynamic
release: deps-release unlink-stale cxx-archive
	$(SWIFT) build $(RELEASE_FLAGS) --product steer

# SwiftPM does not know the linker reads scripts/code-order.txt: binaries linked before it
# changed are removed, to be linked again.
unlink-stale:
	@for p in steer steer-gen steer-bench; do \
		[ ! .build/release/$$p -ot scripts/code-order.txt ] || rm -f .build/release/$$p; \
	done

# The toolchain links with -lstdc++, which takes the shared library from the compiler's own
# directory, where the archive lies beside it. A directory holding the archive alone, searched
# first (swiftc passes its -L before the compiler's), makes the same -lstdc++ take the archive.
cxx-archive:
	@a=$$($${CC:-cc} -print-file-name=libstdc++.a); [ -f "$$a" ] || { echo "steer's release build needs libstdc++'s archive: apt-get install libstdc++-12-dev" >&2; exit 1; }; \
		mkdir -p $(CXX_ARCHIVE_DIR) && ln -sfn "$$a" $(CXX_ARCHIVE_DIR)/libstdc++.a

# Profiles common runs of the release binary (callgrind) for the functions they execute, and
# writes them to scripts/code-order.txt for the linker to place together.
code-order: deps-release cxx-archive
	RELEASE_FLAGS="$(RELEASE_FLAGS)" scripts/code-order.sh

test: unit cli e2e

unit: deps
	$(SWIFT) test

# The command line on real files.
cli: build
	Tests/cli/cli.sh $(STEER)

# The real binary in tmux (its own socket, steer-e2e) under xterm-256color, screen-256color and vt100.
e2e: build
	Tests/e2e/tui.sh

# The screen's reliability suites (docs/reliability-tui.md): every script in Tests/reliability/tui,
# all of them even when one fails. RELIABILITY_SCALE=small runs fewer trials.
reliability-tui: build
	@status=0; for test in Tests/reliability/tui/*.sh; do \
		[ "$$test" = Tests/reliability/tui/lib.sh ] && continue; \
		echo "== $$test"; $$test || status=1; \
	done; exit $$status

# Opens a working copy of the sample ledger, so the fixture stays pristine whatever is recorded.
# The copy makes you a member of the secretariat (the sample declares its own members, and
# nobody else may record), so that every action on the screen can be tried.
run: build
	@mkdir -p $(dir $(RUN_LEDGER))
	cp Fixtures/nq57.ledger $(RUN_LEDGER)
	printf '%s @vpcp member %s role=secretariat name="make run"\n' "$$(date +%Y-%m-%dT%H:%M:%S%:z)" "$$(id -un)" >> $(RUN_LEDGER)
	$(STEER) tui $(RUN_LEDGER) --today $(RUN_TODAY)

# Bytes written to the terminal for a full redraw and for one `j` at 120×40 (docs/tui.md).
measure: build
	for term in xterm-256color screen-256color vt100; do \
		TERM=$$term $(STEER) tui Fixtures/nq57.ledger --today $(RUN_TODAY) --lang vi --measure-output; \
	done

# Replay, reports against taskwarrior, key costs, live follow and durable appends, written to
# docs/performance.md (BENCH_SCALE=small for a quick run).
bench: deps unlink-stale cxx-archive
	RELEASE_FLAGS="$(RELEASE_FLAGS)" scripts/bench.sh

# The shell suites attack the optimised binary (the one users run); the Swift reliability tests
# cover what needs injected faults or a long-lived view; then the screen's suites.
# RELIABILITY_SCALE=small: a tenth of the counts.
reliability: release
	$(SWIFT) test --filter SteerReliabilityTests
	STEER=$(CURDIR)/.build/release/steer Tests/reliability/run.sh
	$(MAKE) reliability-tui
	# The screen's signals once more against the release build, which inlines across modules
	# what the debug build does not: it once read a quit flag its handler never set.
	STEER=$(CURDIR)/.build/release/steer RELIABILITY_SCALE=small Tests/reliability/tui/restore.sh

# libFuzzer on the parser and replay for FUZZ_SECONDS; crashes land in Fixtures/fuzz/.
fuzz: deps
	Tests/fuzz/run.sh $(FUZZ_SECONDS)

# The whole Swift test suite under AddressSanitizer and ThreadSanitizer, each in its own scratch
# path; then the shell suites that feed the binary hostile input, at small scale, against the
# AddressSanitizer build of steer itself.
LSAN := LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitize/lsan.supp
sanitize: deps
	$(LSAN) $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) build --sanitize=address --scratch-path .build-asan --product steer
	$(LSAN) STEER=$(CURDIR)/.build-asan/debug/steer RELIABILITY_SCALE=small \
		Tests/reliability/run.sh bad-input terminal roles io-errors

clean:
	rm -rf .build

# Reliability targets (issue #4). The lead engineer merges these into the main Makefile.
SWIFT ?= swift
FUZZ_SECONDS ?= 60
RELIABILITY_SCALE ?= full
export RELIABILITY_SCALE

.PHONY: reliability fuzz sanitize

# The shell suites attack the optimised binary (the one users run); the Swift reliability tests
# cover what needs injected faults or a long-lived view. RELIABILITY_SCALE=small: a tenth of the counts.
reliability:
	$(SWIFT) build -c release --product steer
	$(SWIFT) test --filter SteerReliabilityTests
	STEER=$(CURDIR)/.build/release/steer Tests/reliability/run.sh

# libFuzzer on the parser and replay for FUZZ_SECONDS; crashes land in Fixtures/fuzz/.
fuzz:
	Tests/fuzz/run.sh $(FUZZ_SECONDS)

# The whole Swift test suite under AddressSanitizer and ThreadSanitizer, each in its own scratch
# path; then the shell suites that feed the binary hostile input, at small scale, against the
# AddressSanitizer build of steer itself.
LSAN := LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitize/lsan.supp
sanitize:
	$(LSAN) $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) build --sanitize=address --scratch-path .build-asan --product steer
	$(LSAN) STEER=$(CURDIR)/.build-asan/debug/steer RELIABILITY_SCALE=small \
		Tests/reliability/run.sh bad-input terminal roles io-errors

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

# The whole Swift test suite under AddressSanitizer and ThreadSanitizer, each in its own scratch path.
sanitize:
	$(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

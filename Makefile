.PHONY: bench

# Generates ledgers of 10k, 100k and 1M tasks and measures steer against its budgets and against
# taskwarrior (docs/performance.md). BENCH_SCALE=small runs 1k and 10k only, as a smoke test.
bench:
	scripts/bench.sh

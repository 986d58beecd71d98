"""`make bench`: side-by-side benchmarks (see bench/README.md)."""

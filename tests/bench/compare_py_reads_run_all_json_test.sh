#!/usr/bin/env bash
# Google Benchmark's own tools/compare.py (Debian's libbenchmark-tools) reads
# the merged JSON //bench:run_all writes: it pairs every benchmark, runs its
# U test over the repetitions and prints the overall geomean.
# The two inputs are real run_all outputs (3 repetitions) of sha256_bench.
set -euo pipefail
base=tests/bench/testdata/run_all_base.json
new=tests/bench/testdata/run_all_new.json
compare_py=/usr/share/benchmark/compare.py
[[ -f "$compare_py" ]] || { echo "missing $compare_py: run ci/setup (libbenchmark-tools)"; exit 1; }

out=$(/usr/bin/python3 "$compare_py" --no-color benchmarks "$base" "$new")
echo "$out"
for name in BM_Sha256/64 BM_Sha256/256 BM_Sha256/1024; do
  grep -q "^$name " <<<"$out" || { echo "FAIL: compare.py printed no row for $name"; exit 1; }
  grep -q "^${name}_pvalue .*U Test, Repetitions: 3 vs 3" <<<"$out" ||
    { echo "FAIL: compare.py ran no U test for $name"; exit 1; }
done
grep -q "^OVERALL_GEOMEAN" <<<"$out" || { echo "FAIL: no OVERALL_GEOMEAN row"; exit 1; }
echo "PASS: compare.py read both run_all files"

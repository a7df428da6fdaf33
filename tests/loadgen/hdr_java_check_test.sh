#!/usr/bin/env bash
# HdrHistogram's own Java library reads what generate_load writes: the JSON
# summary's histograms (counts, max, percentiles) and the --hdr-log interval
# log (every response in exactly one interval). Needs java on PATH
# (default-jre-headless) and libhdrhistogram-java (ci/setup).
# Args: GENERATE_LOAD HDRHISTOGRAM_JAR HdrJavaCheck.java
set -euo pipefail
generate_load=$1 jar=$2 check=$3
dir=${TEST_TMPDIR:-$(mktemp -d)}
"$generate_load" --agents 20 --rps 400 --duration 3 --evaluator null --no-output --no-progress --seed 7 \
  --json-summary "$dir/s.json" --hdr-log "$dir/r.hlog" > "$dir/out.txt" 2>&1 || {
  echo "generate_load failed:"; cat "$dir/out.txt"; exit 1; }
java -cp "$jar" "$check" "$dir/s.json" "$dir/r.hlog" | tee "$dir/java.txt"
# The summary's own figures (python3: JSON) against what HdrHistogram read.
python3 - "$dir/s.json" "$dir/java.txt" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1]))
java = open(sys.argv[2]).read()
def field(pattern):
    m = re.search(pattern, java, re.M)
    assert m, "missing in HdrHistogram's output: " + pattern
    return int(m.group(1))
completed = s["counts"]["completed"]
assert completed == 1200, completed
assert field(r"^response_time count=(\d+)") == completed
for tag in ["-", "service_time", "send_lag"]:
    total = field(r"^log %s intervals=\d+ count=(\d+)" % tag)
    assert total == completed, (tag, total, completed)
assert field(r"^log - intervals=(\d+)") >= 3
# Percentiles: HdrHistogram reports the top of the nearest-rank bucket, we
# its midpoint (clamped to min..max): the same bucket, within 1/128.
for name, key in [("response_time", "response_time_ms"), ("service_time", "service_time_ms")]:
    for p, ours in [("p50", s[key]["p50"]), ("p99", s[key]["p99"])]:
        theirs = field(r"^%s .*%s=(\d+)" % (name, p))
        ours_ns = ours * 1e6
        assert abs(theirs - ours_ns) <= max(1, theirs / 128), (name, p, theirs, ours_ns)
print("HdrHistogram (Java) agrees with the summary and the interval log")
PY

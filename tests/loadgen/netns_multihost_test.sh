#!/usr/bin/env bash
# Multi-host, simulated: three network namespaces this script creates
# ("redis", "host-a", "host-b"), host-a and host-b each joined to the redis
# namespace by its own veth pair (10.77.1.0/24 and 10.77.2.0/24, addresses
# that exist only inside these namespaces). redis-server runs in "redis";
# one generate_load runs in each host namespace, both coordinated
# (--coordinate: one start instant) and sharing one tenant quota
# (--shared-state) through it; merge_results then adds their summaries.
# Checks: both started at the same instant, together they admitted the
# shared limit L*t + burst within 5 %, and the merge holds every action.
#
# Needs root (ip netns, veth) and redis-server; tagged manual (bazel test
# //... skips it): run it with
#   bazel test //tests/loadgen:netns_multihost_test
# Everything it creates is removed on exit, whatever happens.
# Args: GENERATE_LOAD MERGE_RESULTS
set -euo pipefail
generate_load=$(realpath "$1") merge=$(realpath "$2")
dir=$(mktemp -d "${TEST_TMPDIR:-/tmp}/netns.XXXXXX")
tag="nethical$$"
ns_r="$tag-redis" ns_a="$tag-host-a" ns_b="$tag-host-b"
redis_pid=""

cleanup() {
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  for ns in "$ns_a" "$ns_b" "$ns_r"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

if [[ $(id -u) -ne 0 ]]; then echo "FAIL: needs root (ip netns)"; exit 1; fi
for ns in "$ns_r" "$ns_a" "$ns_b"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
done
# host-a <-> redis on 10.77.1.0/24, host-b <-> redis on 10.77.2.0/24.
ip link add "va$$" netns "$ns_a" type veth peer name "ra$$" netns "$ns_r"
ip link add "vb$$" netns "$ns_b" type veth peer name "rb$$" netns "$ns_r"
ip -n "$ns_a" addr add 10.77.1.2/24 dev "va$$" && ip -n "$ns_a" link set "va$$" up
ip -n "$ns_r" addr add 10.77.1.1/24 dev "ra$$" && ip -n "$ns_r" link set "ra$$" up
ip -n "$ns_b" addr add 10.77.2.2/24 dev "vb$$" && ip -n "$ns_b" link set "vb$$" up
ip -n "$ns_r" addr add 10.77.2.1/24 dev "rb$$" && ip -n "$ns_r" link set "rb$$" up

ip netns exec "$ns_r" redis-server --port 6379 --bind 10.77.1.1 10.77.2.1 --protected-mode no --dir "$dir" --save '' \
  --appendonly no --daemonize no --logfile "$dir/redis.log" &
redis_pid=$!
for i in $(seq 100); do
  ip netns exec "$ns_a" bash -c 'exec 3<>/dev/tcp/10.77.1.1/6379' 2>/dev/null && break
  sleep 0.05
done

run() {  # NAMESPACE REDIS_ADDRESS NAME
  ip netns exec "$1" env NETHICAL_QUOTA_COHORT_ISOLATION=false NETHICAL_ENABLE_DETECTORS=false \
    "$generate_load" --coordinate "redis://$2:6379" --run-id netns --expect 2 \
    --shared-state "redis://$2:6379" --quota --requests-per-second 100 --region-id us-east-1 \
    --agents 100 --rps 150 --duration 5 --no-shadow --no-progress --seed 1 \
    --storage-dir "$dir/$3" --output "$dir/$3.csv" --json-summary "$dir/$3.json" > "$dir/$3.out" 2> "$dir/$3.err"
}
run "$ns_a" 10.77.1.1 a & pid_a=$!
run "$ns_b" 10.77.2.1 b & pid_b=$!
rc=0
wait "$pid_a" || rc=$?
wait "$pid_b" || rc=$?
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "FAIL: generate_load exited $rc"; cat "$dir/a.err" "$dir/b.err"; exit 1
fi
"$merge" "$dir/a.json" "$dir/b.json" --json-summary "$dir/merged.json" || true
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
a, b, m = (json.load(open(f"{d}/{n}.json")) for n in ("a", "b", "merged"))
assert a["coordination"]["start_unix_ns"] == b["coordination"]["start_unix_ns"], "not one start instant"
admitted = sum(j["counts"]["completed"] - j["decisions"]["BLOCK"] for j in (a, b))
expected = 100 * 5 + 20
assert abs(admitted - expected) <= 0.05 * 100 * 5, f"admitted {admitted}, expected {expected} +- 5%"
assert m["counts"]["completed"] == a["counts"]["completed"] + b["counts"]["completed"] == 1500
for j in (a, b):
    assert j["engine_stats"]["shared_state"]["errors"] == 0
print(f"two hosts, one Redis: start lateness {a['coordination']['start_lateness_ms']:.3f} / "
      f"{b['coordination']['start_lateness_ms']:.3f} ms; admitted {admitted} of 1500 (limit 100/s x 5 s + 20); "
      f"merged p99 {m['response_time_ms']['p99']:.3f} ms")
PY

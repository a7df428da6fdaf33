#!/usr/bin/env bash
# ci/ab-capacity: two builds (here the same generate_load twice) run in
# turn; the table has one row per stack with every run, the two Google
# Benchmark files hold one repetition per run, //bench:compare reads them;
# a bad flag is one line and exit 2. Needs jq (ci/setup).
# Args: CI_AB_CAPACITY GENERATE_LOAD COMPARE
set -euo pipefail
ab=$1 generate_load=$2 compare=$3
dir=${TEST_TMPDIR:-$(mktemp -d)}
export TMPDIR="$dir"

bash "$ab" --old "$generate_load" --new "$generate_load" --rounds 2 --stacks "core generator" --duration 0.2 \
  --compare "$compare" --out-dir "$dir/ab" >"$dir/out.txt" 2>"$dir/err.txt" || {
  echo "ci/ab-capacity failed:"; cat "$dir/out.txt" "$dir/err.txt"; exit 1; }
cat "$dir/out.txt"
grep -Eq '^\| core \| [0-9]+ [0-9]+ \| [0-9]+ [0-9]+ \| [0-2] of 2 \| [0-9.]+ \| [0-9.]+ \|$' "$dir/out.txt" ||
  { echo "no core row with two runs a side"; exit 1; }
grep -Eq '^\| generator \|' "$dir/out.txt" || { echo "no generator row"; exit 1; }
[[ $(grep -c ' actions/s, ' "$dir/err.txt") -eq 8 ]] || { echo "expected 8 run lines"; cat "$dir/err.txt"; exit 1; }
for side in old new; do
  jq -e '[.benchmarks[] | select(.name == "capacity/core" and .run_type == "iteration" and .real_time > 0
          and .cpu_time > 0)] | length == 2' "$dir/ab/$side.json" >/dev/null ||
    { echo "$side.json: not two capacity/core repetitions"; cat "$dir/ab/$side.json"; exit 1; }
  jq -e '.context.commit | test("^[0-9a-f]+(-dirty)?$|^unknown$")' "$dir/ab/$side.json" >/dev/null ||
    { echo "$side.json: no commit in its context"; exit 1; }
done
grep -q 'capacity/core' "$dir/out.txt" || { echo "//bench:compare printed no capacity/core row"; exit 1; }

# The last column is the median of the rounds' own new/old ratios, which a
# change of the machine's speed between rounds leaves alone: two fake
# builds report fixed rates, the machine "speeding up" after round 1 and the
# new build's third run caught slow.
fake() {  # fake NAME RATE... : a generate_load that reports the next rate each run
  local bin="$dir/$1"; shift
  cat >"$bin" <<FAKE
#!/usr/bin/env bash
[[ "\$1" == --version ]] && { echo "generate_load (nethical-cpp) commit 0000000, opt build"; exit 0; }
rates=($*)
n=\$(cat "$bin.count" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$bin.count"
while [[ \$# -gt 0 ]]; do
  [[ "\$1" == --json-summary ]] && out="\$2"
  shift
done
printf '{"interrupted": false, "achieved_rps": %s, "counts": {"completed": 1000}}\n' "\${rates[n]}" >"\$out"
FAKE
  chmod +x "$bin"
}
fake old_build 100 300 310
fake new_build 150 450 160
bash "$ab" --old "$dir/old_build" --new "$dir/new_build" --rounds 3 --stacks core --duration 0.2 \
  --compare "$compare" --out-dir "$dir/fake" >"$dir/fake.txt" 2>"$dir/fake.err" || {
  echo "ci/ab-capacity on the fakes failed:"; cat "$dir/fake.txt" "$dir/fake.err"; exit 1; }
grep -q '^| core | 100 300 310 | 150 160 450 | 2 of 3 | 0.533 | 1.500 |$' "$dir/fake.txt" ||
  { echo "fakes: wrong row:"; cat "$dir/fake.txt"; exit 1; }
cat "$dir/fake.txt"

# Bad usage: one line naming the flag, its value and what is allowed; exit 2.
for bad in "--rounds=0" "--stacks=nosuch" "--duration=-1" "--old=/nonexistent" "--colour=red"; do
  set +e
  bash "$ab" --old "$generate_load" --new "$generate_load" "$bad" >"$dir/bad.out" 2>"$dir/bad.err"
  rc=$?
  set -e
  [[ $rc -eq 2 ]] || { echo "$bad: exit $rc, want 2"; exit 1; }
  [[ $(wc -l <"$dir/bad.err") -eq 1 ]] && grep -q "^ci/ab-capacity: ${bad%%=*}=.*: allowed: " "$dir/bad.err" ||
    { echo "$bad: not one line naming it:"; cat "$dir/bad.err"; exit 1; }
done
echo PASS

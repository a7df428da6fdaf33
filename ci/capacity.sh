# What the throughput scripts (ci/measure-throughput, ci/ab-capacity) share,
# sourced by both: the feature stacks they run generate_load with (`stacks`
# maps a name to its flags, `stack_names` lists the names in report order)
# and one overdriven capacity run.
# shellcheck shell=bash disable=SC2034  # used by the scripts that source it

declare -A stacks=(
  # The load generator alone (no engine), so that each stack's CPU per
  # action splits into the generator's share and the engine's.
  [generator]="--evaluator null"
  [core]="--no-shadow --no-merkle"
  [defaults]=""
  [full]="--shadow --ml-blend --anomaly --merkle --privacy-mode standard"
  # Every stage the engine has: the full stack plus the quota (a limit that
  # admits everything: the check is measured, not its BLOCKs), the
  # correlation engine and data residency (quarantine, taxonomy and the SLA
  # monitor are on by default).
  [every-stage]="--shadow --ml-blend --anomaly --merkle --privacy-mode standard --quota
    --requests-per-second 1000000000 --correlation --region-id eu-west-1 --data-residency-policy EU_GDPR"
)
stack_names=(generator core defaults full every-stage)

# The requests per second that overdrive a stack (its achieved rate is then
# its capacity): the generator alone goes past 3M/s, and a paced worker
# spins, which would count as CPU per action.
overdrive_rps() {
  if [[ "$1" == generator ]]; then echo 30000000; else echo 3000000; fi
}

# capacity_run BINARY STACK DIR DURATION: one overdriven run of the stack
# (--agents 1000 --no-output, storage and JSON summary in DIR). Prints
# "<achieved actions/s> <CPU us per completed action (user + system)>".
# Overdriven on purpose, the run fails its SLOs (exit 1); its figures are
# still written. Without a summary, or when the run was interrupted, it
# prints the run's output to stderr and returns 1.
capacity_run() {
  local binary="$1" name="$2" dir="$3" duration="$4"
  # shellcheck disable=SC2206  # the flags are words
  local flags=(${stacks[$name]})
  mkdir -p "$dir"
  rm -f "$dir/summary.json"
  local start_cpu end_cpu rate completed
  # This shell's (or subshell's) children's CPU time before and after: the
  # run's, once it is waited for. (Its pid: $$ would be the main shell's,
  # and BASHPID inside $(...) the substitution's.)
  local pid="$BASHPID"
  start_cpu="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")"
  "$binary" --agents 1000 --rps "$(overdrive_rps "$name")" --duration "$duration" --no-output \
    --storage-dir "$dir/storage" --json-summary "$dir/summary.json" "${flags[@]}" >"$dir/out.txt" 2>&1 || true
  end_cpu="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")"
  if [[ ! -s "$dir/summary.json" || "$(jq -r '.interrupted' "$dir/summary.json")" != false ]]; then
    cat "$dir/out.txt" >&2
    return 1
  fi
  read -r rate completed < <(jq -r '"\(.achieved_rps | floor) \(.counts.completed)"' "$dir/summary.json")
  awk -v r="$rate" -v c="$((end_cpu - start_cpu))" -v t="$(getconf CLK_TCK)" -v n="$completed" \
    'BEGIN { if (n > 0) printf "%d %.2f\n", r, c / t * 1e6 / n; else printf "%d n/a\n", r }'
}

#!/usr/bin/env bash
# Bazel workspace status command: the git commit stamped into generate_load.
# .bazelrc runs it on every build; see: bazel run //loadgen:generate_load -- --version
commit=$(git rev-parse HEAD 2>/dev/null) || commit=unknown
if [[ $commit != unknown ]] && ! git diff --quiet HEAD 2>/dev/null; then commit="$commit-dirty"; fi
echo "STABLE_GIT_COMMIT $commit"

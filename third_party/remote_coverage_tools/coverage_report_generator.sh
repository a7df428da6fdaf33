#!/bin/sh
# Stand-in for `bazel coverage --combined_report=lcov`'s report step:
# concatenates the per-test lcov files listed in --reports_file.
set -eu
reports= out=
for a in "$@"; do
  case "$a" in
    --reports_file=*) reports=${a#*=} ;;
    --output_file=*) out=${a#*=} ;;
  esac
done
: > "$out"
while IFS= read -r f; do
  [ -n "$f" ] && [ -f "$f" ] && cat "$f" >> "$out"
done < "$reports"
exit 0

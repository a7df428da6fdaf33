#!/usr/bin/env python3
"""Offline stand-in for Bazel's LcovMerger (gcc only).

collect_cc_coverage.sh (gcc >= 9) leaves *.gcov.json.gz files in
--coverage_dir; this writes one lcov tracefile to --output_file, keeping the
sources listed in --source_file_manifest and dropping --filter_sources regexes.
"""
import glob
import gzip
import json
import os
import re
import sys


def parse_args(argv):
    args, filters = {}, []
    for a in argv:
        if a.startswith("--") and "=" in a:
            k, v = a[2:].split("=", 1)
            if k == "filter_sources":
                filters.append(re.compile(v))
            else:
                args[k] = v
    return args, filters


def main():
    args, filters = parse_args(sys.argv[1:])
    cov_dir, out = args.get("coverage_dir"), args.get("output_file")
    if not cov_dir or not out:
        sys.exit("usage: lcov_merger --coverage_dir=D --output_file=F")
    keep = None
    manifest = args.get("source_file_manifest")
    if manifest and os.path.exists(manifest):
        with open(manifest) as f:
            keep = {l.strip() for l in f if l.strip()}
    lines, funcs = {}, {}
    for path in glob.glob(os.path.join(cov_dir, "**", "*.gcov.json.gz"), recursive=True):
        with gzip.open(path, "rt") as f:
            doc = json.load(f)
        for fe in doc.get("files", []):
            src = fe["file"]
            if any(r.match(src) for r in filters) or (keep is not None and src not in keep):
                continue
            ls = lines.setdefault(src, {})
            for l in fe.get("lines", []):
                ls[l["line_number"]] = ls.get(l["line_number"], 0) + l["count"]
            fs = funcs.setdefault(src, {})
            for fn in fe.get("functions", []):
                name = fn.get("demangled_name") or fn["name"]
                prev = fs.get(name, (fn["start_line"], 0))
                fs[name] = (fn["start_line"], prev[1] + fn["execution_count"])
    with open(out, "w") as o:
        for src in sorted(lines):
            o.write("SF:%s\n" % src)
            fs = funcs.get(src, {})
            for name, (start, _) in sorted(fs.items(), key=lambda x: x[1][0]):
                o.write("FN:%d,%s\n" % (start, name))
            for name, (_, cnt) in fs.items():
                o.write("FNDA:%d,%s\n" % (cnt, name))
            o.write("FNF:%d\nFNH:%d\n" % (len(fs), sum(1 for v in fs.values() if v[1] > 0)))
            ls = lines[src]
            for n in sorted(ls):
                o.write("DA:%d,%d\n" % (n, ls[n]))
            o.write("LH:%d\nLF:%d\nend_of_record\n" % (sum(1 for c in ls.values() if c > 0), len(ls)))


if __name__ == "__main__":
    main()

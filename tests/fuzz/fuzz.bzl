"""nethical_fuzz_test: one fuzz target, built two ways (docs/fuzzing.md).

    nethical_fuzz_test(
        name = "fuzz_action_json",
        srcs = ["fuzz_action_json.cc"],
        deps = ["//engine/model:action_json"],
        corpus = "action_json",        # tests/fuzz/corpus/action_json/
    )

declares
  * `<name>`: a cc_test (any compiler, what `bazel test //...` runs) that
    links replay_main.cc and feeds it every file of the seed corpus once;
  * `<name>_fuzzer`: the libFuzzer binary (clang, `--config=fuzz`), tagged
    manual so that a gcc `bazel build //...` never tries to link it with
    -fsanitize=fuzzer. ci/fuzz builds these through :all_fuzzers.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_test")

def nethical_fuzz_test(name, srcs, deps = [], corpus = None, size = "small"):
    corpus = corpus or name
    corpus_dir = "corpus/" + corpus
    corpus_files = native.glob([corpus_dir + "/**"])
    common_deps = deps + [":fuzz_support"]

    cc_test(
        name = name,
        size = size,
        srcs = srcs + ["replay_main.cc"],
        deps = common_deps,
        data = corpus_files,
        args = [native.package_name() + "/" + corpus_dir],
    )

    cc_binary(
        name = name + "_fuzzer",
        testonly = True,
        srcs = srcs,
        deps = common_deps,
        linkopts = ["-fsanitize=fuzzer"],
        tags = ["manual", "fuzzer"],
    )

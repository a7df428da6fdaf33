"""Instruction-count regression workloads (see docs/benchmarks.md).

regression_workload(name, srcs, deps) declares, for one component:
  :<name>_workload      the workload binary, always built -c opt without
                        --copt/--linkopt from the command line (so sanitizer
                        and -march flags never change the count) and without
                        coverage instrumentation;
  :<name>_instructions  a cc_test (tag "valgrind") that counts its
                        instructions with callgrind and compares them with
                        baselines.json.
update_baselines(name) then declares a `bazel run` target that re-measures
every workload declared above it in the same BUILD file.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_test")

def _fixed_opt_impl(settings, attr):
    return {
        "//command_line_option:compilation_mode": "opt",
        "//command_line_option:copt": [],
        "//command_line_option:linkopt": [],
        "//command_line_option:collect_code_coverage": False,
    }

_fixed_opt = transition(
    implementation = _fixed_opt_impl,
    inputs = [],
    outputs = [
        "//command_line_option:compilation_mode",
        "//command_line_option:copt",
        "//command_line_option:linkopt",
        "//command_line_option:collect_code_coverage",
    ],
)

def _fixed_opt_binary_impl(ctx):
    info = ctx.attr.binary[0][DefaultInfo]
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = out, target_file = info.files_to_run.executable, is_executable = True)
    return [DefaultInfo(
        executable = out,
        files = depset([out]),
        runfiles = ctx.runfiles(files = [out]).merge(info.default_runfiles),
    )]

fixed_opt_binary = rule(
    implementation = _fixed_opt_binary_impl,
    doc = "The `binary` built in a fixed -c opt configuration, whatever the command line says.",
    executable = True,
    attrs = {
        "binary": attr.label(cfg = _fixed_opt, executable = True, mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)

def regression_workload(name, srcs, deps = []):
    cc_binary(
        name = name + "_workload_source",
        testonly = True,  # workloads drive time with //tests/testing:fake_clock
        srcs = srcs,
        deps = deps + [":workload_main"],
        tags = ["manual"],  # built only through :<name>_workload
    )
    fixed_opt_binary(
        name = name + "_workload",
        testonly = True,
        binary = ":" + name + "_workload_source",
    )
    cc_test(
        name = name + "_instructions",
        size = "small",  # about 4 s under callgrind
        args = [
            "--name=" + name,
            "--workload=$(rootpath :%s_workload)" % name,
            "--baselines=$(rootpath :baselines.json)",
        ],
        data = [
            ":" + name + "_workload",
            ":baselines.json",
        ],
        tags = ["valgrind"],
        deps = [":instruction_gate_main"],
    )

def update_baselines(name):
    workloads = [
        r["name"][:-len("_workload")]
        for r in native.existing_rules().values()
        if r["kind"] == "fixed_opt_binary" and r["name"].endswith("_workload")
    ]
    cc_binary(
        name = name,
        testonly = True,
        args = ["--baselines=%s/baselines.json" % native.package_name()] + [
            "--workload=%s=$(rootpath :%s_workload)" % (w, w)
            for w in sorted(workloads)
        ],
        data = [":%s_workload" % w for w in workloads],
        deps = [":update_baselines_main"],
    )

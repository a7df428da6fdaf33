"""Exposes Debian's bazel-rules-cc (/usr/share/bazel/rules/cc) as @rules_cc.

Debian bookworm ships rules_cc 0.0.4, whose two private rules call
`use_cpp_toolchain()` from @bazel_tools; Debian's Bazel 4.2.3 lacks that
symbol, so loading @rules_cc//cc:defs.bzl fails. This rule copies the tree and
rewrites those calls to the Bazel 4 equivalent. Nothing is downloaded.
"""

_PATCHED = [
    "cc/private/rules_impl/compiler_flag.bzl",
    "cc/private/rules_impl/cc_flags_supplier.bzl",
]

def _debian_rules_cc_impl(rctx):
    src = rctx.attr.path
    if not rctx.path(src + "/cc/defs.bzl").exists:
        fail("%s/cc/defs.bzl not found: run ci/setup (apt-get install bazel-rules-cc)" % src)
    res = rctx.execute(["cp", "-R", src + "/.", "."])
    if res.return_code != 0:
        fail("copying %s failed: %s" % (src, res.stderr))
    for f in _PATCHED:
        text = rctx.read(f)
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
        rctx.file(f, text, executable = False)

debian_rules_cc = repository_rule(
    implementation = _debian_rules_cc_impl,
    attrs = {"path": attr.string(default = "/usr/share/bazel/rules/cc")},
    local = True,
)

// Paths typed by a user are relative to the directory they typed them in.
// Under `bazel run` the binary runs inside its runfiles tree instead, and
// Bazel passes the user's directory in $BUILD_WORKING_DIRECTORY (and the
// workspace root in $BUILD_WORKSPACE_DIRECTORY).
#pragma once

#include <string>

namespace nethical::bench {

// An absolute path is returned unchanged; a relative one is joined to
// $BUILD_WORKING_DIRECTORY when set, else left relative to the current
// directory (a binary started directly).
std::string ResolveUserPath(const std::string& path);

}  // namespace nethical::bench

// FileSizeLimit: while alive, write(2) past `bytes` in any file fails with
// EFBIG (RLIMIT_FSIZE, with SIGXFSZ ignored), as on a full disk; a child
// started meanwhile inherits the limit. The destructor restores both.
//
//   {
//     testutil::FileSizeLimit limit(64 * 1024);
//     ASSERT_TRUE(limit.ok());
//     ...writes that must fail...
//   }
#pragma once

#include <signal.h>
#include <sys/resource.h>

#include <cstddef>

namespace nethical::testutil {

class FileSizeLimit {
 public:
  explicit FileSizeLimit(size_t bytes) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    if (::sigaction(SIGXFSZ, &ignore, &old_action_) != 0 || ::getrlimit(RLIMIT_FSIZE, &old_limit_) != 0)
      return;
    rlimit limit = old_limit_;
    limit.rlim_cur = bytes;
    ok_ = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_limit_);
    ::sigaction(SIGXFSZ, &old_action_, nullptr);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

  bool ok() const { return ok_; }

 private:
  struct sigaction old_action_ {};
  rlimit old_limit_{};
  bool ok_ = false;
};

}  // namespace nethical::testutil

// Stream buffers that fail the way real files do, for tests of I/O error
// handling (a command must report the error and exit non-zero, never drop
// the rest of its input or output silently).
//
//   FailingReadBuf in_buf("{\"agent_id\":\"a\",\"text\":\"x\"}\n");
//   std::istream in(&in_buf);     // one good line, then a read error
//   FailingWriteBuf out_buf;
//   std::ostream out(&out_buf);   // every write fails (ENOSPC)
#pragma once

#include <cerrno>
#include <ios>
#include <streambuf>
#include <string>
#include <utility>

namespace nethical::testutil {

// Reads `good`, then fails as a file buffer does on a read error
// (libstdc++'s filebuf throws from underflow, e.g. EISDIR for a directory).
class FailingReadBuf : public std::streambuf {
 public:
  explicit FailingReadBuf(std::string good) : good_(std::move(good)) {
    setg(good_.data(), good_.data(), good_.data() + good_.size());
  }

 protected:
  int_type underflow() override {
    errno = EIO;
    throw std::ios_base::failure("read error");
  }

 private:
  std::string good_;
};

// Every write fails, as on a full disk.
class FailingWriteBuf : public std::streambuf {
 protected:
  int_type overflow(int_type) override {
    errno = ENOSPC;
    return traits_type::eof();
  }
  std::streamsize xsputn(const char*, std::streamsize) override {
    errno = ENOSPC;
    return 0;
  }
};

}  // namespace nethical::testutil

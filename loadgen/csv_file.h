// CsvFile: streams the per-action CSV to disk and publishes it atomically:
// rows go to "<path>.tmp"; Commit() flushes, fsyncs and renames it to <path>
// (the original's os.replace); Abort() removes the temporary file. Memory is
// bounded by the callers' row buffers, never by the run's length.
//
// Thread-safe: Append() takes a mutex, so callers batch rows (CsvRowBuffer)
// and append ~64 KiB at a time.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::loadgen {

class CsvFile {
 public:
  // Opens "<path>.tmp" for writing and writes `header` + CRLF.
  static StatusOr<std::unique_ptr<CsvFile>> Create(const std::string& path, std::string_view header);
  ~CsvFile();  // aborts if neither Commit() nor Abort() ran

  void Append(std::string_view rows);
  Status Commit();
  void Abort();

 private:
  CsvFile(std::string path, std::FILE* f) : path_(std::move(path)), file_(f) {}

  const std::string path_;
  std::mutex mu_;
  std::FILE* file_;  // guarded by mu_; null once committed or aborted
  bool write_failed_ = false;
};

// One worker's buffer of formatted rows; hands them to the file in chunks.
class CsvRowBuffer {
 public:
  static constexpr size_t kFlushBytes = 64 * 1024;
  explicit CsvRowBuffer(CsvFile* file) : file_(file) { rows_.reserve(kFlushBytes + 4096); }
  ~CsvRowBuffer() { Flush(); }
  // The buffer to append one row to; call EndRow() after.
  std::string* row_buffer() { return &rows_; }
  void EndRow() {
    rows_.append("\r\n");
    if (rows_.size() >= kFlushBytes) Flush();
  }
  void Flush() {
    if (!rows_.empty()) file_->Append(rows_);
    rows_.clear();
  }

 private:
  CsvFile* file_;
  std::string rows_;
};

}  // namespace nethical::loadgen

#include "loadgen/csv_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace nethical::loadgen {

StatusOr<std::unique_ptr<CsvFile>> CsvFile::Create(const std::string& path,
                                                   std::string_view header) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr)
    return IoError("cannot write CSV '" + tmp + "': " + std::strerror(errno));
  std::unique_ptr<CsvFile> file(new CsvFile(path, f));
  std::string first(header);
  first.append("\r\n");
  file->Append(first);
  return file;
}

CsvFile::~CsvFile() { Abort(); }

void CsvFile::Append(std::string_view rows) {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_ == nullptr || write_failed_) return;
  if (std::fwrite(rows.data(), 1, rows.size(), file_) != rows.size()) write_failed_ = true;
}

Status CsvFile::Commit() {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_ == nullptr) return FailedPrecondition("CSV '" + path_ + "' already closed");
  const std::string tmp = path_ + ".tmp";
  bool ok = !write_failed_ && std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  const int err = errno;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok || std::rename(tmp.c_str(), path_.c_str()) != 0) {
    const std::string why = std::strerror(ok ? errno : err);
    std::remove(tmp.c_str());
    return IoError("failed to write CSV '" + path_ + "': " + why);
  }
  return Status::Ok();
}

void CsvFile::Abort() {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_ == nullptr) return;
  std::fclose(file_);
  file_ = nullptr;
  std::remove((path_ + ".tmp").c_str());
}

}  // namespace nethical::loadgen

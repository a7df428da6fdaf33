#include "loadgen/csv_file.h"

#include "loadgen/atomic_file.h"

namespace nethical::loadgen {

StatusOr<std::unique_ptr<CsvFile>> CsvFile::Create(const std::string& path, std::string_view header) {
  Status error;
  std::FILE* f = OpenTempFile(path, &error);
  if (f == nullptr) return error;
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
  std::FILE* f = file_;
  file_ = nullptr;
  return CommitTempFile(f, path_, write_failed_);
}

void CsvFile::Abort() {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_ == nullptr) return;
  AbortTempFile(file_, path_);
  file_ = nullptr;
}

}  // namespace nethical::loadgen

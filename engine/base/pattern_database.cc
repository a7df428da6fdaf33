#include "engine/base/pattern_database.h"

#include <algorithm>
#include <atomic>

namespace nethical {
namespace {

std::atomic<uint64_t> next_serial{1};

// One scratch region per thread, large enough for every database in
// `fits` (hs_alloc_scratch grows it to serve the old ones and the new one).
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<uint64_t> fits;
  ~ThreadScratch() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};

}  // namespace

StatusOr<std::unique_ptr<PatternDatabase>> PatternDatabase::Compile(const std::vector<Pattern>& patterns,
                                                                    unsigned flags) {
  if (hs_valid_platform() != HS_SUCCESS)
    return Internal("Hyperscan (libhs) does not run on this CPU: it needs SSSE3");
  std::vector<const char*> expressions;
  std::vector<unsigned> all_flags;
  std::vector<unsigned> ids;
  expressions.reserve(patterns.size());
  all_flags.reserve(patterns.size());
  ids.reserve(patterns.size());
  for (const Pattern& p : patterns) {
    expressions.push_back(p.regex.c_str());
    all_flags.push_back(flags | p.flags | HS_FLAG_SINGLEMATCH);
    ids.push_back(p.id);
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), all_flags.data(), ids.data(),
                       static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
                       &error) != HS_SUCCESS) {
    std::string what = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr && error->expression >= 0 &&
        static_cast<size_t>(error->expression) < patterns.size())
      what = "pattern '" + patterns[error->expression].regex + "': " + what;
    hs_free_compile_error(error);
    return Internal("Hyperscan cannot compile " + what);
  }
  return std::unique_ptr<PatternDatabase>(new PatternDatabase(db, next_serial.fetch_add(1)));
}

PatternDatabase::~PatternDatabase() { hs_free_database(db_); }

bool PatternDatabase::ScanRaw(std::string_view text, match_event_handler handler, void* ctx) const {
  if (text.size() > UINT32_MAX) return false;
  thread_local ThreadScratch local;
  if (std::find(local.fits.begin(), local.fits.end(), serial_) == local.fits.end()) {
    if (hs_alloc_scratch(db_, &local.scratch) != HS_SUCCESS) return false;
    // Databases that were freed stay listed; a long-lived thread that
    // sees many come and go starts the list over (a re-check is cheap).
    if (local.fits.size() >= 64) local.fits.clear();
    local.fits.push_back(serial_);
  }
  const hs_error_t e =
      hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, local.scratch, handler, ctx);
  return e == HS_SUCCESS || e == HS_SCAN_TERMINATED;
}

}  // namespace nethical

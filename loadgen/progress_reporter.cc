#include "loadgen/progress_reporter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace nethical::loadgen {

std::string ProgressLine(const ProgressFigures& f) {
  char eta[32] = "?";
  if (f.eta_s) {
    const long s = std::lround(std::max(0.0, *f.eta_s));
    if (s >= 3600)
      std::snprintf(eta, sizeof eta, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else if (s >= 60)
      std::snprintf(eta, sizeof eta, "%ldm%02lds", s / 60, s % 60);
    else
      std::snprintf(eta, sizeof eta, "%lds", s);
  }
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "[%7.1fs/%.1fs] %llu/%llu sent  %.1f/s of %.1f/s  p99 %.2fms  errors %llu  late %llu  ETA %s",
                f.elapsed_s, f.span_s, static_cast<unsigned long long>(f.completed),
                static_cast<unsigned long long>(f.planned), f.rate, f.target_rps, f.p99_ms,
                static_cast<unsigned long long>(f.errors), static_cast<unsigned long long>(f.late), eta);
  return buf;
}

std::optional<double> EstimateSecondsLeft(double elapsed_s, double span_s, double deadline_s, uint64_t left,
                                          double rate) {
  const double until_deadline = std::max(0.0, std::max(deadline_s, span_s) - elapsed_s);
  double eta = std::max(0.0, span_s - elapsed_s);
  if (left > 0) {
    if (rate > 0)
      eta = std::max(eta, static_cast<double>(left) / rate);
    else if (eta == 0)
      return until_deadline > 0 ? std::optional<double>(until_deadline) : std::nullopt;
  }
  return std::min(eta, until_deadline);
}

ProgressReporter::ProgressReporter(ProgressOptions options, std::FILE* out, bool terminal)
    : options_(std::move(options)), out_(out), terminal_(terminal), next_plain_s_(options_.plain_every_s) {}

void ProgressReporter::OnSample(int64_t elapsed_ns, const RunTotals& totals) {
  const double elapsed_s = elapsed_ns / 1e9;
  // The rate over the last tick: what the generator achieves now.
  const double rate = (totals.completed - std::min(totals.completed, last_completed_)) /
                      std::max(1e-9, (elapsed_ns - last_ns_) / 1e9);
  last_completed_ = totals.completed;
  last_ns_ = elapsed_ns;
  if (!terminal_) {
    if (elapsed_s + 1e-6 < next_plain_s_) return;
    while (next_plain_s_ <= elapsed_s + 1e-6) next_plain_s_ += options_.plain_every_s;
  }
  ProgressFigures f;
  f.elapsed_s = elapsed_s;
  f.span_s = options_.span_s;
  f.completed = totals.completed;
  f.planned = options_.planned;
  f.rate = rate;
  f.target_rps = options_.target_at ? options_.target_at(elapsed_s) : 0;
  f.p99_ms = totals.response_time.Quantile(0.99) / 1e6;
  f.errors = totals.errors;
  f.late = totals.late;
  const uint64_t left = options_.planned - std::min(options_.planned, totals.completed);
  f.eta_s = EstimateSecondsLeft(elapsed_s, options_.span_s,
                                options_.deadline_s > 0 ? options_.deadline_s : options_.span_s, left, rate);
  const std::string line = ProgressLine(f);
  if (terminal_)
    std::fprintf(out_, "\r%s\033[K", line.c_str());
  else
    std::fprintf(out_, "%s\n", line.c_str());
  std::fflush(out_);
  printed_ = true;
}

void ProgressReporter::OnFinish(int64_t, const RunTotals&) {
  if (terminal_ && printed_) std::fputc('\n', out_);
  std::fflush(out_);
}

}  // namespace nethical::loadgen

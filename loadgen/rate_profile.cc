#include "loadgen/rate_profile.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace nethical::loadgen {
namespace {

double SegmentSends(const RateProfile::Segment& s, double tau) {
  const double len = s.end_s - s.start_s;
  const double slope = len > 0 ? (s.rate_end - s.rate_start) / len : 0.0;
  return s.rate_start * tau + 0.5 * slope * tau * tau;
}

}  // namespace

RateProfile::RateProfile(std::vector<Segment> segments, double duration_s)
    : segments_(std::move(segments)), duration_s_(duration_s) {
  cumulative_.reserve(segments_.size() + 1);
  double c = 0;
  for (const Segment& s : segments_) {
    cumulative_.push_back(c);
    c += SegmentSends(s, s.end_s - s.start_s);
  }
  cumulative_.push_back(c);
}

RateProfile RateProfile::Constant(double rps, double duration_s) {
  return RateProfile({{0, duration_s, rps, rps}}, duration_s);
}

RateProfile RateProfile::Ramp(double from_rps, double to_rps, double ramp_s, double duration_s) {
  ramp_s = std::min(ramp_s, duration_s);
  std::vector<Segment> segs;
  if (ramp_s > 0) segs.push_back({0, ramp_s, from_rps, to_rps});
  if (ramp_s < duration_s) segs.push_back({ramp_s, duration_s, to_rps, to_rps});
  return RateProfile(std::move(segs), duration_s);
}

RateProfile RateProfile::Step(double rps, int steps, double duration_s) {
  std::vector<Segment> segs;
  for (int i = 0; i < steps; ++i) {
    const double r = rps * (i + 1) / steps;
    segs.push_back({duration_s * i / steps, duration_s * (i + 1) / steps, r, r});
  }
  return RateProfile(std::move(segs), duration_s);
}

RateProfile RateProfile::Spike(double rps, double multiplier, double at_s, double len_s, double duration_s) {
  at_s = std::clamp(at_s, 0.0, duration_s);
  const double end_s = std::min(at_s + len_s, duration_s);
  const double peak = rps * multiplier;
  std::vector<Segment> segs;
  if (at_s > 0) segs.push_back({0, at_s, rps, rps});
  if (end_s > at_s) segs.push_back({at_s, end_s, peak, peak});
  if (end_s < duration_s) segs.push_back({end_s, duration_s, rps, rps});
  return RateProfile(std::move(segs), duration_s);
}

double RateProfile::SendsBefore(double t_s) const {
  t_s = std::clamp(t_s, 0.0, duration_s_);
  // The last segment starting at or before t.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), t_s,
                             [](double t, const Segment& s) { return t < s.start_s; });
  if (it == segments_.begin()) return 0;
  const size_t i = static_cast<size_t>(it - segments_.begin()) - 1;
  const Segment& s = segments_[i];
  return cumulative_[i] + SegmentSends(s, std::min(t_s, s.end_s) - s.start_s);
}

double RateProfile::TimeOfSend(double u) const {
  u = std::clamp(u, 0.0, TotalSends());
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& s = segments_[i];
    const double d = u - cumulative_[i];
    const double in_segment = cumulative_[i + 1] - cumulative_[i];
    // A segment with no sends (zero rate) can never hold the u-th send.
    if (in_segment <= 0 || d > in_segment) continue;
    const double len = s.end_s - s.start_s;
    const double slope = (s.rate_end - s.rate_start) / len;
    // Solve r0*tau + slope/2*tau^2 = d; this form is stable for slope -> 0
    // and for r0 = 0.
    const double root = std::sqrt(std::max(0.0, s.rate_start * s.rate_start + 2 * slope * d));
    const double denom = s.rate_start + root;
    const double tau = denom > 0 ? 2 * d / denom : 0.0;
    return s.start_s + std::min(tau, len);
  }
  return duration_s_;
}

double RateProfile::RateAt(double t_s) const {
  for (const Segment& s : segments_) {
    if (t_s >= s.start_s && t_s < s.end_s) {
      const double len = s.end_s - s.start_s;
      return s.rate_start + (s.rate_end - s.rate_start) * (t_s - s.start_s) / len;
    }
  }
  return 0.0;
}

}  // namespace nethical::loadgen

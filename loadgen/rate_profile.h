// RateProfile: the target send rate over a run, as a piecewise-linear
// function r(t) on [0, duration]. Pure: no clock, no state.
//
//   RateProfile p = RateProfile::Constant(2000, 10);  // 2,000/s for 10 s
//   p.SendsBefore(1.0)          // 2000: Λ(t) = ∫0^t r
//   p.TimeOfSend(4000.0)        // 2.0 s: Λ^-1, exact within rounding
//
// The shapes (all rates in sends/s, times in seconds):
//   Constant(rps)                      r = rps
//   Ramp(from, to, ramp_s)             linear from -> to over ramp_s, then to
//   Step(rps, steps)                   `steps` equal slices at rps*i/steps, i = 1..steps
//   Spike(rps, multiplier, at_s, len_s)  rps, and rps*multiplier during [at_s, at_s+len_s)
#pragma once

#include <string>
#include <vector>

namespace nethical::loadgen {

class RateProfile {
 public:
  struct Segment {
    double start_s, end_s;        // [start_s, end_s)
    double rate_start, rate_end;  // linear in between
  };

  // REQUIRES (checked by the option parser): rates >= 0, duration > 0,
  // steps >= 1, and at least one segment with a positive rate.
  static RateProfile Constant(double rps, double duration_s);
  static RateProfile Ramp(double from_rps, double to_rps, double ramp_s, double duration_s);
  static RateProfile Step(double rps, int steps, double duration_s);
  static RateProfile Spike(double rps, double multiplier, double at_s, double len_s, double duration_s);

  double duration_s() const { return duration_s_; }
  // Λ(t): how many sends the profile plans in [0, t]. Clamped to [0, duration].
  double SendsBefore(double t_s) const;
  // Λ(duration).
  double TotalSends() const { return cumulative_.back(); }
  // Λ^-1(u): the earliest time by which u sends are due. REQUIRES 0 <= u <= TotalSends().
  double TimeOfSend(double u) const;
  // The rate at time t (for reports and tests).
  double RateAt(double t_s) const;
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  RateProfile(std::vector<Segment> segments, double duration_s);

  std::vector<Segment> segments_;
  std::vector<double> cumulative_;  // Λ at each segment start, plus Λ(duration)
  double duration_s_;
};

}  // namespace nethical::loadgen

// DetectStage: the engine's "detectors -> judge" step for one action
// (nethical-original.md §3 steps 2-6), with the original's order:
//   1. integrity screen: a privileged action without `authorized` -> TERMINATE
//   2. size guard: text above DetectConfig::size_guard_bytes -> BLOCK
//   3. stage-0 phrase screens and the 14 detectors (DetectorSuite)
//   4. the judge
// Every rejection records the violation that caused it.
//
//   auto stage = DetectStage::Create(config.detect);
//   std::shared_ptr<const Judgment> j = stage->Evaluate(action);
//
// REQUIRES: action.text is valid UTF-8. Thread-safe; never throws.
#pragma once

#include <memory>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/detect/detector_suite.h"
#include "engine/detect/judge.h"
#include "engine/model/action.h"

namespace nethical::detect {

class DetectStage {
 public:
  static StatusOr<std::unique_ptr<DetectStage>> Create(const DetectConfig& config);

  std::shared_ptr<const Judgment> Evaluate(const Action& action) const;

 private:
  DetectStage(const DetectConfig& config, std::unique_ptr<DetectorSuite> suite)
      : config_(config), suite_(std::move(suite)) {}

  std::shared_ptr<const Judgment> JudgeText(std::string_view text) const;

  const DetectConfig config_;
  std::unique_ptr<DetectorSuite> suite_;
};

}  // namespace nethical::detect

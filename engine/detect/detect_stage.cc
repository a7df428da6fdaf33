#include "engine/detect/detect_stage.h"

#include <string>

namespace nethical::detect {
namespace {

std::shared_ptr<const Judgment> Reject(const char* type, Severity severity, const char* detector,
                                       std::string description, bool stage0) {
  TextFindings f;
  f.stage0_reject = stage0;
  f.violations.push_back(Violation{type, severity, 1.0, detector, std::move(description)});
  return std::make_shared<const Judgment>(Judge(std::move(f)));
}

}  // namespace

StatusOr<std::unique_ptr<DetectStage>> DetectStage::Create(const DetectConfig& config) {
  if (config.size_guard_bytes <= 0)
    return InvalidArgument("NETHICAL_DETECT_SIZE_GUARD_BYTES=" +
                           std::to_string(config.size_guard_bytes) + ": must be > 0");
  auto suite = DetectorSuite::Create();
  if (!suite.ok()) return suite.status();
  return std::unique_ptr<DetectStage>(new DetectStage(config, std::move(suite).value()));
}

std::shared_ptr<const Judgment> DetectStage::Evaluate(const Action& action) const {
  if (action.context.is_privileged && !action.context.authorized)
    return Reject("integrity", Severity::kHigh, "AILawyer",
                  "Privileged action without authorization", /*stage0=*/true);
  if (static_cast<int64_t>(action.text.size()) > config_.size_guard_bytes)
    return Reject("system_limits", Severity::kCritical, "SizeGuard",
                  "Payload too large (DoS guard): " + std::to_string(action.text.size()) +
                      " bytes > " + std::to_string(config_.size_guard_bytes),
                  /*stage0=*/false);
  return JudgeText(action.text);
}

std::shared_ptr<const Judgment> DetectStage::JudgeText(std::string_view text) const {
  TextFindings findings;
  suite_->Screen(text, &findings);
  return std::make_shared<const Judgment>(Judge(std::move(findings)));
}

}  // namespace nethical::detect

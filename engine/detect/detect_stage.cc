#include "engine/detect/detect_stage.h"

#include <atomic>
#include <cmath>
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

// A process-unique stage id (0 is "none").
uint64_t NextStageId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

StatusOr<std::unique_ptr<DetectStage>> DetectStage::Create(const DetectConfig& config, const Clock& clock) {
  auto suite = DetectorSuite::Create();
  if (!suite.ok()) return suite.status();
  return std::unique_ptr<DetectStage>(new DetectStage(config, clock, std::move(suite).value()));
}

DetectStage::DetectStage(const DetectConfig& config, const Clock& clock, std::unique_ptr<DetectorSuite> suite)
    : config_(config), id_(NextStageId()), clock_(clock), suite_(std::move(suite)) {
  if (config.judgment_cache)
    cache_ = std::make_unique<JudgmentCache>(config.judgment_cache_entries,
                                             static_cast<int64_t>(config.judgment_cache_ttl_seconds * 1e9));
}

std::shared_ptr<const Judgment> DetectStage::Evaluate(const Action& action, const PiiOutcome& pii,
                                                      const RuleHits* rule_hits) const {
  if (action.context.is_privileged && !action.context.authorized)
    return Reject("integrity", Severity::kHigh, "AILawyer", "Privileged action without authorization",
                  /*stage0=*/true);
  if (static_cast<int64_t>(action.text.size()) > config_.size_guard_bytes)
    return Reject("system_limits", Severity::kCritical, "SizeGuard",
                  "Payload too large (DoS guard): " + std::to_string(action.text.size()) + " bytes > " +
                      std::to_string(config_.size_guard_bytes),
                  /*stage0=*/false);
  return cache_ ? JudgeTextCached(action.type, action.text, pii, rule_hits)
                : JudgeText(action.text, pii, rule_hits);
}

bool DetectStage::CacheLeftOut() const { return !cache_ || CacheBypass().bypassing(); }

AdaptiveBypass& DetectStage::CacheBypass() const {
  // This thread's record of what the cache has been worth to this stage.
  thread_local uint64_t owner = 0;
  thread_local AdaptiveBypass bypass(kCacheBypass);
  if (owner != id_) {
    owner = id_;
    bypass = AdaptiveBypass(kCacheBypass);
  }
  return bypass;
}

std::shared_ptr<const Judgment> DetectStage::JudgeTextCached(ActionType type, std::string_view text,
                                                             const PiiOutcome& pii,
                                                             const RuleHits* rule_hits) const {
  AdaptiveBypass& bypass = CacheBypass();
  if (!bypass.ShouldUse()) return JudgeText(text, pii, rule_hits);
  JudgmentCache::Key key = JudgmentCache::MakeKey(type, text);
  std::shared_ptr<const Judgment> hit = cache_->Lookup(key, clock_.NowNanos());
  bypass.Record(hit != nullptr);
  if (hit) return hit;
  std::shared_ptr<const Judgment> fresh = JudgeText(text, pii, rule_hits);
  cache_->Insert(key, fresh, clock_.NowNanos());
  return fresh;
}

std::shared_ptr<const Judgment> DetectStage::JudgeText(std::string_view text, const PiiOutcome& pii,
                                                       const RuleHits* rule_hits) const {
  TextFindings findings;
  suite_->Screen(text, pii, &findings, rule_hits);
  return std::make_shared<const Judgment>(Judge(std::move(findings)));
}

}  // namespace nethical::detect

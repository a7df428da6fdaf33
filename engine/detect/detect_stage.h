// DetectStage: the engine's "detectors -> judge" step for one action
// (docs/original.md §3 steps 2-6), with the original's order:
//   1. integrity screen: a privileged action without `authorized` -> TERMINATE
//   2. size guard: text above DetectConfig::size_guard_bytes -> BLOCK
//   3. judgment cache lookup on (action type, SHA-256 of the text), if on
//      and worth it lately on this thread (engine/base/adaptive_bypass.h: a
//      stream of texts that never repeat consults it for one action in 16)
//   4. stage-0 phrase screens and the 14 detectors (DetectorSuite); the
//      PrivacyDetector reports `pii`, the PII stage's findings for the text
//   5. the judge (its judgment is cached)
// Every rejection records the violation that caused it. Steps 3-5 depend on
// the text only (the PII findings are a function of the text for the
// engine's one redactor configuration), so a cached judgment equals a fresh
// one.
//
//   auto stage = DetectStage::Create(config.detect, clock);
//   std::shared_ptr<const Judgment> j = stage->Evaluate(action, verdict.pii);
//
// REQUIRES: action.text is valid UTF-8. Thread-safe; never throws.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/base/adaptive_bypass.h"
#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/detect/detector_suite.h"
#include "engine/detect/judge.h"
#include "engine/detect/judgment_cache.h"
#include "engine/model/action.h"

namespace nethical::detect {

class DetectStage {
 public:
  // The judgment cache costs a SHA-256 of the text and an insert that
  // evicts on a miss: after a window of 256 lookups with fewer than 3 hits
  // (~1 %; a stream of texts that never repeat, as generate_load's trace
  // tokens make), it is consulted for one action in 16 until such probes
  // hit again.
  static constexpr AdaptiveBypass::Policy kCacheBypass{256, 3, 16};

  // REQUIRES: Validate(config).ok() (engine/config/config_validation.h).
  // Fails only if the detectors cannot be built. `clock` (for the cache's
  // TTL) must outlive the stage.
  static StatusOr<std::unique_ptr<DetectStage>> Create(const DetectConfig& config, const Clock& clock);

  // `pii`: the PII stage's findings for action.text. `rule_hits`, when not
  // null: the catalog's rules that match in action.text, from the caller's
  // own pass (engine/text_prescan.h); else the stage scans when it must.
  std::shared_ptr<const Judgment> Evaluate(const Action& action, const PiiOutcome& pii,
                                           const RuleHits* rule_hits = nullptr) const;

  // Whether this thread's Evaluate calls go without the judgment cache: none,
  // or left out for now (kCacheBypass: but for one probe in 16). They then
  // scan their texts, and a caller that passes over the text anyway may as
  // well find the rule hits for them.
  bool CacheLeftOut() const;

  // The cache, or null when NETHICAL_JUDGMENT_CACHE is off.
  const JudgmentCache* cache() const { return cache_.get(); }

 private:
  DetectStage(const DetectConfig& config, const Clock& clock, std::unique_ptr<DetectorSuite> suite);

  std::shared_ptr<const Judgment> JudgeText(std::string_view text, const PiiOutcome& pii,
                                            const RuleHits* rule_hits) const;
  std::shared_ptr<const Judgment> JudgeTextCached(ActionType type, std::string_view text,
                                                  const PiiOutcome& pii, const RuleHits* rule_hits) const;
  // This thread's record of what the cache has been worth to this stage.
  AdaptiveBypass& CacheBypass() const;

  const DetectConfig config_;
  const uint64_t id_;  // tells this stage's thread-local bypass from another's
  const Clock& clock_;
  std::unique_ptr<DetectorSuite> suite_;
  std::unique_ptr<JudgmentCache> cache_;
};

}  // namespace nethical::detect

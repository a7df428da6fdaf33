#include "tests/redact/pii_corpus.h"

#include <cstdio>
#include <span>

#include "tests/redact/pii_corpus_frames.h"
#include "tests/redact/pii_corpus_rng.h"
#include "tests/redact/pii_corpus_values.h"

namespace nethical::redact {
namespace {

bool IsSlotChar(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }

// Appends `frame` to `record->text`, filling its slots and labeling the
// values of labeled slots. Braces that do not enclose a slot name are text.
void AppendFrame(std::string_view frame, CorpusRng& rng, LabeledText* record) {
  size_t i = 0;
  while (i < frame.size()) {
    if (frame[i] == '{') {
      size_t close = i + 1;
      while (close < frame.size() && IsSlotChar(frame[close])) ++close;
      if (close > i + 1 && close < frame.size() && frame[close] == '}') {
        std::optional<Slot> slot = SlotFromName(frame.substr(i + 1, close - i - 1));
        if (slot) {
          std::string value = MakeSlotValue(*slot, rng);
          std::string_view label = SlotLabel(*slot);
          if (!label.empty()) {
            const auto start = static_cast<uint32_t>(record->text.size());
            record->spans.push_back(
                {std::string(label), start, start + static_cast<uint32_t>(value.size()), value});
          }
          record->text += value;
          i = close + 1;
          continue;
        }
      }
    }
    record->text.push_back(frame[i]);
    ++i;
  }
}

std::span<const std::string_view> PiiFramesOfKind(const CorpusFrames& frames, uint64_t kind) {
  switch (kind) {
    case 0:
      return frames.email;
    case 1:
      return frames.phone;
    case 2:
      return frames.ssn;
    case 3:
      return frames.card;
    case 4:
      return frames.ip;
    case 5:
      return frames.passport;
    default:
      return frames.dob;
  }
}

}  // namespace

std::string_view CorpusSplitName(CorpusSplit split) {
  return split == CorpusSplit::kPublic ? "public" : "validation";
}

std::optional<CorpusSplit> CorpusSplitFromName(std::string_view name) {
  if (name == "public") return CorpusSplit::kPublic;
  if (name == "validation") return CorpusSplit::kValidation;
  return std::nullopt;
}

std::vector<LabeledText> GeneratePiiCorpus(CorpusSplit split, uint64_t seed, int records) {
  const CorpusFrames& frames = split == CorpusSplit::kPublic ? PublicFrames() : ValidationFrames();
  // The split is mixed into the stream so that the two splits of one seed
  // are independent draws, not the same draws through other frames.
  CorpusRng rng(seed * 0x2545f4914f6cdd1dULL + (split == CorpusSplit::kPublic ? 1 : 2));
  std::vector<LabeledText> corpus;
  corpus.reserve(records > 0 ? static_cast<size_t>(records) : 0);
  for (int n = 0; n < records; ++n) {
    LabeledText record;
    char id[32];
    std::snprintf(id, sizeof id, "%06d", n);
    record.id = std::string(CorpusSplitName(split)) + "-" + id;

    const uint64_t kind = rng.Below(100);
    std::string_view main_frame;
    if (kind < 40) {
      main_frame = rng.Pick(frames.clean);
    } else if (kind < 80) {
      main_frame = rng.Pick(PiiFramesOfKind(frames, rng.Below(7)));
    } else if (kind < 85) {
      main_frame = rng.Pick(frames.hostile);
    } else {
      main_frame = rng.Pick(frames.mixed);
    }
    const uint64_t company = rng.Below(8);  // 0: clean sentence first, 1: after
    if (company == 0) {
      AppendFrame(rng.Pick(frames.clean), rng, &record);
      record.text += ' ';
    }
    AppendFrame(main_frame, rng, &record);
    if (company == 1) {
      record.text += ' ';
      AppendFrame(rng.Pick(frames.clean), rng, &record);
    }
    corpus.push_back(std::move(record));
  }
  return corpus;
}

}  // namespace nethical::redact

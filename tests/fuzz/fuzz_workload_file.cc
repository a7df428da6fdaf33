// Fuzzes the --workload-file reader (loadgen/workload_file.h): the input is
// written as a file and loaded. Invariants, against a reference reading of
// the same bytes (split on '\n', one trailing '\r' dropped, lines of only
// spaces and tabs skipped, every other line through ParseActionJson):
//   * the file loads exactly when every such line parses and there is one;
//   * the k-th send replays action k mod n, with a non-empty agent_id and
//     action_id (made up when the line had none);
//   * Cohorts() is at most kMaxCohorts distinct names;
//   * an error is one line.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/action_json.h"
#include "loadgen/workload.h"
#include "loadgen/workload_file.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/temp_file.h"

namespace {

using nethical::Action;

// nullopt-like: false when some line does not parse.
bool ReferenceRead(std::string_view content, std::vector<Action>* actions) {
  while (!content.empty()) {
    const size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto action = nethical::ParseActionJson(line);
    if (!action.ok()) return false;
    actions->push_back(std::move(*action));
  }
  return !actions->empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const std::string path = nethical::fuzz::ScratchDir() + "/workload.jsonl";
  nethical::fuzz::WriteFileOrDie(path, content);

  std::vector<Action> expected;
  const bool expect_ok = ReferenceRead(content, &expected);
  auto workload = nethical::loadgen::LoadWorkloadFile(path);
  FUZZ_CHECK(workload.ok() == expect_ok, expect_ok ? "rejected a workload file whose every line parses: " +
                                                         (workload.ok() ? "" : workload.status().message())
                                                   : "accepted a workload file with a bad line or no action");
  if (!workload.ok()) {
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(workload.status().message()),
               "error message is not one line: " + workload.status().message());
    return 0;
  }
  const size_t n = expected.size();
  for (uint64_t k = 0; k < 2 * n && k < 64; ++k) {
    nethical::loadgen::PlannedSend send;
    send.index = k;
    send.agent = static_cast<uint32_t>(k % 7);
    send.agent_seq = k / 7;
    Action got;
    (*workload)->Fill(send, &got);
    const Action& want = expected[k % n];
    FUZZ_CHECK(!got.agent_id.empty() && !got.action_id.empty(),
               "a replayed action lacks an agent or action id");
    FUZZ_CHECK(got.text == want.text && got.cohort == want.cohort && got.type == want.type &&
                   got.features == want.features && got.rule_risk_score == want.rule_risk_score,
               "send " + std::to_string(k) + " does not replay line action " + std::to_string(k % n));
    if (!want.agent_id.empty()) FUZZ_CHECK(got.agent_id == want.agent_id, "a given agent_id was replaced");
    if (!want.action_id.empty())
      FUZZ_CHECK(got.action_id == want.action_id, "a given action_id was replaced");
  }
  const std::vector<std::string> cohorts = (*workload)->Cohorts();
  FUZZ_CHECK(!cohorts.empty() && cohorts.size() <= nethical::loadgen::kMaxCohorts,
             "cohort list size out of range");
  for (size_t i = 0; i < cohorts.size(); ++i)
    for (size_t j = i + 1; j < cohorts.size(); ++j)
      FUZZ_CHECK(cohorts[i] != cohorts[j], "Cohorts() repeats " + cohorts[i]);
  return 0;
}

// The key table and the report functions may be used from any thread (the
// first use builds the table); each thread may build its own configuration.
// Run under --config=tsan.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "engine/config/config_builder.h"

namespace nethical {
namespace {

TEST(ConfigConcurrency, ThreadsShareTheKeyTableAndBuildIndependently) {
  const EngineConfig shared;  // read by every thread
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<size_t> key_counts(kThreads);
  std::vector<double> epsilons(kThreads);
  std::vector<size_t> report_sizes(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      key_counts[t] = AllConfigKeys().size();  // first use races to build the table
      ConfigBuilder b;
      std::string epsilon = std::to_string(t + 1);
      if (!b.Set("NETHICAL_EPSILON", epsilon, "--epsilon").ok()) return;
      StatusOr<EngineConfig> c = b.Build();
      if (c.ok()) epsilons[t] = c->privacy.epsilon;
      report_sizes[t] = ConfigAsKeyValues(shared).size();
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(key_counts[t], AllConfigKeys().size());
    EXPECT_EQ(epsilons[t], t + 1.0);
    EXPECT_EQ(report_sizes[t], AllConfigKeys().size());
  }
}

}  // namespace
}  // namespace nethical

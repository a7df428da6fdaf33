// A test fixture for Engine tests: a FakeClock, a fresh storage dir for every
// engine (an audit log locks its region), and a shorthand for actions.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/engine.h"
#include "tests/testing/fake_clock.h"

namespace nethical {

class EngineFixture : public ::testing::Test {
 protected:
  // Defaults with the storage dir set to a new directory under TempDir();
  // the stages that write files (shadow log, audit) are off unless a test
  // turns them on.
  static EngineConfig QuietConfig() {
    EngineConfig c = FreshStorage(EngineConfig{});
    c.shadow.enabled = false;
    c.audit.enabled = false;
    return c;
  }
  // `c` with its storage dir replaced by a new directory under TempDir().
  static EngineConfig FreshStorage(EngineConfig c) {
    static int dirs = 0;
    c.storage_dir = ::testing::TempDir() + "/engine_" + std::to_string(++dirs);
    return c;
  }
  std::unique_ptr<Engine> Make(const EngineConfig& c) {
    auto e = Engine::Create(c, clock_);
    EXPECT_TRUE(e.ok()) << e.status().message();
    return e.ok() ? std::move(e).value() : nullptr;
  }
  static Action A(std::string agent, std::string text) {
    Action a;
    a.agent_id = std::move(agent);
    a.text = std::move(text);
    return a;
  }
  FakeClock clock_;
};

}  // namespace nethical

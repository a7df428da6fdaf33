// Crash test: a child process appends from two threads and prints (through
// a pipe) the leaf index of every record whose Append returned, and is
// killed with SIGKILL at a random moment (also during its own Open and
// recovery). 100 kills per durability policy (none, batch, always). After
// each kill, recovery must succeed, the log must verify, and every
// acknowledged record must be present with its exact content: in every
// policy a record is in a file before Append returns (none and batch: the
// staging ring, a file kept mapped, so in the page cache; always: the
// segment, fsynced), so a process crash loses nothing acknowledged
// (docs/audit.md); recovery writes what the ring holds to the segment. A
// kill also leaves the segment's preallocated zeros after its frames,
// which recovery must cut.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

constexpr int kKillsPerPolicy = 100;
constexpr int kKillsPerLog = 20;           // then a fresh log keeps verify cheap
constexpr uint64_t kMaxPerThread = 1'500;  // keeps the log small
// Kills land up to this long after the fork, plus twice the time the build
// takes to its first acknowledgement (FirstAckMicros): Open/recovery and
// then the flow of appends, in a slow (sanitizer) build as in -c opt.
constexpr int kMaxKillDelayMicros = 25'000;

// About 250 records per segment.
constexpr int64_t kSegmentBytes = 256 << 10;

// What the child reports through the pipe, one atomic write each.
struct Ack {
  uint64_t index;
  uint64_t thread;
  uint64_t seq;
};

AuditRecord ChildRecord(uint64_t thread, uint64_t seq) {
  return testing::SampleRecord(seq, "t" + std::to_string(thread));
}

[[noreturn]] void ChildMain(const std::string& storage, Durability durability, int ack_fd) {
  SteadyClock clock;
  AuditConfig config;
  config.batch_size = 100;
  config.flush_ms = 20;
  config.durability = durability;
  // Small segments: kills land in rolls too (a segment created with its
  // range checkpoint, the one before it cut to its frames).
  config.segment_bytes = kSegmentBytes;
  auto log = AuditLog::Open(storage, "crash", config, clock);
  if (!log.ok()) _exit(3);
  std::vector<std::thread> threads;
  for (uint64_t t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t seq = 0; seq < kMaxPerThread; ++seq) {
        // Acknowledged = Append returned (the engine then releases the
        // verdict carrying this leaf index).
        const std::optional<uint64_t> leaf = (*log)->Append(ChildRecord(t, seq));
        if (!leaf) _exit(5);  // a failed write is never acknowledged
        const Ack ack{*leaf, t, seq};
        if (::write(ack_fd, &ack, sizeof(ack)) != sizeof(ack)) _exit(4);
      }
    });
  }
  for (auto& th : threads) th.join();
  pause();  // wait for the kill
  _exit(0);
}

struct KillStats {
  uint64_t acked = 0;
  uint64_t torn_tails = 0;
  uint64_t reanchored = 0;
  uint64_t zero_tails = 0;  // kills that left the segment's preallocated zeros after its frames
  uint64_t restored = 0;    // kills after which recovery wrote records from the staging ring
  uint64_t segments = 0;    // the most segments a log reached
};

// How long a child takes from its fork to its first acknowledged record,
// on a new log: measured once, so that the kills reach the appends in a
// build where Open is many times slower (ASan) too.
int64_t FirstAckMicros(Durability durability) {
  const std::string storage = testing::NewTempDir();
  int fds[2];
  if (::pipe(fds) != 0) return 0;
  ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
  const auto forked = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ChildMain(storage, durability, fds[1]);
  }
  ::close(fds[1]);
  Ack ack;
  const bool acked = pid > 0 && ::read(fds[0], &ack, sizeof(ack)) == sizeof(ack);
  const auto elapsed = std::chrono::steady_clock::now() - forked;
  if (pid > 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  ::close(fds[0]);
  return acked ? std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() : 0;
}

void KillRepeatedly(Durability durability, uint32_t seed, KillStats* stats) {
  std::mt19937 rng(seed);
  const int64_t first_ack = FirstAckMicros(durability);
  ASSERT_GT(first_ack, 0) << "the child acknowledged no record";
  const auto max_delay = static_cast<uint64_t>(kMaxKillDelayMicros + 2 * first_ack);
  std::string storage;
  std::vector<Ack> acked;
  for (int kill = 0; kill < kKillsPerPolicy; ++kill) {
    if (kill % kKillsPerLog == 0) {
      storage = testing::NewTempDir();
      acked.clear();
    }
    const std::string dir = storage + "/crash/audit";
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);  // room for every ack: the child never blocks on it
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      ChildMain(storage, durability, fds[1]);
    }
    ::close(fds[1]);
    // The moment of the kill is the random input.
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % max_delay));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int wstatus = 0;
    ASSERT_EQ(::waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited early with " << WEXITSTATUS(wstatus);
    Ack ack;
    while (::read(fds[0], &ack, sizeof(ack)) == sizeof(ack)) acked.push_back(ack);
    ::close(fds[0]);

    // (The child may die before it created the directory.)
    ScanTail tail;
    const Status scanned =
        std::filesystem::exists(dir)
            ? ScanLog(
                  dir, TailPolicy::kRecover, [](const FrameVisit&) { return Status::Ok(); }, &tail)
            : Status::Ok();
    ASSERT_TRUE(scanned.ok()) << "kill " << kill << ": " << scanned.message();
    if (!tail.last_segment.empty() &&
        std::filesystem::file_size(tail.last_segment) > tail.valid_bytes + tail.dropped_bytes) {
      ++stats->zero_tails;
    }
    FakeClock clock;
    {
      auto log = AuditLog::Open(storage, "crash", AuditConfig(), clock);
      ASSERT_TRUE(log.ok()) << "kill " << kill << ": " << log.status().message();
      stats->torn_tails += (*log)->recovery().truncated_bytes > 0;
      stats->reanchored += (*log)->recovery().records > (*log)->recovery().anchored_before;
      stats->restored += (*log)->recovery().restored_records > 0;
      EXPECT_EQ((*log)->recovery().unrestored_bytes, 0u)
          << "kill " << kill;  // only a power loss leaves a gap
    }
    VerifyReport report;
    const Status verified = VerifyLog(dir, dir + "/" + kPublicKeyFile, &report);
    ASSERT_TRUE(verified.ok()) << "kill " << kill << ": " << verified.message();

    stats->segments = std::max<uint64_t>(stats->segments, ListSegments(dir)->size());
    const auto records = testing::FramesOfType(dir, FrameType::kRecord);
    for (const Ack& a : acked) {
      ASSERT_LT(a.index, records.size()) << "kill " << kill << ": acknowledged record lost";
      auto r = DecodeRecord(records[a.index].payload);
      ASSERT_TRUE(r.ok());
      const AuditRecord want = ChildRecord(a.thread, a.seq);
      ASSERT_EQ(r->agent_id, want.agent_id) << "kill " << kill << ", record " << a.index;
      ASSERT_EQ(r->action_id, want.action_id) << "kill " << kill << ", record " << a.index;
      ASSERT_EQ(r->text, want.text) << "kill " << kill << ", record " << a.index;
    }
    stats->acked += acked.size();
  }
}

struct Policy {
  Durability durability;
  const char* name;
  uint32_t seed;
};

class CrashRecoveryTest : public ::testing::TestWithParam<Policy> {};

TEST_P(CrashRecoveryTest, LosesNoAcknowledgedRecordToSigkill) {
  const Policy& p = GetParam();
  KillStats stats;
  KillRepeatedly(p.durability, p.seed, &stats);
  EXPECT_GT(stats.acked, 0u);
  // Most kills land while the child appends: recovery must have met the
  // preallocated tail, and (none, batch) records only the ring held.
  EXPECT_GT(stats.zero_tails, 0u);
  EXPECT_GT(stats.segments, 1u) << "no kill came after a roll";
  if (p.durability != Durability::kAlways) {
    EXPECT_GT(stats.restored, 0u);
  }
  std::printf(
      "%s: %llu acks checked; %llu torn tails; %llu re-anchored tails; %llu preallocated tails; %llu "
      "restored from the ring; up to %llu segments\n",
      p.name, static_cast<unsigned long long>(stats.acked), static_cast<unsigned long long>(stats.torn_tails),
      static_cast<unsigned long long>(stats.reanchored), static_cast<unsigned long long>(stats.zero_tails),
      static_cast<unsigned long long>(stats.restored), static_cast<unsigned long long>(stats.segments));
}

INSTANTIATE_TEST_SUITE_P(EveryDurability, CrashRecoveryTest,
                         ::testing::Values(Policy{Durability::kNone, "none", 1},
                                           Policy{Durability::kBatch, "batch", 2},
                                           Policy{Durability::kAlways, "always", 3}),
                         [](const ::testing::TestParamInfo<Policy>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace nethical::audit

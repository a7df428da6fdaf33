#include "engine/audit/record_queue.h"

#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace nethical::audit {
namespace {

TEST(RecordQueueTest, ConsumerSeesEveryTicketInOrderThroughAFullRing) {
  // A ring of 8 slots and 4 producers: producers wait for free slots all
  // the time, and tickets wrap the ring many times.
  RecordQueue queue(8);
  constexpr int kProducers = 4;
  constexpr int kPerProducer = 2000;
  std::vector<std::vector<uint64_t>> tickets(kProducers);
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        tickets[p].push_back(queue.Push(i, [&](std::string* slot) {
          *slot = std::to_string(p) + ":" + std::to_string(i);
        }));
      }
    });
  }
  std::vector<std::string> consumed;
  for (uint64_t next = 0; next < kProducers * kPerProducer;) {
    if (const QueuedRecord* r = queue.Peek(next)) {
      consumed.push_back(r->bytes);
      queue.Release(next++);
    } else {
      queue.WaitForTicket(next, std::chrono::milliseconds(10));
    }
  }
  for (auto& t : producers) t.join();
  // The bytes under each ticket are what its producer wrote for it.
  std::set<uint64_t> all;
  for (int p = 0; p < kProducers; ++p) {
    for (int i = 0; i < kPerProducer; ++i) {
      const uint64_t t = tickets[p][i];
      ASSERT_TRUE(all.insert(t).second);
      EXPECT_EQ(consumed[t], std::to_string(p) + ":" + std::to_string(i));
    }
  }
  EXPECT_EQ(queue.tickets_claimed(), static_cast<uint64_t>(kProducers * kPerProducer));
}

TEST(RecordQueueTest, WakeInterruptsAWaitingConsumer) {
  RecordQueue queue(4);
  std::thread waker([&] { queue.Wake(); });
  queue.WaitForTicket(0, std::chrono::hours(1));  // returns because of Wake
  waker.join();
  EXPECT_EQ(queue.Peek(0), nullptr);
}

TEST(RecordQueueTest, PeekSeesOnlyPublishedRecords) {
  RecordQueue queue(4);
  EXPECT_EQ(queue.Peek(0), nullptr);
  queue.Push(77, [](std::string* s) { *s = "a"; });
  ASSERT_NE(queue.Peek(0), nullptr);
  EXPECT_EQ(queue.Peek(0)->bytes, "a");
  EXPECT_EQ(queue.Peek(0)->pushed_nanos, 77);
  EXPECT_EQ(queue.Peek(1), nullptr);
}

}  // namespace
}  // namespace nethical::audit

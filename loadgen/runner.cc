#include "loadgen/runner.h"

#include <cxxabi.h>
#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <latch>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

namespace nethical::loadgen {
namespace {

constexpr int64_t kMaxSleepSliceNs = 50'000'000;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

std::string DemangledName(const std::type_info& type) {
  int status = 0;
  char* name = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string out = status == 0 && name != nullptr ? name : type.name();
  std::free(name);
  return out;
}

class Worker {
 public:
  Worker(const RunnerOptions& options, SendSource& sends, const Workload& workload, Evaluator& evaluator,
         WorkerRecorder& recorder, const Clock& clock, Sleeper& sleeper, const std::atomic<bool>& stop,
         std::atomic<bool>& cut_off, int64_t start_ns)
      : options_(options),
        sends_(sends),
        workload_(workload),
        evaluator_(evaluator),
        recorder_(recorder),
        clock_(clock),
        sleeper_(sleeper),
        stop_(stop),
        cut_off_(cut_off),
        start_ns_(start_ns),
        deadline_ns_(options.send_deadline_ns > INT64_MAX - start_ns ? INT64_MAX
                                                                     : start_ns + options.send_deadline_ns) {}

  void Run() {
    PlannedSend batch[kMaxClaimBatch];
    const size_t max = std::clamp<size_t>(options_.claim_batch, 1, kMaxClaimBatch);
    bool stopped = false;
    while (!stopped && !stop_.load(std::memory_order_relaxed) && !cut_off_.load(std::memory_order_relaxed)) {
      const size_t n = sends_.Claim(batch, max);
      if (n == 0) break;
      for (size_t i = 0; i < n && !stopped; ++i) {
        const int64_t intended = start_ns_ + batch[i].intended_ns;
        if (intended > deadline_ns_) {  // never due before the deadline
          CutOff();
          break;
        }
        workload_.Fill(batch[i], &action_, &truth_);
        const int64_t started = WaitUntil(intended);
        stopped = started < 0;
        if (stopped) break;
        if (started > deadline_ns_) {  // due in time, but the evaluator fell behind
          CutOff();
          break;
        }
        Evaluate(intended, started);
      }
    }
    recorder_.FlushCsv();
  }

 private:
  void CutOff() { cut_off_.store(true, std::memory_order_relaxed); }

  // The first clock reading at or after `deadline` (the send's actual start),
  // or -1 if a stop request came first.
  int64_t WaitUntil(int64_t deadline) {
    for (;;) {
      const int64_t now = clock_.NowNanos();
      if (now >= deadline) return now;
      if (stop_.load(std::memory_order_relaxed)) return -1;
      if (deadline - now > options_.spin_ns)
        sleeper_.SleepUntil(std::min(deadline - options_.spin_ns, now + kMaxSleepSliceNs));
      else
        CpuRelax();
    }
  }

  void Evaluate(int64_t intended, int64_t started) {
    Sample s;
    s.action = &action_;
    s.intended_ns = intended;
    s.started_ns = started;
    try {
      verdict_ = evaluator_.Evaluate(action_);
      if (verdict_.audit_failed) {
        s.ok = false;
        s.error_class = "AuditWriteFailed";
        s.error_detail = verdict_.reasons.back();
      } else if (verdict_.rejected_input) {
        s.ok = false;
        s.error_class = "RejectedInput";
        error_detail_.clear();
        for (const std::string& r : verdict_.reasons) {
          if (!error_detail_.empty()) error_detail_.append("; ");
          error_detail_.append(r);
        }
        s.error_detail = error_detail_;
      } else {
        s.decision = verdict_.decision;
        s.violation = verdict_.violation_detected();
        s.pii_findings = verdict_.pii ? static_cast<uint32_t>(verdict_.pii->findings.size()) : 0;
        s.risk_score = verdict_.risk_score;
        recorder_.RecordQuality(truth_, verdict_, started - start_ns_);
      }
    } catch (const std::exception& e) {
      s.ok = false;
      error_class_ = DemangledName(typeid(e));
      error_detail_ = e.what();
      s.error_class = error_class_;
      s.error_detail = error_detail_;
    } catch (...) {
      s.ok = false;
      s.error_class = "UnknownException";
    }
    s.finished_ns = clock_.NowNanos();
    recorder_.Record(s);
  }

  const RunnerOptions& options_;
  SendSource& sends_;
  const Workload& workload_;
  Evaluator& evaluator_;
  WorkerRecorder& recorder_;
  const Clock& clock_;
  Sleeper& sleeper_;
  const std::atomic<bool>& stop_;
  std::atomic<bool>& cut_off_;
  const int64_t start_ns_;
  const int64_t deadline_ns_;  // absolute
  Action action_;
  ActionTruth truth_;  // what Fill put into action_ (the engine never sees it)
  Verdict verdict_;
  std::string error_class_, error_detail_;
};

}  // namespace

size_t ClaimBatchFor(double peak_rps) {
  return std::clamp<size_t>(static_cast<size_t>(peak_rps * 20e-6), 1, kMaxClaimBatch);
}

void MonotonicSleeper::SleepUntil(int64_t deadline_ns) {
  timespec ts;
  ts.tv_sec = deadline_ns / 1'000'000'000;
  ts.tv_nsec = deadline_ns % 1'000'000'000;
  // EINTR (a signal) just returns early: the caller re-checks the clock.
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
}

void MonotonicSleeper::PrepareWorkerThread() { prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0); }

RunResult RunLoad(const RunnerOptions& options, SendSource& sends, const Workload& workload,
                  Evaluator& evaluator, Recorder& recorder, const Clock& clock, Sleeper& sleeper,
                  const std::atomic<bool>& stop) {
  const int n = std::max(1, std::min(options.workers, recorder.workers()));
  std::latch ready(n + 1);
  std::atomic<int64_t> start_ns{0};
  std::atomic<bool> cut_off{false};
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      sleeper.PrepareWorkerThread();
      ready.arrive_and_wait();
      Worker(options, sends, workload, evaluator, recorder.worker(i), clock, sleeper, stop, cut_off,
             start_ns.load(std::memory_order_acquire))
          .Run();
    });
  }
  // Time zero is taken once every worker exists, so thread start-up is not
  // charged to the first sends as lag.
  RunResult result;
  result.start_ns = clock.NowNanos();
  start_ns.store(result.start_ns, std::memory_order_release);
  ready.arrive_and_wait();
  for (auto& t : threads) t.join();
  result.end_ns = clock.NowNanos();
  result.stopped = stop.load(std::memory_order_relaxed);
  result.cut_off = cut_off.load(std::memory_order_relaxed);
  return result;
}

}  // namespace nethical::loadgen

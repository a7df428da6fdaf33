// OTLP export end to end: the test runs a receiver on an ephemeral loopback
// port (a minimal HTTP/1.1 server in this file, stopped by the test), starts
// generate_load with NETHICAL_ENABLE_OTEL=true pointing at it, and decodes
// what arrives: the path, the resource attributes, metric names and values
// against the run's own JSON summary. A dead endpoint is counted and
// reported, never fatal. The settings' errors are checked without a run.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "loadgen/otlp_exporter.h"
#include "tests/loadgen/generate_load_process.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

struct Received {
  std::string request_line, headers, body;
};

class OtlpReceiver {
 public:
  OtlpReceiver() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(listen(fd_, 8), 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OtlpReceiver() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }

 private:
  void Serve() {
    while (!stop_) {
      const int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string data;
      char buf[65536];
      size_t header_end = std::string::npos, need = 0;
      for (ssize_t n; (n = read(c, buf, sizeof buf)) > 0;) {
        data.append(buf, static_cast<size_t>(n));
        if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
          const size_t cl = data.find("Content-Length: ");
          need = cl < header_end ? std::stoul(data.substr(cl + 16)) : 0;
        }
        if (header_end != std::string::npos && data.size() >= header_end + 4 + need) break;
      }
      if (header_end != std::string::npos) {
        Received r;
        r.request_line = data.substr(0, data.find("\r\n"));
        r.headers = data.substr(0, header_end);
        r.body = data.substr(header_end + 4);
        std::lock_guard<std::mutex> lock(mu_);
        received_.push_back(std::move(r));
      }
      const std::string reply =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
      (void)!write(c, reply.data(), reply.size());
      close(c);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<Received> received_;
  std::thread thread_;
};

const Json* Metric(const Json& doc, const std::string& name) {
  for (const Json& m : doc["resourceMetrics"][0]["scopeMetrics"][0]["metrics"])
    if (m["name"] == name) return &m;
  return nullptr;
}

TEST(OtlpExportE2eTest, TheReceiverDecodesNamesValuesAndResourceAttributes) {
  OtlpReceiver receiver;
  const std::string json = TmpPath("otlp.json");
  Process p;
  const int rc =
      RunToEnd("otlp",
               {"--evaluator", "null", "--agents", "10", "--rps", "200", "--duration", "2", "--seed", "4",
                "--no-output", "--no-progress", "--json-summary", json},
               &p,
               {"NETHICAL_ENABLE_OTEL=true",
                "NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:" + std::to_string(receiver.port()),
                "NETHICAL_OTEL_SERVICE_NAME=load-svc"});
  ASSERT_EQ(rc, 0) << p.err();
  EXPECT_NE(p.err().find("OTLP export: 1 sent, 0 failed, 0 dropped to http://127.0.0.1:"), std::string::npos)
      << p.err();
  EXPECT_EQ(p.err().find("not available yet"), std::string::npos) << p.err();
  const std::vector<Received> got = receiver.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].request_line, "POST /v1/metrics HTTP/1.1");
  EXPECT_NE(got[0].headers.find("Content-Type: application/json"), std::string::npos) << got[0].headers;
  const Json doc = Json::parse(got[0].body);
  const Json summary = Json::parse(ReadFile(json));
  const Json& resource = doc["resourceMetrics"][0]["resource"]["attributes"];
  EXPECT_EQ(resource[0]["key"], "service.name");
  EXPECT_EQ(resource[0]["value"]["stringValue"], "load-svc");
  EXPECT_EQ(resource[1]["key"], "service.version");
  EXPECT_EQ(resource[1]["value"]["stringValue"], summary["version"]["git_commit"]);
  const Json* actions = Metric(doc, "nethical.loadgen.actions");
  ASSERT_NE(actions, nullptr) << got[0].body;
  EXPECT_EQ((*actions)["sum"]["isMonotonic"], true);
  EXPECT_EQ((*actions)["sum"]["aggregationTemporality"], 2);
  EXPECT_EQ((*actions)["sum"]["dataPoints"][0]["asInt"],
            std::to_string(summary["counts"]["completed"].get<uint64_t>()));
  const Json* decisions = Metric(doc, "nethical.loadgen.decisions");
  ASSERT_NE(decisions, nullptr);
  EXPECT_EQ((*decisions)["sum"]["dataPoints"][0]["attributes"][0]["value"]["stringValue"], "ALLOW");
  EXPECT_EQ((*decisions)["sum"]["dataPoints"][0]["asInt"], "400");
  const Json* response = Metric(doc, "nethical.loadgen.response_time");
  ASSERT_NE(response, nullptr);
  const Json& point = (*response)["histogram"]["dataPoints"][0];
  EXPECT_EQ(point["count"], "400");
  EXPECT_EQ(point["bucketCounts"].size(), point["explicitBounds"].size() + 1);
  uint64_t in_buckets = 0;
  for (const Json& c : point["bucketCounts"]) in_buckets += std::stoull(c.get<std::string>());
  EXPECT_EQ(in_buckets, 400u);
  EXPECT_NEAR(point["max"].get<double>(), summary["response_time_ms"]["max"].get<double>() / 1e3, 1e-6);
  EXPECT_NE(Metric(doc, "nethical.loadgen.planned"), nullptr);
}

TEST(OtlpExportE2eTest, ADeadEndpointIsCountedAndReportedNotFatal) {
  int dead_port = 0;
  {
    OtlpReceiver gone;
    dead_port = gone.port();
  }  // bound, then closed: nothing listens
  Process p;
  const int rc =
      RunToEnd("otlp_dead",
               {"--evaluator", "null", "--rps", "50", "--duration", "1", "--no-output", "--no-progress"}, &p,
               {"NETHICAL_ENABLE_OTEL=true",
                "NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:" + std::to_string(dead_port)});
  EXPECT_EQ(rc, 0) << p.err();
  EXPECT_NE(p.err().find("OTLP export: 0 sent, 1 failed, 0 dropped"), std::string::npos) << p.err();
  EXPECT_NE(p.err().find("(last error: "), std::string::npos) << p.err();
}

TEST(OtlpOptionsTest, OffUnlessEnabled) {
  StatusOr<std::optional<OtlpOptions>> o = OtlpOptionsFrom(UnavailableFeatures{}, "http://x:4318", nullptr);
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->has_value());
}

TEST(OtlpOptionsTest, StandardEnvironmentFillsWhatTheKeysLeaveOut) {
  UnavailableFeatures u;
  u.otel = true;
  StatusOr<std::optional<OtlpOptions>> o = OtlpOptionsFrom(u, "https://collector:4318/", "svc");
  ASSERT_TRUE(o.ok() && o->has_value());
  EXPECT_EQ((*o)->endpoint, "https://collector:4318/");
  EXPECT_EQ((*o)->service_name, "svc");
  o = OtlpOptionsFrom(u, nullptr, nullptr);
  EXPECT_EQ((*o)->endpoint, "http://localhost:4318");
  EXPECT_EQ((*o)->service_name, "nethical");
}

TEST(OtlpOptionsTest, BadExporterAndUrlNameTheirKey) {
  UnavailableFeatures u;
  u.otel = true;
  u.otel_exporter = "zipkin";
  EXPECT_EQ(OtlpOptionsFrom(u, nullptr, nullptr).status().message(),
            "NETHICAL_OTEL_EXPORTER=zipkin: must be otlp (OTLP/HTTP, JSON encoding) or empty");
  u.otel_exporter = "otlp";
  u.otel_endpoint = "collector:4318";
  EXPECT_EQ(OtlpOptionsFrom(u, nullptr, nullptr).status().message(),
            "NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318: must be an http:// or https:// URL");
}

}  // namespace
}  // namespace nethical::loadgen

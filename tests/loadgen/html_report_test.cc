// The --html-report page as text: self-contained (Chart.js inlined, no
// external reference, a CSP that forbids requests), the run's data embedded
// so that no value can end the script it sits in, and the percentile ladder.
// The page is rendered in a real browser by html_report_browser_test.
#include "loadgen/html_report.h"

#include <regex>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

struct Fixture {
  LoadOptions options;
  RunTotals totals;
  RunReport report;
  SummaryContext context;
  Fixture() {
    options.cohort = "</script><script>alert(1)</script>";
    options.command_line = {"--cohort", options.cohort};
    totals.completed = 100;
    totals.decisions[0] = 100;
    for (int i = 1; i <= 100; ++i) {
      totals.response_time.Record(i * 100'000);
      totals.service_time.Record(i * 50'000);
    }
    RunResult result;
    result.end_ns = 1'000'000'000;
    report = MakeRunReport(totals, result, 100, 1, 100);
    TimeSeriesPoint p;
    p.end_s = 1, p.planned = 100, p.completed = 100;
    report.timeseries = {p};
    context.options = &options;
    context.build = BuildInfo{"abc123", "gcc", "opt"};
  }
  std::string Render() const {
    return RenderHtmlReport(report, CheckSlos(report, options.slo), context, nullptr);
  }
};

TEST(HtmlReportTest, InlinesChartJsAndTheRenderScript) {
  const std::string html = Fixture().Render();
  EXPECT_NE(html.find("Chart.js v3"), std::string::npos);
  EXPECT_NE(html.find("render-status"), std::string::npos);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(HtmlReportTest, ReferencesNothingOutsideItself) {
  const std::string html = Fixture().Render();
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // No element loads anything: no src/href attribute, no stylesheet link.
  EXPECT_FALSE(std::regex_search(html, std::regex("<[a-zA-Z]+[^>]*\\s(src|href)\\s*=")));
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(HtmlReportTest, NoDataValueCanEndItsScript) {
  const std::string html = Fixture().Render();
  // The hostile cohort appears only escaped; the page has exactly the three
  // script elements it writes (data, Chart.js, the render script).
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script>\\u003cscript>alert(1)"), std::string::npos);
  size_t scripts = 0;
  for (size_t at = 0; (at = html.find("</script>", at)) != std::string::npos; ++at) ++scripts;
  EXPECT_EQ(scripts, 3u);
}

TEST(PercentileLadderTest, ClimbsByTenthsOfADecadeUntilTheSamplesRunOut) {
  LatencyHistogram h;
  for (int i = 1; i <= 1000; ++i) h.Record(i * 1'000'000);  // 1..1000 ms
  const auto ladder = PercentileLadder(h);
  ASSERT_GE(ladder.size(), 3u);
  EXPECT_DOUBLE_EQ(ladder.front().first, 0);
  EXPECT_NEAR(ladder.front().second, 1, 0.01);
  // 1 - 10^-0.1 = 20.6 %, then 36.9 %, ...; 1/(1-q) <= 1000 stops at 99.9 %.
  EXPECT_NEAR(ladder[1].first, 20.567, 0.001);
  EXPECT_NEAR(ladder[30].first, 99.9, 1e-9);
  EXPECT_NEAR(ladder[30].second, 999, 999 * 0.005);
  // The max at the last sample's rank.
  EXPECT_EQ(ladder.size(), 31u);
  EXPECT_NEAR(ladder.back().second, 1000, 1e-9);
  for (size_t i = 1; i < ladder.size(); ++i) EXPECT_GE(ladder[i].second, ladder[i - 1].second);
}

TEST(PercentileLadderTest, EmptyHistogramHasNoRows) {
  LatencyHistogram h;
  EXPECT_TRUE(PercentileLadder(h).empty());
}

}  // namespace
}  // namespace nethical::loadgen

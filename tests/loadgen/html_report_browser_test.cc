// The --html-report page in a real browser: generate_load runs the engine
// for a few seconds and writes the page; headless Chromium (Debian's
// chromium; ci/setup installs it, a missing browser fails the test) opens it
// with a throwaway profile and every host name mapped to nothing, and the
// test checks the page's own verdict on its rendering (#render-status:
// all five charts have ink (the fifth: where the time goes, from the
// engine's default 1-in-16 stage timing), no script error, no blocked
// request). The screenshot
// is a test output (html_report.png under the test's undeclared outputs);
// docs/observability.md shows one.
#include <sys/stat.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "engine/base/subprocess.h"
#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"

namespace nethical::loadgen {
namespace {

// Runs headless Chromium on `page` with `mode` ("--dump-dom", or
// "--window-size=..." "--screenshot=FILE"); stdout to `out`, stderr to
// `out`.err. Returns the exit status, -1 if it could not run.
int Chromium(const std::string& page, const std::vector<std::string>& mode, const std::string& out) {
  const std::string profile = TmpPath("chromium-profile");
  mkdir(profile.c_str(), 0700);
  std::vector<std::string> argv = {"chromium",
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-dev-shm-usage",
                                   "--no-first-run",
                                   "--hide-scrollbars",
                                   "--host-resolver-rules=MAP * ~NOTFOUND",
                                   "--user-data-dir=" + profile};
  argv.insert(argv.end(), mode.begin(), mode.end());
  argv.push_back("file://" + page);
  const StatusOr<int> status = RunCommand(
      argv, {.stdout_path = out, .stderr_path = out + ".err", .extra_environment = {"HOME=" + TmpPath("")}});
  return status.ok() ? *status : -1;
}

TEST(HtmlReportBrowserTest, EveryChartRendersWithoutErrorsOrRequests) {
  std::string where;
  const StatusOr<int> found = RunCommand({"sh", "-c", "command -v chromium"}, {.standard_output = &where});
  ASSERT_TRUE(found.ok() && *found == 0)
      << "chromium not found (ci/setup installs Debian's chromium package)";
  const std::string page = TmpPath("report.html");
  Process run;
  const int rc =
      RunToEnd("html_report",
               {"--agents", "20", "--rps", "300", "--duration", "6", "--seed", "5", "--storage-dir",
                TmpPath("html_store"), "--no-output", "--no-progress", "--html-report", page},
               &run);
  ASSERT_EQ(rc, 0) << run.out() << run.err();

  const std::string dom = TmpPath("report.dom.html");
  ASSERT_EQ(Chromium(page, {"--dump-dom"}, dom), 0) << ReadFile(dom + ".err");
  const std::string rendered = ReadFile(dom);
  EXPECT_NE(
      rendered.find("<div id=\"render-status\" data-state=\"ok\" data-charts=\"5\">rendered 5 charts</div>"),
      std::string::npos)
      << rendered.substr(
             rendered.find("render-status") == std::string::npos ? 0 : rendered.find("render-status"), 2000);
  // The tables were built from the data.
  EXPECT_NE(rendered.find("<td>p99 &lt; 500ms</td>"), std::string::npos);
  EXPECT_NE(rendered.find("<td>git commit</td>"), std::string::npos);
  EXPECT_NE(rendered.find("<td>detect_judge</td>"), std::string::npos);  // where the time goes

  const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  const std::string shot =
      std::string(outputs != nullptr ? outputs : TmpPath("").c_str()) + "/html_report.png";
  ASSERT_EQ(Chromium(page, {"--window-size=1100,2600", "--screenshot=" + shot}, TmpPath("shot.out")), 0)
      << ReadFile(TmpPath("shot.out.err"));
  struct stat st {};
  ASSERT_EQ(stat(shot.c_str(), &st), 0) << shot;
  EXPECT_GT(st.st_size, 10'000) << "a blank page compresses to a few hundred bytes";
}

}  // namespace
}  // namespace nethical::loadgen

#include "loadgen/csv_format.h"

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "loadgen/csv_file.h"

namespace nethical::loadgen {
namespace {

std::string Float(double v) {
  std::string s;
  AppendPythonFloat(v, &s);
  return s;
}

std::string Text(std::string_view v) {
  std::string s;
  AppendCsvText(v, &s);
  return s;
}

TEST(CsvFormatTest, FloatsMatchPythonRepr) {
  EXPECT_EQ(Float(12.3456789), "12.3456789");
  EXPECT_EQ(Float(12.0), "12.0");
  EXPECT_EQ(Float(0.0), "0.0");
  EXPECT_EQ(Float(0.1), "0.1");
  EXPECT_EQ(Float(0.0001), "0.0001");
  EXPECT_EQ(Float(0.00001), "1e-05");
  EXPECT_EQ(Float(0.000015), "1.5e-05");
  EXPECT_EQ(Float(1234567.0), "1234567.0");
  EXPECT_EQ(Float(1e15), "1000000000000000.0");
  EXPECT_EQ(Float(1e16), "1e+16");
  EXPECT_EQ(Float(-2.5), "-2.5");
  EXPECT_EQ(Float(0.30000000000000004), "0.30000000000000004");
}

TEST(CsvFormatTest, SanitizeReplacesNewlinesAndStrips) { EXPECT_EQ(SanitizeCsvValue("  a\r\nb  "), "a  b"); }

TEST(CsvFormatTest, SanitizeGuardsFormulaPrefixes) {
  EXPECT_EQ(SanitizeCsvValue("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(SanitizeCsvValue("+1"), "'+1");
  EXPECT_EQ(SanitizeCsvValue("-1"), "'-1");
  EXPECT_EQ(SanitizeCsvValue("@cmd"), "'@cmd");
  EXPECT_EQ(SanitizeCsvValue("\t=x"), "'=x");  // strip runs first, as in the original
  EXPECT_EQ(SanitizeCsvValue("agent_0001"), "agent_0001");
}

TEST(CsvFormatTest, FieldsWithCommasOrQuotesAreQuotedExcelStyle) {
  EXPECT_EQ(Text("a,b"), "\"a,b\"");
  EXPECT_EQ(Text("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Text("plain"), "plain");
}

TEST(CsvFileTest, CommitPublishesTheFileAtomically) {
  const std::string path = std::string(getenv("TEST_TMPDIR")) + "/out.csv";
  auto file = CsvFile::Create(path, "a,b");
  ASSERT_TRUE(file.ok()) << file.status().message();
  {
    CsvRowBuffer rows(file->get());
    rows.row_buffer()->append("1,2");
    rows.EndRow();
  }
  EXPECT_FALSE(std::ifstream(path).good());  // nothing visible before Commit
  ASSERT_TRUE((*file)->Commit().ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "a,b\r\n1,2\r\n");
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
}

TEST(CsvFileTest, AbortLeavesNoFileBehind) {
  const std::string path = std::string(getenv("TEST_TMPDIR")) + "/aborted.csv";
  auto file = CsvFile::Create(path, "a");
  ASSERT_TRUE(file.ok());
  (*file)->Abort();
  EXPECT_FALSE(std::ifstream(path).good());
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
}

TEST(CsvFileTest, UnwritableDirectoryIsAnErrorNamingThePath) {
  auto file = CsvFile::Create("/nonexistent-dir/x.csv", "a");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("/nonexistent-dir/x.csv.tmp"), std::string::npos);
}

}  // namespace
}  // namespace nethical::loadgen

// The verifier accepts exactly the RFC 6962 vectors marked wantErr=false
// (transparency-dev/merkle testdata, vendored in tests/testdata/rfc6962).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/audit/merkle_verify.h"
#include "engine/base/base64.h"

namespace nethical::audit {
namespace {

namespace fs = std::filesystem;

fs::path VectorDir(const std::string& kind) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  return fs::path(srcdir ? srcdir : ".") / (workspace ? workspace : "nethical_cpp") / "tests" / "testdata" /
         "rfc6962" / kind;
}

std::vector<fs::path> JsonFilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  }
  return files;
}

nlohmann::json Load(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

std::string Bytes(const nlohmann::json& j) {
  if (j.is_null()) return "";
  auto decoded = Base64Decode(j.get<std::string>());
  EXPECT_TRUE(decoded.has_value()) << "bad base64 " << j;
  return decoded.value_or("");
}

struct Proof {
  std::vector<std::string> owned;
  std::vector<std::string_view> views;
};

Proof ProofOf(const nlohmann::json& j) {
  Proof p;
  if (!j.is_null()) {
    for (const auto& e : j) p.owned.push_back(Bytes(e));
  }
  for (const auto& s : p.owned) p.views.push_back(s);
  return p;
}

TEST(MerkleVectorsTest, InclusionVerdictsMatchWantErr) {
  const auto files = JsonFilesUnder(VectorDir("inclusion"));
  ASSERT_GE(files.size(), 50u) << "vectors not found under " << VectorDir("inclusion");
  int accepted = 0;
  for (const auto& f : files) {
    const auto v = Load(f);
    const std::string leaf = Bytes(v["leafHash"]);
    const std::string root = Bytes(v["root"]);
    const Proof proof = ProofOf(v["proof"]);
    const Status s =
        VerifyInclusion(v["leafIdx"].get<uint64_t>(), v["treeSize"].get<uint64_t>(), leaf, proof.views, root);
    const bool want_err = v["wantErr"].get<bool>();
    EXPECT_EQ(!s.ok(), want_err) << f << " (" << v["desc"] << "): " << s.message();
    accepted += s.ok();
  }
  EXPECT_GT(accepted, 0);
}

TEST(MerkleVectorsTest, ConsistencyVerdictsMatchWantErr) {
  const auto files = JsonFilesUnder(VectorDir("consistency"));
  ASSERT_GE(files.size(), 50u) << "vectors not found under " << VectorDir("consistency");
  int accepted = 0;
  for (const auto& f : files) {
    const auto v = Load(f);
    const std::string root1 = Bytes(v["root1"]);
    const std::string root2 = Bytes(v["root2"]);
    const Proof proof = ProofOf(v["proof"]);
    const Status s =
        VerifyConsistency(v["size1"].get<uint64_t>(), v["size2"].get<uint64_t>(), proof.views, root1, root2);
    const bool want_err = v["wantErr"].get<bool>();
    EXPECT_EQ(!s.ok(), want_err) << f << " (" << v["desc"] << "): " << s.message();
    accepted += s.ok();
  }
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace nethical::audit

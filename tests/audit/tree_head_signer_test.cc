#include "engine/audit/tree_head_signer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/audit/audit_test_util.h"

namespace nethical::audit {
namespace {

TreeHead SampleHead() {
  TreeHead h;
  h.tree_size = 42;
  h.root = LeafHash("root");
  h.timestamp_ns = 1'767'225'600'000'000'000;
  return h;
}

TEST(TreeHeadSignerTest, CreatesAPrivateKeyWithMode0600AndAPublicKeyBesideIt) {
  const std::string dir = testing::NewTempDir();
  ASSERT_TRUE(TreeHeadSigner::LoadOrCreate(dir).ok());
  struct stat st;
  ASSERT_EQ(::stat((dir + "/" + kPrivateKeyFile).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir + "/" + kPublicKeyFile).c_str(), &st), 0);
}

TEST(TreeHeadSignerTest, SignatureVerifiesWithThePublicKey) {
  const std::string dir = testing::NewTempDir();
  auto signer = TreeHeadSigner::LoadOrCreate(dir);
  ASSERT_TRUE(signer.ok());
  TreeHead h = SampleHead();
  ASSERT_TRUE((*signer)->Sign(&h).ok());
  auto verifier = TreeHeadVerifier::Load(dir + "/" + kPublicKeyFile);
  ASSERT_TRUE(verifier.ok()) << verifier.status().message();
  EXPECT_TRUE((*verifier)->Verify(h).ok());
}

TEST(TreeHeadSignerTest, AnyChangedFieldFailsVerification) {
  const std::string dir = testing::NewTempDir();
  auto signer = TreeHeadSigner::LoadOrCreate(dir);
  TreeHead h = SampleHead();
  ASSERT_TRUE((*signer)->Sign(&h).ok());
  auto verifier = TreeHeadVerifier::Load(dir + "/" + kPublicKeyFile);
  TreeHead bad = h;
  bad.tree_size++;
  EXPECT_EQ((*verifier)->Verify(bad).code(), StatusCode::kDataLoss);
  bad = h;
  bad.root[0] ^= 1;
  EXPECT_FALSE((*verifier)->Verify(bad).ok());
  bad = h;
  bad.timestamp_ns++;
  EXPECT_FALSE((*verifier)->Verify(bad).ok());
  bad = h;
  bad.signature[63] ^= 0x80;
  EXPECT_FALSE((*verifier)->Verify(bad).ok());
}

TEST(TreeHeadSignerTest, ReopeningKeepsTheSameKey) {
  const std::string dir = testing::NewTempDir();
  TreeHead h = SampleHead();
  ASSERT_TRUE((*TreeHeadSigner::LoadOrCreate(dir))->Sign(&h).ok());
  const std::string pub = testing::ReadFile(dir + "/" + kPublicKeyFile);
  TreeHead h2 = SampleHead();
  ASSERT_TRUE((*TreeHeadSigner::LoadOrCreate(dir))->Sign(&h2).ok());
  EXPECT_EQ(testing::ReadFile(dir + "/" + kPublicKeyFile), pub);
  EXPECT_EQ(h.signature, h2.signature);  // Ed25519 is deterministic
}

TEST(TreeHeadSignerTest, RefusesAKeyReadableByOthers) {
  const std::string dir = testing::NewTempDir();
  ASSERT_TRUE(TreeHeadSigner::LoadOrCreate(dir).ok());
  ASSERT_EQ(::chmod((dir + "/" + kPrivateKeyFile).c_str(), 0644), 0);
  auto again = TreeHeadSigner::LoadOrCreate(dir);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("0600"), std::string::npos);
}

}  // namespace
}  // namespace nethical::audit

#include "engine/audit/tree_head_signer.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>

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

// Signing runs through libsodium with OpenSSL's key: Ed25519 is
// deterministic (RFC 8032), so the signature must be OpenSSL's own bytes.
TEST(TreeHeadSignerTest, SignatureIsTheOneOpenSslComputesWithTheStoredKey) {
  const std::string dir = testing::NewTempDir();
  auto signer = TreeHeadSigner::LoadOrCreate(dir);
  ASSERT_TRUE(signer.ok());
  for (uint64_t size : {0ull, 1ull, 42ull, 1ull << 40}) {
    TreeHead h = SampleHead();
    h.tree_size = size;
    ASSERT_TRUE((*signer)->Sign(&h).ok());

    std::FILE* f = std::fopen((dir + "/" + kPrivateKeyFile).c_str(), "r");
    ASSERT_NE(f, nullptr);
    EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    ASSERT_NE(key, nullptr);
    const std::string msg = SignedTreeHeadMessage(h.tree_size, h.timestamp_ns, h.root);
    std::array<unsigned char, kSignatureSize> openssl_sig{};
    size_t len = openssl_sig.size();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key), 1);
    ASSERT_EQ(EVP_DigestSign(ctx, openssl_sig.data(), &len,
                             reinterpret_cast<const unsigned char*>(msg.data()), msg.size()),
              1);
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    EXPECT_TRUE(std::equal(openssl_sig.begin(), openssl_sig.end(), h.signature.begin()))
        << "tree size " << size;
  }
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

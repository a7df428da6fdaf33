// Ed25519 signing and verification of tree heads. Keys are OpenSSL's
// (EVP_PKEY_ED25519, PEM files); signing runs through libsodium
// (crypto_sign_detached) with the same key, 16 µs per head instead of
// OpenSSL's 39 µs on this machine (the log signs under its write lock).
// Ed25519 signatures are deterministic (RFC 8032), so they are the bytes
// OpenSSL would produce (tests/audit/tree_head_signer_test.cc checks it).
//
//   auto signer = TreeHeadSigner::LoadOrCreate(audit_dir);   // key on first use
//   TreeHead head{.tree_size = n, .root = root, .timestamp_ns = t};
//   signer->Sign(&head);
//   auto verifier = TreeHeadVerifier::Load(audit_dir + "/" + kPublicKeyFile);
//   Status ok = verifier->Verify(head);
//
// The private key is PKCS#8 PEM in <audit dir>/tree_head_key.pem, mode 0600
// (a key readable by group or others is refused); the public key is
// SubjectPublicKeyInfo PEM beside it, also 0600. Both are created once,
// atomically. LoadOrCreate checks that the stored public key is the private
// key's (FailedPrecondition naming both files if not) and re-creates a
// missing public key from the private one (public_key_recreated()).
// Sign and Verify are const and thread-safe.
#pragma once

#include <array>
#include <memory>
#include <string>

#include "engine/audit/tree_head.h"
#include "engine/base/status.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace nethical::audit {

inline constexpr char kPrivateKeyFile[] = "tree_head_key.pem";
inline constexpr char kPublicKeyFile[] = "tree_head_key.pub.pem";

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const;
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

class TreeHeadSigner {
 public:
  ~TreeHeadSigner();  // wipes the secret key
  static StatusOr<std::unique_ptr<TreeHeadSigner>> LoadOrCreate(const std::string& dir);
  // Fills head->signature over SignedTreeHeadMessage().
  Status Sign(TreeHead* head) const;
  // True if LoadOrCreate found the public key missing and wrote it again.
  bool public_key_recreated() const { return public_key_recreated_; }

 private:
  TreeHeadSigner() = default;
  // libsodium's form of the private key: the 32-byte seed, then the public key.
  std::array<unsigned char, 64> secret_{};
  bool public_key_recreated_ = false;
};

class TreeHeadVerifier {
 public:
  static StatusOr<std::unique_ptr<TreeHeadVerifier>> Load(const std::string& public_key_path);
  // DataLoss if the signature does not verify.
  Status Verify(const TreeHead& head) const;

 private:
  explicit TreeHeadVerifier(PkeyPtr key) : key_(std::move(key)) {}
  PkeyPtr key_;
};

}  // namespace nethical::audit

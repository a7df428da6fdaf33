#include "engine/audit/tree_head_signer.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

#include "engine/audit/file_io.h"
#include "engine/audit/openssl_init.h"

namespace nethical::audit {
namespace {

std::string OpensslError() {
  const unsigned long e = ERR_get_error();
  if (e == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  ERR_clear_error();
  return buf;
}

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

StatusOr<PkeyPtr> ParsePem(const std::string& pem, bool is_private, const std::string& path) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = is_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                             : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return DataLoss("cannot parse key " + path + ": " + OpensslError());
  PkeyPtr owned(key);
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    return DataLoss("key " + path + " is not an Ed25519 key");
  }
  return owned;
}

Status CreateKeyPair(const std::string& private_path, const std::string& public_path) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return Internal("Ed25519 key generation failed: " + OpensslError());
  BioPtr priv(BIO_new(BIO_s_mem()));
  BioPtr pub(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) {
    return Internal("cannot encode the Ed25519 key: " + OpensslError());
  }
  // Private key first: a crash between the two leaves a private key without
  // its public key, which the next open re-creates (CheckPublicKey); the
  // other order left a public key without a private key, which open must
  // refuse (found by the kill test under ASan's slower timing).
  if (Status s = CreateFileAtomically(private_path, BioContents(priv.get()), 0600); !s.ok()) return s;
  return CreateFileAtomically(public_path, BioContents(pub.get()), 0600);
}

StatusOr<std::string> PublicKeyPem(EVP_PKEY* key) {
  BioPtr pub(BIO_new(BIO_s_mem()));
  if (!pub || PEM_write_bio_PUBKEY(pub.get(), key) != 1) {
    return Internal("cannot encode the Ed25519 public key: " + OpensslError());
  }
  return BioContents(pub.get());
}

// The stored public key must be the private key's: a swapped key pair would
// sign heads that fail verification. A missing public key is re-created.
Status CheckPublicKey(EVP_PKEY* key, const std::string& private_path, const std::string& public_path,
                      bool* recreated) {
  auto derived = PublicKeyPem(key);
  if (!derived.ok()) return derived.status();
  struct stat st;
  if (::stat(public_path.c_str(), &st) != 0) {
    if (errno != ENOENT) return IoErrorFor("cannot stat", public_path);
    if (Status s = CreateFileAtomically(public_path, *derived, 0600); !s.ok()) return s;
    *recreated = true;
    return Status::Ok();
  }
  auto pem = ReadWholeFile(public_path);
  if (!pem.ok()) return pem.status();
  auto stored = ParsePem(*pem, /*is_private=*/false, public_path);
  if (!stored.ok()) return stored.status();
  if (EVP_PKEY_eq(stored->get(), key) != 1) {
    ERR_clear_error();
    return FailedPrecondition("signing key " + private_path + " does not match public key " + public_path +
                              " (the heads it signs would not verify); restore the matching pair");
  }
  return Status::Ok();
}

}  // namespace

void PkeyDeleter::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }

StatusOr<std::unique_ptr<TreeHeadSigner>> TreeHeadSigner::LoadOrCreate(const std::string& dir) {
  InitOpenSsl();
  const std::string private_path = dir + "/" + kPrivateKeyFile;
  const std::string public_path = dir + "/" + kPublicKeyFile;
  struct stat st;
  if (::stat(private_path.c_str(), &st) != 0) {
    if (errno != ENOENT) return IoErrorFor("cannot stat", private_path);
    // A public key without its private key would be from another key pair.
    if (::stat(public_path.c_str(), &st) == 0) {
      return FailedPrecondition("public key " + public_path + " exists without " + private_path +
                                "; restore the private key or move both away");
    }
    if (Status s = CreateKeyPair(private_path, public_path); !s.ok()) return s;
    if (::stat(private_path.c_str(), &st) != 0) return IoErrorFor("cannot stat", private_path);
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", st.st_mode & 07777);
    return FailedPrecondition("signing key " + private_path + " has mode " + mode +
                              "; it must be 0600 (chmod 600 it)");
  }
  auto pem = ReadWholeFile(private_path);
  if (!pem.ok()) return pem.status();
  auto key = ParsePem(*pem, /*is_private=*/true, private_path);
  if (!key.ok()) return key.status();
  bool recreated = false;
  if (Status s = CheckPublicKey(key->get(), private_path, public_path, &recreated); !s.ok()) return s;
  std::unique_ptr<TreeHeadSigner> signer(new TreeHeadSigner());
  signer->public_key_recreated_ = recreated;
  // The same key for libsodium: the seed gives the key pair, whose public
  // half must be OpenSSL's.
  if (sodium_init() < 0) return Internal("libsodium cannot initialise");
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> openssl_public{}, sodium_public{};
  size_t seed_len = seed.size(), public_len = openssl_public.size();
  const bool raw = EVP_PKEY_get_raw_private_key(key->get(), seed.data(), &seed_len) == 1 &&
                   EVP_PKEY_get_raw_public_key(key->get(), openssl_public.data(), &public_len) == 1 &&
                   seed_len == seed.size() && public_len == openssl_public.size();
  const bool derived =
      raw && crypto_sign_seed_keypair(sodium_public.data(), signer->secret_.data(), seed.data()) == 0;
  sodium_memzero(seed.data(), seed.size());
  if (!raw) return Internal("cannot read the raw Ed25519 key of " + private_path + ": " + OpensslError());
  if (!derived || sodium_public != openssl_public)
    return Internal("libsodium derives another public key from " + private_path + " than OpenSSL does");
  return signer;
}

TreeHeadSigner::~TreeHeadSigner() { sodium_memzero(secret_.data(), secret_.size()); }

Status TreeHeadSigner::Sign(TreeHead* head) const {
  static_assert(crypto_sign_BYTES == kSignatureSize);
  const std::string msg = SignedTreeHeadMessage(head->tree_size, head->timestamp_ns, head->root);
  unsigned long long sig_len = 0;
  if (crypto_sign_detached(head->signature.data(), &sig_len,
                           reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                           secret_.data()) != 0 ||
      sig_len != kSignatureSize) {
    return Internal("Ed25519 signing failed (libsodium)");
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<TreeHeadVerifier>> TreeHeadVerifier::Load(const std::string& public_key_path) {
  InitOpenSsl();
  auto pem = ReadWholeFile(public_key_path);
  if (!pem.ok()) return pem.status();
  auto key = ParsePem(*pem, /*is_private=*/false, public_key_path);
  if (!key.ok()) return key.status();
  return std::unique_ptr<TreeHeadVerifier>(new TreeHeadVerifier(std::move(*key)));
}

Status TreeHeadVerifier::Verify(const TreeHead& head) const {
  const std::string msg = SignedTreeHeadMessage(head.tree_size, head.timestamp_ns, head.root);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
    return Internal("Ed25519 verifier setup failed: " + OpensslError());
  }
  const int rc = EVP_DigestVerify(ctx.get(), head.signature.data(), head.signature.size(),
                                  reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  ERR_clear_error();
  if (rc != 1) return DataLoss("tree head signature does not verify");
  return Status::Ok();
}

}  // namespace nethical::audit

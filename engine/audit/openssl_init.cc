#include "engine/audit/openssl_init.h"

#include <openssl/crypto.h>

namespace nethical::audit {

void InitOpenSsl() {
  static const bool done = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
    return true;
  }();
  (void)done;
}

namespace {
// Before main, so that no other OpenSSL user in the process initialises it
// first with the atexit handler.
[[maybe_unused]] const bool kInitAtLoad = (InitOpenSsl(), true);
}  // namespace

}  // namespace nethical::audit

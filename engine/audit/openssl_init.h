// InitOpenSsl: initialises OpenSSL's libcrypto once, with
// OPENSSL_INIT_NO_ATEXIT, so that OpenSSL never frees its state from an
// atexit handler. Without it, an audit writer (or an AuditLog destroyed
// during static destruction) could sign a tree head after OpenSSL's cleanup
// ran and crash at exit. Only the first initialisation in a process decides
// whether the handler is registered, so this also runs from a static
// initializer of the audit library, before main; calling it again is cheap.
//
//   InitOpenSsl();   // before the first EVP_* call of the audit code
#pragma once

namespace nethical::audit {

void InitOpenSsl();

}  // namespace nethical::audit

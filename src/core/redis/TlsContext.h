#pragma once

#include "core/redis/ConnectionSettings.h"

#include <memory>

struct ssl_ctx_st;

namespace qd::redis {

// The OpenSSL client context built from a cluster's TLS settings: CA file (or the system's trust
// store), optional client certificate and key, TLS 1.2 or newer, and peer verification on unless
// insecureSkipVerify says otherwise.
class TlsContext final {
public:
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    // Throws ConnectionError (Tls) when a file cannot be loaded or the key does not match.
    static std::shared_ptr<TlsContext> create(const ConnectionSettings& settings);

    ssl_ctx_st* handle() const { return m_context; }

    // The text of OpenSSL's queued errors for this thread (and clears them).
    static QString takeErrors();

private:
    explicit TlsContext(ssl_ctx_st* context) : m_context(context) { }

    ssl_ctx_st* m_context = nullptr;
};

} // namespace qd::redis

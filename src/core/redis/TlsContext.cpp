#include "core/redis/TlsContext.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace qd::redis {

using namespace Qt::StringLiterals;
using Kind = ConnectionError::Kind;

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_context);
}

QString TlsContext::takeErrors()
{
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        reasons.append(QString::fromUtf8(text));
    }
    return reasons.isEmpty() ? u"unknown TLS error"_s : reasons.join(u"; "_s);
}

std::shared_ptr<TlsContext> TlsContext::create(const ConnectionSettings& settings)
{
    ERR_clear_error();
    SSL_CTX* raw = SSL_CTX_new(TLS_client_method());
    if (!raw)
        throw settings.error(Kind::Tls, u"cannot create a TLS context: "_s + takeErrors());
    std::shared_ptr<TlsContext> context(new TlsContext(raw));
    const TlsConfig& tls = settings.tls;
    const auto fail = [&settings](const QString& what) {
        return settings.error(Kind::Tls, what + u": "_s + takeErrors());
    };

    SSL_CTX_set_min_proto_version(raw, TLS1_2_VERSION);
    // A server that closes without close_notify is a closed connection, not a TLS failure.
    SSL_CTX_set_options(raw, SSL_OP_IGNORE_UNEXPECTED_EOF);
    // Pipelines are written in pieces as the socket accepts them.
    SSL_CTX_set_mode(raw, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

    if (!tls.caFile.isEmpty()) {
        if (SSL_CTX_load_verify_locations(raw, tls.caFile.toLocal8Bit().constData(), nullptr) != 1)
            throw fail(u"cannot load CA file \""_s + tls.caFile + u'"');
    } else if (SSL_CTX_set_default_verify_paths(raw) != 1) {
        throw fail(u"cannot load the system's CA certificates"_s);
    }
    if (!tls.certFile.isEmpty()) {
        const QByteArray certFile = tls.certFile.toLocal8Bit();
        const QByteArray keyFile
            = (tls.keyFile.isEmpty() ? tls.certFile : tls.keyFile).toLocal8Bit();
        if (SSL_CTX_use_certificate_chain_file(raw, certFile.constData()) != 1)
            throw fail(u"cannot load client certificate \""_s + tls.certFile + u'"');
        if (SSL_CTX_use_PrivateKey_file(raw, keyFile.constData(), SSL_FILETYPE_PEM) != 1)
            throw fail(u"cannot load client key \""_s + QString::fromLocal8Bit(keyFile) + u'"');
        if (SSL_CTX_check_private_key(raw) != 1)
            throw fail(u"client key does not match the certificate"_s);
    }
    SSL_CTX_set_verify(raw, tls.insecureSkipVerify ? SSL_VERIFY_NONE : SSL_VERIFY_PEER, nullptr);
    return context;
}

} // namespace qd::redis

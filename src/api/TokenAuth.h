#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace qd {
struct ApiConfig;
}

namespace qd::api {

// The bearer token every state-changing request must carry. It comes from api.token, from
// api.token_file (refused when group or others may read it), or is generated on first start
// into <data dir>/api-token (owner-only) and reused afterwards.
class TokenAuth final {
public:
    static constexpr qsizetype kMinLength = 16;

    // On failure returns nullopt and explains in *error (never quoting the token).
    static std::optional<TokenAuth> create(
        const ApiConfig& api, const QString& dataDirectory, QString* error);
    // Where a generated token is kept: <dataDirectory>/api-token.
    static QString generatedTokenPath(const QString& dataDirectory);

    // Checks an Authorization header ("Bearer <token>") in time that does not depend on how
    // much of the token matched.
    bool accepts(const QByteArray& authorization) const;

    const QString& token() const { return m_token; }
    // True when this start created the token (the caller shows it once).
    bool generated() const { return m_generated; }
    // The file the token came from or went to; empty for api.token.
    const QString& file() const { return m_file; }

private:
    TokenAuth(QString token, QString file, bool generated);

    QString m_token;
    QByteArray m_digest; // SHA-256 of the token, compared against the presented one's
    QString m_file;
    bool m_generated = false;
};

} // namespace qd::api

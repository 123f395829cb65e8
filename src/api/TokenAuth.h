#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qd {
struct ApiConfig;
}

namespace qd::api {

// The bearer token every state-changing request must carry. It comes from api.token, from
// api.token_file (refused when group or others may read it), or is generated on first start
// into <data dir>/api-token (owner-only) and reused afterwards. Read tokens (for dashboards
// and scrapers that are handed a token by habit) are recognised but may change nothing: a
// mutation carrying one is refused as forbidden, not as unauthenticated.
class TokenAuth final {
public:
    static constexpr qsizetype kMinLength = 16;

    // What a presented Authorization header grants.
    enum class Grant { None, Read, Write };

    // On failure returns nullopt and explains in *error (never quoting a token).
    static std::optional<TokenAuth> create(const ApiConfig& api, const QString& dataDirectory,
        QString* error, const QStringList& readTokens = {});
    // Equal byte strings, in time that depends only on the length of a (the secret's side):
    // every byte is looked at whatever the first difference is.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
    // Where a generated token is kept: <dataDirectory>/api-token.
    static QString generatedTokenPath(const QString& dataDirectory);

    // Checks an Authorization header ("Bearer <token>") in time that does not depend on how
    // much of the token matched.
    bool accepts(const QByteArray& authorization) const;
    // The same check against the write token and every read token (all compared, always).
    Grant grant(const QByteArray& authorization) const;

    const QString& token() const { return m_token; }
    // True when this start created the token (the caller shows it once).
    bool generated() const { return m_generated; }
    // The file the token came from or went to; empty for api.token.
    const QString& file() const { return m_file; }

private:
    TokenAuth(QString token, QString file, bool generated);

    QString m_token;
    QByteArray m_digest; // SHA-256 of the token, compared against the presented one's
    QList<QByteArray> m_readDigests; // SHA-256 of each read token
    QString m_file;
    bool m_generated = false;
};

} // namespace qd::api

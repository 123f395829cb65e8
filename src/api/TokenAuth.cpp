#include "api/TokenAuth.h"

#include "core/config/Config.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace qd::api {
namespace {

constexpr QFileDevice::Permissions kExposed = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ReadOther | QFileDevice::WriteOther;

QByteArray digest(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// what: how messages name the file ("api.token_file", "the API token file").
std::optional<QString> readTokenFile(const QString& path, const QString& what, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = u"%1 %2 does not exist"_s.arg(what, path);
        return std::nullopt;
    }
    if (info.permissions() & kExposed) {
        *error = u"%1 %2 may be read by group or others; chmod 600 it"_s.arg(what, path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1 %2: %3"_s.arg(what, path, file.errorString());
        return std::nullopt;
    }
    const QString token = QString::fromUtf8(file.readAll()).trimmed();
    if (token.size() < TokenAuth::kMinLength) {
        *error = u"the token in %1 is too short (at least %2 characters)"_s.arg(path).arg(
            TokenAuth::kMinLength);
        return std::nullopt;
    }
    return token;
}

std::optional<QString> generateTokenFile(const QString& path, QString* error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = u"cannot create the folder of %1"_s.arg(path);
        return std::nullopt;
    }
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    const QString token = QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QFile file(path);
    // Created owner-only from the first byte: there is no moment where others could read it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(token.toLatin1() + '\n') < 0 || !file.flush()) {
        *error = u"cannot write the API token file %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    return token;
}

} // namespace

TokenAuth::TokenAuth(QString token, QString file, bool generated)
    : m_token(std::move(token))
    , m_digest(digest(m_token.toUtf8()))
    , m_file(std::move(file))
    , m_generated(generated)
{
}

QString TokenAuth::generatedTokenPath(const QString& dataDirectory)
{
    return QDir(dataDirectory).filePath(u"api-token"_s);
}

std::optional<TokenAuth> TokenAuth::create(const ApiConfig& api, const QString& dataDirectory,
    QString* error, const QStringList& readTokens)
{
    std::optional<TokenAuth> auth;
    if (!api.token.isEmpty()) {
        auth = TokenAuth(api.token, {}, false);
    } else if (!api.tokenFile.isEmpty()) {
        const auto token = readTokenFile(api.tokenFile, u"api.token_file"_s, error);
        if (!token)
            return std::nullopt;
        auth = TokenAuth(*token, api.tokenFile, false);
    } else {
        const QString path = generatedTokenPath(dataDirectory);
        const bool exists = QFileInfo::exists(path);
        const auto token = exists ? readTokenFile(path, u"the API token file"_s, error)
                                  : generateTokenFile(path, error);
        if (!token)
            return std::nullopt;
        auth = TokenAuth(*token, path, !exists);
    }
    for (qsizetype i = 0; i < readTokens.size(); ++i) {
        const QString token = readTokens[i].trimmed();
        if (token.size() < kMinLength) {
            *error = u"api.read_tokens[%1] is too short (at least %2 characters)"_s.arg(i).arg(
                kMinLength);
            return std::nullopt;
        }
        // One string with two meanings would make the read token a write token.
        if (token == auth->m_token) {
            *error = u"api.read_tokens[%1] is the write token; a read token must differ"_s.arg(i);
            return std::nullopt;
        }
        auth->m_readDigests.append(digest(token.toUtf8()));
    }
    return auth;
}

bool TokenAuth::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // The length is no secret here (both sides are SHA-256 digests in practice), but a
    // different length must not end the loop early either.
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const char other = i < b.size() ? b[i] : static_cast<char>(~a[i]);
        difference |= static_cast<unsigned char>(a[i] ^ other);
    }
    return difference == 0;
}

bool TokenAuth::accepts(const QByteArray& authorization) const
{
    return grant(authorization) == Grant::Write;
}

TokenAuth::Grant TokenAuth::grant(const QByteArray& authorization) const
{
    const QByteArray value = authorization.trimmed();
    constexpr QByteArrayView scheme("bearer ");
    if (value.size() <= scheme.size()
        || value.first(scheme.size()).toLower() != scheme.toByteArray())
        return Grant::None;
    // Comparing digests keeps the time independent of the token's length and content; every
    // token is compared so the time does not tell which kind matched either.
    const QByteArray presented = digest(value.mid(scheme.size()).trimmed());
    const bool write = constantTimeEquals(m_digest, presented);
    bool read = false;
    for (const QByteArray& candidate : m_readDigests)
        read |= constantTimeEquals(candidate, presented);
    if (write)
        return Grant::Write;
    return read ? Grant::Read : Grant::None;
}

} // namespace qd::api

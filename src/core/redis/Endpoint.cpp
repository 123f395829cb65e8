#include "core/redis/Endpoint.h"

#include <QHostAddress>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;

bool fail(QString* error, const QString& reason)
{
    if (error)
        *error = reason;
    return false;
}

bool allDigits(QStringView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

// Digits only, then a range check; overlong digit strings are out of range, not "not a number".
bool parseNumber(QStringView text, qint64 max, qint64* value)
{
    if (text.size() > 18)
        return false;
    *value = text.toLongLong();
    return *value <= max;
}

bool parsePort(QStringView text, quint16* port, QString* error)
{
    if (text.isEmpty())
        return fail(error, u"missing port after \":\""_s);
    if (!allDigits(text))
        return fail(error, u"port "_s + quoted(text) + u" is not a number"_s);
    qint64 value = 0;
    if (!parseNumber(text, 65535, &value) || value == 0)
        return fail(error, u"port "_s + text.toString() + u" is out of range (1-65535)"_s);
    *port = static_cast<quint16>(value);
    return true;
}

bool parseDb(QStringView text, Endpoint* endpoint, QString* error)
{
    if (endpoint->db)
        return fail(error, u"database number given twice"_s);
    if (!allDigits(text))
        return fail(error, u"database "_s + quoted(text) + u" is not a number"_s);
    qint64 value = 0;
    if (!parseNumber(text, std::numeric_limits<int>::max(), &value))
        return fail(error, u"database "_s + text.toString() + u" is out of range"_s);
    endpoint->db = static_cast<int>(value);
    return true;
}

bool validHostName(QStringView host)
{
    return std::all_of(host.begin(), host.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'.' || c == u'_';
    });
}

// "host", "host:port" or "[v6]" / "[v6]:port".
bool parseHostPort(QStringView text, Endpoint* endpoint, QString* error)
{
    QStringView portText;
    bool hasPort = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return fail(error, u"missing \"]\" after IPv6 address"_s);
        const QStringView address = text.mid(1, close - 1);
        if (address.isEmpty())
            return fail(error, u"missing host"_s);
        if (QHostAddress(address.toString()).protocol() != QAbstractSocket::IPv6Protocol)
            return fail(error, quoted(address) + u" is not an IPv6 address"_s);
        endpoint->host = address.toString();
        const QStringView rest = text.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return fail(error, u"unexpected "_s + quoted(rest) + u" after \"]\""_s);
        hasPort = !rest.isEmpty();
        portText = rest.mid(hasPort ? 1 : 0);
    } else {
        const qsizetype colons = text.count(u':');
        if (colons > 1)
            return fail(error, u"an IPv6 address must be in brackets, e.g. \"[::1]:6379\""_s);
        const qsizetype colon = text.indexOf(u':');
        const QStringView host = colon < 0 ? text : text.left(colon);
        if (host.isEmpty())
            return fail(error, u"missing host"_s);
        if (!validHostName(host))
            return fail(error, u"invalid host name "_s + quoted(host));
        endpoint->host = host.toString();
        hasPort = colon >= 0;
        portText = hasPort ? text.mid(colon + 1) : QStringView();
    }
    endpoint->port = Endpoint::kDefaultPort;
    return !hasPort || parsePort(portText, &endpoint->port, error);
}

QString decode(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

void parseUserInfo(QStringView info, Endpoint* endpoint)
{
    const qsizetype colon = info.indexOf(u':');
    endpoint->username = decode(colon < 0 ? info : info.left(colon));
    if (colon >= 0)
        endpoint->password = decode(info.mid(colon + 1));
}

bool parseQuery(QStringView query, Endpoint* endpoint, QString* error)
{
    for (const QStringView item : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(u'=');
        const QStringView name = equals < 0 ? item : item.left(equals);
        if (name != u"db")
            return fail(error, u"unknown parameter "_s + quoted(name));
        if (!parseDb(equals < 0 ? QStringView() : item.mid(equals + 1), endpoint, error))
            return false;
    }
    return true;
}

bool parseUrl(QStringView scheme, QStringView rest, Endpoint* endpoint, QString* error)
{
    if (scheme.compare(u"redis", Qt::CaseInsensitive) == 0)
        endpoint->transport = Endpoint::Transport::Tcp;
    else if (scheme.compare(u"rediss", Qt::CaseInsensitive) == 0)
        endpoint->transport = Endpoint::Transport::Tls;
    else if (scheme.compare(u"unix", Qt::CaseInsensitive) == 0)
        endpoint->transport = Endpoint::Transport::Unix;
    else
        return fail(error,
            u"unsupported scheme "_s + quoted(scheme) + u" (use redis://, rediss:// or unix://)"_s);

    // The last "@" ends the user info, so a password may hold "@", "/" or "?" unencoded.
    const qsizetype at = rest.lastIndexOf(u'@');
    if (at >= 0) {
        parseUserInfo(rest.left(at), endpoint);
        rest = rest.mid(at + 1);
    }
    const qsizetype question = rest.indexOf(u'?');
    if (question >= 0) {
        if (!parseQuery(rest.mid(question + 1), endpoint, error))
            return false;
        rest = rest.left(question);
    }

    if (endpoint->isUnix()) {
        if (!rest.startsWith(u'/'))
            return fail(error, u"a unix socket path must be absolute (unix:///path/redis.sock)"_s);
        if (rest.size() == 1)
            return fail(error, u"missing socket path"_s);
        endpoint->unixPath = rest.toString();
        return true;
    }
    const qsizetype slash = rest.indexOf(u'/');
    if (!parseHostPort(slash < 0 ? rest : rest.left(slash), endpoint, error))
        return false;
    const QStringView path = slash < 0 ? QStringView() : rest.mid(slash + 1);
    return path.isEmpty() || parseDb(path, endpoint, error);
}

QString withUser(const QString& username)
{
    if (username.isEmpty())
        return {};
    return QString::fromLatin1(QUrl::toPercentEncoding(username)) + u'@';
}

} // namespace

std::optional<Endpoint> Endpoint::parse(QStringView text, QString* error)
{
    text = text.trimmed();
    if (text.isEmpty()) {
        fail(error, u"empty address"_s);
        return std::nullopt;
    }
    Endpoint endpoint;
    const qsizetype schemeEnd = text.indexOf(u"://");
    // Checked before anything is quoted back: the text before an "@" may be a password.
    if (schemeEnd < 0 && text.contains(u'@')) {
        fail(error, u"credentials need a URL: redis://user:password@host:port"_s);
        return std::nullopt;
    }
    const bool ok = schemeEnd < 0
        ? parseHostPort(text, &endpoint, error)
        : parseUrl(text.left(schemeEnd), text.mid(schemeEnd + 3), &endpoint, error);
    if (!ok)
        return std::nullopt;
    return endpoint;
}

Endpoint Endpoint::tcp(QString host, quint16 port)
{
    Endpoint endpoint;
    endpoint.host = std::move(host);
    endpoint.port = port;
    return endpoint;
}

QString Endpoint::address() const
{
    if (isUnix())
        return unixPath;
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host;
    return hostPart + u':' + QString::number(port);
}

QString Endpoint::display() const
{
    if (isUnix()) {
        const QString query = db ? u"?db="_s + QString::number(*db) : QString();
        return u"unix://"_s + withUser(username) + unixPath + query;
    }
    if (transport == Transport::Tcp && username.isEmpty() && !db)
        return address();
    const QString scheme = isTls() ? u"rediss://"_s : u"redis://"_s;
    const QString path = db ? u'/' + QString::number(*db) : QString();
    return scheme + withUser(username) + address() + path;
}

} // namespace qd::redis

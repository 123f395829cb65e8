#include "api/ListenAddress.h"

using namespace Qt::StringLiterals;

namespace qd::api {

std::optional<ListenAddress> ListenAddress::parse(const QString& text, QString* error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0) {
        *error = u"\"%1\" is not ADDRESS:PORT"_s.arg(text);
        return std::nullopt;
    }
    QString host = text.left(colon);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = u"\"%1\": the port must be a number from 0 to 65535"_s.arg(text);
        return std::nullopt;
    }
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    ListenAddress address;
    address.port = static_cast<quint16>(port);
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        address.host = QHostAddress(QHostAddress::LocalHost);
    else if (!address.host.setAddress(host)) {
        *error = u"\"%1\": \"%2\" is not an IP address (or localhost)"_s.arg(text, host);
        return std::nullopt;
    }
    return address;
}

} // namespace qd::api

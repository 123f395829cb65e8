#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace qd::api {

// Where the API listens: "127.0.0.1:7420", "[::1]:7420", "0.0.0.0:7420", "localhost:7420".
// Names other than localhost are refused: the API must not listen somewhere a DNS answer
// decides.
struct ListenAddress {
    QHostAddress host;
    quint16 port = 0;

    static std::optional<ListenAddress> parse(const QString& text, QString* error);
};

} // namespace qd::api

// The endpoint parser (config "endpoint" fields and every API cluster body): any UTF-8 text.
// display() is what logs and error messages show, so it must never carry the password.

#include "FuzzTarget.h"
#include "core/redis/Endpoint.h"

#include <QString>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using qd::redis::Endpoint;
    const QString text = QString::fromUtf8(qd::fuzz::bytes(data, size));
    QString error;
    const auto endpoint = Endpoint::parse(text, &error);
    if (!endpoint) {
        if (error.isEmpty())
            qd::fuzz::violated("Endpoint::parse failed without saying why");
        return 0;
    }
    (void)endpoint->address();
    const QString shown = endpoint->display();
    if (const auto reparsed = Endpoint::parse(shown)) {
        if (!reparsed->password.isEmpty())
            qd::fuzz::violated("Endpoint::display() carries a password");
        if (reparsed->transport != endpoint->transport)
            qd::fuzz::violated("Endpoint::display() changes the transport");
    }
    return 0;
}

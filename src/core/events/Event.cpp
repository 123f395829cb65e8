#include "core/events/Event.h"

namespace qd {

qint64 Event::parseId(QStringView text)
{
    QStringView digits = text.trimmed();
    if (digits.startsWith(u"evt-"))
        digits = digits.mid(4);
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

QString Event::timestampString() const
{
    // Milliseconds: several events often share a second (a poll's transitions, an action's
    // steps), and clients order and correlate them by this field.
    return timestamp.isValid() ? timestamp.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject Event::toJson() const
{
    QJsonObject json {{QStringLiteral("id"), idString()}, {QStringLiteral("type"), type},
        {QStringLiteral("cluster"), cluster}, {QStringLiteral("message"), message},
        {QStringLiteral("timestamp"), timestampString()}};
    if (!data.isEmpty())
        json.insert(QStringLiteral("data"), data);
    return json;
}

} // namespace qd

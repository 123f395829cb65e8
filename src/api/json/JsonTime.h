#pragma once

#include <QDateTime>
#include <QJsonValue>

namespace qd::api {

// Times in API answers: RFC 3339 in UTC with milliseconds, or null when unknown.
inline QJsonValue jsonTime(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

} // namespace qd::api

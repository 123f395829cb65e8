#include "support/JobJson.h"

#include <QDateTime>

namespace qd::test {

QString jobJson(const QString& id, const QString& priority, int retries)
{
    return QStringLiteral(R"({"id":"%1","filepath":"/data/in/%1.csv","filesize":2048,)"
                          R"("priority":"%2","retries":%3,"creation_time":"%4",)"
                          R"("trace_id":"0af7651916cd43dd8448eb211c80319c",)"
                          R"("span_id":"b7ad6b7169203331"})")
        .arg(id, priority, QString::number(retries),
            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
}

} // namespace qd::test

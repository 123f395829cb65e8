#include "loadgen/JobFactory.h"

#include <QDateTime>
#include <QUuid>

#include <cmath>

namespace qd::loadgen {

using namespace Qt::StringLiterals;

JobFactory::JobFactory(quint64 seed) : m_random(seed)
{
}

Job JobFactory::make(const QString& queueName)
{
    Job job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.priority = queueName;
    job.filepath = u"/data/incoming/"_s + queueName + u'/' + job.id + u".bin"_s;
    // Log-uniform between 1 KiB and 64 MiB: mostly small files, some large, like real uploads.
    std::uniform_real_distribution<double> exponent(10.0, 26.0);
    job.filesize = static_cast<qint64>(std::exp2(exponent(m_random)));
    job.creationTime = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    job.traceId = randomHex(32);
    job.spanId = randomHex(16);
    return job;
}

QString JobFactory::randomHex(int digits)
{
    // W3C trace context forbids the all-zero id; 64 random bits make it practically impossible,
    // but the loop makes it impossible.
    QString hex;
    while (hex.isEmpty() || hex.count(u'0') == hex.size()) {
        hex.clear();
        while (hex.size() < digits)
            hex += QString::number(m_random(), 16).rightJustified(16, u'0');
        hex.truncate(digits);
    }
    return hex;
}

} // namespace qd::loadgen

#include "loadgen/Job.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <array>
#include <limits>

namespace qd::loadgen {
namespace {

using namespace Qt::StringLiterals;

const std::array kStringFields {
    u"id"_s, u"filepath"_s, u"priority"_s, u"creation_time"_s, u"trace_id"_s, u"span_id"_s};
const std::array kNumberFields {u"filesize"_s, u"retries"_s};

// A JSON value's text, through QJsonDocument so escaping follows the standard exactly.
QByteArray encode(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

void appendField(
    QByteArray& out, const QString& name, const QJsonValue& value, const QStringList& absent = {})
{
    if (absent.contains(name))
        return;
    out.append(out.size() > 1 ? "," : "");
    out.append(encode(name));
    out.append(':');
    out.append(encode(value));
}

bool readString(const QJsonObject& object, const QString& name, QString& out, QString* error)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined())
        return true;
    if (!value.isString()) {
        if (error)
            *error = u"field \""_s + name + u"\" must be a string"_s;
        return false;
    }
    out = value.toString();
    return true;
}

bool readInteger(const QJsonObject& object, const QString& name, qint64& out, QString* error)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined())
        return true;
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number != static_cast<double>(value.toInteger())) {
        if (error)
            *error = u"field \""_s + name + u"\" must be a non-negative integer"_s;
        return false;
    }
    out = value.toInteger();
    return true;
}

} // namespace

void Job::addRetry()
{
    ++retries;
    absent.removeAll(u"retries"_s);
}

QByteArray Job::toJson() const
{
    QByteArray out = "{";
    appendField(out, u"id"_s, id, absent);
    appendField(out, u"filepath"_s, filepath, absent);
    appendField(out, u"filesize"_s, filesize, absent);
    appendField(out, u"priority"_s, priority, absent);
    appendField(out, u"retries"_s, retries, absent);
    appendField(out, u"creation_time"_s, creationTime, absent);
    appendField(out, u"trace_id"_s, traceId, absent);
    appendField(out, u"span_id"_s, spanId, absent);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        appendField(out, it.key(), it.value());
    out.append('}');
    return out;
}

std::optional<Job> Job::fromJson(const QByteArray& payload, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error) {
            *error = parseError.error != QJsonParseError::NoError
                ? u"not JSON: "_s + parseError.errorString()
                : u"not a JSON object"_s;
        }
        return std::nullopt;
    }
    QJsonObject object = document.object();
    Job job;
    qint64 retries = 0;
    if (!readString(object, u"id"_s, job.id, error)
        || !readString(object, u"filepath"_s, job.filepath, error)
        || !readInteger(object, u"filesize"_s, job.filesize, error)
        || !readString(object, u"priority"_s, job.priority, error)
        || !readInteger(object, u"retries"_s, retries, error)
        || !readString(object, u"creation_time"_s, job.creationTime, error)
        || !readString(object, u"trace_id"_s, job.traceId, error)
        || !readString(object, u"span_id"_s, job.spanId, error))
        return std::nullopt;
    job.retries = static_cast<int>(qMin<qint64>(retries, std::numeric_limits<int>::max()));
    for (const QString& name : kStringFields) {
        if (!object.contains(name))
            job.absent.append(name);
        object.remove(name);
    }
    for (const QString& name : kNumberFields) {
        if (!object.contains(name))
            job.absent.append(name);
        object.remove(name);
    }
    job.extra = object;
    return job;
}

} // namespace qd::loadgen

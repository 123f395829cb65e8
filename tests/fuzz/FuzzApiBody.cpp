// Request bodies of every API endpoint that takes one. A leading digit picks the endpoint
// (0 POST /clusters ... 6 PUT /ui/compare, see Body), the rest is the body. The controllers'
// handlers need a live QHttpServerRequest, which only a socket can make, so this drives the same
// pure steps they run, in their order: the JSON parse of ApiRequest::jsonObject(), the strict
// JsonBody reads, the cluster reader and validator, the action type checks, and the cluster
// serializer that echoes a body back. ApiError and the engine's typed errors are the expected
// answers to bad input; any other exception escapes to libFuzzer and counts as a crash.

#include "FuzzTarget.h"
#include "api/ApiError.h"
#include "api/json/JsonBody.h"
#include "core/actions/ActionTypes.h"
#include "core/config/ConfigReader.h"
#include "core/config/ConfigValidator.h"
#include "core/config/ConfigWriter.h"
#include "core/errors/Errors.h"
#include "core/redis/Endpoint.h"
#include "core/stats/ClusterStats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

enum class Body : std::uint8_t {
    ClusterCreate, // POST /api/v1/clusters
    ClusterUpdate, // PUT /api/v1/clusters/{name}
    ActionCreate, // POST /api/v1/actions
    ActionConfirm, // POST /api/v1/actions/{id}/confirm
    ActionCancel, // POST /api/v1/actions/{id}/cancel
    StatsCompare, // POST /api/v1/stats/compare
    UiCompare, // PUT /api/v1/ui/compare
    Count
};

// Names of people go to logs and the audit log; the controllers refuse control characters.
void personField(qd::api::JsonBody& body, const QString& key, bool required)
{
    const auto value = body.string(key, required);
    if (!value)
        return;
    for (const QChar c : *value) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            throw qd::api::ApiError::badRequest(key + u": control character"_s, key);
    }
}

void clusterBody(QJsonObject object, bool update)
{
    object.remove(u"password_set"_s);
    object.remove(u"connection"_s);
    if (update && !object.contains(u"name"_s))
        object.insert(u"name"_s, u"production"_s);
    if (!object.value(u"name"_s).isString())
        return;
    QList<qd::ConfigIssue> issues;
    const qd::ClusterConfig cluster = qd::ConfigReader::readCluster(object, QString(), issues);
    if (qd::hasErrors(issues) || !cluster.unknownFields.isEmpty())
        return;
    if (qd::hasErrors(qd::ConfigValidator::validateCluster(cluster, QString())))
        return;
    // The read_only guard compares servers by their parsed endpoint.
    if (const auto endpoint = qd::redis::Endpoint::parse(cluster.endpoint))
        (void)endpoint->address();
    // Answers echo the cluster through the writer (clusterConfigToJson, which adds the
    // connection state from the Manager, is not linked into the fuzz build).
    (void)qd::ConfigWriter::clusterToJson(cluster, false);
}

void actionBody(const QJsonObject& object)
{
    qd::api::JsonBody body(object);
    const QString type = *body.string(u"type"_s, true);
    const QStringList targets = *body.stringList(u"targets"_s, true);
    const QJsonObject parameters = body.object(u"parameters"_s).value_or(QJsonObject());
    const QJsonArray confirmations = body.array(u"confirmations"_s).value_or(QJsonArray());
    for (qsizetype i = 0; i < confirmations.size(); ++i) {
        if (!confirmations[i].isObject())
            return;
        qd::api::JsonBody item(confirmations[i].toObject(), u"confirmations[%1]"_s.arg(i));
        item.boolean(u"required"_s);
        item.string(u"message"_s);
        item.rejectUnknown();
    }
    personField(body, u"requested_by"_s, false);
    body.rejectUnknown();
    if (targets.isEmpty() || !qd::actiontypes::isKnown(type))
        return;
    // The engine checks parameters against each target's configuration.
    qd::ClusterConfig cluster;
    cluster.name = u"production"_s;
    cluster.endpoint = u"127.0.0.1:6379"_s;
    qd::actiontypes::validate(type, parameters, cluster);
    (void)qd::actiontypes::describe(type, parameters, cluster, std::nullopt);
}

void clusterList(qd::api::JsonBody& body, bool required)
{
    const QStringList clusters = body.stringList(u"clusters"_s, required).value_or(QStringList());
    body.rejectUnknown();
    for (const QString& name : clusters)
        (void)qd::ConfigValidator::isValidClusterName(name);
}

void dispatch(Body kind, const QJsonObject& object)
{
    switch (kind) {
    case Body::ClusterCreate:
    case Body::ClusterUpdate:
        clusterBody(object, kind == Body::ClusterUpdate);
        break;
    case Body::ActionCreate:
        actionBody(object);
        break;
    case Body::ActionConfirm:
    case Body::ActionCancel: {
        qd::api::JsonBody body(object);
        personField(body, kind == Body::ActionConfirm ? u"confirmed_by"_s : u"cancelled_by"_s,
            kind == Body::ActionConfirm);
        body.rejectUnknown();
        break;
    }
    case Body::StatsCompare: {
        qd::api::JsonBody body(object);
        clusterList(body, true);
        break;
    }
    case Body::UiCompare: {
        qd::api::JsonBody body(object);
        body.boolean(u"enabled"_s, true);
        clusterList(body, false);
        break;
    }
    case Body::Count:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    // A digit selects the endpoint, so corpus files stay readable ("2{\"type\": ...}").
    const auto kind = static_cast<Body>(
        static_cast<std::uint8_t>(data[0] - '0') % static_cast<std::uint8_t>(Body::Count));
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(qd::fuzz::bytes(data + 1, size - 1), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    try {
        dispatch(kind, document.object());
    } catch (const qd::api::ApiError& refused) {
        // A refusal must name what is wrong and be a client error.
        if (refused.status() != 400 || refused.message().isEmpty())
            qd::fuzz::violated("a body was refused without a 400 and a message");
        (void)refused.toJson();
    } catch (const qd::QueueDeckError&) {
        // ActionError from the action type checks; bad input must map to a 4xx, never a 500.
        const qd::api::ApiError mapped = qd::api::ApiError::fromException(std::current_exception());
        if (mapped.status() < 400 || mapped.status() >= 500)
            qd::fuzz::violated("an engine error for bad input does not map to a 4xx");
    }
    return 0;
}

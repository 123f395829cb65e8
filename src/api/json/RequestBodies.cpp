#include "api/json/RequestBodies.h"

#include "api/ApiError.h"
#include "api/json/JsonBody.h"
#include "core/config/ConfigReader.h"
#include "core/config/ConfigValidator.h"
#include "core/redis/Endpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace qd::api::requests {
namespace {

// Fields GET returns that are not configuration; accepted in a body so a client can send back
// what it read.
const QStringList kReadOnlyClusterFields {u"password_set"_s, u"connection"_s};

void throwFirstError(const QList<ConfigIssue>& issues)
{
    for (const ConfigIssue& issue : issues) {
        if (issue.isError()) {
            QString field = issue.path;
            if (field.startsWith(u'.'))
                field.remove(0, 1);
            throw ApiError::badRequest(
                field.isEmpty() ? issue.message : field + u": "_s + issue.message, field,
                u"invalid_field"_s);
        }
    }
}

// A person's name goes to the audit log, the logs and events: a line break or another
// control character there could forge lines in text logs.
std::optional<QString> personField(JsonBody& body, const QString& key, bool required = false)
{
    const auto value = body.string(key, required);
    if (value) {
        for (const QChar c : *value) {
            if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
                || c == QChar::ParagraphSeparator)
                throw ApiError::badRequest(
                    key + u": must not contain control characters"_s, key, u"invalid_field"_s);
        }
    }
    return value;
}

// The specified request carries "confirmations"; whether an action needs one is the server's
// decision (actions.require_confirmation), so they are checked for shape and otherwise ignored.
void checkConfirmations(const QJsonArray& confirmations)
{
    for (qsizetype i = 0; i < confirmations.size(); ++i) {
        const QString path = u"confirmations[%1]"_s.arg(i);
        if (!confirmations[i].isObject())
            throw ApiError::badRequest(path + u": must be an object"_s, path, u"invalid_field"_s);
        JsonBody item(confirmations[i].toObject(), path);
        item.boolean(u"required"_s);
        item.string(u"message"_s);
        item.rejectUnknown();
    }
}

} // namespace

QJsonObject jsonObject(const QByteArray& body, const QByteArray& contentType, bool optional)
{
    if (optional && body.isEmpty())
        return {};
    if (!body.isEmpty() && !isJsonContentType(contentType))
        throw ApiError::unsupportedMediaType(contentType);
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(u"a JSON object body is required"_s, {}, u"body_required"_s);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(
            u"the body is not valid JSON: %1 at offset %2"_s.arg(error.errorString())
                .arg(error.offset),
            {}, u"invalid_json"_s);
    if (!document.isObject())
        throw ApiError::badRequest(u"the body must be a JSON object"_s, {}, u"invalid_json"_s);
    return document.object();
}

bool isJsonContentType(const QByteArray& contentType)
{
    const QByteArray mime = contentType.split(';').constFirst().trimmed().toLower();
    return mime == "application/json"
        || (mime.startsWith("application/") && mime.endsWith("+json"));
}

QString clusterName(const QString& name, const QString& field)
{
    if (!ConfigValidator::isValidClusterName(name))
        throw ApiError::badRequest(
            u"%1: \"%2\" is not a cluster name"_s.arg(field, name), field, u"invalid_name"_s);
    return name;
}

ClusterConfig cluster(const QJsonObject& body, const ClusterConfig* current)
{
    QJsonObject object = body;
    for (const QString& key : kReadOnlyClusterFields)
        object.remove(key);
    if (current && !object.contains(u"name"_s))
        object.insert(u"name"_s, current->name);
    if (!object.value(u"name"_s).isString())
        throw ApiError::badRequest(
            object.contains(u"name"_s) ? u"name: must be a string"_s : u"name: required"_s,
            u"name"_s, object.contains(u"name"_s) ? u"invalid_field"_s : u"missing_field"_s);

    QList<ConfigIssue> issues;
    ClusterConfig cluster = ConfigReader::readCluster(object, QString(), issues);
    throwFirstError(issues);
    if (!cluster.unknownFields.isEmpty()) {
        const QString field = cluster.unknownFields.begin().key();
        throw ApiError::badRequest(field + u": unknown field"_s, field, u"unknown_field"_s);
    }
    if (current) {
        // GET never returns secrets, so a client that sends back what it read must not erase
        // them: a missing password keeps the current one, and the redacted form of the current
        // endpoint stands for the endpoint with its password.
        // A password kept in the keychain stays there: copying the resolved password without
        // its keychain flag would write it into the config file.
        if (!object.contains(u"password"_s) && !object.contains(u"password_env"_s)
            && !object.contains(u"password_keychain"_s)) {
            cluster.password = current->password;
            cluster.passwordEnv = current->passwordEnv;
            cluster.passwordKeychain = current->passwordKeychain;
        }
        const auto endpoint = redis::Endpoint::parse(current->endpoint);
        if (endpoint && !endpoint->password.isEmpty() && cluster.endpoint == endpoint->display())
            cluster.endpoint = current->endpoint;
    }
    throwFirstError(ConfigValidator::validateCluster(cluster, QString()));
    return cluster;
}

ActionCreate actionCreate(const QJsonObject& object)
{
    JsonBody body(object);
    ActionCreate request;
    request.type = *body.string(u"type"_s, true);
    request.targets = *body.stringList(u"targets"_s, true);
    request.parameters = body.object(u"parameters"_s).value_or(QJsonObject());
    checkConfirmations(body.array(u"confirmations"_s).value_or(QJsonArray()));
    request.requestedBy = personField(body, u"requested_by"_s);
    body.rejectUnknown();
    if (request.targets.isEmpty())
        throw ApiError::badRequest(
            u"targets: name at least one cluster"_s, u"targets"_s, u"invalid_field"_s);
    return request;
}

QString actionConfirm(const QJsonObject& object)
{
    JsonBody body(object);
    const QString by = *personField(body, u"confirmed_by"_s, true);
    body.rejectUnknown();
    if (by.trimmed().isEmpty())
        throw ApiError::badRequest(
            u"confirmed_by: must name who confirms"_s, u"confirmed_by"_s, u"invalid_field"_s);
    return by.trimmed();
}

std::optional<QString> actionCancel(const QJsonObject& object)
{
    JsonBody body(object);
    const auto by = personField(body, u"cancelled_by"_s);
    body.rejectUnknown();
    return by;
}

QStringList statsCompare(const QJsonObject& object)
{
    JsonBody body(object);
    const QStringList clusters = *body.stringList(u"clusters"_s, true);
    body.rejectUnknown();
    if (clusters.size() < 2)
        throw ApiError::badRequest(u"clusters: name at least two clusters to compare"_s,
            u"clusters"_s, u"invalid_field"_s);
    for (qsizetype i = 0; i < clusters.size(); ++i)
        clusterName(clusters[i], u"clusters[%1]"_s.arg(i));
    return clusters;
}

UiCompare uiCompare(const QJsonObject& object)
{
    JsonBody body(object);
    UiCompare request;
    request.enabled = *body.boolean(u"enabled"_s, true);
    request.clusters = body.stringList(u"clusters"_s).value_or(QStringList());
    body.rejectUnknown();
    for (qsizetype i = 0; i < request.clusters.size(); ++i)
        clusterName(request.clusters[i], u"clusters[%1]"_s.arg(i));
    return request;
}

} // namespace qd::api::requests

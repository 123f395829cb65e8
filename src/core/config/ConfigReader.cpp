#include "core/config/ConfigReader.h"

#include "core/config/JsonFieldReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

namespace qd {
namespace {

constexpr qint64 kMaxInt = std::numeric_limits<int>::max();

// QJsonParseError gives a byte offset; people want a line and column.
QString positionOf(const QByteArray& text, qsizetype offset)
{
    const QByteArray before = text.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

template <typename T>
void assign(T& target, const std::optional<T>& value)
{
    if (value)
        target = *value;
}

void readTls(JsonFieldReader& parent, TlsConfig& tls, QList<ConfigIssue>& issues)
{
    const auto object = parent.object(QStringLiteral("tls"));
    if (!object)
        return;
    JsonFieldReader r(*object, parent.pathOf(QStringLiteral("tls")), issues);
    tls.enabled = true; // a tls block means TLS unless it says otherwise
    assign(tls.enabled, r.boolean(QStringLiteral("enabled")));
    assign(tls.caFile, r.string(QStringLiteral("ca_file")));
    assign(tls.certFile, r.string(QStringLiteral("cert_file")));
    assign(tls.keyFile, r.string(QStringLiteral("key_file")));
    assign(tls.serverName, r.string(QStringLiteral("server_name")));
    assign(tls.insecureSkipVerify, r.boolean(QStringLiteral("insecure_skip_verify")));
    r.finishUnknown();
}

void readQueues(JsonFieldReader& r, QueueSystemConfig& system, QList<ConfigIssue>& issues)
{
    const QString key = QStringLiteral("queues");
    const QJsonValue value = r.any(key);
    if (value.isUndefined())
        return;
    QList<QueueKey> queues;
    if (value.isObject()) {
        // {"high": "jobqueue:high_priority", ...}
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString()) {
                issues.append({ConfigIssue::Severity::Error, r.pathOf(key) + u'.' + it.key(),
                    QStringLiteral("must be a string (the list's key)")});
                continue;
            }
            queues.append({it.key(), it.value().toString()});
        }
    } else if (value.isArray()) {
        // [{"name": "high", "key": "jobqueue:high_priority"}, ...] keeps priority order.
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = r.pathOf(key) + u'[' + QString::number(i) + u']';
            if (!array[i].isObject()) {
                issues.append({ConfigIssue::Severity::Error, path,
                    QStringLiteral("must be an object with \"name\" and \"key\"")});
                continue;
            }
            JsonFieldReader item(array[i].toObject(), path, issues);
            QueueKey queue;
            assign(queue.name, item.string(QStringLiteral("name")));
            assign(queue.key, item.string(QStringLiteral("key")));
            item.finishUnknown();
            queues.append(queue);
        }
    } else {
        r.error(key,
            QStringLiteral("must be an object of name to key, or an array of {name, key}, not %1")
                .arg(jsonTypeName(value)));
        return;
    }
    system.queues = queues;
}

// Celery's own options; `queues` is a plain list of queue names for it.
void readCeleryOptions(JsonFieldReader& r, QueueSystemConfig& system)
{
    assign(system.celeryQueues, r.stringList(QStringLiteral("queues")));
    if (const auto db = r.integer(QStringLiteral("result_backend_db"), 0, 100000))
        system.celeryResultBackendDb = static_cast<int>(*db);
    assign(system.celeryVisibilityTimeout, r.duration(QStringLiteral("visibility_timeout")));
    assign(system.celeryGlobalKeyPrefix, r.string(QStringLiteral("global_keyprefix")));
}

void readQueueSystem(JsonFieldReader& parent, QueueSystemConfig& system, QList<ConfigIssue>& issues)
{
    const auto object = parent.object(QStringLiteral("queue_system"));
    if (!object)
        return;
    JsonFieldReader r(*object, parent.pathOf(QStringLiteral("queue_system")), issues);
    if (const auto type = r.string(QStringLiteral("type"))) {
        if (const auto known = queueSystemTypeFromName(*type)) {
            system.type = *known;
        } else {
            QStringList names;
            for (QueueSystemType each : allQueueSystemTypes())
                names.append(queueSystemTypeName(each));
            r.error(QStringLiteral("type"),
                QStringLiteral("unknown queue system \"%1\" (known: %2)")
                    .arg(*type, names.join(QStringLiteral(", "))));
        }
    }
    if (const auto ns = r.string(QStringLiteral("namespace"))) {
        system.sidekiqNamespace = *ns;
        if (system.type != QueueSystemType::Sidekiq)
            issues.append({ConfigIssue::Severity::Warning, r.pathOf(QStringLiteral("namespace")),
                QStringLiteral("applies to sidekiq only; ignored for %1")
                    .arg(queueSystemTypeName(system.type))});
    }
    if (const auto prefix = r.string(QStringLiteral("prefix"))) {
        system.bullmqPrefix = *prefix;
        if (system.type != QueueSystemType::BullMQ)
            issues.append({ConfigIssue::Severity::Warning, r.pathOf(QStringLiteral("prefix")),
                QStringLiteral("applies to bullmq only; ignored for %1")
                    .arg(queueSystemTypeName(system.type))});
    }
    assign(system.discoveryInterval, r.duration(QStringLiteral("discovery_interval")));
    if (system.type == QueueSystemType::Celery)
        readCeleryOptions(r, system);
    else
        for (const char* field : {"result_backend_db", "visibility_timeout", "global_keyprefix"}) {
            const QString key = QString::fromLatin1(field);
            if (r.has(key))
                issues.append({ConfigIssue::Severity::Warning, r.pathOf(key),
                    QStringLiteral("applies to celery only; ignored for %1")
                        .arg(queueSystemTypeName(system.type))});
        }
    if (system.type != QueueSystemType::GoRedisWorkQueue) {
        // These describe go-redis-work-queue's keys; another system finds its own.
        for (const char* field :
            {"queues", "completed", "dead_letter", "processing_pattern", "heartbeat_pattern",
                "pause_prefix", "scan_count", "max_retries", "heartbeat_ttl"}) {
            const QString key = QString::fromLatin1(field);
            if (r.has(key) && !(system.type == QueueSystemType::Celery && key == u"queues"))
                issues.append({ConfigIssue::Severity::Warning, r.pathOf(key),
                    QStringLiteral("applies to go-redis-work-queue only; ignored for %1")
                        .arg(queueSystemTypeName(system.type))});
        }
    }
    if (system.type != QueueSystemType::Celery)
        readQueues(r, system, issues);
    assign(system.completedKey, r.string(QStringLiteral("completed")));
    assign(system.deadLetterKey, r.string(QStringLiteral("dead_letter")));
    assign(system.processingPattern, r.string(QStringLiteral("processing_pattern")));
    assign(system.heartbeatPattern, r.string(QStringLiteral("heartbeat_pattern")));
    assign(system.pausePrefix, r.string(QStringLiteral("pause_prefix")));
    if (const auto count = r.integer(QStringLiteral("scan_count"), 1, 100000))
        system.scanCount = static_cast<int>(*count);
    if (const auto retries = r.integer(QStringLiteral("max_retries"), 0, 1000))
        system.maxRetries = static_cast<int>(*retries);
    assign(system.heartbeatTtl, r.duration(QStringLiteral("heartbeat_ttl")));
    r.finishUnknown();
}

std::optional<ClusterMode> parseMode(const QString& text)
{
    for (ClusterMode mode :
        {ClusterMode::Standalone, ClusterMode::Cluster, ClusterMode::Sentinel}) {
        if (clusterModeName(mode) == text)
            return mode;
    }
    return std::nullopt;
}

void readPolling(JsonFieldReader& root, PollingConfig& polling, QList<ConfigIssue>& issues)
{
    const auto object = root.object(QStringLiteral("polling"));
    if (!object)
        return;
    JsonFieldReader r(*object, QStringLiteral("polling"), issues);
    assign(polling.interval, r.duration(QStringLiteral("interval")));
    assign(polling.jitter, r.duration(QStringLiteral("jitter")));
    assign(polling.timeout, r.duration(QStringLiteral("timeout")));
    assign(polling.enabled, r.boolean(QStringLiteral("enabled")));
    r.finishUnknown();
}

void readCompareMode(JsonFieldReader& root, CompareModeConfig& compare, QList<ConfigIssue>& issues)
{
    const auto object = root.object(QStringLiteral("compare_mode"));
    if (!object)
        return;
    JsonFieldReader r(*object, QStringLiteral("compare_mode"), issues);
    assign(compare.enabled, r.boolean(QStringLiteral("enabled")));
    assign(compare.highlightDeltas, r.boolean(QStringLiteral("highlight_deltas")));
    assign(compare.deltaThreshold, r.number(QStringLiteral("delta_threshold")));
    assign(compare.clusters, r.stringList(QStringLiteral("clusters")));
    r.finishUnknown();
}

void readActions(JsonFieldReader& root, ActionsConfig& actions, QList<ConfigIssue>& issues)
{
    const auto object = root.object(QStringLiteral("actions"));
    if (!object)
        return;
    JsonFieldReader r(*object, QStringLiteral("actions"), issues);
    assign(actions.requireConfirmation, r.boolean(QStringLiteral("require_confirmation")));
    assign(actions.allowedActions, r.stringList(QStringLiteral("allowed_actions")));
    if (const auto max = r.integer(QStringLiteral("max_concurrent"), 1, 1000))
        actions.maxConcurrent = static_cast<int>(*max);
    assign(actions.defaultTimeout, r.duration(QStringLiteral("default_timeout")));
    if (const auto timeouts = r.object(QStringLiteral("timeouts"))) {
        JsonFieldReader t(*timeouts, r.pathOf(QStringLiteral("timeouts")), issues);
        for (const QString& type : timeouts->keys()) {
            if (const auto value = t.duration(type))
                actions.timeouts.insert(type, *value);
        }
    }
    r.finishUnknown();
}

// Reads one threshold under `key` of `r` into h; whether the field was there (even when its
// value was refused, so that a wrong value is not also reported as set twice).
bool readThreshold(
    JsonFieldReader& r, const QString& key, const HealthThreshold& threshold, HealthConfig& h)
{
    if (!r.has(key))
        return false;
    constexpr qint64 kMaxCount = std::numeric_limits<qint64>::max() / 2;
    switch (threshold.kind) {
    case HealthThreshold::Kind::Duration:
        assign(h.*threshold.duration, r.duration(key));
        break;
    case HealthThreshold::Kind::Count:
        assign(h.*threshold.count, r.integer(key, 0, kMaxCount));
        break;
    case HealthThreshold::Kind::Polls:
        if (const auto n = r.integer(key, 1, 1000))
            h.*threshold.polls = static_cast<int>(*n);
        break;
    case HealthThreshold::Kind::Ratio:
        assign(h.*threshold.ratio, r.number(key));
        break;
    }
    return true;
}

// health.rules.<rule>: {"for": "2s", "recover": "1s", and the rule's thresholds} per rule id;
// unknown ids are warned about (and kept) like any unknown field. `flatSet`: the thresholds
// already given in the flat form, which may not be given twice.
void readHealthRules(JsonFieldReader& health, HealthConfig& h, QList<ConfigIssue>& issues,
    const QSet<QString>& flatSet)
{
    const auto rules = health.object(QStringLiteral("rules"));
    if (!rules)
        return;
    JsonFieldReader r(*rules, health.pathOf(QStringLiteral("rules")), issues);
    for (const QString& rule : HealthConfig::timedRules()) {
        const auto object = r.object(rule);
        if (!object)
            continue;
        JsonFieldReader item(*object, r.pathOf(rule), issues);
        HealthRuleTiming& timing = *h.timing(rule);
        assign(timing.forDuration, item.duration(QStringLiteral("for")));
        assign(timing.recover, item.duration(QStringLiteral("recover")));
        for (const HealthThreshold& threshold : healthThresholds()) {
            if (threshold.rule != rule || !readThreshold(item, threshold.key, threshold, h))
                continue;
            if (flatSet.contains(threshold.flatKey))
                item.error(threshold.key,
                    QStringLiteral("is also set as %1; keep one of the two")
                        .arg(threshold.flatPath()));
        }
        item.finishUnknown();
    }
    r.finishUnknown();
}

void readSmallBlocks(JsonFieldReader& root, Config& config, QList<ConfigIssue>& issues)
{
    if (const auto object = root.object(QStringLiteral("cache"))) {
        JsonFieldReader r(*object, QStringLiteral("cache"), issues);
        assign(config.cache.ttl, r.duration(QStringLiteral("ttl")));
        r.finishUnknown();
    }
    if (const auto object = root.object(QStringLiteral("health"))) {
        JsonFieldReader r(*object, QStringLiteral("health"), issues);
        HealthConfig& h = config.health;
        QSet<QString> flatSet;
        for (const HealthThreshold& threshold : healthThresholds()) {
            if (readThreshold(r, threshold.flatKey, threshold, h))
                flatSet.insert(threshold.flatKey);
        }
        assign(h.workerWindow, r.duration(QStringLiteral("worker_window")));
        if (const auto n = r.integer(QStringLiteral("flap_changes"), 1, 1000))
            h.flapChanges = static_cast<int>(*n);
        assign(h.flapWindow, r.duration(QStringLiteral("flap_window")));
        readHealthRules(r, h, issues, flatSet);
        r.finishUnknown();
    }
    if (const auto object = root.object(QStringLiteral("api"))) {
        JsonFieldReader r(*object, QStringLiteral("api"), issues);
        assign(config.api.listen, r.string(QStringLiteral("listen")));
        assign(config.api.token, r.string(QStringLiteral("token")));
        assign(config.api.tokenFile, r.string(QStringLiteral("token_file")));
        assign(config.api.readOnly, r.boolean(QStringLiteral("read_only")));
        assign(config.api.readTokens, r.stringList(QStringLiteral("read_tokens")));
        assign(config.api.maxBodyBytes,
            r.integer(QStringLiteral("max_body_bytes"), 1024, qint64 {256} << 20));
        r.finishUnknown();
    }
    if (const auto object = root.object(QStringLiteral("audit"))) {
        JsonFieldReader r(*object, QStringLiteral("audit"), issues);
        assign(config.audit.path, r.string(QStringLiteral("path")));
        r.finishUnknown();
    }
    if (const auto object = root.object(QStringLiteral("tracing"))) {
        JsonFieldReader r(*object, QStringLiteral("tracing"), issues);
        TracingConfig& t = config.tracing;
        if (const auto enabled = r.boolean(QStringLiteral("enabled")))
            t.enabled = *enabled;
        assign(t.endpoint, r.string(QStringLiteral("endpoint")));
        assign(t.sampleRatio, r.number(QStringLiteral("sample_ratio")));
        assign(t.pollSampleRatio, r.number(QStringLiteral("poll_sample_ratio")));
        r.finishUnknown();
    }
}

} // namespace

ClusterConfig ConfigReader::readCluster(
    const QJsonObject& object, const QString& path, QList<ConfigIssue>& issues)
{
    JsonFieldReader r(object, path, issues);
    ClusterConfig c;
    assign(c.name, r.string(QStringLiteral("name")));
    assign(c.label, r.string(QStringLiteral("label")));
    assign(c.color, r.string(QStringLiteral("color")));
    assign(c.group, r.string(QStringLiteral("group")));
    assign(c.endpoint, r.string(QStringLiteral("endpoint")));
    assign(c.username, r.string(QStringLiteral("username")));
    assign(c.password, r.string(QStringLiteral("password")));
    assign(c.passwordEnv, r.string(QStringLiteral("password_env")));
    assign(c.passwordKeychain, r.boolean(QStringLiteral("password_keychain")));
    if (c.passwordKeychain && !c.password.isEmpty())
        r.error(QStringLiteral("password"),
            QStringLiteral("must not be in the file when password_keychain is true (the "
                           "password is kept in the system keychain); remove it"));
    if (const auto db = r.integer(QStringLiteral("db"), 0, kMaxInt))
        c.db = static_cast<int>(*db);
    assign(c.enabled, r.boolean(QStringLiteral("enabled")));
    assign(c.readOnly, r.boolean(QStringLiteral("read_only")));
    if (const auto mode = r.string(QStringLiteral("mode"))) {
        if (const auto parsed = parseMode(*mode))
            c.mode = *parsed;
        else
            r.error(QStringLiteral("mode"),
                QStringLiteral("\"%1\" is not one of standalone, cluster, sentinel").arg(*mode));
    }
    assign(c.seeds, r.stringList(QStringLiteral("seeds")));
    assign(c.sentinelMaster, r.string(QStringLiteral("sentinel_master")));
    readTls(r, c.tls, issues);
    readQueueSystem(r, c.queueSystem, issues);
    c.unknownFields = r.finishUnknown();
    return c;
}

ConfigReadResult ConfigReader::read(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ConfigReadResult result;
        result.issues.append({ConfigIssue::Severity::Error, QString(),
            QStringLiteral("not valid JSON at %1: %2")
                .arg(positionOf(json, parseError.offset), parseError.errorString())});
        return result;
    }
    if (!document.isObject()) {
        ConfigReadResult result;
        result.issues.append({ConfigIssue::Severity::Error, QString(),
            QStringLiteral("the file must hold a JSON object, not %1")
                .arg(document.isArray() ? QStringLiteral("an array") : QStringLiteral("a value"))});
        return result;
    }
    return fromObject(document.object());
}

ConfigReadResult ConfigReader::fromObject(const QJsonObject& root)
{
    ConfigReadResult result;
    QList<ConfigIssue>& issues = result.issues;
    Config& config = result.config;
    config.original = root;

    JsonFieldReader r(root, QString(), issues);
    if (const auto clusters = r.array(QStringLiteral("clusters"))) {
        for (qsizetype i = 0; i < clusters->size(); ++i) {
            const QString path = QStringLiteral("clusters[%1]").arg(i);
            if (!clusters->at(i).isObject()) {
                issues.append({ConfigIssue::Severity::Error, path,
                    QStringLiteral("must be an object, not %1")
                        .arg(jsonTypeName(clusters->at(i)))});
                continue;
            }
            config.clusters.append(readCluster(clusters->at(i).toObject(), path, issues));
        }
    } else if (!r.has(QStringLiteral("clusters"))) {
        issues.append({ConfigIssue::Severity::Error, QStringLiteral("clusters"),
            QStringLiteral("missing (the list of Redis deployments to watch)")});
    }
    assign(config.defaultCluster, r.string(QStringLiteral("default_cluster")));
    readPolling(r, config.polling, issues);
    readCompareMode(r, config.compareMode, issues);
    readActions(r, config.actions, issues);
    readSmallBlocks(r, config, issues);
    r.finishUnknown();

    issues.append(config.validate());
    return result;
}

} // namespace qd

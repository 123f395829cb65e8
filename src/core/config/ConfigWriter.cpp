#include "core/config/ConfigWriter.h"

#include <QJsonArray>

namespace qd {
namespace {

QJsonValue durationValue(Millis value)
{
    return duration::format(value);
}

QJsonObject tlsToJson(const TlsConfig& tls)
{
    QJsonObject o;
    o.insert(QStringLiteral("enabled"), tls.enabled);
    const auto put = [&o](const char* key, const QString& value) {
        if (!value.isEmpty())
            o.insert(QLatin1StringView(key), value);
    };
    put("ca_file", tls.caFile);
    put("cert_file", tls.certFile);
    put("key_file", tls.keyFile);
    put("server_name", tls.serverName);
    if (tls.insecureSkipVerify)
        o.insert(QStringLiteral("insecure_skip_verify"), true);
    return o;
}

QJsonObject queueSystemToJson(const QueueSystemConfig& qs)
{
    const QueueSystemConfig defaults;
    QJsonObject o;
    if (qs.type != defaults.type)
        o.insert(QStringLiteral("type"), queueSystemTypeName(qs.type));
    if (!qs.sidekiqNamespace.isEmpty())
        o.insert(QStringLiteral("namespace"), qs.sidekiqNamespace);
    if (qs.bullmqPrefix != defaults.bullmqPrefix)
        o.insert(QStringLiteral("prefix"), qs.bullmqPrefix);
    if (qs.discoveryInterval != defaults.discoveryInterval)
        o.insert(QStringLiteral("discovery_interval"), durationValue(qs.discoveryInterval));
    if (qs.type == QueueSystemType::Celery) {
        if (qs.celeryQueues != defaults.celeryQueues)
            o.insert(QStringLiteral("queues"), QJsonArray::fromStringList(qs.celeryQueues));
        if (qs.celeryResultBackendDb)
            o.insert(QStringLiteral("result_backend_db"), *qs.celeryResultBackendDb);
        if (qs.celeryVisibilityTimeout != defaults.celeryVisibilityTimeout)
            o.insert(
                QStringLiteral("visibility_timeout"), durationValue(qs.celeryVisibilityTimeout));
        if (!qs.celeryGlobalKeyPrefix.isEmpty())
            o.insert(QStringLiteral("global_keyprefix"), qs.celeryGlobalKeyPrefix);
    }
    if (qs.type != QueueSystemType::GoRedisWorkQueue)
        return o; // the rest is go-redis-work-queue's key layout
    QJsonArray queues;
    for (const QueueKey& q : qs.queues)
        queues.append(
            QJsonObject {{QStringLiteral("name"), q.name}, {QStringLiteral("key"), q.key}});
    o.insert(QStringLiteral("queues"), queues);
    o.insert(QStringLiteral("completed"), qs.completedKey);
    o.insert(QStringLiteral("dead_letter"), qs.deadLetterKey);
    o.insert(QStringLiteral("processing_pattern"), qs.processingPattern);
    o.insert(QStringLiteral("heartbeat_pattern"), qs.heartbeatPattern);
    o.insert(QStringLiteral("pause_prefix"), qs.pausePrefix);
    o.insert(QStringLiteral("scan_count"), qs.scanCount);
    o.insert(QStringLiteral("max_retries"), qs.maxRetries);
    o.insert(QStringLiteral("heartbeat_ttl"), durationValue(qs.heartbeatTtl));
    return o;
}

// The health block's fields: every rule's timing and thresholds under health.rules, over the
// block as loaded (unknown ids and fields stay). A threshold the file gave in the flat form
// (health.latency_warning) is written back there, so a file keeps the shape its author chose.
QJsonObject healthToJson(const HealthConfig& h, const Config& config)
{
    const QJsonObject loaded = config.original.value(QStringLiteral("health")).toObject();
    QJsonObject rules = loaded.value(QStringLiteral("rules")).toObject();
    QJsonObject fields {{QStringLiteral("worker_window"), durationValue(h.workerWindow)},
        {QStringLiteral("flap_changes"), h.flapChanges},
        {QStringLiteral("flap_window"), durationValue(h.flapWindow)}};
    for (const QString& rule : HealthConfig::timedRules()) {
        const HealthRuleTiming& timing = *h.timing(rule);
        QJsonObject item = rules.value(rule).toObject();
        item.insert(QStringLiteral("for"), durationValue(timing.forDuration));
        item.insert(QStringLiteral("recover"), durationValue(timing.recover));
        for (const HealthThreshold& threshold : healthThresholds()) {
            if (threshold.rule != rule)
                continue;
            if (loaded.contains(threshold.flatKey))
                fields.insert(threshold.flatKey, threshold.json(h));
            else
                item.insert(threshold.key, threshold.json(h));
        }
        rules.insert(rule, item);
    }
    fields.insert(QStringLiteral("rules"), rules);
    return fields;
}

// Overlays fields onto the block as loaded, keeping the block's unknown fields.
QJsonObject overlay(QJsonObject base, const QJsonObject& fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

void putBlock(QJsonObject& root, const Config& config, const QString& key,
    const QJsonObject& fields, bool differsFromDefault)
{
    const bool inFile = config.original.contains(key);
    if (!inFile && !differsFromDefault)
        return;
    root.insert(key, overlay(config.original.value(key).toObject(), fields));
}

} // namespace

QJsonObject ConfigWriter::clusterToJson(const ClusterConfig& c, bool includePassword)
{
    QJsonObject o = c.unknownFields;
    o.insert(QStringLiteral("name"), c.name);
    o.insert(QStringLiteral("label"), c.label);
    o.insert(QStringLiteral("color"), c.color);
    o.insert(QStringLiteral("endpoint"), c.endpoint);
    // A keychain password stays in the keychain: the file only says where it is.
    if (c.passwordKeychain)
        o.insert(QStringLiteral("password_keychain"), true);
    else if (includePassword && !c.password.isEmpty())
        o.insert(QStringLiteral("password"), c.password);
    o.insert(QStringLiteral("db"), c.db);
    o.insert(QStringLiteral("enabled"), c.enabled);
    const ClusterConfig defaults;
    if (!c.username.isEmpty())
        o.insert(QStringLiteral("username"), c.username);
    if (!c.passwordEnv.isEmpty())
        o.insert(QStringLiteral("password_env"), c.passwordEnv);
    if (!c.group.isEmpty())
        o.insert(QStringLiteral("group"), c.group);
    if (c.readOnly)
        o.insert(QStringLiteral("read_only"), true);
    if (c.mode != ClusterMode::Standalone)
        o.insert(QStringLiteral("mode"), clusterModeName(c.mode));
    if (!c.seeds.isEmpty())
        o.insert(QStringLiteral("seeds"), QJsonArray::fromStringList(c.seeds));
    if (!c.sentinelMaster.isEmpty())
        o.insert(QStringLiteral("sentinel_master"), c.sentinelMaster);
    if (c.tls != defaults.tls)
        o.insert(QStringLiteral("tls"), tlsToJson(c.tls));
    if (c.queueSystem != defaults.queueSystem)
        o.insert(QStringLiteral("queue_system"), queueSystemToJson(c.queueSystem));
    return o;
}

QJsonObject ConfigWriter::toJson(const Config& config)
{
    const Config defaults;
    QJsonObject root = config.original;

    QJsonArray clusters;
    for (const ClusterConfig& c : config.clusters)
        clusters.append(clusterToJson(c));
    root.insert(QStringLiteral("clusters"), clusters);
    if (config.defaultCluster.isEmpty())
        root.remove(QStringLiteral("default_cluster"));
    else
        root.insert(QStringLiteral("default_cluster"), config.defaultCluster);

    const PollingConfig& p = config.polling;
    root.insert(QStringLiteral("polling"),
        overlay(config.original.value(QStringLiteral("polling")).toObject(),
            {{QStringLiteral("interval"), durationValue(p.interval)},
                {QStringLiteral("jitter"), durationValue(p.jitter)},
                {QStringLiteral("timeout"), durationValue(p.timeout)},
                {QStringLiteral("enabled"), p.enabled}}));

    const CompareModeConfig& cm = config.compareMode;
    QJsonObject compare {{QStringLiteral("enabled"), cm.enabled},
        {QStringLiteral("highlight_deltas"), cm.highlightDeltas},
        {QStringLiteral("delta_threshold"), cm.deltaThreshold}};
    if (!cm.clusters.isEmpty())
        compare.insert(QStringLiteral("clusters"), QJsonArray::fromStringList(cm.clusters));
    root.insert(QStringLiteral("compare_mode"),
        overlay(config.original.value(QStringLiteral("compare_mode")).toObject(), compare));

    const ActionsConfig& a = config.actions;
    QJsonObject actions {{QStringLiteral("require_confirmation"), a.requireConfirmation},
        {QStringLiteral("allowed_actions"), QJsonArray::fromStringList(a.allowedActions)},
        {QStringLiteral("max_concurrent"), a.maxConcurrent}};
    if (!a.timeouts.isEmpty()) {
        QJsonObject timeouts;
        for (auto it = a.timeouts.begin(); it != a.timeouts.end(); ++it)
            timeouts.insert(it.key(), durationValue(it.value()));
        actions.insert(QStringLiteral("timeouts"), timeouts);
    }
    if (a.defaultTimeout != defaults.actions.defaultTimeout)
        actions.insert(QStringLiteral("default_timeout"), durationValue(a.defaultTimeout));
    root.insert(QStringLiteral("actions"),
        overlay(config.original.value(QStringLiteral("actions")).toObject(), actions));

    putBlock(root, config, QStringLiteral("cache"),
        {{QStringLiteral("ttl"), durationValue(config.cache.ttl)}}, config.cache != defaults.cache);
    const HealthConfig& h = config.health;
    putBlock(root, config, QStringLiteral("health"), healthToJson(h, config), h != defaults.health);
    QJsonObject api {{QStringLiteral("listen"), config.api.listen},
        {QStringLiteral("read_only"), config.api.readOnly},
        {QStringLiteral("max_body_bytes"), config.api.maxBodyBytes}};
    if (!config.api.token.isEmpty())
        api.insert(QStringLiteral("token"), config.api.token);
    if (!config.api.tokenFile.isEmpty())
        api.insert(QStringLiteral("token_file"), config.api.tokenFile);
    if (!config.api.readTokens.isEmpty())
        api.insert(
            QStringLiteral("read_tokens"), QJsonArray::fromStringList(config.api.readTokens));
    putBlock(root, config, QStringLiteral("api"), api, config.api != defaults.api);
    putBlock(root, config, QStringLiteral("audit"), {{QStringLiteral("path"), config.audit.path}},
        config.audit != defaults.audit);
    const TracingConfig& t = config.tracing;
    QJsonObject tracing {{QStringLiteral("sample_ratio"), t.sampleRatio},
        {QStringLiteral("poll_sample_ratio"), t.pollSampleRatio}};
    if (t.enabled)
        tracing.insert(QStringLiteral("enabled"), *t.enabled);
    if (!t.endpoint.isEmpty())
        tracing.insert(QStringLiteral("endpoint"), t.endpoint);
    putBlock(root, config, QStringLiteral("tracing"), tracing, t != defaults.tracing);
    if (root.contains(QStringLiteral("tracing"))) {
        // Settings taken back out of the block leave the file too.
        QJsonObject written = root.value(QStringLiteral("tracing")).toObject();
        if (!t.enabled)
            written.remove(QStringLiteral("enabled"));
        if (t.endpoint.isEmpty())
            written.remove(QStringLiteral("endpoint"));
        root.insert(QStringLiteral("tracing"), written);
    }
    return root;
}

} // namespace qd

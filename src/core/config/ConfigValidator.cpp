#include "core/config/ConfigValidator.h"

#include "core/config/PasswordStore.h"
#include "core/redis/Endpoint.h"
#include "core/util/ColorNames.h"

#include <QFileInfo>
#include <QHash>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUrl>

namespace qd {
namespace {

using Severity = ConfigIssue::Severity;

class IssueList final {
public:
    void error(const QString& path, const QString& message)
    {
        m_issues.append({Severity::Error, path, message});
    }
    void warning(const QString& path, const QString& message)
    {
        m_issues.append({Severity::Warning, path, message});
    }
    QList<ConfigIssue> take() { return std::move(m_issues); }

private:
    QList<ConfigIssue> m_issues;
};

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

void checkReadableFile(IssueList& issues, const QString& path, const QString& file)
{
    if (file.isEmpty())
        return;
    const QFileInfo info(file);
    if (!info.exists())
        issues.error(path, QStringLiteral("file \"%1\" does not exist").arg(file));
    else if (!info.isFile() || !info.isReadable())
        issues.error(path, QStringLiteral("file \"%1\" is not a readable file").arg(file));
}

void checkTls(IssueList& issues, const TlsConfig& tls, const QString& path)
{
    checkReadableFile(issues, path + QStringLiteral(".ca_file"), tls.caFile);
    checkReadableFile(issues, path + QStringLiteral(".cert_file"), tls.certFile);
    checkReadableFile(issues, path + QStringLiteral(".key_file"), tls.keyFile);
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty())
        issues.error(path,
            QStringLiteral(
                "cert_file and key_file go together (a client certificate needs its key)"));
    if (tls.insecureSkipVerify)
        issues.warning(path + QStringLiteral(".insecure_skip_verify"),
            QStringLiteral("certificate verification is off; use only in a lab"));
}

void checkPattern(IssueList& issues, const QString& path, const QString& pattern)
{
    if (pattern.count(u'*') != 1)
        issues.error(path,
            QStringLiteral("\"%1\" must contain exactly one \"*\" (the worker id)").arg(pattern));
}

void checkQueueSystem(
    IssueList& issues, const QueueSystemConfig& qs, ClusterMode mode, const QString& path)
{
    if (!queueSystemSupported(qs.type))
        issues.error(path + QStringLiteral(".type"),
            QStringLiteral("%1 is not supported by this version of QueueDeck yet")
                .arg(queueSystemTypeName(qs.type)));
    if (qs.type == QueueSystemType::Sidekiq && mode == ClusterMode::Cluster)
        issues.error(path + QStringLiteral(".type"),
            QStringLiteral("sidekiq does not run on Redis Cluster (its commands span keys of "
                           "different slots); use standalone or sentinel mode"));
    if (qs.type == QueueSystemType::BullMQ && mode == ClusterMode::Cluster) {
        // BullMQ's scripts need all keys of a queue in one slot: either the prefix holds a
        // non-empty {hash tag}, or it has no braces and each queue is named in braces.
        const QString& prefix = qs.bullmqPrefix;
        const qsizetype open = prefix.indexOf(u'{');
        const qsizetype close = open < 0 ? -1 : prefix.indexOf(u'}', open + 1);
        const bool tagged = close > open + 1;
        const bool braceless = !prefix.contains(u'{') && !prefix.contains(u'}');
        if (!tagged && !braceless)
            issues.error(path + QStringLiteral(".prefix"),
                QStringLiteral("on Redis Cluster BullMQ keeps a queue's keys in one slot: give "
                               "the prefix a non-empty {hash tag} (e.g. \"{bull}\"), or no "
                               "braces at all with queue names in braces (\"{orders}\")"));
    }
    if (qs.type == QueueSystemType::RQ && mode == ClusterMode::Cluster)
        issues.error(path + QStringLiteral(".type"),
            QStringLiteral("rq does not run on Redis Cluster (its keys carry no hash tags and "
                           "its scripts span slots); use standalone or sentinel mode"));
    if (qs.type == QueueSystemType::BullMQ
        && (qs.bullmqPrefix.isEmpty() || qs.bullmqPrefix.endsWith(u':')))
        issues.error(path + QStringLiteral(".prefix"),
            QStringLiteral("give BullMQ's key prefix without a trailing ':' (default \"bull\")"));
    if (qs.type == QueueSystemType::Celery && mode == ClusterMode::Cluster)
        issues.error(path + QStringLiteral(".type"),
            QStringLiteral("celery's Redis broker does not run on Redis Cluster (kombu's "
                           "Redis transport has no cluster client); use standalone or sentinel "
                           "mode"));
    if (qs.type == QueueSystemType::Celery) {
        for (qsizetype i = 0; i < qs.celeryQueues.size(); ++i) {
            if (qs.celeryQueues[i].isEmpty())
                issues.error(path + QStringLiteral(".queues[%1]").arg(i), QStringLiteral("empty"));
        }
        if (qs.celeryVisibilityTimeout.count() <= 0)
            issues.error(path + QStringLiteral(".visibility_timeout"),
                QStringLiteral("must be greater than 0"));
        // kombu puts the prefix before every key as given: spaces around it are almost
        // certainly a slip, and would make QueueDeck read keys nobody writes.
        if (qs.celeryGlobalKeyPrefix != qs.celeryGlobalKeyPrefix.trimmed())
            issues.error(path + QStringLiteral(".global_keyprefix"),
                QStringLiteral("starts or ends with white space; kombu uses the prefix exactly "
                               "as given"));
    }
    if (qs.sidekiqNamespace.endsWith(u':'))
        issues.error(path + QStringLiteral(".namespace"),
            QStringLiteral("give the namespace without its trailing ':' (\"%1\")")
                .arg(qs.sidekiqNamespace.chopped(1)));
    if (qs.discoveryInterval.count() <= 0)
        issues.error(
            path + QStringLiteral(".discovery_interval"), QStringLiteral("must be greater than 0"));
    if (qs.type != QueueSystemType::GoRedisWorkQueue)
        return; // the key layout below is go-redis-work-queue's
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < qs.queues.size(); ++i) {
        const QueueKey& queue = qs.queues[i];
        const QString queuePath = path + QStringLiteral(".queues[%1]").arg(i);
        if (queue.name.isEmpty())
            issues.error(queuePath + QStringLiteral(".name"), QStringLiteral("empty"));
        if (queue.key.isEmpty())
            issues.error(queuePath + QStringLiteral(".key"), QStringLiteral("empty"));
        if (seen.contains(queue.name))
            issues.error(queuePath + QStringLiteral(".name"),
                QStringLiteral("\"%1\" is listed twice").arg(queue.name));
        seen.insert(queue.name, i);
        if (queue.key == qs.completedKey || queue.key == qs.deadLetterKey)
            issues.error(queuePath + QStringLiteral(".key"),
                QStringLiteral("\"%1\" is the completed or dead-letter list, not a queue")
                    .arg(queue.key));
    }
    if (qs.completedKey.isEmpty())
        issues.error(path + QStringLiteral(".completed"), QStringLiteral("empty"));
    if (qs.deadLetterKey.isEmpty())
        issues.error(path + QStringLiteral(".dead_letter"), QStringLiteral("empty"));
    if (qs.pausePrefix.isEmpty())
        issues.error(path + QStringLiteral(".pause_prefix"), QStringLiteral("empty"));
    if (qs.heartbeatTtl.count() <= 0)
        issues.error(
            path + QStringLiteral(".heartbeat_ttl"), QStringLiteral("must be greater than 0"));
    checkPattern(issues, path + QStringLiteral(".processing_pattern"), qs.processingPattern);
    checkPattern(issues, path + QStringLiteral(".heartbeat_pattern"), qs.heartbeatPattern);
}

void checkEndpoint(IssueList& issues, const QString& path, const QString& text)
{
    QString reason;
    if (!redis::Endpoint::parse(text, &reason))
        issues.error(path, reason);
}

void checkPolling(IssueList& issues, const PollingConfig& p)
{
    if (p.interval.count() <= 0)
        issues.error(QStringLiteral("polling.interval"), QStringLiteral("must be greater than 0"));
    if (p.timeout.count() <= 0)
        issues.error(QStringLiteral("polling.timeout"), QStringLiteral("must be greater than 0"));
    if (p.timeout > p.interval)
        issues.error(QStringLiteral("polling.timeout"),
            QStringLiteral("must not exceed polling.interval (%1 > %2)")
                .arg(duration::format(p.timeout), duration::format(p.interval)));
    if (p.jitter >= p.interval && p.interval.count() > 0)
        issues.error(QStringLiteral("polling.jitter"),
            QStringLiteral("must be less than polling.interval (%1 >= %2)")
                .arg(duration::format(p.jitter), duration::format(p.interval)));
}

void checkNamedClusters(
    IssueList& issues, const Config& config, const QStringList& names, const QString& path)
{
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (!config.cluster(names[i]))
            issues.error(path + QStringLiteral("[%1]").arg(i),
                QStringLiteral("\"%1\" is not a cluster").arg(names[i]));
    }
}

void checkActions(IssueList& issues, const ActionsConfig& actions)
{
    const QStringList known = knownActionTypes();
    for (qsizetype i = 0; i < actions.allowedActions.size(); ++i) {
        if (!known.contains(actions.allowedActions[i]))
            issues.error(QStringLiteral("actions.allowed_actions[%1]").arg(i),
                QStringLiteral("unknown action type \"%1\" (known: %2)")
                    .arg(actions.allowedActions[i], known.join(QStringLiteral(", "))));
    }
    for (auto it = actions.timeouts.begin(); it != actions.timeouts.end(); ++it) {
        const QString path = QStringLiteral("actions.timeouts.") + it.key();
        if (!known.contains(it.key()))
            issues.error(path, QStringLiteral("unknown action type \"%1\"").arg(it.key()));
        if (it.value().count() <= 0)
            issues.error(path, QStringLiteral("must be greater than 0"));
    }
    if (actions.defaultTimeout.count() <= 0)
        issues.error(
            QStringLiteral("actions.default_timeout"), QStringLiteral("must be greater than 0"));
}

// `loaded`: the health block as the file had it, so that an issue names a threshold where its
// author wrote it (health.rules.latency.warning, or the flat health.latency_warning).
void checkHealth(IssueList& issues, const HealthConfig& h, const QJsonObject& loaded)
{
    const auto pathOf = [&loaded](const QString& rule, const QString& key) {
        for (const HealthThreshold& threshold : healthThresholds()) {
            if (threshold.rule == rule && threshold.key == key)
                return loaded.contains(threshold.flatKey) ? threshold.flatPath() : threshold.path();
        }
        return QString();
    };
    const auto notAbove = [&](const QString& rule) {
        issues.error(pathOf(rule, QStringLiteral("warning")),
            QStringLiteral("must not exceed %1").arg(pathOf(rule, QStringLiteral("critical"))));
    };
    if (h.latencyWarning > h.latencyCritical)
        notAbove(QStringLiteral("latency"));
    if (h.deadLetterWarning > h.deadLetterCritical)
        notAbove(QStringLiteral("dead_letters"));
    for (const auto& [key, value] : {std::pair {QStringLiteral("warning"), h.memoryWarningRatio},
             std::pair {QStringLiteral("critical"), h.memoryCriticalRatio}}) {
        if (value <= 0.0 || value > 1.0)
            issues.error(pathOf(QStringLiteral("memory"), key),
                QStringLiteral("must be a fraction above 0 and at most 1, not %1").arg(value));
    }
    if (h.memoryWarningRatio > h.memoryCriticalRatio)
        notAbove(QStringLiteral("memory"));
    // A day of evidence is already far past any useful alert; longer is a typo ("10h" for "10s").
    constexpr Millis kLongestTiming {24 * 3600 * 1000};
    for (const QString& rule : HealthConfig::timedRules()) {
        const HealthRuleTiming& timing = *h.timing(rule);
        const QString path = QStringLiteral("health.rules.") + rule;
        for (const auto& [key, value] : {std::pair {QStringLiteral(".for"), timing.forDuration},
                 std::pair {QStringLiteral(".recover"), timing.recover}}) {
            if (value.count() < 0 || value > kLongestTiming)
                issues.error(path + key, QStringLiteral("must be between 0s and 24h"));
        }
    }
    if (h.workerWindow.count() < 0 || h.workerWindow > kLongestTiming)
        issues.error(QStringLiteral("health.worker_window"),
            QStringLiteral("must be between 0s (the heartbeat TTL) and 24h"));
    if (h.flapWindow.count() <= 0 || h.flapWindow > kLongestTiming)
        issues.error(QStringLiteral("health.flap_window"),
            QStringLiteral("must be longer than 0s and at most 24h"));
}

void checkTracing(IssueList& issues, const TracingConfig& t)
{
    for (const auto& [key, value] : {std::pair {QStringLiteral("sample_ratio"), t.sampleRatio},
             std::pair {QStringLiteral("poll_sample_ratio"), t.pollSampleRatio}}) {
        if (!(value >= 0.0 && value <= 1.0))
            issues.error(QStringLiteral("tracing.") + key,
                QStringLiteral("must be a fraction from 0 to 1, not %1").arg(value));
    }
    if (!t.endpoint.isEmpty()) {
        const QUrl url(t.endpoint, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
            || url.host().isEmpty())
            issues.error(QStringLiteral("tracing.endpoint"),
                QStringLiteral("\"%1\" is not an http:// or https:// URL of an OTLP/HTTP receiver "
                               "(e.g. http://127.0.0.1:4318)")
                    .arg(t.endpoint));
        else if (!url.userInfo().isEmpty())
            issues.error(QStringLiteral("tracing.endpoint"),
                QStringLiteral("must not hold credentials; use OTEL_EXPORTER_OTLP_HEADERS"));
    }
}

void checkApi(IssueList& issues, const ApiConfig& api)
{
    static const QRegularExpression listen(
        QStringLiteral(R"(^(\[[0-9a-fA-F:.]+\]|[^:\[\]]+):(\d{1,5})$)"));
    const auto match = listen.match(api.listen);
    if (!match.hasMatch() || match.captured(2).toInt() > 65535)
        issues.error(QStringLiteral("api.listen"),
            QStringLiteral("\"%1\" is not ADDRESS:PORT (e.g. 127.0.0.1:7420)").arg(api.listen));
    if (!api.token.isEmpty() && !api.tokenFile.isEmpty())
        issues.error(
            QStringLiteral("api.token"), QStringLiteral("set token or token_file, not both"));
    if (!api.token.isEmpty() && api.token.size() < 16)
        issues.error(
            QStringLiteral("api.token"), QStringLiteral("too short (at least 16 characters)"));
    for (qsizetype i = 0; i < api.readTokens.size(); ++i) {
        const QString path = QStringLiteral("api.read_tokens[%1]").arg(i);
        if (api.readTokens[i].size() < 16)
            issues.error(path, QStringLiteral("too short (at least 16 characters)"));
        else if (api.readTokens[i] == api.token)
            issues.error(path, QStringLiteral("is the same as api.token (a write token)"));
    }
}

} // namespace

bool ConfigValidator::isValidClusterName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"));
    return pattern.match(name).hasMatch();
}

QList<ConfigIssue> ConfigValidator::validateCluster(const ClusterConfig& c, const QString& path)
{
    IssueList issues;
    const auto field
        = [&path](const char* name) -> QString { return path + u'.' + QLatin1StringView(name); };
    if (c.name.isEmpty())
        issues.error(field("name"), QStringLiteral("empty"));
    else if (!isValidClusterName(c.name))
        issues.error(field("name"),
            QStringLiteral("\"%1\" may only use letters, digits, '.', '_' and '-' (at most 63)")
                .arg(c.name));
    if (hasControlCharacters(c.label))
        issues.error(field("label"), QStringLiteral("must not contain control characters"));
    if (hasControlCharacters(c.group))
        issues.error(field("group"), QStringLiteral("must not contain control characters"));
    else if (c.group.size() > 63)
        issues.error(field("group"), QStringLiteral("longer than 63 characters"));
    else if (!c.group.isEmpty() && c.group.trimmed() != c.group)
        issues.error(field("group"), QStringLiteral("must not start or end with spaces"));
    if (!c.color.isEmpty() && !resolveColor(c.color))
        issues.error(
            field("color"), QStringLiteral("\"%1\" is not a colour name or #rrggbb").arg(c.color));
    if (c.endpoint.trimmed().isEmpty())
        issues.error(field("endpoint"), QStringLiteral("empty"));
    else
        checkEndpoint(issues, field("endpoint"), c.endpoint);
    if (c.mode == ClusterMode::Cluster && c.db != 0)
        issues.error(field("db"), QStringLiteral("Redis Cluster has only database 0"));
    if (c.mode == ClusterMode::Sentinel && c.sentinelMaster.isEmpty())
        issues.error(field("sentinel_master"),
            QStringLiteral("required in sentinel mode (the master name the Sentinels know)"));
    if (c.mode != ClusterMode::Sentinel && !c.sentinelMaster.isEmpty())
        issues.warning(
            field("sentinel_master"), QStringLiteral("ignored unless mode is \"sentinel\""));
    if (c.mode == ClusterMode::Standalone && !c.seeds.isEmpty())
        issues.warning(field("seeds"), QStringLiteral("ignored in standalone mode"));
    for (qsizetype i = 0; i < c.seeds.size(); ++i) {
        const QString seedPath = field("seeds") + QStringLiteral("[%1]").arg(i);
        if (c.seeds[i].trimmed().isEmpty())
            issues.error(seedPath, QStringLiteral("empty"));
        else
            checkEndpoint(issues, seedPath, c.seeds[i]);
    }
    if (!c.passwordEnv.isEmpty()
        && !QProcessEnvironment::systemEnvironment().contains(c.passwordEnv))
        issues.warning(field("password_env"),
            QStringLiteral("environment variable %1 is not set").arg(c.passwordEnv));
    if (!c.username.isEmpty() && c.password.isEmpty() && c.passwordEnv.isEmpty()
        && !c.passwordKeychain)
        issues.warning(field("username"), QStringLiteral("set without a password"));
    // Connecting without the password would only fail later with NOAUTH, far from the cause.
    if (c.passwordKeychain && !PasswordStore::installed())
        issues.error(field("password_keychain"),
            QStringLiteral("the password of \"%1\" is kept in the system keychain, which this "
                           "process cannot read (the headless server has no keychain); give it "
                           "with password_env instead")
                .arg(c.name));
    checkTls(issues, c.tls, field("tls"));
    checkQueueSystem(issues, c.queueSystem, c.mode, field("queue_system"));
    return issues.take();
}

QList<ConfigIssue> ConfigValidator::validate(const Config& config)
{
    IssueList issues;
    QList<ConfigIssue> all;
    QHash<QString, qsizetype> firstIndex;
    bool anyEnabled = false;
    for (qsizetype i = 0; i < config.clusters.size(); ++i) {
        const ClusterConfig& c = config.clusters[i];
        const QString path = QStringLiteral("clusters[%1]").arg(i);
        all.append(validateCluster(c, path));
        if (!c.name.isEmpty()) {
            if (firstIndex.contains(c.name))
                all.append({Severity::Error, path + QStringLiteral(".name"),
                    QStringLiteral("duplicate name \"%1\" (also clusters[%2])")
                        .arg(c.name)
                        .arg(firstIndex.value(c.name))});
            else
                firstIndex.insert(c.name, i);
        }
        anyEnabled = anyEnabled || c.enabled;
    }
    if (!anyEnabled)
        issues.warning(QStringLiteral("clusters"),
            QStringLiteral("no enabled cluster: nothing will be watched until one is added"));
    if (!config.defaultCluster.isEmpty()) {
        const ClusterConfig* def = config.cluster(config.defaultCluster);
        if (!def)
            issues.error(QStringLiteral("default_cluster"),
                QStringLiteral("\"%1\" is not a cluster").arg(config.defaultCluster));
        else if (!def->enabled)
            issues.warning(QStringLiteral("default_cluster"),
                QStringLiteral("\"%1\" is disabled").arg(config.defaultCluster));
    }
    checkPolling(issues, config.polling);
    if (config.compareMode.deltaThreshold < 0)
        issues.error(
            QStringLiteral("compare_mode.delta_threshold"), QStringLiteral("must not be negative"));
    checkNamedClusters(
        issues, config, config.compareMode.clusters, QStringLiteral("compare_mode.clusters"));
    if (const qsizetype count = config.compareMode.clusters.size(); count != 0
        && (count < CompareModeConfig::kMinClusters || count > CompareModeConfig::kMaxClusters))
        issues.error(QStringLiteral("compare_mode.clusters"),
            QStringLiteral("compare %1 to %2 clusters, not %3")
                .arg(CompareModeConfig::kMinClusters)
                .arg(CompareModeConfig::kMaxClusters)
                .arg(count));
    checkActions(issues, config.actions);
    if (config.cache.ttl.count() < 0)
        issues.error(QStringLiteral("cache.ttl"), QStringLiteral("must not be negative"));
    checkHealth(issues, config.health, config.original.value(QStringLiteral("health")).toObject());
    checkApi(issues, config.api);
    checkTracing(issues, config.tracing);
    all.append(issues.take());
    return all;
}

} // namespace qd

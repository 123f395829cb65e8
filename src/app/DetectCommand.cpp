#include "app/DetectCommand.h"

#include "app/CommandLine.h"
#include "app/EngineHost.h"
#include "core/config/ConfigFile.h"
#include "core/queues/SystemDetector.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/Endpoint.h"
#include "core/redis/RedisClient.h"
#include "core/util/Log.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <memory>

namespace qd::app {
namespace {

constexpr int kFound = 0;
constexpr int kNothingFound = 1;
constexpr int kBadEndpoint = 2;
constexpr int kUnreadable = 3;

QString tr(const char* text)
{
    return QCoreApplication::translate("main", text);
}

// Everything printed passes the log's secret filter: an endpoint may carry a password.
void print(std::FILE* stream, const QString& text)
{
    std::fputs(log::redact(QString(text + u'\n').toStdString()).c_str(), stream);
}

struct Target {
    ClusterConfig cluster;
    Millis timeout = PollingConfig {}.timeout;
    bool configured = false; // a cluster of the configuration, with its own mode
};

// A configured cluster of that name, else the text as an endpoint.
std::optional<Target> resolve(const CommandLineOptions& options, QString* error)
{
    Target target;
    ConfigFile file(options.configPath);
    if (file.exists()) {
        const ConfigReadResult read = file.load(false);
        registerSecrets(read.config);
        if (const ClusterConfig* named = read.config.cluster(options.detect)) {
            target.cluster = *named;
            target.timeout = read.config.polling.timeout;
            target.configured = true;
            return target;
        }
    }
    QString reason;
    if (!redis::Endpoint::parse(options.detect, &reason)) {
        *error = tr("--detect: \"%1\" is neither a configured cluster nor an endpoint: %2")
                     .arg(options.detect, reason);
        return std::nullopt;
    }
    target.cluster.name = QStringLiteral("detect");
    target.cluster.endpoint = options.detect;
    Config secrets;
    secrets.clusters = {target.cluster};
    registerSecrets(secrets);
    return target;
}

// The endpoint as people may read it: without its password.
QString address(const ClusterConfig& cluster)
{
    const auto endpoint = redis::Endpoint::parse(cluster.endpoint);
    return endpoint ? endpoint->display() : cluster.endpoint;
}

void printText(const QString& place, const DetectionReport& report)
{
    QString scope = report.complete
        ? tr("the whole database")
        : tr("part of the database only (stopped at the %1)").arg(report.stoppedBy);
    print(stdout,
        tr("%1: %2 key(s) scanned on %3 node(s) in %4 ms, %5.")
            .arg(place)
            .arg(report.keysScanned)
            .arg(report.nodes)
            .arg(report.elapsedMs)
            .arg(scope));
    for (const QString& error : report.nodeErrors)
        print(stdout, tr("  not scanned: %1").arg(error));
    QStringList missing;
    for (const QString& system : SystemDetector::systemNames()) {
        const QList<SystemFinding> findings = report.findingsFor(system);
        if (findings.isEmpty())
            missing.append(system);
        for (const SystemFinding& f : findings) {
            QString heading = system;
            if (!f.scope.isEmpty())
                heading += system == QStringLiteral("sidekiq")
                    ? tr(" (namespace \"%1\")").arg(f.scope)
                    : tr(" (prefix \"%1\")").arg(f.scope);
            print(stdout, QString());
            print(stdout, heading);
            print(stdout, tr("  evidence:     %1").arg(f.evidence.join(QStringLiteral(", "))));
            if (!f.queues.isEmpty())
                print(stdout, tr("  queues:       %1").arg(f.queues.join(QStringLiteral(", "))));
            print(stdout,
                tr("  queue_system: %1")
                    .arg(QString::fromUtf8(
                        QJsonDocument(f.suggestion).toJson(QJsonDocument::Compact))));
        }
    }
    print(stdout, QString());
    print(stdout,
        missing.size() == SystemDetector::systemNames().size()
            ? tr("No queue system found.")
            : tr("Not found: %1.").arg(missing.join(QStringLiteral(", "))));
}

} // namespace

int runDetect(const CommandLineOptions& options)
{
    // Only the report goes to stdout; the Redis layer's warnings (a refused connect) would
    // only repeat the error printed below.
    log::setup(log::Format::Text, options.verbose ? spdlog::level::debug : spdlog::level::err);
    QString error;
    const std::optional<Target> target = resolve(options, &error);
    if (!target) {
        print(stderr, error);
        return kBadEndpoint;
    }
    const QString place = target->cluster.db > 0
        ? tr("%1 (db %2)").arg(address(target->cluster)).arg(target->cluster.db)
        : address(target->cluster);
    DetectionReport report;
    try {
        std::unique_ptr<redis::RedisClient> client
            = redis::RedisClient::create(target->cluster, target->timeout);
        // An endpoint that is one node of a Redis Cluster: every master is scanned, as for a
        // configured cluster with mode "cluster".
        if (!target->configured
            && client->command(redis::Command {"INFO", "cluster"})
                   .toByteArray()
                   .contains("cluster_enabled:1")) {
            ClusterConfig whole = target->cluster;
            whole.mode = ClusterMode::Cluster;
            client = redis::RedisClient::create(whole, target->timeout);
        }
        report = SystemDetector::detect(*client, SystemDetector::Limits {});
    } catch (const redis::ConnectionError& e) {
        const bool config = e.kind() == redis::ConnectionError::Kind::Config;
        print(stderr, tr("--detect: cannot read %1: %2").arg(place, e.message()));
        return config ? kBadEndpoint : kUnreadable;
    }
    if (options.json) {
        QJsonObject json = report.toJson();
        json.insert(QStringLiteral("endpoint"), address(target->cluster));
        json.insert(QStringLiteral("db"), target->cluster.db);
        print(stdout, QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    } else {
        printText(place, report);
    }
    return report.findings.isEmpty() ? kNothingFound : kFound;
}

} // namespace qd::app

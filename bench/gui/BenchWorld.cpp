#include "BenchWorld.h"

#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "gui/MainWindow.h"
#include "loadgen/LoadRunner.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

namespace qd::bench {
namespace {

constexpr int kDatabasesPerServer = 10;
const QStringList kColors {QStringLiteral("green"), QStringLiteral("blue"),
    QStringLiteral("orange"), QStringLiteral("purple"), QStringLiteral("teal"),
    QStringLiteral("red"), QStringLiteral("indigo"), QStringLiteral("brown")};

} // namespace

BenchWorld::BenchWorld() = default;

BenchWorld::~BenchWorld()
{
    for (auto& run : m_load)
        run->stop();
    m_window.reset();
    if (m_actions)
        m_actions->waitForIdle();
    m_actions.reset();
    m_manager.reset();
    m_audit.reset();
}

bool BenchWorld::prepare(int clusters, Millis interval, int busyClusters, QString* error)
{
    const int servers = (clusters + kDatabasesPerServer - 1) / kDatabasesPerServer;
    if (!m_servers.start(servers, error))
        return false;
    QRandomGenerator random(42);
    for (int i = 0; i < clusters; ++i) {
        ClusterConfig cluster;
        cluster.name = QStringLiteral("cluster-%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        cluster.label = QStringLiteral("Cluster %1").arg(i + 1);
        cluster.color = kColors.at(i % kColors.size());
        cluster.endpoint = m_servers.endpoint(i / kDatabasesPerServer);
        cluster.db = i % kDatabasesPerServer;
        // Groups as a fleet has them, so the overview and the group menu have work to do.
        static const QStringList kGroups {QStringLiteral("production"), QStringLiteral("staging"),
            QStringLiteral("eu"), QStringLiteral("lab")};
        cluster.group = kGroups.at(i % kGroups.size());
        m_config.clusters.append(cluster);
        // A backlog and some dead letters, different on every cluster.
        const int server = i / kDatabasesPerServer;
        const QString db = QString::number(cluster.db);
        QStringList high {QStringLiteral("-n"), db, QStringLiteral("RPUSH"),
            QStringLiteral("jobqueue:high_priority")};
        for (int j = 0, n = int(random.bounded(20, 400)); j < n; ++j)
            high.append(QStringLiteral("{\"id\":\"h%1-%2\",\"priority\":\"high\"}").arg(i).arg(j));
        m_servers.cli(server, high);
        QStringList dead {QStringLiteral("-n"), db, QStringLiteral("RPUSH"),
            QStringLiteral("jobqueue:dead_letter")};
        for (int j = 0, n = int(random.bounded(1, 60)); j < n; ++j)
            dead.append(QStringLiteral("{\"id\":\"d%1-%2\",\"retries\":3}").arg(i).arg(j));
        m_servers.cli(server, dead);
    }
    m_config.defaultCluster = m_config.clusters.first().name;
    m_config.polling = PollingConfig {
        interval, Millis(interval.count() / 5), Millis(interval.count() * 4 / 5), true};
    m_config.cache.ttl = interval;
    m_config.audit.path = m_dir.filePath(QStringLiteral("audit.sqlite"));
    // Producers and workers on a few clusters: rates, workers and heartbeats move.
    for (int i = 0; i < busyClusters && i < clusters; ++i) {
        loadgen::LoadgenOptions options;
        options.cluster = m_config.clusters.at(i);
        options.producers = 1;
        options.rate = 20;
        options.workers = 4;
        options.jobDuration = loadgen::JobDuration(Millis(150));
        options.failureRatio = 0.05;
        options.statsInterval = Millis(0);
        auto run = std::make_unique<loadgen::LoadRunner>(options);
        if (!run->start(error))
            return false;
        m_load.push_back(std::move(run));
    }
    return true;
}

bool BenchWorld::writeConfig(const QString& path, QString* error) const
{
    ConfigFile file(path);
    return file.save(m_config, error);
}

bool BenchWorld::load(const QString& path, QString* error)
{
    ConfigFile file(path);
    const ConfigReadResult read = file.load(false);
    if (!read.ok()) {
        *error = read.issues.isEmpty() ? path : read.issues.first().toString();
        return false;
    }
    m_config = read.config;
    m_config.audit.path = m_dir.filePath(QStringLiteral("audit.sqlite"));
    return true;
}

void BenchWorld::open()
{
    QElapsedTimer clock;
    clock.start();
    const auto phase = [this, &clock](const char* name) {
        m_phases += QStringLiteral("%1=%2 ")
                        .arg(QLatin1StringView(name))
                        .arg(double(clock.nsecsElapsed()) / 1e6, 0, 'f', 1);
        clock.restart();
    };
    m_manager = std::make_unique<Manager>(m_config);
    phase("engine");
    m_audit = std::make_unique<AuditLog>(m_config.audit.path);
    m_actions = std::make_unique<ActionEngine>(*m_manager, m_audit.get());
    phase("audit+actions");
    m_window = std::make_unique<gui::MainWindow>(*m_manager, *m_actions, m_audit.get());
    phase("window");
    m_window->show();
    phase("show");
    m_manager->start();
    phase("polling");
}

} // namespace qd::bench

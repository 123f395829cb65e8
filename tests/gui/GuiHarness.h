#pragma once

// What the GUI tests share: real redis-server processes, an engine like the desktop builds it
// (Manager, audit log, action engine, config file), the real MainWindow, isolated settings,
// screenshots, and a watch on the event loop.

#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "gui/MainWindow.h"
#include "gui/Translations.h"
#include "loadgen/Job.h"
#include "support/RedisServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <chrono>
#include <memory>
#include <vector>

namespace qd::test {

// QSettings of the window go to a fresh folder: a test never reads a developer's settings, and
// one test's last tab never leaks into the next.
inline void isolateSettings(QTemporaryDir& dir)
{
    // English whatever the machine's locale: the tests read the window's texts.
    static bool translated = false;
    if (!translated)
        gui::Translations::install(*QCoreApplication::instance(), QLocale(QLocale::English));
    translated = true;
    QCoreApplication::setOrganizationName(QStringLiteral("QueueDeckTests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

// The bytes of a file, or nothing when it cannot be read.
inline QByteArray readFileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Saves a PNG of widget next to the test binary (a build artefact) under screenshots/.
inline QString saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    const QString path = dir + u'/' + name + QStringLiteral(".png");
    widget->grab().save(path);
    return path;
}

// A job as the go-redis-work-queue writes it.
inline QString jobJson(const QString& id, const QString& priority = QStringLiteral("high"))
{
    loadgen::Job job;
    job.id = id;
    job.priority = priority;
    job.filepath = QStringLiteral("/data/in/") + id + QStringLiteral(".csv");
    job.filesize = 2048;
    job.retries = 3;
    job.creationTime = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    job.traceId = QStringLiteral("0af7651916cd43dd8448eb211c80319c");
    job.spanId = QStringLiteral("b7ad6b7169203331");
    return QString::fromUtf8(job.toJson());
}

// Measures the longest gap between ticks of a 10 ms timer: how long the event loop was busy.
// Each gap is also split by the kernel's scheduler statistics of the main thread: the time it
// waited, runnable, for a CPU (other processes and our own pool threads running) is not the
// window's doing. What remains is the stall the window caused itself, working or waiting (a
// blocking call on a frozen server would show there). On a quiet machine both are the same.
class StallWatch final {
public:
    StallWatch()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 wall = m_clock.restart();
            const qint64 queued = runQueueMs();
            m_longest = std::max(m_longest, wall);
            m_longestOwn = std::max(m_longestOwn, wall - (queued - m_queuedAtTick));
            m_queuedAtTick = queued;
            ++m_ticks;
        });
    }
    void start()
    {
        m_longest = 0;
        m_longestOwn = 0;
        m_ticks = 0;
        m_queuedAtTick = runQueueMs();
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 longestMs() const { return m_longest; }
    qint64 longestOwnMs() const { return m_longestOwn; }
    int ticks() const { return m_ticks; }

private:
    // Nanoseconds this thread spent runnable but waiting for a CPU (second field), in ms.
    static qint64 runQueueMs()
    {
        QFile stat(QStringLiteral("/proc/thread-self/schedstat"));
        if (!stat.open(QIODevice::ReadOnly))
            return 0;
        return stat.readAll().split(' ').value(1).toLongLong() / 1'000'000;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
    qint64 m_longestOwn = 0;
    qint64 m_queuedAtTick = 0;
    int m_ticks = 0;
};

// The desktop's engine and window against clusters the test describes.
class GuiHarness final {
public:
    struct Cluster {
        QString name;
        QString label;
        QString color;
        QString endpoint;
        bool readOnly = false;
        bool enabled = true;
    };

    explicit GuiHarness(const QList<Cluster>& clusters, const QString& defaultCluster = {})
    {
        m_config.defaultCluster = defaultCluster;
        for (const Cluster& c : clusters) {
            ClusterConfig cluster;
            cluster.name = c.name;
            cluster.label = c.label;
            cluster.color = c.color;
            cluster.endpoint = c.endpoint;
            cluster.readOnly = c.readOnly;
            cluster.enabled = c.enabled;
            m_config.clusters.append(cluster);
        }
        using namespace std::chrono_literals;
        m_config.polling = PollingConfig {300ms, 50ms, 250ms, true};
        m_config.cache.ttl = 300ms;
        m_config.actions.allowedActions.append(QStringLiteral("requeue_dlq"));
        m_config.audit.path = m_dir.filePath(QStringLiteral("audit.sqlite"));
    }

    Config& config() { return m_config; }
    QString configPath() const { return m_dir.filePath(QStringLiteral("config.json")); }

    // Builds the engine and the window, then starts polling (the desktop's order).
    void open()
    {
        m_file = std::make_unique<ConfigFile>(configPath());
        m_file->load(true);
        m_manager = std::make_unique<Manager>(m_config);
        m_manager->setConfigFile(m_file.get());
        m_audit = std::make_unique<AuditLog>(m_config.audit.path);
        m_actions = std::make_unique<ActionEngine>(*m_manager, m_audit.get());
        openWindow();
        m_manager->start();
    }
    void openWindow()
    {
        m_window = std::make_unique<gui::MainWindow>(*m_manager, *m_actions, m_audit.get());
        m_window->setPaths(configPath(), m_config.audit.path);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void closeWindow()
    {
        if (m_window)
            m_window->close();
        m_window.reset();
    }
    ~GuiHarness()
    {
        closeWindow();
        if (m_actions)
            m_actions->waitForIdle();
        m_actions.reset();
        m_manager.reset();
        m_audit.reset();
    }
    GuiHarness(const GuiHarness&) = delete;
    GuiHarness& operator=(const GuiHarness&) = delete;

    Manager& manager() { return *m_manager; }
    ActionEngine& actions() { return *m_actions; }
    AuditLog& audit() { return *m_audit; }
    gui::MainWindow& window() { return *m_window; }

private:
    QTemporaryDir m_dir;
    Config m_config;
    std::unique_ptr<ConfigFile> m_file;
    std::unique_ptr<Manager> m_manager;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ActionEngine> m_actions;
    std::unique_ptr<gui::MainWindow> m_window;
};

// Starts count servers or fails the test.
inline std::vector<std::unique_ptr<RedisServer>> startServers(int count)
{
    std::vector<std::unique_ptr<RedisServer>> servers;
    for (int i = 0; i < count; ++i) {
        QString error;
        auto server = RedisServer::start({}, &error);
        if (!server)
            qFatal("redis-server did not start: %s", qPrintable(error));
        servers.push_back(std::move(server));
    }
    return servers;
}

// Production, Staging and EU on the first three servers: the set most GUI tests drive.
inline QList<GuiHarness::Cluster> threeClusters(
    const std::vector<std::unique_ptr<RedisServer>>& servers)
{
    using namespace Qt::StringLiterals;
    return {{u"production"_s, u"Production"_s, u"green"_s, servers.at(0)->endpoint()},
        {u"staging"_s, u"Staging"_s, u"orange"_s, servers.at(1)->endpoint()},
        {u"eu"_s, u"EU"_s, u"blue"_s, servers.at(2)->endpoint()}};
}

} // namespace qd::test

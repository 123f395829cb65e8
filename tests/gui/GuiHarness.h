#pragma once

// What the GUI tests share: real redis-server processes, an engine like the desktop builds it
// (Manager, audit log, action engine, config file), the real MainWindow, isolated settings,
// screenshots, and a watch on the event loop.

#include "core/audit/AuditLog.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "gui/MainWindow.h"
#include "gui/Translations.h"
#include "support/EngineConfig.h"
#include "support/EngineFixture.h"
#include "support/JobJson.h"
#include "support/RedisServer.h"

#include <QCoreApplication>
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
        QString group {};
    };

    explicit GuiHarness(const QList<Cluster>& clusters, const QString& defaultCluster = {})
        : m_engine(configFor({}))
    {
        Config& config = m_engine.config();
        config.defaultCluster = defaultCluster;
        for (const Cluster& c : clusters) {
            ClusterConfig cluster = clusterFor(c.name, c.endpoint);
            cluster.label = c.label;
            cluster.color = c.color;
            cluster.readOnly = c.readOnly;
            cluster.enabled = c.enabled;
            cluster.group = c.group;
            config.clusters.append(cluster);
        }
        config.actions.allowedActions.append(QStringLiteral("requeue_dlq"));
    }

    // Before open(): the configuration the engine is built with.
    Config& config() { return m_engine.config(); }
    QString configPath() const { return m_engine.configPath(); }

    // Builds the engine and the window, then starts polling (the desktop's order).
    void open()
    {
        QString error;
        if (!m_engine.build(&error))
            qFatal("the engine could not be built: %s", qPrintable(error));
        openWindow();
        m_engine.manager().start();
    }
    void openWindow()
    {
        m_window = std::make_unique<gui::MainWindow>(
            m_engine.manager(), m_engine.actions(), &m_engine.audit());
        m_window->setPaths(configPath(), m_engine.config().audit.path);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void closeWindow()
    {
        if (m_window)
            m_window->close();
        m_window.reset();
    }
    // The window goes first, then the engine (EngineFixture waits for running actions).
    ~GuiHarness() { closeWindow(); }
    GuiHarness(const GuiHarness&) = delete;
    GuiHarness& operator=(const GuiHarness&) = delete;

    Manager& manager() { return m_engine.manager(); }
    ActionEngine& actions() { return m_engine.actions(); }
    AuditLog& audit() { return m_engine.audit(); }
    gui::MainWindow& window() { return *m_window; }

private:
    EngineFixture m_engine;
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

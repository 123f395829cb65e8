// The desktop process serves the REST API as the headless server does: the real
// queuedeck binary answers GET /api/v1/ui/tabs with its tabs, and in the desktop's own set-up
// (EngineHost, MainWindow, EngineHost::startApi, in GuiMain.cpp's order) PUT /api/v1/ui/compare
// switches the window into compare mode with the chosen clusters, and back.

#include "GuiHarness.h"
#include "HttpClient.h"
#include "ServerProcess.h"
#include "api/ApiServer.h"
#include "app/EngineHost.h"
#include "gui/ClusterTabBar.h"
#include "gui/CompareTableModel.h"
#include "gui/CompareView.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

namespace {

const QString kToken = u"desktop-test-token-0123456789"_s;

QJsonObject cluster(const QString& name, const QString& color, const QString& endpoint)
{
    QJsonObject c = serverCluster(name, endpoint);
    c.insert(u"label"_s, name.toUpper());
    c.insert(u"color"_s, color);
    return c;
}

// The desktop in this process, set up in GuiMain.cpp's order: engine, window, polling, API.
class InProcessDesktop final {
public:
    InProcessDesktop() = default;
    InProcessDesktop(const InProcessDesktop&) = delete;
    InProcessDesktop& operator=(const InProcessDesktop&) = delete;
    ~InProcessDesktop()
    {
        if (m_opened)
            m_host.shutdown();
    }

    // What failed; empty when the window is up and the API listens.
    QString open(const QString& configPath)
    {
        app::CommandLineOptions options;
        options.configPath = configPath;
        options.configGiven = true;
        options.listen = u"127.0.0.1:0"_s;
        if (!m_host.open(options))
            return m_host.error();
        m_opened = true;
        m_window = std::make_unique<gui::MainWindow>(
            m_host.manager(), m_host.actions(), &m_host.audit());
        m_host.start();
        QString error;
        if (!m_host.startApi(&error))
            return error;
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get()) ? QString() : u"window not shown"_s;
    }
    app::EngineHost& host() { return m_host; }
    gui::MainWindow& window() { return *m_window; }

private:
    app::EngineHost m_host;
    std::unique_ptr<gui::MainWindow> m_window;
    bool m_opened = false;
};

} // namespace

class TestDesktopApi final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestDesktopApi"_s);
        m_servers = startServers(3);
    }

    void desktopBinaryServesTheApi()
    {
        QTemporaryDir dir;
        QJsonObject config = serverConfig(
            QJsonArray {cluster(u"production"_s, u"green"_s, m_servers[0]->endpoint()),
                cluster(u"staging"_s, u"orange"_s, m_servers[1]->endpoint())},
            QJsonObject {{u"token"_s, kToken}}, dir.path());
        config.insert(u"default_cluster"_s, u"staging"_s);
        const QString path = writeServerConfig(dir.path(), config);
        // The window's own settings go to the temporary folder, not the developer's.
        QProcessEnvironment env;
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"xdg-config"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        ServerProcess desktop(path, u"127.0.0.1:0"_s, dir.filePath(u"xdg-data"_s), env);
        const quint16 port = desktop.waitForPort(20000);
        QVERIFY2(port != 0, desktop.err().constData());

        HttpClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        client.setToken(kToken.toUtf8());
        const HttpResponse tabs = client.get(u"/api/v1/ui/tabs"_s);
        QVERIFY2(tabs.status == 200, tabs.describe().constData());
        const QJsonArray list = tabs.object()[u"tabs"_s].toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0][u"cluster_name"_s].toString(), u"production"_s);
        QCOMPARE(list[0][u"color"_s].toString(), u"green"_s);
        QCOMPARE(list[0][u"shortcut"_s].toString(), u"1"_s);
        QCOMPARE(list[1][u"cluster_name"_s].toString(), u"staging"_s);
        QCOMPARE(list[1][u"label"_s].toString(), u"STAGING"_s);
        // The window opened on the default cluster and told the engine.
        QCOMPARE(tabs.object()[u"active_cluster"_s].toString(), u"staging"_s);
        // Changes want the token, as on the headless server.
        HttpClient anonymous(client.base());
        QCOMPARE(anonymous
                     .put(u"/api/v1/ui/compare"_s,
                         QJsonObject {{u"enabled"_s, true},
                             {u"clusters"_s, QJsonArray {u"staging"_s, u"production"_s}}})
                     .status,
            401);

        const HttpResponse compare = client.put(u"/api/v1/ui/compare"_s,
            QJsonObject {
                {u"enabled"_s, true}, {u"clusters"_s, QJsonArray {u"staging"_s, u"production"_s}}});
        QVERIFY2(compare.status == 200, compare.describe().constData());
        const QJsonObject after = client.get(u"/api/v1/ui/tabs"_s).object();
        QVERIFY(after[u"compare_mode"_s].toBool());
        QCOMPARE(
            after[u"compare_clusters"_s].toArray(), QJsonArray({u"staging"_s, u"production"_s}));
        QVERIFY2(desktop.isRunning(), desktop.err().constData());
    }

    void apiCompareSwitchesTheWindow()
    {
        QTemporaryDir dir;
        QJsonObject config = serverConfig(
            QJsonArray {cluster(u"production"_s, u"green"_s, m_servers[0]->endpoint()),
                cluster(u"staging"_s, u"orange"_s, m_servers[1]->endpoint()),
                cluster(u"eu"_s, u"blue"_s, m_servers[2]->endpoint())},
            QJsonObject {{u"token"_s, kToken}}, dir.path());
        config.insert(u"default_cluster"_s, u"production"_s);
        InProcessDesktop desktop;
        const QString failed = desktop.open(writeServerConfig(dir.path(), config));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        app::EngineHost& host = desktop.host();
        gui::MainWindow& window = desktop.window();

        HttpClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(host.api()->port())));
        client.setToken(kToken.toUtf8());
        const QJsonArray tabs = client.get(u"/api/v1/ui/tabs"_s).object()[u"tabs"_s].toArray();
        QCOMPARE(tabs.size(), window.tabBar()->count());
        for (int i = 0; i < window.tabBar()->count(); ++i)
            QCOMPARE(tabs[i][u"cluster_name"_s].toString(), window.tabBar()->clusterAt(i));

        QVERIFY(!window.isCompareShown());
        HttpResponse reply = client.put(u"/api/v1/ui/compare"_s,
            QJsonObject {
                {u"enabled"_s, true}, {u"clusters"_s, QJsonArray {u"eu"_s, u"production"_s}}});
        QVERIFY2(reply.status == 200, reply.describe().constData());
        QTRY_VERIFY(window.isCompareShown());
        QCOMPARE(window.compareView()->clusters(), QStringList({u"eu"_s, u"production"_s}));
        QVERIFY(window.findAction(u"action_compare"_s)->isChecked());
        // Three clusters, chosen through the API as well.
        reply = client.put(u"/api/v1/ui/compare"_s,
            QJsonObject {{u"enabled"_s, true},
                {u"clusters"_s, QJsonArray {u"staging"_s, u"eu"_s, u"production"_s}}});
        QVERIFY2(reply.status == 200, reply.describe().constData());
        QTRY_COMPARE(window.compareView()->clusters(),
            QStringList({u"staging"_s, u"eu"_s, u"production"_s}));
        // An unknown cluster is refused and the window stays as it was.
        reply = client.put(u"/api/v1/ui/compare"_s,
            QJsonObject {
                {u"enabled"_s, true}, {u"clusters"_s, QJsonArray {u"eu"_s, u"nowhere"_s}}});
        QVERIFY2(reply.status >= 400 && reply.status < 500, reply.describe().constData());
        QCOMPARE(window.compareView()->clusters(),
            QStringList({u"staging"_s, u"eu"_s, u"production"_s}));

        reply = client.put(u"/api/v1/ui/compare"_s, QJsonObject {{u"enabled"_s, false}});
        QVERIFY2(reply.status == 200, reply.describe().constData());
        QTRY_VERIFY(!window.isCompareShown());
        QVERIFY(!window.findAction(u"action_compare"_s)->isChecked());
        window.close();
    }

    // POST /api/v1/stats/compare answers with the worker figures the compare view shows.
    void apiCompareHasTheWorkerFiguresTheWindowShows()
    {
        RedisServer& production = *m_servers[0];
        const QStringList keys {u"jobqueue:worker:w1:processing"_s,
            u"jobqueue:processing:worker:w1"_s, u"jobqueue:worker:w3:processing"_s};
        const auto forget = qScopeGuard([&] { production.cli(QStringList {u"DEL"_s} + keys); });
        production.cli({u"LPUSH"_s, keys[0], u"{\"id\":\"p1\"}"_s});
        production.cli({u"SET"_s, keys[1], u"{\"id\":\"p1\"}"_s, u"EX"_s, u"30"_s});
        production.cli({u"LPUSH"_s, keys[2], u"{\"id\":\"p2\"}"_s});

        QTemporaryDir dir;
        const QJsonObject config
            = serverConfig(QJsonArray {cluster(u"production"_s, u"green"_s, production.endpoint()),
                               cluster(u"staging"_s, u"orange"_s, m_servers[1]->endpoint())},
                QJsonObject {{u"token"_s, kToken}}, dir.path());
        InProcessDesktop desktop;
        const QString failed = desktop.open(writeServerConfig(dir.path(), config));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        app::EngineHost& host = desktop.host();
        gui::MainWindow& window = desktop.window();

        Manager& manager = host.manager();
        manager.setCompareMode(true, {u"production"_s, u"staging"_s});
        QTRY_VERIFY(window.isCompareShown());
        QTRY_VERIFY_WITH_TIMEOUT(
            manager.cachedStats(u"production"_s).value_or(ClusterStats {}).workers.size() == 2
                && manager.cachedStats(u"staging"_s).has_value(),
            5000);
        // Heartbeat ages move with every poll: hold the polls still (one in flight ends within
        // the timeout) so that the window and the API read the same one.
        manager.setPollingEnabled(false);
        QTest::qWait(int(manager.config().polling.timeout.count()) + 200);
        gui::CompareView* view = window.compareView();
        view->refreshNow();

        HttpClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(host.api()->port())));
        const HttpResponse reply = client.post(u"/api/v1/stats/compare"_s,
            QJsonObject {{u"clusters"_s, QJsonArray {u"production"_s, u"staging"_s}}});
        QVERIFY2(reply.status == 200, reply.describe().constData());
        const QJsonObject api = reply.object()[u"worker_metrics"_s].toObject();
        QCOMPARE(api.size(), 4);
        gui::CompareTableModel* shown = view->workersModel();
        for (auto it = api.begin(); it != api.end(); ++it) {
            const int row = shown->rowOf(it.key());
            QVERIFY2(row >= 0, qPrintable(it.key() + u" is not shown"_s));
            const CompareMetric& metric = shown->rowAt(row);
            const QJsonObject answered = it.value().toObject();
            QCOMPARE(answered[u"unit"_s].toString(), metric.unit);
            QCOMPARE(answered[u"delta"_s].toDouble(), metric.delta);
            QCOMPARE(answered[u"highlighted"_s].toArray(),
                QJsonArray::fromStringList(metric.highlighted));
            const QJsonObject values = answered[u"values"_s].toObject();
            QCOMPARE(values.size(), metric.values.size());
            for (const QString& name : {u"production"_s, u"staging"_s}) {
                const QModelIndex cell = shown->index(row, shown->columnOf(name));
                const double displayed = cell.data(gui::SortRole).toDouble();
                QCOMPARE(values.value(name).toDouble(-1), displayed);
                QCOMPARE(cell.data(gui::HighlightRole).toBool(), metric.isHighlighted(name));
            }
        }
        QCOMPARE(api[u"known_workers"_s][u"values"_s][u"production"_s].toDouble(), 2.0);
        QCOMPARE(api[u"orphaned_workers"_s][u"values"_s][u"production"_s].toDouble(), 1.0);
        // The export holds the same figures.
        const QJsonObject exported = QJsonDocument::fromJson(view->exporter().toJson())
                                         .object()[u"worker_metrics"_s]
                                         .toObject();
        for (auto it = api.begin(); it != api.end(); ++it)
            QCOMPARE(exported[it.key()][u"values"_s].toObject(),
                it.value().toObject()[u"values"_s].toObject());
        window.close();
    }

private:
    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestDesktopApi)
#include "TestDesktopApi.moc"

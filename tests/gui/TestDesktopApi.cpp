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
#include "gui/CompareView.h"

#include <QJsonArray>
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
        app::CommandLineOptions options;
        options.configPath = writeServerConfig(dir.path(), config);
        options.configGiven = true;
        options.listen = u"127.0.0.1:0"_s;

        // GuiMain.cpp's order: engine, window, polling, API.
        app::EngineHost host;
        QVERIFY2(host.open(options), qPrintable(host.error()));
        gui::MainWindow window(host.manager(), host.actions(), &host.audit());
        host.start();
        QString error;
        QVERIFY2(host.startApi(&error), qPrintable(error));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto stop = qScopeGuard([&host] { host.shutdown(); });

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

private:
    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestDesktopApi)
#include "TestDesktopApi.moc"

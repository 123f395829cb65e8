// The main window against real servers: tabs follow the config (order, colours, default
// cluster), keys 1–9 and Ctrl+Tab switch, a stopped server turns its dot red and notifies, pages
// update in place, and the window remembers the last tab, its size and splitter positions.

#include "GuiHarness.h"
#include "core/util/ColorNames.h"
#include "gui/AboutDialog.h"
#include "gui/ClusterPage.h"
#include "gui/ClusterTabBar.h"
#include "gui/CompareView.h"
#include "gui/DeadLetterPanel.h"
#include "gui/HealthStyle.h"
#include "gui/QueueTableModel.h"
#include "gui/ShortcutsDialog.h"
#include "gui/StatsSummary.h"
#include "gui/StatusBarInfo.h"
#include "gui/Theme.h"
#include "gui/TrayNotifier.h"
#include "gui/WorkerTableModel.h"
#include "loadgen/LoadRunner.h"

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTableView>

#include <numeric>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ClusterTabBar;

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestMainWindow"_s);
        m_servers = startServers(3);
        for (int i = 0; i < 40; ++i) {
            m_servers[0]->cli({u"LPUSH"_s, u"jobqueue:high_priority"_s, jobJson(u"h%1"_s.arg(i))});
        }
        m_servers[0]->cli({u"LPUSH"_s, u"jobqueue:dead_letter"_s, jobJson(u"dead-1"_s)});
    }

    void init() { QSettings().clear(); }

    void tabsFollowTheConfigAndKeysSwitch()
    {
        GuiHarness h(clusters(), u"staging"_s);
        h.open();
        ClusterTabBar* tabs = h.window().tabBar();
        // Enabled clusters only, in config order, each in its colour.
        QCOMPARE(tabs->count(), 3);
        const QStringList expected {u"production"_s, u"staging"_s, u"eu"_s};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(tabs->clusterAt(i), expected[i]);
            const ClusterConfig& c = h.manager().cluster(expected[i]);
            QCOMPARE(tabs->tabText(i), c.displayLabel());
            QCOMPARE(tabs->colorAt(i), QColor(*resolveColor(c.color)));
        }
        // The default cluster is active at start.
        QCOMPARE(tabs->currentCluster(), u"staging"_s);
        QCOMPARE(h.window().currentPage()->cluster(), u"staging"_s);

        QTest::keyClick(&h.window(), Qt::Key_1);
        QCOMPARE(tabs->currentCluster(), u"production"_s);
        QCOMPARE(h.manager().activeCluster(), u"production"_s);
        QTest::keyClick(&h.window(), Qt::Key_3);
        QCOMPARE(tabs->currentCluster(), u"eu"_s);
        QCOMPARE(h.window().currentPage()->cluster(), u"eu"_s);
        QTest::keyClick(&h.window(), Qt::Key_2);
        QCOMPARE(tabs->currentCluster(), u"staging"_s);
        // No tab 4: nothing happens.
        QTest::keyClick(&h.window(), Qt::Key_4);
        QCOMPARE(tabs->currentCluster(), u"staging"_s);
        // Ctrl+Tab cycles forward and wraps; Ctrl+Shift+Tab goes back.
        QTest::keyClick(&h.window(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentCluster(), u"eu"_s);
        QTest::keyClick(&h.window(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentCluster(), u"production"_s);
        QTest::keyClick(&h.window(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentCluster(), u"eu"_s);
        // A digit typed into a filter box is text, not a tab switch.
        QTest::keyClick(&h.window(), Qt::Key_1);
        auto* filter = h.window().currentPage()->findChild<QLineEdit*>(u"queueFilter"_s);
        QVERIFY(filter);
        filter->setFocus();
        QTest::keyClick(filter, Qt::Key_2);
        QCOMPARE(filter->text(), u"2"_s);
        QCOMPARE(tabs->currentCluster(), u"production"_s);
    }

    void healthDotTurnsRedWhenAServerStops()
    {
        std::unique_ptr<RedisServer> doomed = RedisServer::start();
        QVERIFY(doomed);
        QList<GuiHarness::Cluster> list = clusters();
        list[3].endpoint = doomed->endpoint();
        GuiHarness h(list);
        h.open();
        ClusterTabBar* tabs = h.window().tabBar();
        QTRY_COMPARE_WITH_TIMEOUT(tabs->healthAt(2), HealthStatus::Healthy, 5000);
        doomed->stop();
        QTRY_COMPARE_WITH_TIMEOUT(tabs->healthAt(2), HealthStatus::Unhealthy, 5000);
        QCOMPARE(gui::HealthStyle::color(tabs->healthAt(2)), QColor(0xd3, 0x2f, 0x2f));
        QVERIFY(tabs->tabToolTip(2).contains(u"Unhealthy"_s));
        // The tray turns red and tells, once; its notification opens that cluster's tab.
        QTRY_COMPARE(h.window().tray()->worstHealth(), HealthStatus::Unhealthy);
        QTRY_VERIFY(h.window().tray()->notificationCount() >= 1);
        QCOMPARE(h.window().tray()->lastCluster(), u"eu"_s);
        QTest::keyClick(&h.window(), Qt::Key_1);
        auto* icon = h.window().tray()->findChild<QSystemTrayIcon*>();
        QVERIFY(icon);
        Q_EMIT icon->messageClicked();
        QCOMPARE(tabs->currentCluster(), u"eu"_s);
        // The status bar of the stopped cluster says the poll failed.
        QTRY_VERIFY(h.window().statusInfo()->pollText().contains(u"failed"_s));
    }

    void pagesShowFiguresAndUpdateInPlace()
    {
        loadgen::LoadgenOptions options;
        options.cluster.name = u"staging"_s;
        options.cluster.endpoint = m_servers[1]->endpoint();
        options.producers = 1;
        options.rate = 20;
        options.workers = 3;
        options.jobDuration = loadgen::JobDuration(Millis(1500));
        options.failureRatio = 0.2;
        options.maxRetries = 0;
        options.blockTimeout = Millis(100);
        options.statsInterval = Millis(0);
        options.seed = 7;
        loadgen::LoadRunner run(options);
        QString error;
        QVERIFY2(run.start(&error), qPrintable(error));

        GuiHarness h(clusters(), u"production"_s);
        h.open();
        gui::ClusterPage* production = h.window().page(u"production"_s);
        QTRY_COMPARE_WITH_TIMEOUT(production->queueModel()->rowCount(), 2, 5000);
        QTRY_COMPARE(production->summary()->valueText(u"queue_size"_s), u"40"_s);
        QCOMPARE(production->summary()->valueText(u"dead_letter_count"_s), u"1"_s);

        QTest::keyClick(&h.window(), Qt::Key_2);
        gui::ClusterPage* staging = h.window().currentPage();
        QCOMPARE(staging->cluster(), u"staging"_s);
        QTRY_COMPARE_WITH_TIMEOUT(staging->workerModel()->rowCount(), 3, 8000);
        // Select a worker, let several polls land: the same worker stays selected.
        staging->tabs()->setCurrentIndex(gui::ClusterPage::WorkersTab);
        QTableView* view = staging->workerView();
        view->selectRow(1);
        const QString selected = view->currentIndex().siblingAtColumn(0).data().toString();
        QVERIFY(!selected.isEmpty());
        QSignalSpy polls(&h.manager(), &Manager::statsUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(polls.count() >= 6, 5000);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(
            view->selectionModel()->selectedRows().first().siblingAtColumn(0).data().toString(),
            selected);
        // Rates appear from the second poll on.
        QTRY_VERIFY(staging->summary()->valueText(u"job_rate"_s).endsWith(u"/s"_s));
        // The status bar shows the active cluster's poll: time, latency, cost.
        QVERIFY(h.window().statusInfo()->latencyText().contains(u"ms"_s));
        QVERIFY(h.window().statusInfo()->costText().contains(u"round trip"_s));
        saveScreenshot(&h.window(), u"main-window-workers"_s);
        // The Jobs tab with a few seconds of sparkline, for the README.
        staging->tabs()->setCurrentIndex(gui::ClusterPage::JobsTab);
        QTest::qWait(2500);
        saveScreenshot(&h.window(), u"main-window"_s);
        run.stop();
    }

    void remembersTheLastTab()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        QTest::keyClick(&h.window(), Qt::Key_3);
        h.window().resize(1000, 700);
        h.closeWindow();
        h.openWindow();
        QCOMPARE(h.window().tabBar()->currentCluster(), u"eu"_s);
        QCOMPARE(h.window().size(), QSize(1000, 700));
    }

    void remembersSplitterPositions()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        h.window().resize(1200, 800);
        // What dragging a handle ends with: new sizes and splitterMoved.
        const auto drag = [](QSplitter* splitter) {
            const QList<int> before = splitter->sizes();
            const int total = std::accumulate(before.cbegin(), before.cend(), 0);
            QVERIFY(total > 100);
            splitter->setSizes({total / 4, total - total / 4});
            Q_EMIT splitter->splitterMoved(total / 4, 1);
        };
        gui::ClusterPage* page = h.window().currentPage();
        page->tabs()->setCurrentIndex(gui::ClusterPage::DeadLettersTab);
        QTRY_VERIFY(page->deadLetters()->splitter()->isVisible());
        drag(page->deadLetters()->splitter());
        const QList<int> deadLetters = page->deadLetters()->splitter()->sizes();
        QTest::keyClick(&h.window(), Qt::Key_C);
        QVERIFY(h.window().isCompareShown());
        auto* compare = h.window().compareView()->findChild<QSplitter*>(u"compareSplitter"_s);
        QVERIFY(compare);
        QTRY_VERIFY(compare->isVisible());
        drag(compare);
        const QList<int> compared = compare->sizes();
        QVERIFY(compared != deadLetters);

        h.closeWindow();
        h.openWindow();
        // The compare view opens again as it was left, with its splitter where it was.
        QVERIFY(h.window().isCompareShown());
        auto* compareAgain = h.window().compareView()->findChild<QSplitter*>(u"compareSplitter"_s);
        QTRY_COMPARE(compareAgain->sizes(), compared);
        QTest::keyClick(&h.window(), Qt::Key_C);
        gui::ClusterPage* pageAgain = h.window().currentPage();
        pageAgain->tabs()->setCurrentIndex(gui::ClusterPage::DeadLettersTab);
        QTRY_COMPARE(pageAgain->deadLetters()->splitter()->sizes(), deadLetters);
    }

    void closeToTrayKeepsRunning()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        // The offscreen platform has no tray; what is tested is the window's behaviour with one.
        h.window().tray()->assumeAvailable(true);
        auto* icon = h.window().tray()->findChild<QSystemTrayIcon*>();
        QVERIFY(icon);
        QAction* toggle = h.window().findAction(u"action_close_to_tray"_s);
        QVERIFY(toggle && toggle->isCheckable() && !toggle->isChecked());

        // Off (the default): closing the window closes it.
        QVERIFY(h.window().close());
        h.window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&h.window()));

        // On: closing hides the window into the tray, and the engine goes on polling.
        toggle->trigger();
        QVERIFY(QSettings().value(u"tray/closeToTray"_s).toBool());
        QVERIFY(!h.window().close());
        QVERIFY(!h.window().isVisible());
        QVERIFY(icon->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(h.manager().health(u"production"_s).lastChecked.isValid(), 5000);
        const QDateTime seen = h.manager().health(u"production"_s).lastChecked;
        QTRY_VERIFY_WITH_TIMEOUT(h.manager().health(u"production"_s).lastChecked > seen, 5000);

        // Where the desktop has no tray, closing closes even with the setting on: a hidden
        // window without a tray icon could not be found again.
        h.window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&h.window()));
        h.window().tray()->assumeAvailable(false);
        QVERIFY(h.window().close());
    }

    void helpListsEveryKeyAndAboutShowsTheBuild()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        QTest::keyClick(&h.window(), Qt::Key_F1);
        auto* shortcuts = h.window().findChild<gui::ShortcutsDialog*>();
        QVERIFY(shortcuts);
        const QStringList keys = shortcuts->keys();
        for (const QString& key : {u"1 … 9"_s, u"0"_s, u"Ctrl+K"_s, u"C"_s, u"Space"_s,
                 u"Ctrl+Tab"_s, u"F5"_s, u"Ctrl+N"_s, u"Ctrl+E"_s, u"Ctrl+H"_s, u"F1"_s})
            QVERIFY2(
                keys.contains(key), qPrintable(key + u" missing from "_s + keys.join(u", "_s)));
        shortcuts->close();
        h.window().showAbout();
        auto* about = h.window().findChild<gui::AboutDialog*>();
        QVERIFY(about);
        QVERIFY(about->buildText().contains(QStringLiteral(QD_VERSION)));
        QVERIFY(about->buildText().contains(QString::fromLatin1(qVersion())));
        QVERIFY(about->buildText().contains(h.configPath()));
        about->close();
    }

    void darkPaletteOnRequest()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        QVERIFY(!gui::Theme::isDark());
        h.window().findAction(u"action_theme_2"_s)->trigger(); // View → Theme → Dark
        QVERIFY(gui::Theme::isDark());
        QTest::keyClick(&h.window(), Qt::Key_2);
        QTRY_VERIFY(h.manager().cachedStats(u"staging"_s).has_value());
        QTest::qWait(300);
        saveScreenshot(&h.window(), u"main-window-dark"_s);
        h.window().findAction(u"action_theme_0"_s)->trigger(); // back to the system's
        QVERIFY(!gui::Theme::isDark());
    }

private:
    QList<GuiHarness::Cluster> clusters() const
    {
        return {{u"production"_s, u"Production"_s, u"green"_s, m_servers[0]->endpoint()},
            {u"staging"_s, u"Staging"_s, u"orange"_s, m_servers[1]->endpoint()},
            {u"archive"_s, u"Archive"_s, u"gray"_s, m_servers[1]->endpoint(), false, false},
            {u"eu"_s, u"EU"_s, u"#1565c0"_s, m_servers[2]->endpoint()}};
    }

    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"

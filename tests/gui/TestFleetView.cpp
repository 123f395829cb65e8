// The window for a fleet: the overview (grouped, worst first, opening and selecting from it,
// rows updated in place), the quick switcher (filter as you type, Enter jumps), the cluster
// page's throughput chart following polls, and the action history folding each action's
// state changes into one row. All against real servers and the real window.

#include "GuiHarness.h"
#include "gui/ActionHistoryModel.h"
#include "gui/ActionHistoryPane.h"
#include "gui/ClusterPage.h"
#include "gui/ClusterTabBar.h"
#include "gui/OverviewModel.h"
#include "gui/OverviewPage.h"
#include "gui/QuickSwitcher.h"
#include "gui/ThroughputChart.h"

#include <QComboBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

class TestFleetView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestFleetView"_s);
        m_servers = startServers(3);
        for (int i = 0; i < 40; ++i)
            m_servers[1]->cli({u"LPUSH"_s, u"jobqueue:high_priority"_s, jobJson(u"h%1"_s.arg(i))});
    }

    void init() { QSettings().clear(); }

    void overviewGroupsClustersWorstFirst()
    {
        GuiHarness h(fleet());
        h.open();
        gui::ClusterTabBar* tabs = h.window().tabBar();
        waitUntilPolled(h);
        // Key 0 and the first item of the Go menu.
        QTest::keyClick(&h.window(), Qt::Key_0);
        QVERIFY(h.window().isOverviewShown());
        QMenu* go = goMenu(h.window());
        QVERIFY(go);
        QCOMPARE(go->actions().value(0), h.window().findAction(u"action_overview"_s));

        gui::OverviewPage* overview = h.window().overview();
        overview->flush();
        QCOMPARE(overview->model()->rowCount(), 5);
        const QStringList order = overview->shownOrder();
        // Groups in the order the configuration first names them, ungrouped last.
        const auto groupOf = [&h](const QString& name) { return h.manager().cluster(name).group; };
        QStringList groups;
        for (const QString& name : order) {
            if (groups.isEmpty() || groups.last() != groupOf(name))
                groups.append(groupOf(name));
        }
        QCOMPARE(groups, (QStringList {u"production"_s, u"staging"_s, QString()}));
        // Worst first within a group: the unreachable production cluster leads, and no row is
        // healthier than the one after it.
        QCOMPARE(order.first(), u"prod-down"_s);
        QCOMPARE(tabs->healthAt(tabs->indexOf(u"prod-down"_s)), HealthStatus::Unhealthy);
        const auto rank = [tabs](const QString& name) {
            gui::OverviewRow row;
            row.status = tabs->healthAt(tabs->indexOf(name));
            return row.healthRank();
        };
        for (qsizetype i = 1; i < order.size(); ++i) {
            if (groupOf(order[i]) == groupOf(order[i - 1]))
                QVERIFY2(rank(order[i - 1]) <= rank(order[i]), qPrintable(order.join(u", "_s)));
        }
        // The group's name heads its block; the unreachable cluster's row names its issue.
        QTableView* view = overview->view();
        const auto cell = [view](int row, int column) {
            return view->model()->index(row, column).data().toString();
        };
        QCOMPARE(cell(0, gui::OverviewModel::Group), u"production"_s);
        QCOMPARE(cell(1, gui::OverviewModel::Group), QString());
        QCOMPARE(cell(2, gui::OverviewModel::Group), u"staging"_s);
        QCOMPARE(cell(4, gui::OverviewModel::Group), u"No group"_s);
        QVERIFY2(!cell(0, gui::OverviewModel::Health).isEmpty()
                && cell(0, gui::OverviewModel::Health) != u"Healthy"_s,
            qPrintable(cell(0, gui::OverviewModel::Health)));
        // The staging cluster's backlog is its 40 queued jobs.
        const int stagingRow = int(order.indexOf(u"stage-busy"_s));
        QCOMPARE(cell(stagingRow, gui::OverviewModel::Backlog), u"40"_s);
        QVERIFY(cell(stagingRow, gui::OverviewModel::LastPoll).endsWith(u"ago"_s));

        // Polls update rows in place: the current row stays where it was.
        overview->setCurrentCluster(u"stage-busy"_s);
        QSignalSpy resets(view->model(), &QAbstractItemModel::modelReset);
        QTest::qWait(900);
        overview->flush();
        QCOMPARE(overview->currentCluster(), u"stage-busy"_s);
        QCOMPARE(resets.count(), 0);
        saveScreenshot(&h.window(), u"overview"_s);

        // Dark: the same page in the dark palette, for the screenshots.
        h.window().findAction(u"action_theme_2"_s)->trigger(); // View → Theme → Dark
        QTest::qWait(100);
        saveScreenshot(&h.window(), u"overview-dark"_s);
        h.window().findAction(u"action_theme_0"_s)->trigger();

        // The tab row's group menu: one submenu per group, ungrouped clusters after them.
        auto* groupsButton = h.window().findChild<QToolButton*>(u"groupsButton"_s);
        QVERIFY(groupsButton);
        QMenu* menu = groupsButton->menu();
        Q_EMIT menu->aboutToShow();
        QVERIFY(menu->findChild<QMenu*>(u"menu_group_production"_s));
        QVERIFY(menu->findChild<QMenu*>(u"menu_group_staging"_s));
        QAction* lab = menu->findChild<QAction*>(u"menu_cluster_lab"_s);
        QVERIFY(lab);
        lab->trigger();
        QVERIFY(!h.window().isOverviewShown());
        QCOMPARE(tabs->currentCluster(), u"lab"_s);
    }

    void overviewOpensAndSelects()
    {
        GuiHarness h(fleet());
        h.open();
        gui::ClusterTabBar* tabs = h.window().tabBar();
        waitUntilPolled(h);
        h.window().showOverview();
        gui::OverviewPage* overview = h.window().overview();
        overview->flush();
        QTableView* view = overview->view();

        // Space selects the row's cluster for the next action, as on a tab; again unselects.
        overview->setCurrentCluster(u"stage-busy"_s);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(tabs->selectedClusters(), QStringList {u"stage-busy"_s});
        const auto checkOf = [view, overview](const QString& cluster) {
            const int row = int(overview->shownOrder().indexOf(cluster));
            return view->model()->index(row, gui::OverviewModel::Selected).data(Qt::CheckStateRole);
        };
        QCOMPARE(checkOf(u"stage-busy"_s).toInt(), int(Qt::Checked));
        // The check box itself selects too, without opening the cluster.
        const int labRow = int(overview->shownOrder().indexOf(u"lab"_s));
        const QModelIndex labCheck = view->model()->index(labRow, gui::OverviewModel::Selected);
        QVERIFY(view->model()->setData(labCheck, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(tabs->selectedClusters(), (QStringList {u"stage-busy"_s, u"lab"_s}));
        QVERIFY(h.window().isOverviewShown());
        // Selecting a tab's cluster elsewhere shows on the overview.
        tabs->clearSelection();
        QCOMPARE(checkOf(u"stage-busy"_s).toInt(), int(Qt::Unchecked));

        // Enter opens the current row's cluster.
        overview->setCurrentCluster(u"prod-up"_s);
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(!h.window().isOverviewShown());
        QCOMPARE(tabs->currentCluster(), u"prod-up"_s);
        QCOMPARE(h.window().currentPage()->cluster(), u"prod-up"_s);

        // A click on a row opens it as well.
        h.window().findAction(u"action_overview"_s)->trigger();
        QVERIFY(h.window().isOverviewShown());
        const int row = int(overview->shownOrder().indexOf(u"stage-idle"_s));
        const QRect cell = view->visualRect(view->model()->index(row, gui::OverviewModel::Cluster));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(!h.window().isOverviewShown());
        QCOMPARE(tabs->currentCluster(), u"stage-idle"_s);

        // The filter narrows the rows.
        h.window().findAction(u"action_overview"_s)->trigger();
        QTest::keyClicks(overview->filter(), u"stag"_s);
        QCOMPARE(overview->shownOrder().size(), qsizetype(2));
        overview->filter()->clear();
        QCOMPARE(overview->shownOrder().size(), qsizetype(5));
    }

    void quickSwitcherFiltersAndJumps()
    {
        GuiHarness h(fleet());
        h.open();
        gui::ClusterTabBar* tabs = h.window().tabBar();
        QTest::keyClick(&h.window(), Qt::Key_K, Qt::ControlModifier);
        auto* switcher = h.window().findChild<gui::QuickSwitcher*>();
        QVERIFY(switcher);
        QTRY_VERIFY(switcher->isVisible());
        QCOMPARE(switcher->shownClusters().size(), qsizetype(5));
        // Label, name, group: every typed word has to match somewhere.
        QTest::keyClicks(switcher->edit(), u"staging idle"_s);
        QCOMPARE(switcher->shownClusters(), QStringList {u"stage-idle"_s});
        switcher->edit()->clear();
        QTest::keyClicks(switcher->edit(), u"production"_s);
        QCOMPARE(switcher->shownClusters(), (QStringList {u"prod-up"_s, u"prod-down"_s}));
        // A label prefix ranks first.
        switcher->edit()->clear();
        QTest::keyClicks(switcher->edit(), u"lab"_s);
        QCOMPARE(switcher->shownClusters().value(0), u"lab"_s);
        // Down moves the choice; Enter jumps there and closes.
        switcher->edit()->clear();
        QTest::keyClicks(switcher->edit(), u"prod"_s);
        QTest::keyClick(switcher->edit(), Qt::Key_Down);
        QCOMPARE(switcher->list()->currentItem()->data(Qt::UserRole).toString(), u"prod-down"_s);
        QTest::keyClick(switcher->edit(), Qt::Key_Return);
        QCOMPARE(tabs->currentCluster(), u"prod-down"_s);
        QTRY_VERIFY(!h.window().findChild<gui::QuickSwitcher*>());

        // From the overview too.
        h.window().showOverview();
        auto* button = h.window().overview()->findChild<QPushButton*>(u"overviewQuickSwitch"_s);
        QVERIFY(button);
        button->click();
        switcher = h.window().findChild<gui::QuickSwitcher*>();
        QVERIFY(switcher);
        QTest::keyClicks(switcher->edit(), u"zzz-no-such"_s);
        QVERIFY(switcher->shownClusters().isEmpty());
        QTest::keyClick(switcher->edit(), Qt::Key_Return); // nothing to go to: nothing happens
        QVERIFY(h.window().isOverviewShown());
        switcher->reject();

        QCOMPARE(gui::QuickSwitcher::hostOf(u"redis-1.example:6379"_s), u"redis-1.example"_s);
        QCOMPARE(gui::QuickSwitcher::hostOf(u"rediss://u:p@h.example:6380/2"_s), u"h.example"_s);
        QCOMPARE(gui::QuickSwitcher::hostOf(u"[::1]:6379"_s), u"::1"_s);
        QCOMPARE(gui::QuickSwitcher::hostOf(u"unix:///run/redis.sock"_s), u"/run/redis.sock"_s);
    }

    void throughputChartFollowsPolls()
    {
        RedisServer& server = *m_servers[2];
        server.cli({u"DEL"_s, u"jobqueue:completed"_s, u"jobqueue:dead_letter"_s,
            u"jobqueue:low_priority"_s});
        for (int i = 0; i < 7; ++i)
            server.cli(
                {u"LPUSH"_s, u"jobqueue:low_priority"_s, jobJson(u"l%1"_s.arg(i), u"low"_s)});
        GuiHarness h(
            QList<GuiHarness::Cluster> {{u"solo"_s, u"Solo"_s, u"green"_s, server.endpoint()}});
        h.open();
        gui::ClusterPage* page = h.window().currentPage();
        gui::ThroughputChart* chart = page->throughput();
        QVERIFY(chart);
        QCOMPARE(chart->rangeMinutes(), 15);
        // Jobs complete and fail between polls (the completed and dead-letter lists grow).
        const auto peak = [](QLineSeries* series) {
            double top = 0;
            for (const QPointF& point : series->points())
                top = std::max(top, point.y());
            return top;
        };
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 10'000
            && (peak(chart->completedSeries()) <= 0 || peak(chart->failedSeries()) <= 0)) {
            for (int i = 0; i < 20; ++i)
                server.cli({u"LPUSH"_s, u"jobqueue:completed"_s, jobJson(u"c%1"_s.arg(i))});
            server.cli({u"LPUSH"_s, u"jobqueue:dead_letter"_s, jobJson(u"d"_s)});
            QTest::qWait(350);
        }
        QVERIFY(peak(chart->completedSeries()) > 0);
        QVERIFY(peak(chart->failedSeries()) > 0);
        // The backlog line ends at the queued jobs.
        QTRY_VERIFY(!chart->backlogSeries()->points().isEmpty());
        QCOMPARE(chart->backlogSeries()->points().last().y(), 7.0);
        // More polls, more points: the series follow.
        const qsizetype before = chart->backlogSeries()->count();
        QTRY_VERIFY(chart->backlogSeries()->count() > before);
        // The tooltip gives the exact figures of the nearest poll.
        const qint64 at = qint64(chart->backlogSeries()->points().last().x());
        const QString text = chart->hoverText(at);
        QVERIFY2(text.contains(u"Backlog: 7"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Completed: "_s) && text.contains(u"/s"_s), qPrintable(text));
        // Another range: the choice is offered and followed.
        QCOMPARE(chart->rangeCombo()->count(), 3);
        chart->rangeCombo()->setCurrentIndex(0);
        QCOMPARE(chart->rangeMinutes(), 5);
        QVERIFY(!chart->backlogSeries()->points().isEmpty());
        chart->rangeCombo()->setCurrentIndex(1);
        // A few seconds of an uneven load, so the screenshot has something to show.
        for (int round = 0; round < 16; ++round) {
            for (int i = 0; i < 5 + (round * 7) % 23; ++i)
                server.cli({u"LPUSH"_s, u"jobqueue:completed"_s, jobJson(u"c%1"_s.arg(i))});
            if (round % 5 == 3)
                server.cli({u"LPUSH"_s, u"jobqueue:dead_letter"_s, jobJson(u"d"_s)});
            server.cli(
                {u"LPUSH"_s, u"jobqueue:low_priority"_s, jobJson(u"m%1"_s.arg(round), u"low"_s)});
            QTest::qWait(350);
        }
        saveScreenshot(&h.window(), u"cluster-page-throughput"_s);

        // Failed per second is growth of the dead-letter list; a purge is no negative rate.
        const QList<TrendSample> rates
            = gui::ThroughputChart::perSecondGrowth({{1000, 10}, {2000, 14}, {4000, 2}, {5000, 3}});
        QCOMPARE(rates.size(), qsizetype(3));
        QCOMPARE(rates[0].value, 4.0);
        QCOMPARE(rates[1].value, 0.0);
        QCOMPARE(rates[2].atMs, qint64(5000));
        QCOMPARE(rates[2].value, 1.0);
    }

    void historyFoldsStateChangesPerAction()
    {
        for (int s = 0; s < 2; ++s) {
            m_servers[s]->cli({u"DEL"_s, u"jobqueue:dead_letter"_s});
            for (int i = 0; i < 3; ++i)
                m_servers[s]->cli(
                    {u"LPUSH"_s, u"jobqueue:dead_letter"_s, jobJson(u"x%1"_s.arg(i))});
        }
        GuiHarness h(threeClusters(m_servers));
        h.open();
        const QStringList both {u"production"_s, u"staging"_s};
        const MultiAction purge = h.actions().submit(u"purge_dlq"_s, both, {}, u"alice@desk"_s);
        h.actions().confirm(purge.id, u"bob@desk"_s);
        // action() shows only states whose audit row is durable: wait for both to be written.
        const auto durable = [&h](const QString& id, ActionStatus status) {
            const std::optional<MultiAction> action = h.actions().action(id);
            return action && action->status == status;
        };
        QTRY_VERIFY_WITH_TIMEOUT(durable(purge.id, ActionStatus::Completed), 10000);
        const MultiAction pause
            = h.actions().submit(u"purge_dlq"_s, {u"eu"_s}, {}, u"carol@desk"_s);
        h.actions().cancel(pause.id, u"carol@desk"_s);
        QTRY_VERIFY_WITH_TIMEOUT(durable(pause.id, ActionStatus::Cancelled), 10000);

        h.window().findAction(u"action_history"_s)->trigger();
        gui::ActionHistoryPane* history = h.window().historyPane();
        history->refreshNow();
        gui::ActionHistoryModel* model = history->model();
        // One row per action, not one per state change.
        QCOMPARE(model->rowCount(), 2);
        const int purgeRow = model->rowOf(purge.id);
        QVERIFY(purgeRow >= 0);
        const gui::ActionHistoryRow& row = model->rowAt(purgeRow);
        QStringList states;
        for (const AuditEntry& change : row.changes)
            states.append(change.status);
        QCOMPARE(
            states, (QStringList {u"pending"_s, u"confirmed"_s, u"executing"_s, u"completed"_s}));
        QCOMPARE(row.status, u"completed"_s);
        QCOMPARE(row.targets, both);
        QCOMPARE(row.requestedBy, u"alice@desk"_s);
        QCOMPARE(row.confirmedBy, u"bob@desk"_s);
        QVERIFY(row.durationMs().has_value());
        QCOMPARE(model->index(purgeRow, gui::ActionHistoryModel::Result).data().toString(),
            u"2 of 2 succeeded"_s);
        QCOMPARE(model->index(purgeRow, gui::ActionHistoryModel::ConfirmedBy).data().toString(),
            u"bob@desk"_s);
        const gui::ActionHistoryRow& cancelled = model->rowAt(model->rowOf(pause.id));
        QCOMPARE(cancelled.status, u"cancelled"_s);
        QCOMPARE(cancelled.changes.size(), qsizetype(2));
        QCOMPARE(cancelled.requestedBy, u"carol@desk"_s);
        QCOMPARE(cancelled.confirmedBy, QString());
        QVERIFY(!cancelled.durationMs().has_value()); // it never ran

        // The detail pane: every state change and the result on each cluster.
        QTableView* view = history->view();
        selectAction(view, purge.id);
        const QString details = history->details()->toPlainText();
        QVERIFY2(details.contains(u"by bob@desk"_s), qPrintable(details));
        QVERIFY(details.contains(u"executing"_s));
        QVERIFY2(details.contains(u"✓ production: "_s), qPrintable(details));
        QVERIFY(details.contains(u"✓ staging: "_s));

        // Filters as before: by latest state, by cluster, by text.
        const QList<QComboBox*> combos = history->findChildren<QComboBox*>();
        QCOMPARE(combos.size(), qsizetype(3));
        QComboBox* state = combos.at(2);
        state->setCurrentIndex(state->findData(u"cancelled"_s));
        history->refreshNow();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->rowAt(0).actionId, pause.id);
        state->setCurrentIndex(0);
        QComboBox* cluster = combos.at(0);
        cluster->setCurrentIndex(cluster->findData(u"staging"_s));
        history->refreshNow();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->rowAt(0).actionId, purge.id);
        cluster->setCurrentIndex(0);
        history->refreshNow();
        auto* text = history->findChild<QLineEdit*>();
        QTest::keyClicks(text, u"carol"_s);
        QCOMPARE(view->model()->rowCount(), 1);
        text->clear();
        selectAction(view, purge.id);
        saveScreenshot(&h.window(), u"action-history"_s);
    }

    void cleanupTestCase() { m_servers.clear(); }

private:
    // Two production clusters (one unreachable), two staging (one with a backlog), one
    // ungrouped: groups, health and figures all differ.
    // Keys 1–9 reach the first nine clusters; the rest of a fleet is in Go → All clusters,
    // grouped, never one flat menu entry per cluster.
    void goMenuGroupsAFleet()
    {
        QList<GuiHarness::Cluster> many = fleet();
        for (int i = 0; i < 8; ++i) {
            GuiHarness::Cluster extra {
                u"eu-%1"_s.arg(i), u"EU %1"_s.arg(i), u"blue"_s, m_servers[i % 3]->endpoint()};
            extra.group = u"eu"_s;
            many.append(extra);
        }
        GuiHarness h(many);
        h.open();
        QMenu* go = goMenu(h.window());
        QVERIFY(go);
        QStringList numbered;
        QMenu* all = nullptr;
        for (QAction* action : go->actions()) {
            if (action->objectName().startsWith(u"action_go_"_s))
                numbered.append(action->objectName());
            if (action->menu() && action->menu()->objectName() == u"menu_all_clusters"_s)
                all = action->menu();
        }
        QCOMPARE(numbered.size(), 9);
        QVERIFY(all);
        Q_EMIT all->aboutToShow();
        QMenu* eu = all->findChild<QMenu*>(u"menu_group_eu"_s);
        QVERIFY(eu);
        QCOMPARE(eu->actions().size(), 8);
        // The last cluster, far past key 9, opens from there.
        QAction* last = eu->findChild<QAction*>(u"menu_cluster_eu-7"_s);
        QVERIFY(last);
        last->trigger();
        QTRY_COMPARE(
            h.window().tabBar()->clusterAt(h.window().tabBar()->currentIndex()), u"eu-7"_s);
        // The menus are rebuilt whenever the clusters change; each rebuild replaces the
        // submenu rather than adding one.
        QCOMPARE(go->findChildren<QMenu*>(u"menu_all_clusters"_s).size(), 1);
    }

    QList<GuiHarness::Cluster> fleet() const
    {
        GuiHarness::Cluster down {u"prod-down"_s, u"Production B"_s, u"red"_s, u"127.0.0.1:1"_s};
        down.group = u"production"_s;
        GuiHarness::Cluster up {
            u"prod-up"_s, u"Production A"_s, u"green"_s, m_servers[0]->endpoint()};
        up.group = u"production"_s;
        GuiHarness::Cluster busy {
            u"stage-busy"_s, u"Staging busy"_s, u"orange"_s, m_servers[1]->endpoint()};
        busy.group = u"staging"_s;
        GuiHarness::Cluster idle {
            u"stage-idle"_s, u"Staging idle"_s, u"yellow"_s, m_servers[2]->endpoint()};
        idle.group = u"staging"_s;
        GuiHarness::Cluster lab {u"lab"_s, u"Lab"_s, u"purple"_s, m_servers[2]->endpoint()};
        // Config order deliberately not the expected display order.
        return {up, busy, down, lab, idle};
    }

    static void waitUntilPolled(GuiHarness& h)
    {
        gui::ClusterTabBar* tabs = h.window().tabBar();
        QTRY_VERIFY_WITH_TIMEOUT(
            [tabs] {
                for (int i = 0; i < tabs->count(); ++i) {
                    if (tabs->healthAt(i) == HealthStatus::Unknown)
                        return false;
                }
                return true;
            }(),
            8000);
    }

    static void selectAction(QTableView* view, const QString& id)
    {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            if (view->model()->index(r, 0).data(gui::KeyRole).toString() == id)
                view->setCurrentIndex(view->model()->index(r, 0));
        }
    }

    static QMenu* goMenu(QMainWindow& window)
    {
        for (QAction* action : window.menuBar()->actions()) {
            if (action->menu() && action->text() == u"&Go"_s)
                return action->menu();
        }
        return nullptr;
    }

    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestFleetView)
#include "TestFleetView.moc"

// Multi-cluster actions through the window against real servers: Space selects two clusters,
// purge_dlq asks for confirmation listing both targets, refuses to run until the number of
// targets is typed, then empties both dead-letter lists and shows each target's result; the
// history pane reads the audit log; read-only clusters disable actions with the reason; the
// Dead letters tab peeks jobs with their JSON and requeues the selected ones.

#include "GuiHarness.h"
#include "gui/ActionController.h"
#include "gui/ActionHistoryModel.h"
#include "gui/ActionHistoryPane.h"
#include "gui/ClusterPage.h"
#include "gui/ClusterTabBar.h"
#include "gui/ConfirmationDialog.h"
#include "gui/DeadLetterModel.h"
#include "gui/DeadLetterPanel.h"
#include "gui/MessageBox.h"
#include "gui/TargetTableModel.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ConfirmationDialog;

class TestMultiApply final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestMultiApply"_s);
        m_servers = startServers(3);
    }

    void init()
    {
        QSettings().clear();
        for (const auto& server : m_servers)
            server->cli({u"FLUSHALL"_s});
    }

    void purgeTwoClustersAfterTypedConfirmation()
    {
        fillDeadLetters(*m_servers[0], 25);
        fillDeadLetters(*m_servers[1], 7);
        fillDeadLetters(*m_servers[2], 5);
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        for (const QString& name : h.manager().enabledClusters())
            QTRY_VERIFY_WITH_TIMEOUT(h.manager().cachedStats(name).has_value(), 5000);

        // Space on Production, 2, Space on Staging: both selected, shown on their tabs.
        QTest::keyClick(&h.window(), Qt::Key_Space);
        QTest::keyClick(&h.window(), Qt::Key_2);
        QTest::keyClick(&h.window(), Qt::Key_Space);
        const QStringList both {u"production"_s, u"staging"_s};
        QCOMPARE(h.window().tabBar()->selectedClusters(), both);
        QVERIFY(h.window().tabBar()->tabButton(0, QTabBar::RightSide));
        QCOMPARE(h.window().actionController()->targets(), both);

        QAction* purge = h.window().findAction(u"action_purge_dlq"_s);
        QVERIFY(purge && purge->isEnabled());
        purge->trigger();
        auto* dialog = h.window().findChild<ConfirmationDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // Every target listed, with label and endpoint and what will happen.
        QCOMPARE(dialog->targetNames(), both);
        const QAbstractItemModel* targets = dialog->targetView()->model();
        QCOMPARE(targets->rowCount(), 2);
        QCOMPARE(
            targets->index(0, gui::TargetTableModel::Cluster).data().toString(), u"Production"_s);
        QCOMPARE(targets->index(1, gui::TargetTableModel::Endpoint).data().toString(),
            m_servers[1]->endpoint());
        QVERIFY(
            targets->index(0, gui::TargetTableModel::Effect).data().toString().contains(u"25"_s));
        QVERIFY(
            targets->index(1, gui::TargetTableModel::Effect).data().toString().contains(u"7"_s));
        QCOMPARE(dialog->expectedConfirmation(), u"2"_s);
        h.window().resize(1100, 720);
        dialog->resize(900, 420);
        saveScreenshot(dialog, u"confirmation-dialog"_s);

        // Refused until the count is typed: the button is locked and a click does nothing.
        QVERIFY(!dialog->runButton()->isEnabled());
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        QTest::qWait(300);
        QVERIFY(dialog->actionId().isEmpty());
        QCOMPARE(m_servers[0]->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}), "25");
        QTest::keyClicks(dialog->confirmationEdit(), u"3"_s);
        QVERIFY(!dialog->runButton()->isEnabled());
        dialog->confirmationEdit()->clear();
        QTest::keyClicks(dialog->confirmationEdit(), u"2"_s);
        QVERIFY(dialog->runButton()->isEnabled());
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);

        // Both dead-letter lists emptied; the third cluster untouched.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_servers[0]->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}), QByteArray("0"), 10000);
        QTRY_COMPARE(m_servers[1]->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}), QByteArray("0"));
        QCOMPARE(m_servers[2]->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}), QByteArray("5"));
        // Per-target results in the dialog.
        QTRY_VERIFY(dialog->isFinished());
        QVERIFY2(dialog->statusText().contains(u"Completed"_s), qPrintable(dialog->statusText()));
        QVERIFY(
            targets->index(0, gui::TargetTableModel::Result).data().toString().contains(u"25"_s));
        QVERIFY(
            targets->index(1, gui::TargetTableModel::Result).data().toString().contains(u"7"_s));
        QCOMPARE(targets->index(0, gui::TargetTableModel::Progress)
                     .data(gui::TargetTableModel::ProgressRole)
                     .toInt(),
            100);
        saveScreenshot(dialog, u"confirmation-dialog-done"_s);
        dialog->closeButton()->click();
        QTRY_VERIFY(!h.window().findChild<ConfirmationDialog*>());

        // The history pane shows what the audit log holds about it.
        h.window().findAction(u"action_history"_s)->trigger();
        gui::ActionHistoryPane* history = h.window().historyPane();
        // The completed row reaches the history once the audit writer reports it durable,
        // which may be after the dialog has shown the result.
        const auto completedRow = [history, &both] {
            for (const gui::ActionHistoryRow& row : history->model()->rows()) {
                if (row.type == u"purge_dlq" && row.status == u"completed" && row.targets == both)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(completedRow(), 10000);
    }

    void readOnlyClusterDisablesActionsWithTheReason()
    {
        QList<GuiHarness::Cluster> list = clusters();
        list[2].readOnly = true;
        GuiHarness h(list, u"production"_s);
        h.open();
        QAction* purge = h.window().findAction(u"action_purge_dlq"_s);
        QVERIFY(purge->isEnabled());
        QTest::keyClick(&h.window(), Qt::Key_3);
        QVERIFY(!purge->isEnabled());
        QVERIFY2(purge->toolTip().contains(u"read-only"_s), qPrintable(purge->toolTip()));
        QVERIFY(purge->toolTip().contains(u"EU"_s));
        // Part of a selection is enough to refuse.
        QTest::keyClick(&h.window(), Qt::Key_Space);
        QTest::keyClick(&h.window(), Qt::Key_1);
        QTest::keyClick(&h.window(), Qt::Key_Space);
        QVERIFY(!purge->isEnabled());
        QVERIFY(!h.window().findAction(u"action_pause_queue"_s)->isEnabled());
        // Unselecting EU enables them again.
        QTest::keyClick(&h.window(), Qt::Key_3);
        QTest::keyClick(&h.window(), Qt::Key_Space);
        QTest::keyClick(&h.window(), Qt::Key_1);
        QVERIFY(purge->isEnabled());
        // Only allowed types are offered (the default allowlist has no peek action in the menu).
        QVERIFY(!h.window().findAction(u"action_peek"_s));
    }

    void pauseQueueAsksForTheQueue()
    {
        GuiHarness h(clusters(), u"staging"_s);
        h.open();
        h.window().findAction(u"action_pause_queue"_s)->trigger();
        auto* dialog = h.window().findChild<ConfirmationDialog*>();
        QVERIFY(dialog);
        // Not destructive: no typing, but a queue to pick.
        QVERIFY(dialog->runButton()->isEnabled());
        QCOMPARE(dialog->parameters().value(u"queue"_s).toString(), u"high"_s);
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_servers[1]->cli({u"EXISTS"_s, u"jobqueue:paused:high"_s}), QByteArray("1"), 5000);
        QTRY_VERIFY(dialog->isFinished());
        dialog->closeButton()->click();
    }

    void deadLettersTabPeeksAndRequeuesSelected()
    {
        fillDeadLetters(*m_servers[0], 12);
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        gui::ClusterPage* page = h.window().currentPage();
        page->tabs()->setCurrentIndex(gui::ClusterPage::DeadLettersTab);
        gui::DeadLetterPanel* panel = page->deadLetters();
        // The first look peeks through the engine's read-only action.
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 12, 5000);
        QVERIFY(panel->statusText().contains(u"12"_s));
        // The next dead letter is the oldest one (workers and requeue take from the tail).
        QCOMPARE(panel->model()->rowAt(0).job.value(u"id"_s).toString(), u"dead-0"_s);
        panel->view()->selectRow(0);
        QVERIFY(panel->jsonView()->toPlainText().contains(u"\"filepath\""_s));
        // Requeue the selected job: the dialog names it, wants the cluster's name typed.
        auto* requeue = panel->findChild<QPushButton*>();
        for (QPushButton* button : panel->findChildren<QPushButton*>()) {
            if (button->text().contains(u"queue"_s))
                requeue = button;
        }
        requeue->click();
        auto* dialog = h.window().findChild<ConfirmationDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->actionType(), u"requeue_dlq"_s);
        QCOMPARE(dialog->expectedConfirmation(), u"production"_s);
        QCOMPARE(dialog->parameters().value(u"ids"_s).toArray().size(), 1);
        QTest::keyClicks(dialog->confirmationEdit(), u"production"_s);
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_servers[0]->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}), QByteArray("11"), 5000);
        QTRY_COMPARE(m_servers[0]->cli({u"LLEN"_s, u"jobqueue:high_priority"_s}), QByteArray("1"));
        dialog->closeButton()->click();
        // The tab peeks again after an action on its dead letters.
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 11, 5000);
    }

    void messageBoxesArePreAnswered()
    {
        // Removing a cluster asks first; a test answers through the MessageBox seam.
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        gui::MessageBox::setNextAnswer(QMessageBox::No);
        h.window().removeCluster(u"eu"_s);
        QVERIFY(gui::MessageBox::lastText().contains(u"EU"_s));
        QCOMPARE(h.window().tabBar()->count(), 3);
        gui::MessageBox::setNextAnswer(QMessageBox::Yes);
        h.window().removeCluster(u"eu"_s);
        QCOMPARE(h.window().tabBar()->count(), 2);
        QVERIFY(!h.manager().config().cluster(u"eu"_s));
    }

private:
    static void fillDeadLetters(RedisServer& server, int count)
    {
        // LPUSH in order: the oldest (dead-0) ends at the tail, as workers leave it.
        QStringList args {u"LPUSH"_s, u"jobqueue:dead_letter"_s};
        for (int i = 0; i < count; ++i)
            args.append(jobJson(u"dead-%1"_s.arg(i)));
        server.cli(args);
    }

    QList<GuiHarness::Cluster> clusters() const { return threeClusters(m_servers); }

    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestMultiApply)
#include "TestMultiApply.moc"

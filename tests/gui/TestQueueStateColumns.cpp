// The Jobs table of a cluster page against real servers: a BullMQ cluster shows its queues'
// prioritized and waiting-children jobs in columns of their own (prioritized ones counted in
// the size, as BullMQ counts them waiting), and clusters of other systems, which keep no such
// states, do not show those columns at all rather than zeros.

#include "GuiHarness.h"
#include "gui/ClusterPage.h"
#include "gui/QueueTableModel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ClusterPage;
using qd::gui::QueueTableModel;

class TestQueueStateColumns final : public QObject {
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;

    static QString cell(const ClusterPage& page, const QString& queue, int column, int role)
    {
        const QueueTableModel& model = *page.queueModel();
        return model.index(model.rowOf(queue), column).data(role).toString();
    }
    static QString cell(const ClusterPage& page, const QString& queue, int column)
    {
        return cell(page, queue, column, Qt::DisplayRole);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestQueueStateColumns"_s);
        m_servers = startServers(3);
        const QString now = QString::number(QDateTime::currentMSecsSinceEpoch());
        // Server 0, BullMQ: "mail" with two jobs in its wait list, two given a priority and a
        // flow parent waiting for its children; "reports" with nothing in any state.
        RedisServer& bull = *m_servers[0];
        bull.cli({u"HSET"_s, u"bull:mail:meta"_s, u"opts.maxLenEvents"_s, u"10000"_s});
        bull.cli({u"SET"_s, u"bull:mail:id"_s, u"5"_s});
        for (const QString& id : {u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s})
            bull.cli({u"HSET"_s, u"bull:mail:"_s + id, u"name"_s, u"send"_s, u"data"_s, u"{}"_s,
                u"opts"_s, u"{}"_s, u"timestamp"_s, now});
        bull.cli({u"LPUSH"_s, u"bull:mail:wait"_s, u"1"_s, u"2"_s});
        bull.cli({u"ZADD"_s, u"bull:mail:prioritized"_s, u"4294967299"_s, u"3"_s, u"8589934596"_s,
            u"4"_s});
        bull.cli({u"ZADD"_s, u"bull:mail:waiting-children"_s, u"0"_s, u"5"_s});
        bull.cli({u"HSET"_s, u"bull:reports:meta"_s, u"opts.maxLenEvents"_s, u"10000"_s});
        // Server 1, Sidekiq: one queue with one job.
        RedisServer& sidekiq = *m_servers[1];
        sidekiq.cli({u"SADD"_s, u"queues"_s, u"default"_s});
        sidekiq.cli({u"LPUSH"_s, u"queue:default"_s,
            u"{\"class\":\"A\",\"jid\":\"1\",\"queue\":\"default\",\"enqueued_at\":%1}"_s.arg(
                QDateTime::currentSecsSinceEpoch())});
        // Server 2, go-redis-work-queue: a job in its high queue.
        m_servers[2]->cli({u"LPUSH"_s, u"jobqueue:high_priority"_s, jobJson(u"h1"_s)});
    }

    void bullMqShowsPrioritizedAndWaitingChildren()
    {
        GuiHarness h({{u"jobs"_s, u"Jobs"_s, u"green"_s, m_servers[0]->endpoint()},
                         {u"shop"_s, u"Shop"_s, u"orange"_s, m_servers[1]->endpoint()},
                         {u"production"_s, u"Production"_s, u"blue"_s, m_servers[2]->endpoint()}},
            u"jobs"_s);
        h.config().clusters[0].queueSystem.type = QueueSystemType::BullMQ;
        h.config().clusters[1].queueSystem.type = QueueSystemType::Sidekiq;
        h.open();
        ClusterPage* jobs = h.window().page(u"jobs"_s);
        QVERIFY(jobs);
        QTRY_COMPARE_WITH_TIMEOUT(jobs->queueModel()->rowCount(), 2, 5000);
        QTableView* view = jobs->queueView();
        QVERIFY(!view->isColumnHidden(QueueTableModel::Prioritized));
        QVERIFY(!view->isColumnHidden(QueueTableModel::WaitingChildren));
        QCOMPARE(view->model()->headerData(QueueTableModel::Prioritized, Qt::Horizontal).toString(),
            u"Prioritized"_s);
        QCOMPARE(
            view->model()->headerData(QueueTableModel::WaitingChildren, Qt::Horizontal).toString(),
            u"Waiting children"_s);
        QVERIFY(view->model()
                    ->headerData(QueueTableModel::Prioritized, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"counted in Size"_s));
        // Waiting: the wait list and the prioritized set together, as BullMQ counts them.
        QCOMPARE(cell(*jobs, u"mail"_s, QueueTableModel::Size), u"4"_s);
        QCOMPARE(cell(*jobs, u"mail"_s, QueueTableModel::Prioritized), u"2"_s);
        QCOMPARE(cell(*jobs, u"mail"_s, QueueTableModel::WaitingChildren), u"1"_s);
        QCOMPARE(cell(*jobs, u"mail"_s, QueueTableModel::Size, Qt::ToolTipRole),
            u"2 in the wait list, 2 waiting by priority"_s);
        // A queue with none is 0, a count like the others.
        QCOMPARE(cell(*jobs, u"reports"_s, QueueTableModel::Prioritized), u"0"_s);
        QCOMPARE(cell(*jobs, u"reports"_s, QueueTableModel::WaitingChildren), u"0"_s);
        QVERIFY(cell(*jobs, u"reports"_s, QueueTableModel::Size, Qt::ToolTipRole).isEmpty());
        // They sort as numbers.
        view->sortByColumn(QueueTableModel::Prioritized, Qt::DescendingOrder);
        QCOMPARE(view->model()->index(0, QueueTableModel::Name).data().toString(), u"mail"_s);
        saveScreenshot(&h.window(), u"cluster-page-bullmq"_s);

        // Sidekiq keeps other states, not these: the columns are not there.
        QTest::keyClick(&h.window(), Qt::Key_2);
        ClusterPage* shop = h.window().currentPage();
        QCOMPARE(shop->cluster(), u"shop"_s);
        QTRY_COMPARE_WITH_TIMEOUT(shop->queueModel()->rowCount(), 1, 5000);
        QVERIFY(!shop->queueView()->isColumnHidden(QueueTableModel::Active));
        QVERIFY(shop->queueView()->isColumnHidden(QueueTableModel::Prioritized));
        QVERIFY(shop->queueView()->isColumnHidden(QueueTableModel::WaitingChildren));
        QCOMPARE(cell(*shop, u"default"_s, QueueTableModel::Prioritized), u"—"_s);

        // Neither does go-redis-work-queue.
        QTest::keyClick(&h.window(), Qt::Key_3);
        ClusterPage* production = h.window().currentPage();
        QCOMPARE(production->cluster(), u"production"_s);
        QTRY_COMPARE_WITH_TIMEOUT(production->queueModel()->rowCount(), 2, 5000);
        QVERIFY(production->queueView()->isColumnHidden(QueueTableModel::Prioritized));
        QVERIFY(production->queueView()->isColumnHidden(QueueTableModel::WaitingChildren));
        QCOMPARE(cell(*production, u"high"_s, QueueTableModel::WaitingChildren), u"—"_s);

        // Back on the BullMQ page the columns are there again, with the same figures.
        QTest::keyClick(&h.window(), Qt::Key_1);
        QCOMPARE(h.window().currentPage(), jobs);
        QTRY_VERIFY(!jobs->queueView()->isColumnHidden(QueueTableModel::Prioritized));
        QCOMPARE(cell(*jobs, u"mail"_s, QueueTableModel::Prioritized), u"2"_s);
    }
};

QTEST_MAIN(TestQueueStateColumns)
#include "TestQueueStateColumns.moc"

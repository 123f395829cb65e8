// The Jobs and Workers tables with the system-neutral picture as plain data: a state column
// has values only where the queue system keeps that state (so the page can hide the others),
// "cannot pause" replaces the pause state where a system has none, and process-based workers
// show host, pid, busy, concurrency, their jobs and quiet/stopping.

#include "gui/QueueTableModel.h"
#include "gui/WorkerTableModel.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::gui;

class TestNeutralPictureModels final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goRedisQueuesHaveNoOptionalStates()
    {
        QueueTableModel model;
        model.replaceRows({{u"high"_s, u"jobqueue:high_priority"_s, 3, false, 0.5, {}},
            {u"low"_s, u"jobqueue:low_priority"_s, 1, true, std::nullopt, {}}});
        for (int column = QueueTableModel::FirstOptional; column <= QueueTableModel::LastOptional;
             ++column)
            QVERIFY2(!model.hasValues(column), qPrintable(QString::number(column)));
        QVERIFY(model.hasValues(QueueTableModel::Size));
        QCOMPARE(model.index(1, QueueTableModel::Paused).data().toString(), u"Paused"_s);
    }

    void sidekiqQueuesShowTheirStatesAndCannotPause()
    {
        QueueRow row {u"default"_s, u"queue:default"_s, 4, false, std::nullopt, {}};
        row.states.active = 2;
        row.pausable = false;
        row.oldestJobAgeMs = 65000;
        QueueRow empty {u"mailers"_s, u"queue:mailers"_s, 0, false, std::nullopt, {}};
        empty.states.active = 0; // zero is a value: the state exists
        empty.pausable = false;
        QueueTableModel model;
        model.replaceRows({row, empty});
        QVERIFY(model.hasValues(QueueTableModel::Active));
        QVERIFY(model.hasValues(QueueTableModel::OldestAge));
        QVERIFY(!model.hasValues(QueueTableModel::Completed));
        QVERIFY(!model.hasValues(QueueTableModel::Scheduled));
        QCOMPARE(model.index(0, QueueTableModel::Active).data().toString(), u"2"_s);
        QCOMPARE(model.index(1, QueueTableModel::Active).data().toString(), u"0"_s);
        QCOMPARE(model.index(1, QueueTableModel::OldestAge).data().toString(), u"—"_s);
        QVERIFY(model.index(0, QueueTableModel::OldestAge).data().toString().contains(u"min"_s));
        QCOMPARE(model.index(0, QueueTableModel::Paused).data().toString(), u"Cannot pause"_s);
        QVERIFY(model.index(0, QueueTableModel::Paused)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"no persistent pause"_s));
        QCOMPARE(
            model.headerData(QueueTableModel::Retry, Qt::Horizontal, Qt::DisplayRole).toString(),
            u"Retry"_s);
    }

    void processWorkersShowHostPidBusyJobsAndQuiet()
    {
        WorkerStat plain;
        plain.id = u"host-1-1700-ab12-0"_s;
        plain.processingLength = 1;
        plain.heartbeatTtlMs = 20000;
        plain.heartbeatAgeMs = 10000;
        plain.currentJobId = u"job-7"_s;
        WorkerTableModel goRedis;
        goRedis.replaceRows({plain});
        for (const int column : {WorkerTableModel::Host, WorkerTableModel::Pid,
                 WorkerTableModel::Busy, WorkerTableModel::Concurrency})
            QVERIFY(!goRedis.hasValues(column));
        QCOMPARE(goRedis.index(0, WorkerTableModel::CurrentJob).data().toString(), u"job-7"_s);
        QCOMPARE(goRedis.index(0, WorkerTableModel::State).data().toString(), u"Live"_s);

        WorkerStat process;
        process.id = u"web-1:4242:0123456789ab"_s;
        process.host = u"web-1"_s;
        process.pid = 4242;
        process.busy = 2;
        process.concurrency = 5;
        process.processingLength = 2;
        process.heartbeatTtlMs = 55000;
        process.heartbeatAgeMs = 3000;
        process.quiet = true;
        process.queues = {u"default"_s, u"mailers"_s};
        process.jobs = {{u"a1"_s, u"default"_s, u"HardJob"_s, QDateTime::currentDateTimeUtc()},
            {u"b2"_s, u"mailers"_s, u"MailJob"_s, QDateTime::currentDateTimeUtc()}};
        WorkerStat stopping = process;
        stopping.id = u"web-2:77:ffffffffffff"_s;
        stopping.stopping = true;
        stopping.jobs.clear();
        WorkerTableModel sidekiq;
        sidekiq.replaceRows({process, stopping});
        for (const int column : {WorkerTableModel::Host, WorkerTableModel::Pid,
                 WorkerTableModel::Busy, WorkerTableModel::Concurrency})
            QVERIFY(sidekiq.hasValues(column));
        const int row = sidekiq.rowOf(process.id);
        QCOMPARE(sidekiq.index(row, WorkerTableModel::Host).data().toString(), u"web-1"_s);
        QCOMPARE(sidekiq.index(row, WorkerTableModel::Pid).data().toString(), u"4242"_s);
        QCOMPARE(sidekiq.index(row, WorkerTableModel::Busy).data().toString(), u"2"_s);
        QCOMPARE(sidekiq.index(row, WorkerTableModel::Concurrency).data().toString(), u"5"_s);
        QCOMPARE(sidekiq.index(row, WorkerTableModel::CurrentJob).data().toString(),
            u"HardJob (default) and 1 more"_s);
        const QString jobs
            = sidekiq.index(row, WorkerTableModel::CurrentJob).data(Qt::ToolTipRole).toString();
        QVERIFY2(jobs.contains(u"MailJob b2 from mailers"_s), qPrintable(jobs));
        QCOMPARE(sidekiq.index(row, WorkerTableModel::State).data().toString(), u"Quiet"_s);
        QCOMPARE(
            sidekiq.index(sidekiq.rowOf(stopping.id), WorkerTableModel::State).data().toString(),
            u"Stopping"_s);
        QVERIFY(sidekiq.index(row, WorkerTableModel::Id)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"default, mailers"_s));
    }
};

QTEST_MAIN(TestNeutralPictureModels)
#include "TestNeutralPictureModels.moc"

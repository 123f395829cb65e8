#include "ClusterStatsBuilder.h"
#include "core/health/HealthMonitor.h"
#include "core/health/HealthTracker.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::HealthReport;
using qd::HealthStatus;
using qd::HealthTracker;
using qd::HealthTransition;

namespace {

// A report in one of the shapes the monitor produces, by name.
HealthReport reportOf(const QString& shape)
{
    HealthReport report;
    report.cluster = u"production"_s;
    if (shape == u"unknown")
        return report;
    report.reachable = shape != u"unreachable";
    if (shape == u"healthy") {
        report.status = HealthStatus::Healthy;
    } else if (shape == u"degraded") {
        report.status = HealthStatus::Degraded;
    } else {
        report.status = HealthStatus::Unhealthy;
    }
    report.healthy = report.status != HealthStatus::Unhealthy;
    return report;
}

// The events a transition asks for, as "connected,health,flip" (empty: none).
QString eventsOf(const HealthTransition& transition)
{
    QStringList events;
    if (transition.connected)
        events.append(u"connected"_s);
    if (transition.disconnected)
        events.append(u"disconnected"_s);
    if (transition.statusChanged)
        events.append(u"health"_s);
    if (transition.healthyChanged)
        events.append(u"flip"_s);
    return events.join(u',');
}

} // namespace

class TestHealthTracker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Each row feeds reports in order; `events` lists what each update must ask for.
    void transitions_data()
    {
        QTest::addColumn<QStringList>("reports");
        QTest::addColumn<QStringList>("events");

        QTest::newRow("first report healthy")
            << QStringList {u"healthy"_s} << QStringList {u"connected"_s};
        QTest::newRow("first report degraded")
            << QStringList {u"degraded"_s} << QStringList {u"connected,health"_s};
        QTest::newRow("first report unhealthy")
            << QStringList {u"unhealthy"_s} << QStringList {u"connected,health,flip"_s};
        QTest::newRow("down at start-up")
            << QStringList {u"unreachable"_s} << QStringList {u"disconnected,health,flip"_s};
        QTest::newRow("unknown says nothing")
            << QStringList {u"unknown"_s, u"unknown"_s} << QStringList {QString(), QString()};
        QTest::newRow("unknown then healthy is a first report")
            << QStringList {u"unknown"_s, u"healthy"_s} << QStringList {QString(), u"connected"_s};
        QTest::newRow("failing ticks disconnect once")
            << QStringList {u"healthy"_s, u"unreachable"_s, u"unreachable"_s, u"unreachable"_s}
            << QStringList {u"connected"_s, u"disconnected,health,flip"_s, QString(), QString()};
        QTest::newRow("comes back") << QStringList {u"healthy"_s, u"unreachable"_s, u"healthy"_s}
                                    << QStringList {u"connected"_s, u"disconnected,health,flip"_s,
                                           u"connected,health,flip"_s};
        QTest::newRow("comes back still unhealthy") << QStringList {u"unreachable"_s,
            u"unhealthy"_s} << QStringList {u"disconnected,health,flip"_s, u"connected"_s};
        QTest::newRow("healthy to unhealthy and back") << QStringList {u"healthy"_s, u"unhealthy"_s,
            u"healthy"_s} << QStringList {u"connected"_s, u"health,flip"_s, u"health,flip"_s};
        QTest::newRow("degraded stays healthy") << QStringList {u"healthy"_s, u"degraded"_s,
            u"healthy"_s} << QStringList {u"connected"_s, u"health"_s, u"health"_s};
        QTest::newRow("unhealthy for many polls") << QStringList {u"unhealthy"_s, u"unhealthy"_s,
            u"unhealthy"_s} << QStringList {u"connected,health,flip"_s, QString(), QString()};
        QTest::newRow("steady") << QStringList {u"healthy"_s, u"healthy"_s}
                                << QStringList {u"connected"_s, QString()};
    }
    void transitions()
    {
        QFETCH(QStringList, reports);
        QFETCH(QStringList, events);
        QCOMPARE(reports.size(), events.size());

        HealthTracker tracker;
        HealthStatus previous = HealthStatus::Unknown;
        for (qsizetype i = 0; i < reports.size(); ++i) {
            const HealthReport report = reportOf(reports.at(i));
            const HealthTransition transition = tracker.update(report);
            QVERIFY2(eventsOf(transition) == events.at(i),
                qPrintable(u"step %1 (%2): got \"%3\", want \"%4\""_s.arg(
                    QString::number(i), reports.at(i), eventsOf(transition), events.at(i))));
            QCOMPARE(transition.any(), !events.at(i).isEmpty());
            QCOMPARE(transition.previous, previous);
            QCOMPARE(transition.current, report.status);
            QCOMPARE(tracker.last()->status, report.status);
            previous = report.status;
        }
    }

    void resetForgetsTheCluster()
    {
        HealthTracker tracker;
        tracker.update(reportOf(u"healthy"_s));
        tracker.reset();
        QVERIFY(!tracker.last().has_value());
        QCOMPARE(eventsOf(tracker.update(reportOf(u"healthy"_s))), u"connected"_s);
    }

    // The whole path the engine takes: a server that stops answering for many polls produces
    // exactly one cluster_disconnected, and one cluster_connected when it answers again.
    void monitorAndTrackerEmitOnTransitionsOnly()
    {
        const qd::HealthMonitor monitor;
        HealthTracker tracker;
        int connected = 0;
        int disconnected = 0;
        int changed = 0;
        QList<qd::ClusterStats> earlier;
        std::optional<qd::ClusterStats> latest;
        for (int poll = 0; poll < 20; ++poll) {
            const bool down = poll >= 5 && poll < 15;
            std::optional<qd::PollFailure> failure;
            if (down) {
                failure.emplace();
                failure->message = u"connection refused"_s;
                failure->at = qd::test::pollTime(poll);
            } else {
                if (latest)
                    earlier.append(*latest);
                latest
                    = qd::test::ClusterStatsBuilder().queue(u"high"_s, 3).liveWorkers(1).at(poll);
            }
            const HealthTransition transition = tracker.update(
                monitor.evaluate(u"production"_s, latest ? &*latest : nullptr, failure, earlier));
            connected += transition.connected ? 1 : 0;
            disconnected += transition.disconnected ? 1 : 0;
            changed += transition.statusChanged ? 1 : 0;
        }
        QCOMPARE(connected, 2);
        QCOMPARE(disconnected, 1);
        QCOMPARE(changed, 2); // healthy -> unhealthy -> healthy
    }
};

QTEST_GUILESS_MAIN(TestHealthTracker)
#include "TestHealthTracker.moc"

#include "ClusterStatsBuilder.h"
#include "core/health/HealthMonitor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::ClusterStats;
using qd::HealthMonitor;
using qd::HealthReport;
using qd::PollFailure;
using qd::Severity;
using qd::test::ClusterStatsBuilder;

namespace {

constexpr qint64 kGiB = 1024LL * 1024 * 1024;

// An ordinary, healthy poll: work queued, two live workers, fast, few dead letters.
ClusterStatsBuilder ordinary()
{
    ClusterStatsBuilder builder;
    builder.queue(u"high"_s, 10).queue(u"low"_s, 5).liveWorkers(2).latency(2.5).deadLetters(3);
    builder.memory(kGiB / 10, kGiB);
    return builder;
}

// Work queued and no live worker; what the no_live_workers rule is about.
ClusterStatsBuilder unattended()
{
    ClusterStatsBuilder builder;
    builder.queue(u"high"_s, 40).queue(u"low"_s, 2).latency(2.5);
    return builder;
}

HealthReport evaluate(const ClusterStats& latest, const QList<ClusterStats>& earlier = {})
{
    return HealthMonitor().evaluate(latest.clusterName, &latest, std::nullopt, earlier);
}

} // namespace

class TestHealthMonitor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // One row per rule and per edge of it. severity "" means the rule must not fire.
    void rules_data()
    {
        QTest::addColumn<ClusterStats>("stats");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("status");

        QTest::newRow("ordinary poll")
            << ordinary().build() << u"latency"_s << QString() << u"healthy"_s;
        QTest::newRow("latency over warning")
            << ordinary().latency(250).build() << u"latency"_s << u"warning"_s << u"degraded"_s;
        QTest::newRow("latency just under warning")
            << ordinary().latency(199.9).build() << u"latency"_s << QString() << u"healthy"_s;
        QTest::newRow("latency at warning is not over")
            << ordinary().latency(200).build() << u"latency"_s << QString() << u"healthy"_s;
        QTest::newRow("latency just under critical")
            << ordinary().latency(999).build() << u"latency"_s << u"warning"_s << u"degraded"_s;
        QTest::newRow("latency over critical")
            << ordinary().latency(1500).build() << u"latency"_s << u"critical"_s << u"unhealthy"_s;

        QTest::newRow("work and no live workers")
            << unattended().build() << u"no_live_workers"_s << u"critical"_s << u"unhealthy"_s;
        QTest::newRow("work and one live worker")
            << unattended().liveWorkers(1).build() << u"no_live_workers"_s << QString()
            << u"healthy"_s;
        QTest::newRow("no work and no workers is healthy")
            << ClusterStatsBuilder().queue(u"high"_s, 0).queue(u"low"_s, 0).build()
            << u"no_live_workers"_s << QString() << u"healthy"_s;
        QTest::newRow("no queues configured, no workers")
            << ClusterStatsBuilder().build() << u"no_live_workers"_s << QString() << u"healthy"_s;
        QTest::newRow("only paused work and no workers")
            << ClusterStatsBuilder().queue(u"high"_s, 50, true).queue(u"low"_s, 0).build()
            << u"no_live_workers"_s << QString() << u"healthy"_s;
        QTest::newRow("unpaused work beside paused, no workers")
            << ClusterStatsBuilder().queue(u"high"_s, 50, true).queue(u"low"_s, 1).build()
            << u"no_live_workers"_s << u"critical"_s << u"unhealthy"_s;
        QTest::newRow("no workers found while discovery is incomplete")
            << unattended().discoveryIncomplete().build() << u"no_live_workers"_s << u"warning"_s
            << u"degraded"_s;

        QTest::newRow("dead letters over warning")
            << ordinary().deadLetters(101).build() << u"dead_letters"_s << u"warning"_s
            << u"degraded"_s;
        QTest::newRow("dead letters at warning") << ordinary().deadLetters(100).build()
                                                 << u"dead_letters"_s << QString() << u"healthy"_s;
        QTest::newRow("dead letters at critical")
            << ordinary().deadLetters(10000).build() << u"dead_letters"_s << u"warning"_s
            << u"degraded"_s;
        QTest::newRow("dead letters over critical")
            << ordinary().deadLetters(10001).build() << u"dead_letters"_s << u"critical"_s
            << u"unhealthy"_s;

        QTest::newRow("orphaned processing list")
            << ordinary().silentWorker(u"gone-1"_s, 3).build() << u"orphaned_processing"_s
            << u"warning"_s << u"degraded"_s;
        QTest::newRow("silent worker with empty processing list")
            << ordinary().silentWorker(u"idle-1"_s, 0).build() << u"orphaned_processing"_s
            << QString() << u"healthy"_s;

        QTest::newRow("memory over warning ratio")
            << ordinary().memory(kGiB * 85 / 100, kGiB).build() << u"memory"_s << u"warning"_s
            << u"degraded"_s;
        QTest::newRow("memory just under warning ratio")
            << ordinary().memory(kGiB * 79 / 100, kGiB).build() << u"memory"_s << QString()
            << u"healthy"_s;
        QTest::newRow("memory over critical ratio")
            << ordinary().memory(kGiB * 96 / 100, kGiB).build() << u"memory"_s << u"critical"_s
            << u"unhealthy"_s;
        QTest::newRow("memory with no maxmemory")
            << ordinary().memory(64 * kGiB, 0).build() << u"memory"_s << QString() << u"healthy"_s;
    }
    void rules()
    {
        QFETCH(ClusterStats, stats);
        QFETCH(QString, rule);
        QFETCH(QString, severity);
        QFETCH(QString, status);

        const HealthReport report = evaluate(stats);
        const qd::HealthIssue* issue = report.issue(rule);
        if (severity.isEmpty()) {
            QVERIFY2(issue == nullptr, qPrintable(issue ? issue->message : QString()));
        } else {
            QVERIFY2(issue != nullptr, qPrintable(report.summary()));
            QCOMPARE(qd::severityName(issue->severity), severity);
            QVERIFY(!issue->message.isEmpty());
        }
        QCOMPARE(qd::healthStatusName(report.status), status);
        QCOMPARE(report.healthy, status != u"unhealthy");
        QVERIFY(report.reachable);
    }

    // "Growing across N polls" needs N consecutive strict increases, ending now.
    void growthRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QList<qint64>>("series");
        QTest::addColumn<int>("polls");
        QTest::addColumn<bool>("fires");

        const QString dead = u"dead_letters_growing"_s;
        const QString backlog = u"backlog_growing"_s;
        QTest::newRow("dead letters grew 3 polls")
            << dead << QList<qint64> {1, 2, 3, 4} << 3 << true;
        QTest::newRow("dead letters grew 2 of 3")
            << dead << QList<qint64> {5, 5, 6, 7} << 3 << false;
        QTest::newRow("dead letters shrink between")
            << dead << QList<qint64> {1, 2, 3, 2, 3, 4} << 3 << false;
        QTest::newRow("dead letters shrinking")
            << dead << QList<qint64> {10, 9, 8, 7} << 3 << false;
        QTest::newRow("dead letters flat") << dead << QList<qint64> {5, 5, 5, 5} << 3 << false;
        QTest::newRow("dead letters too little history")
            << dead << QList<qint64> {1, 2, 3} << 3 << false;
        QTest::newRow("dead letters rule disabled")
            << dead << QList<qint64> {1, 2, 3, 4} << 0 << false;
        QTest::newRow("backlog grew 10 polls")
            << backlog << QList<qint64> {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100} << 10 << true;
        QTest::newRow("backlog grew 9 polls")
            << backlog << QList<qint64> {0, 0, 20, 30, 40, 50, 60, 70, 80, 90, 100} << 10 << false;
        QTest::newRow("backlog grew then shrank")
            << backlog << QList<qint64> {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 99} << 10
            << false;
        QTest::newRow("backlog growing after a drain")
            << backlog << QList<qint64> {900, 0, 1, 2, 3} << 3 << true;
    }
    void growthRules()
    {
        QFETCH(QString, rule);
        QFETCH(QList<qint64>, series);
        QFETCH(int, polls);
        QFETCH(bool, fires);

        qd::HealthConfig config;
        config.deadLetterGrowthPolls = polls;
        config.backlogGrowthPolls = polls;
        const bool deadLetterRule = rule == u"dead_letters_growing";
        const QList<ClusterStats> history
            = qd::test::pollSeries<qint64>(series, [deadLetterRule](qint64 value) {
                  ClusterStatsBuilder poll;
                  poll.liveWorkers(1);
                  return deadLetterRule ? poll.queue(u"high"_s, 1).deadLetters(value)
                                        : poll.queue(u"high"_s, value);
              });
        const ClusterStats& latest = history.constLast();
        const HealthMonitor monitor(config);

        const HealthReport report = monitor.evaluate(
            latest.clusterName, &latest, std::nullopt, history.mid(0, history.size() - 1));
        QCOMPARE(report.hasIssue(rule), fires);
        if (fires) {
            QCOMPARE(report.issue(rule)->severity, Severity::Warning);
            QVERIFY(report.issue(rule)->message.contains(QString::number(series.constLast())));
        }
    }

    void pausedQueueGrowthIsNotBacklog()
    {
        qd::HealthConfig config;
        config.backlogGrowthPolls = 3;
        const QList<ClusterStats> history
            = qd::test::pollSeries<qint64>({10, 20, 30, 40}, [](qint64 value) {
                  ClusterStatsBuilder poll;
                  return poll.queue(u"high"_s, value, true).queue(u"low"_s, 4).liveWorkers(1);
              });
        const ClusterStats& latest = history.constLast();
        const HealthReport report = HealthMonitor(config).evaluate(
            latest.clusterName, &latest, std::nullopt, history.mid(0, history.size() - 1));
        QVERIFY(!report.hasIssue(qd::healthrule::BacklogGrowing));
    }

    void unreachable_data()
    {
        QTest::addColumn<bool>("withStats");
        QTest::addColumn<int>("failedAtPoll");
        QTest::addColumn<int>("failureSeverity");
        QTest::addColumn<bool>("isUnreachable");
        QTest::addColumn<QString>("messagePart");

        const int warning = int(Severity::Warning);
        const int error = int(Severity::Error);
        QTest::newRow("refused after a good poll")
            << true << 3 << warning << true << u"unreachable"_s;
        QTest::newRow("refused before any poll")
            << false << 3 << warning << true << u"unreachable"_s;
        QTest::newRow("auth failure") << true << 3 << error << true << u"configuration"_s;
        QTest::newRow("stale failure, a success came after")
            << true << 1 << warning << false << QString();
    }
    void unreachable()
    {
        QFETCH(bool, withStats);
        QFETCH(int, failedAtPoll);
        QFETCH(int, failureSeverity);
        QFETCH(bool, isUnreachable);
        QFETCH(QString, messagePart);

        const ClusterStats latest = ordinary().deadLetters(500).at(2).build();
        PollFailure failure;
        failure.message = u"cluster \"production\" (10.0.0.5:6379): connection refused"_s;
        failure.severity = Severity(failureSeverity);
        failure.at = qd::test::pollTime(failedAtPoll);
        const HealthReport report
            = HealthMonitor().evaluate(u"production"_s, withStats ? &latest : nullptr, failure, {});

        QCOMPARE(report.hasIssue(qd::healthrule::Unreachable), isUnreachable);
        QCOMPARE(report.reachable, !isUnreachable);
        if (!isUnreachable) {
            QCOMPARE(report.lastChecked, latest.polledAt);
            return;
        }
        const qd::HealthIssue* issue = report.issue(qd::healthrule::Unreachable);
        QCOMPARE(issue->severity, Severity::Critical);
        QVERIFY2(issue->message.contains(messagePart), qPrintable(issue->message));
        QVERIFY(issue->message.contains(u"connection refused"_s));
        // Rules are not run on stale figures: the 500 dead letters are not reported again.
        QCOMPARE(report.issues.size(), 1);
        QCOMPARE(report.status, qd::HealthStatus::Unhealthy);
        QVERIFY(!report.healthy);
        QCOMPARE(report.lastChecked, failure.at);
        QCOMPARE(report.statsAt, withStats ? latest.polledAt : QDateTime());
        QCOMPARE(report.metrics.deadLetterCount, qint64 {withStats ? 500 : 0});
    }

    void neverPolledIsUnknown()
    {
        const HealthReport report = HealthMonitor().evaluate(u"staging"_s, nullptr, {}, {});
        QCOMPARE(report.cluster, u"staging"_s);
        QCOMPARE(report.status, qd::HealthStatus::Unknown);
        QVERIFY(!report.healthy);
        QVERIFY(!report.reachable);
        QVERIFY(!report.lastChecked.isValid());
        QCOMPARE(report.issues.size(), 1);
        QCOMPARE(report.issues.first().rule, u"not_polled_yet"_s);
        QCOMPARE(report.issues.first().severity, Severity::Info);
    }

    void reportCarriesSpecMetrics()
    {
        const ClusterStats latest = ordinary().latency(2.5).deadLetters(3).at(4).build();
        const HealthReport report = evaluate(latest);
        QCOMPARE(report.cluster, u"production"_s);
        QVERIFY(report.healthy);
        QVERIFY(report.issues.isEmpty());
        QCOMPARE(report.metrics.latencyMs, 2.5);
        QCOMPARE(report.metrics.workerCount, 2);
        QCOMPARE(report.metrics.deadLetterCount, qint64 {3});
        QCOMPARE(report.lastChecked, qd::test::pollTime(4));
        QCOMPARE(report.statsAt, qd::test::pollTime(4));
        QCOMPARE(report.summary(), u"healthy"_s);
    }

    void issuesComeWorstFirst()
    {
        const ClusterStats latest
            = unattended().silentWorker(u"gone-7"_s, 2).latency(300).deadLetters(20000).build();
        const HealthReport report = evaluate(latest);
        QCOMPARE(report.issues.size(), 4);
        for (qsizetype i = 1; i < report.issues.size(); ++i)
            QVERIFY(report.issues.at(i - 1).severity >= report.issues.at(i).severity);
        QCOMPARE(report.worstSeverity(), Severity::Critical);
        QVERIFY(report.summary().endsWith(u"(+3 more)"_s));
    }

    void orphanMessageNamesWorkers()
    {
        ClusterStatsBuilder builder = ordinary();
        for (int i = 0; i < 7; ++i)
            builder.silentWorker(u"gone-%1"_s.arg(i), 2);
        const HealthReport report = evaluate(builder.build());
        const QString message = report.issue(qd::healthrule::OrphanedProcessing)->message;
        QVERIFY2(message.contains(u"14 jobs"_s), qPrintable(message));
        QVERIFY(message.contains(u"7 workers"_s));
        QVERIFY(message.contains(u"gone-0, gone-1, gone-2, gone-3, gone-4 and 2 more"_s));
    }

    void configuredThresholdsApply()
    {
        qd::HealthConfig config;
        config.latencyWarning = std::chrono::milliseconds(5);
        config.latencyCritical = std::chrono::milliseconds(10);
        config.deadLetterWarning = 0; // any dead letter
        config.memoryWarningRatio = 0.05;
        const ClusterStats latest = ordinary().latency(7).deadLetters(1).build();
        const HealthReport report
            = HealthMonitor(config).evaluate(latest.clusterName, &latest, std::nullopt, {});
        QCOMPARE(report.issue(qd::healthrule::Latency)->severity, Severity::Warning);
        QVERIFY(report.issue(qd::healthrule::Latency)->message.contains(u"7.0 ms"_s));
        QCOMPARE(report.issue(qd::healthrule::DeadLetters)->severity, Severity::Warning);
        QCOMPARE(report.issue(qd::healthrule::Memory)->severity, Severity::Warning);
    }
};

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "TestHealthMonitor.moc"

// queue_system.type and each system's options: read, validated with JSON paths, written back,
// and the actions a system cannot run refused with the reason.

#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionTypes.h"
#include "core/config/ConfigReader.h"
#include "core/config/ConfigValidator.h"
#include "core/config/ConfigWriter.h"
#include "core/errors/Errors.h"
#include "core/stats/ClusterStats.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;

namespace {

ConfigReadResult readCluster(const QByteArray& clusterJson)
{
    return ConfigReader::read("{\"clusters\": [" + clusterJson + "]}");
}

// "path: message" of every issue of the severity, after validation.
QStringList issues(const ConfigReadResult& result, ConfigIssue::Severity severity)
{
    QList<ConfigIssue> all = result.issues;
    all.append(ConfigValidator::validate(result.config));
    QStringList out;
    for (const ConfigIssue& issue : all) {
        if (issue.severity == severity)
            out.append(issue.path + u": "_s + issue.message);
    }
    return out;
}

QString joined(const QStringList& lines)
{
    return lines.join(u'\n');
}

ClusterConfig sidekiqCluster()
{
    ClusterConfig c;
    c.name = u"jobs"_s;
    c.endpoint = u"127.0.0.1:6379"_s;
    c.queueSystem.type = QueueSystemType::Sidekiq;
    return c;
}

} // namespace

class TestQueueSystemConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void typeNamesRoundTrip()
    {
        for (QueueSystemType type : allQueueSystemTypes())
            QCOMPARE(queueSystemTypeFromName(queueSystemTypeName(type)), type);
        QVERIFY(!queueSystemTypeFromName(u"Sidekiq"_s)); // names are exact
        QVERIFY(!queueSystemTypeFromName(u""_s));
    }

    void defaultIsGoRedisWorkQueue()
    {
        const ConfigReadResult r = readCluster(R"({"name": "a", "endpoint": "h:1"})");
        QCOMPARE(r.config.clusters[0].queueSystem.type, QueueSystemType::GoRedisWorkQueue);
        QVERIFY2(issues(r, ConfigIssue::Severity::Error).isEmpty(),
            qPrintable(joined(issues(r, ConfigIssue::Severity::Error))));
    }

    void sidekiqWithNamespaceReadsAndWritesBack()
    {
        const ConfigReadResult r = readCluster(R"({"name": "jobs", "endpoint": "h:1",
            "queue_system": {"type": "sidekiq", "namespace": "shop", "discovery_interval": "30s"}})");
        QVERIFY2(issues(r, ConfigIssue::Severity::Error).isEmpty(),
            qPrintable(joined(issues(r, ConfigIssue::Severity::Error))));
        QVERIFY(issues(r, ConfigIssue::Severity::Warning).isEmpty());
        const QueueSystemConfig& qs = r.config.clusters[0].queueSystem;
        QCOMPARE(qs.type, QueueSystemType::Sidekiq);
        QCOMPARE(qs.sidekiqNamespace, u"shop"_s);
        QCOMPARE(qs.discoveryInterval.count(), 30000);

        // Written back with its own fields only: no go-redis-work-queue key layout.
        const QJsonObject written
            = ConfigWriter::clusterToJson(r.config.clusters[0])[u"queue_system"_s].toObject();
        QCOMPARE(written[u"type"_s].toString(), u"sidekiq"_s);
        QCOMPARE(written[u"namespace"_s].toString(), u"shop"_s);
        QVERIFY(!written.contains(u"queues"_s));
        QVERIFY(!written.contains(u"dead_letter"_s));
        const ConfigReadResult again
            = readCluster(QJsonDocument(ConfigWriter::clusterToJson(r.config.clusters[0]))
                              .toJson(QJsonDocument::Compact));
        QCOMPARE(again.config.clusters[0].queueSystem, qs);
    }

    void bullmqPrefixReadsAndWritesBack()
    {
        const ConfigReadResult r = readCluster(R"({"name": "node", "endpoint": "h:1",
            "queue_system": {"type": "bullmq", "prefix": "{shop}:bull"}})");
        QVERIFY2(issues(r, ConfigIssue::Severity::Error).isEmpty(),
            qPrintable(joined(issues(r, ConfigIssue::Severity::Error))));
        const QueueSystemConfig& qs = r.config.clusters[0].queueSystem;
        QCOMPARE(qs.type, QueueSystemType::BullMQ);
        QCOMPARE(qs.bullmqPrefix, u"{shop}:bull"_s);
        const QJsonObject written
            = ConfigWriter::clusterToJson(r.config.clusters[0])[u"queue_system"_s].toObject();
        QCOMPARE(written[u"prefix"_s].toString(), u"{shop}:bull"_s);
        QVERIFY(!written.contains(u"queues"_s));
        // BullMQ's own default is not written back.
        const ConfigReadResult plain = readCluster(
            R"({"name": "node", "endpoint": "h:1", "queue_system": {"type": "bullmq"}})");
        QCOMPARE(plain.config.clusters[0].queueSystem.bullmqPrefix, u"bull"_s);
        QVERIFY(!ConfigWriter::clusterToJson(plain.config.clusters[0])[u"queue_system"_s]
                     .toObject()
                     .contains(u"prefix"_s));
        // Another system's prefix is ignored with a warning.
        const ConfigReadResult other = readCluster(R"({"name": "node", "endpoint": "h:1",
            "queue_system": {"type": "sidekiq", "prefix": "x"}})");
        QCOMPARE(issues(other, ConfigIssue::Severity::Warning).size(), 1);
    }

    void celeryOptionsReadAndWriteBack()
    {
        const ConfigReadResult r = readCluster(R"({"name": "node", "endpoint": "h:1",
            "queue_system": {"type": "celery", "queues": ["celery", "reports"],
                "result_backend_db": 1, "visibility_timeout": "2h",
                "global_keyprefix": "qd_"}})");
        QVERIFY2(issues(r, ConfigIssue::Severity::Error).isEmpty(),
            qPrintable(joined(issues(r, ConfigIssue::Severity::Error))));
        QVERIFY2(issues(r, ConfigIssue::Severity::Warning).isEmpty(),
            qPrintable(joined(issues(r, ConfigIssue::Severity::Warning))));
        const QueueSystemConfig& qs = r.config.clusters[0].queueSystem;
        QCOMPARE(qs.type, QueueSystemType::Celery);
        QCOMPARE(qs.celeryQueues, (QStringList {u"celery"_s, u"reports"_s}));
        QCOMPARE(qs.celeryResultBackendDb, 1);
        QCOMPARE(qs.celeryVisibilityTimeout, Millis(7200000));
        QCOMPARE(qs.celeryGlobalKeyPrefix, u"qd_"_s);
        const ConfigReadResult again
            = readCluster(QJsonDocument(ConfigWriter::clusterToJson(r.config.clusters[0]))
                              .toJson(QJsonDocument::Compact));
        QCOMPARE(again.config.clusters[0].queueSystem, qs);
        // Celery's own defaults: the "celery" queue, kombu's hour, the broker's database.
        const ConfigReadResult plain = readCluster(
            R"({"name": "node", "endpoint": "h:1", "queue_system": {"type": "celery"}})");
        const QueueSystemConfig& defaults = plain.config.clusters[0].queueSystem;
        QCOMPARE(defaults.celeryQueues, QStringList {u"celery"_s});
        QCOMPARE(defaults.celeryVisibilityTimeout, Millis(3600000));
        QVERIFY(!defaults.celeryResultBackendDb);
        QVERIFY(defaults.celeryGlobalKeyPrefix.isEmpty());
        QCOMPARE(ConfigWriter::clusterToJson(plain.config.clusters[0])[u"queue_system"_s]
                     .toObject()
                     .keys(),
            QStringList {u"type"_s});
        // Celery's options elsewhere are ignored with a warning; on Redis Cluster it is refused.
        const ConfigReadResult other = readCluster(R"({"name": "node", "endpoint": "h:1",
            "queue_system": {"type": "sidekiq", "visibility_timeout": "1h"}})");
        QVERIFY(joined(issues(other, ConfigIssue::Severity::Warning))
                    .contains(u"visibility_timeout: applies to celery only"_s));
        const ConfigReadResult prefixed = readCluster(R"({"name": "node", "endpoint": "h:1",
            "queue_system": {"type": "rq", "global_keyprefix": "qd_"}})");
        QVERIFY(joined(issues(prefixed, ConfigIssue::Severity::Warning))
                    .contains(u"global_keyprefix: applies to celery only"_s));
        const ConfigReadResult cluster = readCluster(R"({"name": "node", "endpoint": "h:1",
            "mode": "cluster", "queue_system": {"type": "celery"}})");
        QVERIFY(joined(issues(cluster, ConfigIssue::Severity::Error))
                    .contains(u"celery's Redis broker does not run on Redis Cluster"_s));
    }

    void badInputIsNamedByPath_data()
    {
        QTest::addColumn<QByteArray>("queueSystem");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown type") << QByteArray(R"({"type": "resque"})")
                                      << u"clusters[0].queue_system.type: unknown queue system "
                                         "\"resque\" (known: go-redis-work-queue, sidekiq, "
                                         "bullmq, rq, celery)"_s;
        QTest::newRow("type not a string")
            << QByteArray(R"({"type": 3})") << u"clusters[0].queue_system.type"_s;
        QTest::newRow("celery visibility timeout")
            << QByteArray(R"({"type": "celery", "visibility_timeout": "0s"})")
            << u"clusters[0].queue_system.visibility_timeout: must be greater than 0"_s;
        QTest::newRow("celery key prefix with spaces")
            << QByteArray(R"({"type": "celery", "global_keyprefix": "qd_ "})")
            << u"clusters[0].queue_system.global_keyprefix: starts or ends with white space"_s;
        QTest::newRow("celery empty queue name")
            << QByteArray(R"({"type": "celery", "queues": ["celery", ""]})")
            << u"clusters[0].queue_system.queues[1]: empty"_s;
        QTest::newRow("namespace with colon")
            << QByteArray(R"({"type": "sidekiq", "namespace": "shop:"})")
            << u"clusters[0].queue_system.namespace: give the namespace without its trailing "
               "':' (\"shop\")"_s;
        QTest::newRow("bullmq prefix with colon")
            << QByteArray(R"({"type": "bullmq", "prefix": "bull:"})")
            << u"clusters[0].queue_system.prefix: give BullMQ's key prefix without a trailing "
               "':'"_s;
        QTest::newRow("zero discovery")
            << QByteArray(R"({"type": "sidekiq", "discovery_interval": "0s"})")
            << u"clusters[0].queue_system.discovery_interval: must be greater than 0"_s;
    }
    void badInputIsNamedByPath()
    {
        QFETCH(QByteArray, queueSystem);
        QFETCH(QString, error);
        const ConfigReadResult r = readCluster(
            R"({"name": "jobs", "endpoint": "h:1", "queue_system": )" + queueSystem + "}");
        const QString errors = joined(issues(r, ConfigIssue::Severity::Error));
        QVERIFY2(errors.contains(error), qPrintable(errors));
    }

    void sidekiqRefusesRedisCluster()
    {
        const ConfigReadResult r = readCluster(R"({"name": "jobs", "endpoint": "h:1",
            "mode": "cluster", "queue_system": {"type": "sidekiq"}})");
        const QString errors = joined(issues(r, ConfigIssue::Severity::Error));
        QVERIFY2(errors.contains(u"clusters[0].queue_system.type: sidekiq does not run on Redis "
                                 "Cluster"_s),
            qPrintable(errors));
    }

    // Options of another system are kept but said to be ignored, so a typo in "type" is seen.
    void foreignOptionsWarn()
    {
        const ConfigReadResult r = readCluster(R"({"name": "jobs", "endpoint": "h:1",
            "queue_system": {"type": "sidekiq", "dead_letter": "x", "queues": {"a": "b"}}})");
        const QString warnings = joined(issues(r, ConfigIssue::Severity::Warning));
        QVERIFY2(warnings.contains(u"clusters[0].queue_system.dead_letter: applies to "
                                   "go-redis-work-queue only; ignored for sidekiq"_s),
            qPrintable(warnings));
        QVERIFY2(warnings.contains(u"clusters[0].queue_system.queues: applies to "
                                   "go-redis-work-queue only"_s),
            qPrintable(warnings));
        const ConfigReadResult ns = readCluster(R"({"name": "a", "endpoint": "h:1",
            "queue_system": {"namespace": "shop"}})");
        QVERIFY(joined(issues(ns, ConfigIssue::Severity::Warning))
                    .contains(u"namespace: applies to sidekiq only"_s));
    }

    void unsupportedActionsAreRefusedWithTheReason()
    {
        const ClusterConfig sidekiq = sidekiqCluster();
        try {
            actiontypes::validate(u"pause_queue"_s, {{u"queue"_s, u"default"_s}}, sidekiq);
            QFAIL("pause_queue ran on sidekiq");
        } catch (const ActionError& e) {
            QCOMPARE(e.kind(), ActionError::Kind::UnsupportedForSystem);
            QVERIFY2(e.message().contains(u"quiet_process"_s), qPrintable(e.message()));
        }
        try {
            actiontypes::validate(u"benchmark"_s, {}, sidekiq);
            QFAIL("benchmark ran on sidekiq");
        } catch (const ActionError& e) {
            QCOMPARE(e.kind(), ActionError::Kind::UnsupportedForSystem);
        }
        ClusterConfig plain = sidekiq;
        plain.queueSystem.type = QueueSystemType::GoRedisWorkQueue;
        try {
            actiontypes::validate(u"quiet_process"_s, {{u"process"_s, u"w1"_s}}, plain);
            QFAIL("quiet_process ran on go-redis-work-queue");
        } catch (const ActionError& e) {
            QCOMPARE(e.kind(), ActionError::Kind::UnsupportedForSystem);
            QVERIFY2(e.message().contains(u"pause_queue"_s), qPrintable(e.message()));
        }
        // What each supports passes.
        actiontypes::validate(u"quiet_process"_s, {{u"process"_s, u"host:1:abc"_s}}, sidekiq);
        actiontypes::validate(u"clear_queue"_s, {{u"queue"_s, u"default"_s}}, sidekiq);
        actiontypes::validate(u"clear_queue"_s, {{u"queue"_s, u"high"_s}}, plain);
        QVERIFY(
            ActionCatalog::unsupportedReason(ActionType::Peek, QueueSystemType::Sidekiq).isEmpty());
    }

    void retrySetExistsOnlyWhereTheSystemHasOne()
    {
        const ClusterConfig sidekiq = sidekiqCluster();
        ClusterConfig plain = sidekiq;
        plain.queueSystem.type = QueueSystemType::GoRedisWorkQueue;
        actiontypes::validate(u"purge_dlq"_s, {{u"set"_s, u"retry"_s}}, sidekiq);
        actiontypes::validate(u"purge_dlq"_s, {{u"set"_s, u"dead"_s}}, plain);
        actiontypes::validate(u"peek"_s, {{u"queue"_s, u"retry"_s}}, sidekiq);
        const auto refused = [](const QString& type, const QJsonObject& p, const ClusterConfig& c,
                                 const QString& field) {
            try {
                actiontypes::validate(type, p, c);
            } catch (const ActionError& e) {
                QCOMPARE(e.kind(), ActionError::Kind::InvalidParameter);
                QCOMPARE(e.field(), field);
                return;
            }
            QFAIL(qPrintable(type + u" was accepted"_s));
        };
        refused(u"purge_dlq"_s, {{u"set"_s, u"retry"_s}}, plain, u"parameters.set"_s);
        refused(u"purge_dlq"_s, {{u"set"_s, u"graveyard"_s}}, sidekiq, u"parameters.set"_s);
        refused(u"peek"_s, {{u"queue"_s, u"retry"_s}}, plain, u"parameters.queue"_s);
        refused(
            u"quiet_process"_s, {{u"process"_s, u"bad\nname"_s}}, sidekiq, u"parameters.process"_s);
        refused(u"clear_queue"_s, {{u"queue"_s, u""_s}}, sidekiq, u"parameters.queue"_s);
    }

    void retryWordsTheConfirmation()
    {
        ClusterStats stats;
        stats.deadLetterCount = 7;
        stats.retryCount = 3;
        QCOMPARE(actiontypes::effect(u"purge_dlq"_s, {{u"set"_s, u"retry"_s}}, stats),
            u"purge 3 jobs waiting for a retry"_s);
        QCOMPARE(actiontypes::effect(u"purge_dlq"_s, {}, stats), u"purge 7 dead letters"_s);
        stats.retryCount.reset();
        QCOMPARE(actiontypes::effect(u"purge_dlq"_s, {{u"set"_s, u"retry"_s}}, stats),
            u"purge every job waiting for a retry (count not known yet)"_s);
    }
};

QTEST_GUILESS_MAIN(TestQueueSystemConfig)
#include "TestQueueSystemConfig.moc"

#include "core/config/ConfigReader.h"
#include "core/config/ConfigWriter.h"

#include <QJsonDocument>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace qd;

namespace {

ConfigReadResult readHealth(const QByteArray& health)
{
    return ConfigReader::read(R"({"clusters": [{"name": "a", "endpoint": "127.0.0.1:6379"}],
                                  "health": )"
        + health + "}");
}

QStringList errorsOf(const ConfigReadResult& result)
{
    QStringList lines;
    for (const ConfigIssue& issue : result.issues) {
        if (issue.isError())
            lines.append(issue.toString());
    }
    return lines;
}

} // namespace

class TestHealthConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsKeepTodaysRulesWithEvidenceTimes()
    {
        const HealthConfig h;
        QCOMPARE(h.unreachable.forDuration, Millis(0)); // an outage is told at once
        QCOMPARE(h.orphanedProcessing.forDuration, Millis(200));
        QCOMPARE(h.noLiveWorkers.forDuration, Millis(2000));
        QCOMPARE(h.latency.forDuration, Millis(5000));
        QCOMPARE(h.workerWindow, Millis(0));
        QCOMPARE(HealthConfig::timedRules().size(), 8);
        for (const QString& rule : HealthConfig::timedRules())
            QVERIFY(h.timing(rule) != nullptr);
        QVERIFY(h.timing(u"no_such_rule") == nullptr);
    }

    void rulesAreReadPerRule()
    {
        const ConfigReadResult result = readHealth(R"({"rules": {
            "latency": {"for": "30s", "recover": "10s"},
            "orphaned_processing": {"for": "1s"}},
            "worker_window": "45s", "flap_changes": 6, "flap_window": "15m"})");
        QVERIFY2(result.ok(), qPrintable(errorsOf(result).join(u"; ")));
        const HealthConfig& h = result.config.health;
        QCOMPARE(h.latency.forDuration, Millis(30000));
        QCOMPARE(h.latency.recover, Millis(10000));
        QCOMPARE(h.orphanedProcessing.forDuration, Millis(1000));
        QCOMPARE(h.orphanedProcessing.recover, Millis(0));
        QCOMPARE(h.noLiveWorkers, HealthConfig().noLiveWorkers);
        QCOMPARE(h.workerWindow, Millis(45000));
        QCOMPARE(h.flapChanges, 6);
        QCOMPARE(h.flapWindow, Millis(900000));
    }

    void thresholdsAreReadPerRule()
    {
        const ConfigReadResult result = readHealth(R"({"rules": {
            "latency": {"for": "10s", "warning": "300ms", "critical": "2s"},
            "dead_letters": {"warning": 500, "critical": 20000},
            "dead_letters_growing": {"polls": 5},
            "memory": {"warning": 0.7, "critical": 0.9},
            "backlog_growing": {"polls": 20}}})");
        QVERIFY2(result.ok(), qPrintable(errorsOf(result).join(u"; ")));
        QCOMPARE(result.issues, QList<ConfigIssue>()); // nothing unknown, nothing warned
        const HealthConfig& h = result.config.health;
        QCOMPARE(h.latency.forDuration, Millis(10000));
        QCOMPARE(h.latencyWarning, Millis(300));
        QCOMPARE(h.latencyCritical, Millis(2000));
        QCOMPARE(h.deadLetterWarning, 500);
        QCOMPARE(h.deadLetterCritical, 20000);
        QCOMPARE(h.deadLetterGrowthPolls, 5);
        QCOMPARE(h.memoryWarningRatio, 0.7);
        QCOMPARE(h.memoryCriticalRatio, 0.9);
        QCOMPARE(h.backlogGrowthPolls, 20);
    }

    void flatThresholdsStillReadButNotTwice()
    {
        const ConfigReadResult flat
            = readHealth(R"({"latency_warning": "250ms", "dead_letter_critical": 999})");
        QVERIFY2(flat.ok(), qPrintable(errorsOf(flat).join(u"; ")));
        QCOMPARE(flat.config.health.latencyWarning, Millis(250));
        QCOMPARE(flat.config.health.deadLetterCritical, 999);

        const ConfigReadResult both = readHealth(
            R"({"latency_warning": "250ms", "rules": {"latency": {"warning": "300ms"}}})");
        const QString all = errorsOf(both).join(u"\n");
        QVERIFY2(all.contains(u"health.rules.latency.warning: is also set as "
                              u"health.latency_warning"),
            qPrintable(all));
    }

    void thresholdProblemsNameWhereTheyWereWritten()
    {
        const QString nested = errorsOf(readHealth(R"({"rules": {
            "latency": {"warning": "2s", "critical": "1s"},
            "memory": {"warning": 1.5},
            "dead_letters_growing": {"polls": 0}}})"))
                                   .join(u"\n");
        QVERIFY2(
            nested.contains(
                u"health.rules.latency.warning: must not exceed health.rules.latency.critical"),
            qPrintable(nested));
        QVERIFY2(nested.contains(u"health.rules.memory.warning: must be a fraction"),
            qPrintable(nested));
        QVERIFY2(nested.contains(u"health.rules.dead_letters_growing.polls"), qPrintable(nested));

        const QString flat = errorsOf(readHealth(R"({"dead_letter_warning": 50,
            "dead_letter_critical": 10})"))
                                 .join(u"\n");
        QVERIFY2(flat.contains(
                     u"health.dead_letter_warning: must not exceed health.dead_letter_critical"),
            qPrintable(flat));
    }

    void thresholdsAreWrittenInTheFormTheFileUsed()
    {
        ConfigReadResult flat = readHealth(R"({"latency_warning": "250ms"})");
        QVERIFY(flat.ok());
        flat.config.original = QJsonDocument::fromJson(R"({"clusters": [{"name": "a",
            "endpoint": "127.0.0.1:6379"}], "health": {"latency_warning": "250ms"}})")
                                   .object();
        flat.config.health.latencyCritical = Millis(3000);
        const QJsonObject health = ConfigWriter::toJson(flat.config).value(u"health"_s).toObject();
        QCOMPARE(health.value(u"latency_warning"_s).toString(), u"250ms"_s);
        const QJsonObject latency
            = health.value(u"rules"_s).toObject().value(u"latency"_s).toObject();
        QVERIFY(!latency.contains(u"warning"_s)); // kept flat, as written
        QCOMPARE(latency.value(u"critical"_s).toString(), u"3s"_s); // new: the per-rule form
        const ConfigReadResult again = ConfigReader::fromObject(ConfigWriter::toJson(flat.config));
        QVERIFY2(again.ok(), qPrintable(errorsOf(again).join(u"; ")));
        QCOMPARE(again.config.health, flat.config.health);
    }

    void problemsNameTheirJsonPath()
    {
        const ConfigReadResult result = readHealth(R"({"rules": {
            "latency": {"for": 5},
            "memory": {"recover": "-1s"},
            "no_live_workers": {"for": "48h"}},
            "flap_window": "0s"})");
        const QStringList errors = errorsOf(result);
        const QString all = errors.join(u"\n");
        QVERIFY2(all.contains(u"health.rules.latency.for"), qPrintable(all));
        QVERIFY2(all.contains(u"health.rules.memory.recover"), qPrintable(all));
        QVERIFY2(all.contains(u"health.rules.no_live_workers.for: must be between 0s and 24h"),
            qPrintable(all));
        QVERIFY2(all.contains(u"health.flap_window"), qPrintable(all));
    }

    void anUnknownRuleIsAWarningAndKept()
    {
        const ConfigReadResult result
            = readHealth(R"({"rules": {"latency": {"for": "1s"}, "future_rule": {"for": "1s"}}})");
        QVERIFY(result.ok());
        bool warned = false;
        for (const ConfigIssue& issue : result.issues)
            warned = warned || issue.path == u"health.rules.future_rule";
        QVERIFY(warned);
        Config config = result.config;
        config.original = QJsonDocument::fromJson(R"({"clusters": [{"name": "a",
            "endpoint": "127.0.0.1:6379"}], "health": {"rules": {"latency": {"for": "1s"},
            "future_rule": {"for": "1s"}}}})")
                              .object();
        const QJsonObject rules = ConfigWriter::toJson(config)
                                      .value(u"health"_s)
                                      .toObject()
                                      .value(u"rules"_s)
                                      .toObject();
        QVERIFY(rules.contains(u"future_rule"_s));
        QCOMPARE(rules.value(u"latency"_s).toObject().value(u"for"_s).toString(), u"1s"_s);
    }

    void writtenRulesReadBackTheSame()
    {
        ConfigReadResult first = readHealth(R"({"rules": {"memory": {"for": "90s"}}})");
        QVERIFY(first.ok());
        first.config.health.backlogGrowing.recover = Millis(1500);
        const QByteArray written
            = QJsonDocument(ConfigWriter::toJson(first.config)).toJson(QJsonDocument::Compact);
        const ConfigReadResult again = ConfigReader::read(written);
        QVERIFY2(again.ok(), qPrintable(errorsOf(again).join(u"; ")));
        QCOMPARE(again.config.health, first.config.health);
    }
};

QTEST_GUILESS_MAIN(TestHealthConfig)
#include "TestHealthConfig.moc"

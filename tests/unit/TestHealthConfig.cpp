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

// The health rules' messages are written once and rendered twice: English for the API and the
// events, the desktop's language (through its translator) for the window and the tray, with
// each language's own plural forms.
#include "core/engine/Manager.h"
#include "core/health/HealthReport.h"
#include "core/health/HealthRules.h"
#include "gui/TrayNotifier.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace qd;
using qd::gui::TrayNotifier;

namespace {

QList<healthrules::OrphanedWorker> orphans(int workers, qint64 jobsEach)
{
    QList<healthrules::OrphanedWorker> list;
    for (int i = 0; i < workers; ++i)
        list.append({u"w%1"_s.arg(i + 1), jobsEach, 0});
    return list;
}

// Installs a translator for the test's scope.
class Language final {
public:
    explicit Language(const QString& qm) { m_ok = m_translator.load(qm) && install(); }
    ~Language() { QCoreApplication::removeTranslator(&m_translator); }
    bool ok() const { return m_ok; }

private:
    bool install() { return QCoreApplication::installTranslator(&m_translator); }
    QTranslator m_translator;
    bool m_ok = false;
};

} // namespace

class TestHealthWords final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void englishWithoutATranslator()
    {
        const auto one = healthrules::orphanedProcessing(orphans(1, 1), 0);
        QVERIFY(one);
        QCOMPARE(one->message,
            u"1 job sits in the processing list of 1 worker without a "
            u"heartbeat: w1"_s);
        // No translator installed: the window shows the same English, both forms resolved.
        QCOMPARE(one->localMessage, one->message);
        const auto many = healthrules::orphanedProcessing(orphans(7, 2), 0);
        QVERIFY(many);
        QCOMPARE(many->message,
            u"14 jobs sit in the processing lists of 7 workers without a "
            u"heartbeat: w1, w2, w3, w4, w5 and 2 more"_s);
    }

    void germanInTheWindowEnglishInTheApi()
    {
        Language german(u":/i18n/queuedeck_de.qm"_s);
        QVERIFY(german.ok());
        const auto one = healthrules::orphanedProcessing(orphans(1, 1), 0);
        QVERIFY(one);
        QCOMPARE(one->message,
            u"1 job sits in the processing list of 1 worker without a "
            u"heartbeat: w1"_s);
        QCOMPARE(one->localMessage,
            u"1 Job liegt ohne Heartbeat in der Verarbeitungsliste von 1 Worker: w1"_s);
        const auto many = healthrules::orphanedProcessing(orphans(2, 2), 0);
        QVERIFY(many);
        QCOMPARE(many->localMessage,
            u"4 Jobs liegen ohne Heartbeat in den Verarbeitungslisten von 2 Workern: w1, w2"_s);

        ClusterStats stats;
        stats.queues.append(QueueStat(u"high"_s, u"q:high"_s, 3, false));
        stats.workersComplete = true;
        const auto noWorkers = healthrules::noLiveWorkers(stats);
        QVERIFY(noWorkers);
        QCOMPARE(noWorkers->message, u"3 jobs are queued but no worker is alive to take them"_s);
        QVERIFY2(noWorkers->localMessage.startsWith(u"3 Jobs warten"_s),
            qPrintable(noWorkers->localMessage));
    }

    void theTrayTellsInTheWindowsLanguage()
    {
        Language german(u":/i18n/queuedeck_de.qm"_s);
        QVERIFY(german.ok());
        Config config;
        ClusterConfig cluster;
        cluster.name = u"eu"_s;
        cluster.endpoint = u"127.0.0.1:1"_s;
        config.clusters = {cluster};
        Manager manager(config);
        TrayNotifier tray(manager);
        QSignalSpy notified(&tray, &TrayNotifier::notified);
        Event event;
        event.type = events::kHealthChanged;
        event.cluster = u"eu"_s;
        event.message = u"eu is unhealthy: English text of the API"_s;
        event.data = {{u"status"_s, u"unhealthy"_s}, {u"previous"_s, u"healthy"_s}};
        tray.onEvent(event);
        QCOMPARE(notified.count(), 1);
        const std::optional<HealthReport> report = manager.findHealth(u"eu"_s);
        QVERIFY(report && !report->issues.isEmpty());
        const QString body = notified.at(0).at(2).toString();
        QCOMPARE(body, report->summary(HealthWords::Language::Translated));
        QVERIFY2(body != report->summary(), qPrintable(body)); // German, not the API's English
    }
};

QTEST_MAIN(TestHealthWords)
#include "TestHealthWords.moc"

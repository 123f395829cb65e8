#include "core/engine/Manager.h"
#include "gui/TrayNotifier.h"

#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::gui;

namespace {

Config oneCluster()
{
    Config config;
    ClusterConfig cluster;
    cluster.name = u"eu"_s;
    cluster.label = u"EU"_s;
    cluster.endpoint = u"127.0.0.1:1"_s;
    config.clusters = {cluster};
    return config;
}

Event health(const QString& status, const QString& previous, bool flapping = false, int changes = 0)
{
    Event event;
    event.type = events::kHealthChanged;
    event.cluster = u"eu"_s;
    event.message = u"EU is "_s + status;
    event.data = {{u"status"_s, status}, {u"previous"_s, previous}, {u"flapping"_s, flapping},
        {u"changes"_s, changes}};
    return event;
}

} // namespace

class TestTrayNotifications final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachTransitionIsNotifiedOnce()
    {
        Manager manager(oneCluster());
        TrayNotifier tray(manager);
        QSignalSpy notified(&tray, &TrayNotifier::notified);
        tray.onEvent(health(u"unhealthy"_s, u"healthy"_s));
        QCOMPARE(notified.count(), 1);
        // The same transition again (a replayed or repeated event): not news.
        tray.onEvent(health(u"unhealthy"_s, u"healthy"_s));
        tray.onEvent(health(u"unhealthy"_s, u"degraded"_s));
        QCOMPARE(notified.count(), 1);
        tray.onEvent(health(u"healthy"_s, u"unhealthy"_s));
        QCOMPARE(notified.count(), 2);
        QCOMPARE(notified.at(1).at(1).toString(), u"EU recovered"_s);
        tray.onEvent(health(u"healthy"_s, u"unhealthy"_s));
        QCOMPARE(notified.count(), 2);
    }

    void aFlappingClusterIsNotifiedOnceAsFlapping()
    {
        Manager manager(oneCluster());
        TrayNotifier tray(manager);
        QSignalSpy notified(&tray, &TrayNotifier::notified);
        tray.onEvent(health(u"degraded"_s, u"healthy"_s, true, 5));
        QCOMPARE(notified.count(), 1);
        QCOMPARE(notified.at(0).at(1).toString(), u"EU is flapping"_s);
        QVERIFY2(notified.at(0).at(2).toString().contains(u"changed 5 time"_s),
            qPrintable(notified.at(0).at(2).toString()));
        // The engine holds further changes back; were one replayed, it is told at most once.
        tray.onEvent(health(u"degraded"_s, u"healthy"_s, true, 6));
        QCOMPARE(notified.count(), 1);
    }

    void theFlappingNoticeIsTranslatedWithPlurals()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/queuedeck_de.qm"_s));
        const char* source = "Its health changed %n time(s) in a short while; further changes "
                             "are not notified until it is steady. Now: %1";
        // QTranslator leaves %n for QCoreApplication::translate to fill in; the forms differ.
        QVERIFY(
            german.translate("qd::gui::TrayNotifier", source, nullptr, 1).contains(u"%n Mal"_s));
        QVERIFY(
            german.translate("qd::gui::TrayNotifier", source, nullptr, 5).contains(u"%n Mal"_s));
        QTranslator english;
        QVERIFY(english.load(u":/i18n/queuedeck_en.qm"_s));
        QVERIFY(english.translate("qd::gui::TrayNotifier", source, nullptr, 1)
                    .contains(u"changed %n time in"_s));
        QVERIFY(english.translate("qd::gui::TrayNotifier", source, nullptr, 5)
                    .contains(u"changed %n times in"_s));
        QCOMPARE(german.translate("qd::gui::WorkerTableModel", "Last seen"), u"Zuletzt gesehen"_s);
    }
};

QTEST_MAIN(TestTrayNotifications)
#include "TestTrayNotifications.moc"

// The cluster editor's Health tab: the rules' evidence times every cluster shares, checked as
// they are typed with the engine's own rules and JSON paths, and applied on Save.
#include "core/engine/Manager.h"
#include "gui/ClusterEditorDialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;
using qd::gui::ClusterEditorDialog;

namespace {

Config oneCluster()
{
    Config config;
    ClusterConfig cluster;
    cluster.name = u"eu"_s;
    cluster.endpoint = u"127.0.0.1:1"_s;
    config.clusters = {cluster};
    return config;
}

} // namespace

class TestClusterEditorHealth final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsAndAppliesTheRulesTimings()
    {
        Manager manager(oneCluster());
        ClusterEditorDialog editor(manager, u"eu"_s);
        auto* latencyFor = editor.findChild<QLineEdit*>(u"health.rules.latency.for"_s);
        auto* orphanFor = editor.findChild<QLineEdit*>(u"health.rules.orphaned_processing.for"_s);
        auto* window = editor.findChild<QLineEdit*>(u"health.worker_window"_s);
        QVERIFY(latencyFor && orphanFor && window);
        QCOMPARE(latencyFor->text(), u"5s"_s);
        QCOMPARE(orphanFor->text(), u"200ms"_s);
        QVERIFY(window->text().isEmpty()); // the heartbeat TTL

        latencyFor->setText(u"30s"_s);
        window->setText(u"45s"_s);
        QVERIFY(!editor.isMarked(latencyFor));
        QVERIFY(editor.save());
        QCOMPARE(manager.config().health.latency.forDuration, Millis(30000));
        QCOMPARE(manager.config().health.workerWindow, Millis(45000));
        QCOMPARE(manager.config().health.orphanedProcessing, HealthConfig().orphanedProcessing);
    }

    void marksWhatTheEngineWouldRefuse()
    {
        Manager manager(oneCluster());
        ClusterEditorDialog editor(manager, u"eu"_s);
        QPushButton* save = editor.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
        auto* memoryRecover = editor.findChild<QLineEdit*>(u"health.rules.memory.recover"_s);
        auto* noWorkersFor = editor.findChild<QLineEdit*>(u"health.rules.no_live_workers.for"_s);
        QVERIFY(save->isEnabled());
        memoryRecover->setText(u"soon"_s);
        QVERIFY(editor.isMarked(memoryRecover));
        QVERIFY(!save->isEnabled());
        memoryRecover->setText(u"2s"_s);
        noWorkersFor->setText(u"48h"_s); // a duration, but longer than the engine allows
        QVERIFY(editor.isMarked(noWorkersFor));
        QVERIFY(!save->isEnabled());
        noWorkersFor->setText(u"3s"_s);
        QVERIFY(save->isEnabled());
        QVERIFY(!editor.isMarked(noWorkersFor));
    }

    void editsEachRulesThresholds()
    {
        Manager manager(oneCluster());
        ClusterEditorDialog editor(manager, u"eu"_s);
        QPushButton* save = editor.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
        auto* latencyWarning = editor.findChild<QLineEdit*>(u"health.rules.latency.warning"_s);
        auto* latencyCritical = editor.findChild<QLineEdit*>(u"health.rules.latency.critical"_s);
        auto* deadCritical = editor.findChild<QLineEdit*>(u"health.rules.dead_letters.critical"_s);
        auto* growthPolls = editor.findChild<QLineEdit*>(u"health.rules.backlog_growing.polls"_s);
        auto* memoryWarning = editor.findChild<QLineEdit*>(u"health.rules.memory.warning"_s);
        QVERIFY(latencyWarning && latencyCritical && deadCritical && growthPolls && memoryWarning);
        QCOMPARE(latencyWarning->text(), u"200ms"_s);
        QCOMPARE(deadCritical->text(), u"10000"_s);
        QCOMPARE(growthPolls->text(), u"10"_s);
        QCOMPARE(memoryWarning->text(), u"0.8"_s);

        growthPolls->setText(u"many"_s); // not a number of polls
        QVERIFY(editor.isMarked(growthPolls));
        QVERIFY(!save->isEnabled());
        growthPolls->setText(u"20"_s);
        latencyWarning->setText(u"3s"_s); // above its critical threshold: the engine's rule
        QVERIFY(editor.isMarked(latencyWarning));
        QVERIFY(!save->isEnabled());
        latencyCritical->setText(u"5s"_s);
        QVERIFY(!editor.isMarked(latencyWarning));
        deadCritical->setText(u"20000"_s);
        memoryWarning->setText(u"0.75"_s);
        QVERIFY(editor.save());
        const HealthConfig& h = manager.config().health;
        QCOMPARE(h.latencyWarning, Millis(3000));
        QCOMPARE(h.latencyCritical, Millis(5000));
        QCOMPARE(h.deadLetterCritical, 20000);
        QCOMPARE(h.backlogGrowthPolls, 20);
        QCOMPARE(h.memoryWarningRatio, 0.75);
    }
};

QTEST_MAIN(TestClusterEditorHealth)
#include "TestClusterEditorHealth.moc"

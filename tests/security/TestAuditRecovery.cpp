// An action cut short by a crash is marked interrupted on the next start however many actions
// came after it (the engine's list of recent actions is bounded; the recovery is not), and it is
// never run again.

#include "core/audit/AuditLog.h"
#include "core/config/Config.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"

#include <QTemporaryDir>
#include <QTest>

using namespace qd;

namespace {

MultiAction makeAction(const QString& id, ActionStatus status)
{
    MultiAction a;
    a.id = id;
    a.type = QStringLiteral("purge_dlq");
    a.targets = {QStringLiteral("production")};
    a.status = status;
    a.createdAt = QDateTime::currentDateTimeUtc();
    return a;
}

Config oneCluster()
{
    Config config;
    ClusterConfig c;
    c.name = QStringLiteral("production");
    c.endpoint = QStringLiteral("127.0.0.1:1");
    config.clusters = {c};
    return config;
}

} // namespace

class TestAuditRecovery final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oldUnfinishedActionsAreInterrupted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
        {
            AuditLog log(path);
            log.append(makeAction(QStringLiteral("action-old-executing"), ActionStatus::Executing),
                QStringLiteral("tester"));
            log.append(makeAction(QStringLiteral("action-old-confirmed"), ActionStatus::Confirmed),
                QStringLiteral("tester"));
            // More finished actions than the engine lists after a start.
            for (int i = 0; i < 700; ++i)
                log.append(
                    makeAction(QStringLiteral("action-done-%1").arg(i), ActionStatus::Completed),
                    QStringLiteral("tester"));
            log.append(makeAction(QStringLiteral("action-new-executing"), ActionStatus::Executing),
                QStringLiteral("tester"));
            QCOMPARE(log.unfinishedActions().size(), 3);
        }
        AuditLog log(path);
        Manager manager(oneCluster());
        {
            ActionEngine engine(manager, &log);
            for (const QString& id :
                {QStringLiteral("action-old-executing"), QStringLiteral("action-old-confirmed"),
                    QStringLiteral("action-new-executing")}) {
                const auto action = engine.action(id);
                QVERIFY2(action, qPrintable(id));
                QCOMPARE(action->status, ActionStatus::Interrupted);
            }
            QCOMPARE(
                engine.action(QStringLiteral("action-done-699"))->status, ActionStatus::Completed);
        }
        QVERIFY(log.unfinishedActions().isEmpty());
        AuditQuery q;
        q.status = QStringLiteral("interrupted");
        QCOMPARE(log.query(q).size(), 3);
        // A second start marks nothing again.
        {
            ActionEngine engine(manager, &log);
            QCOMPARE(log.query(q).size(), 3);
        }
    }
};

QTEST_GUILESS_MAIN(TestAuditRecovery)
#include "TestAuditRecovery.moc"

// A server that runs for months keeps a bounded list of finished actions in memory; older ones
// are still answered by id from the audit log (and cannot be confirmed or cancelled), pending
// ones are never dropped, and the audit log keeps everything.

#include "ApiHarness.h"
#include "core/audit/AuditLog.h"
#include "core/engine/ActionEngine.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qd;
using namespace qd::test;

class TestApiActionRetention final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oldFinishedActionsLeaveMemoryNotTheLog()
    {
        QString error;
        auto redis = RedisServer::start({}, &error);
        QVERIFY2(redis, qPrintable(error));
        Config config = configFor({clusterFor(QStringLiteral("a"), redis->endpoint())});
        config.actions.requireConfirmation = true;
        config.actions.allowedActions.append(QStringLiteral("peek"));
        ApiHarness api(config);
        QVERIFY2(api.start(&error), qPrintable(error));
        api.actions().setKeptInMemory(20);

        // One pending action first: the oldest, and it must survive every prune.
        const HttpResponse pending = api.client().post(QStringLiteral("/api/v1/actions"),
            {{QStringLiteral("type"), QStringLiteral("purge_dlq")},
                {QStringLiteral("targets"), QJsonArray {QStringLiteral("a")}}});
        QCOMPARE(pending.status, 202);
        const QString pendingId = pending.object()[QStringLiteral("id")].toString();
        QStringList ids;
        for (int i = 0; i < 60; ++i) {
            const HttpResponse r = api.client().post(QStringLiteral("/api/v1/actions"),
                {{QStringLiteral("type"), QStringLiteral("peek")},
                    {QStringLiteral("targets"), QJsonArray {QStringLiteral("a")}},
                    {QStringLiteral("parameters"),
                        QJsonObject {{QStringLiteral("queue"), QStringLiteral("high")}}}});
            QVERIFY2(r.status == 200, r.describe().constData());
            QVERIFY2(r.object()[QStringLiteral("status")].toString() == u"completed",
                r.describe().constData());
            ids.append(r.object()[QStringLiteral("id")].toString());
        }
        QTest::qWait(50); // the prune runs from the event loop
        const QJsonArray listed = api.client().get(QStringLiteral("/api/v1/actions")).array();
        QVERIFY2(listed.size() <= 20, qPrintable(QString::number(listed.size())));
        QVERIFY(listed.size() >= 18); // pruned to a tenth below the cap
        QStringList listedIds;
        for (const QJsonValue& a : listed)
            listedIds.append(a[QStringLiteral("id")].toString());
        QVERIFY(listedIds.contains(pendingId));
        QVERIFY(listedIds.contains(ids.constLast()));
        QVERIFY(!listedIds.contains(ids.constFirst()));

        // The oldest is still there by id, from the log, as it ended.
        const HttpResponse old
            = api.client().get(QStringLiteral("/api/v1/actions/") + ids.constFirst());
        QVERIFY2(old.status == 200, old.describe().constData());
        QCOMPARE(old.object()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
        QVERIFY(api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/actions/{id}"), old)
                    .isEmpty());
        const HttpResponse confirm
            = api.client().post(QStringLiteral("/api/v1/actions/%1/confirm").arg(ids.constFirst()),
                {{QStringLiteral("confirmed_by"), QStringLiteral("late")}});
        QCOMPARE(confirm.status, 409);
        QCOMPARE(confirm.errorCode(), QStringLiteral("illegal_transition"));
        QCOMPARE(api.client().get(QStringLiteral("/api/v1/actions/action-missing")).status, 404);

        // The pending one still runs when confirmed.
        const HttpResponse run
            = api.client().post(QStringLiteral("/api/v1/actions/%1/confirm").arg(pendingId),
                {{QStringLiteral("confirmed_by"), QStringLiteral("tester")}});
        QVERIFY2(run.status == 200, run.describe().constData());

        AuditQuery all;
        all.limit = 5000;
        QSet<QString> audited;
        for (const AuditEntry& e : api.audit().query(all))
            audited.insert(e.actionId);
        QCOMPARE(audited.size(), 61);
    }
};

QTEST_GUILESS_MAIN(TestApiActionRetention)
#include "TestApiActionRetention.moc"

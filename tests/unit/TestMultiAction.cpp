#include "core/actions/MultiAction.h"

#include <QTest>

using namespace qd;

Q_DECLARE_METATYPE(qd::ActionStatus)

class TestMultiAction final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transitions_data()
    {
        QTest::addColumn<ActionStatus>("from");
        QTest::addColumn<ActionStatus>("to");
        QTest::addColumn<bool>("allowed");
        using S = ActionStatus;
        QTest::newRow("pending→confirmed") << S::Pending << S::Confirmed << true;
        QTest::newRow("pending→cancelled") << S::Pending << S::Cancelled << true;
        QTest::newRow("pending→executing") << S::Pending << S::Executing << false;
        QTest::newRow("confirmed→executing") << S::Confirmed << S::Executing << true;
        QTest::newRow("confirmed→confirmed") << S::Confirmed << S::Confirmed << false;
        QTest::newRow("executing→completed") << S::Executing << S::Completed << true;
        QTest::newRow("executing→failed") << S::Executing << S::Failed << true;
        QTest::newRow("executing→cancelled") << S::Executing << S::Cancelled << true;
        QTest::newRow("executing→interrupted") << S::Executing << S::Interrupted << true;
        QTest::newRow("executing→pending") << S::Executing << S::Pending << false;
        QTest::newRow("completed→executing") << S::Completed << S::Executing << false;
        QTest::newRow("interrupted→executing") << S::Interrupted << S::Executing << false;
        QTest::newRow("cancelled→confirmed") << S::Cancelled << S::Confirmed << false;
    }
    void transitions()
    {
        QFETCH(ActionStatus, from);
        QFETCH(ActionStatus, to);
        QFETCH(bool, allowed);
        QCOMPARE(isAllowedTransition(from, to), allowed);
    }

    void statusNamesRoundTrip()
    {
        for (ActionStatus s : {ActionStatus::Pending, ActionStatus::Confirmed,
                 ActionStatus::Executing, ActionStatus::Completed, ActionStatus::Failed,
                 ActionStatus::Cancelled, ActionStatus::Interrupted})
            QCOMPARE(actionStatusFromName(actionStatusName(s)), s);
        QVERIFY(!actionStatusFromName(QStringLiteral("done")));
    }

    void jsonHasTheSeedShapeAndRoundTrips()
    {
        MultiAction a;
        a.id = QStringLiteral("action-123456");
        a.type = QStringLiteral("purge_dlq");
        a.targets = {QStringLiteral("production"), QStringLiteral("staging")};
        a.status = ActionStatus::Completed;
        a.confirmations = {{true, QStringLiteral("This will purge DLQ on 2 clusters. Continue?")}};
        a.results.insert(QStringLiteral("production"),
            TargetResult {true, QStringLiteral("purged 3 dead letters"), 45.2, {}, 0, 0, true});
        a.results.insert(QStringLiteral("staging"),
            TargetResult {true, QStringLiteral("purged 0 dead letters"), 38.7, {}, 0, 0, true});
        a.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
        const QJsonObject json = a.toJson();
        QCOMPARE(json[QStringLiteral("id")].toString(), QStringLiteral("action-123456"));
        QCOMPARE(json[QStringLiteral("status")].toString(), QStringLiteral("completed"));
        QCOMPARE(json[QStringLiteral("results")][QStringLiteral("production")]
                     [QStringLiteral("duration_ms")]
                         .toDouble(),
            45.2);
        QCOMPARE(
            json[QStringLiteral("results")][QStringLiteral("staging")][QStringLiteral("success")]
                .toBool(),
            true);
        QCOMPARE(
            json[QStringLiteral("confirmations")][0][QStringLiteral("required")].toBool(), true);
        QVERIFY(json[QStringLiteral("executed_at")].isNull());
        const auto back = MultiAction::fromJson(json);
        QVERIFY(back);
        QCOMPARE(back->results, a.results);
        QCOMPARE(back->createdAt, a.createdAt);
        QCOMPARE(back->confirmations, a.confirmations);
        QVERIFY(!MultiAction::fromJson(QJsonObject {{QStringLiteral("id"), 1}}));
    }
};

QTEST_GUILESS_MAIN(TestMultiAction)
#include "TestMultiAction.moc"

#include "core/events/EventBus.h"
#include "core/util/Clock.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace qd;

class TestEventBus final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idsIncreaseAndCarryTimestamps()
    {
        ManualClock clock;
        EventBus bus(clock, 10);
        QSignalSpy spy(&bus, &EventBus::published);
        const Event first = bus.publish(
            events::kClusterConnected, QStringLiteral("prod"), QStringLiteral("Connected"));
        clock.advance(std::chrono::seconds(1));
        const Event second = bus.publish(
            events::kClusterDisconnected, QStringLiteral("prod"), QStringLiteral("Lost"));
        QCOMPARE(first.id, 1);
        QCOMPARE(second.id, 2);
        QCOMPARE(second.timestamp, first.timestamp.addSecs(1));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(bus.lastId(), 2);
        const QJsonObject json = first.toJson();
        QCOMPARE(json[QStringLiteral("id")].toString(), QStringLiteral("evt-1"));
        QCOMPARE(json[QStringLiteral("type")].toString(), QStringLiteral("cluster_connected"));
        QCOMPARE(json[QStringLiteral("cluster")].toString(), QStringLiteral("prod"));
        QVERIFY(json[QStringLiteral("timestamp")].toString().endsWith(u'Z'));
    }

    void timestampsKeepMilliseconds()
    {
        // Two events 250 ms apart must not read as the same instant in the JSON clients see.
        ManualClock clock;
        EventBus bus(clock, 10);
        const Event first = bus.publish(events::kHealthChanged, {}, QStringLiteral("a"));
        clock.advance(std::chrono::milliseconds(250));
        const Event second = bus.publish(events::kHealthChanged, {}, QStringLiteral("b"));
        const QString firstText = first.toJson()[QStringLiteral("timestamp")].toString();
        const QString secondText = second.toJson()[QStringLiteral("timestamp")].toString();
        QVERIFY2(firstText != secondText, qPrintable(firstText));
        const QDateTime parsed = QDateTime::fromString(secondText, Qt::ISODateWithMs);
        QVERIFY2(parsed.isValid(), qPrintable(secondText));
        QCOMPARE(parsed.toMSecsSinceEpoch(), second.timestamp.toMSecsSinceEpoch());
        QCOMPARE(parsed.toMSecsSinceEpoch()
                - QDateTime::fromString(firstText, Qt::ISODateWithMs).toMSecsSinceEpoch(),
            250);
        QVERIFY(secondText.endsWith(u'Z'));
        // Exactly three fraction digits, so the field sorts as text.
        QVERIFY2(QRegularExpression(QStringLiteral(R"(\.\d{3}Z$)")).match(secondText).hasMatch(),
            qPrintable(secondText));
    }

    void replaysWhatALateSubscriberMissed()
    {
        ManualClock clock;
        EventBus bus(clock, 3);
        for (int i = 0; i < 5; ++i)
            bus.publish(events::kHealthChanged, QStringLiteral("prod"), QString::number(i));
        bool complete = true;
        QList<Event> replay = bus.since(0, &complete);
        QCOMPARE(replay.size(), 3); // the buffer holds 3
        QVERIFY(!complete); // events 1 and 2 are gone
        QCOMPARE(replay.first().id, 3);
        replay = bus.since(3, &complete);
        QCOMPARE(replay.size(), 2);
        QVERIFY(complete);
        QVERIFY(bus.since(5, &complete).isEmpty());
        QVERIFY(complete);
    }

    void parsesLastEventId_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("id");
        QTest::newRow("prefixed") << QStringLiteral("evt-42") << qint64 {42};
        QTest::newRow("bare") << QStringLiteral("42") << qint64 {42};
        QTest::newRow("garbage") << QStringLiteral("evt-x") << qint64 {0};
        QTest::newRow("negative") << QStringLiteral("-3") << qint64 {0};
        QTest::newRow("empty") << QString() << qint64 {0};
    }
    void parsesLastEventId()
    {
        QFETCH(QString, text);
        QFETCH(qint64, id);
        QCOMPARE(Event::parseId(text), id);
    }
};

QTEST_GUILESS_MAIN(TestEventBus)
#include "TestEventBus.moc"

#include "core/util/Duration.h"

#include <QTest>

using namespace std::chrono_literals;

class TestDuration final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("millis");
        QTest::newRow("ms") << QStringLiteral("250ms") << qint64 {250};
        QTest::newRow("seconds") << QStringLiteral("5s") << qint64 {5000};
        QTest::newRow("minutes and seconds") << QStringLiteral("1m30s") << qint64 {90000};
        QTest::newRow("hours") << QStringLiteral("2h") << qint64 {7'200'000};
        QTest::newRow("fraction") << QStringLiteral("1.5s") << qint64 {1500};
        QTest::newRow("zero") << QStringLiteral("0s") << qint64 {0};
        QTest::newRow("all units") << QStringLiteral("1h2m3s4ms") << qint64 {3'723'004};
        QTest::newRow("microseconds round") << QStringLiteral("1500us") << qint64 {2};
    }
    void parsesValid()
    {
        QFETCH(QString, text);
        QFETCH(qint64, millis);
        QString error;
        const auto parsed = qd::duration::parse(text, &error);
        QVERIFY2(parsed.has_value(), qPrintable(error));
        QCOMPARE(parsed->count(), millis);
    }

    void refusesInvalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("bare number") << QStringLiteral("5") << QStringLiteral("no unit");
        QTest::newRow("words") << QStringLiteral("5 seconds") << QStringLiteral("unknown unit");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("unit only") << QStringLiteral("s") << QStringLiteral("not a duration");
        QTest::newRow("negative") << QStringLiteral("-5s") << QStringLiteral("not a duration");
        QTest::newRow("two dots") << QStringLiteral("1.2.3s") << QStringLiteral("not a duration");
        QTest::newRow("days") << QStringLiteral("1d") << QStringLiteral("unknown unit");
        QTest::newRow("too long") << QStringLiteral("9000h")
                                  << QStringLiteral("longer than a year");
    }
    void refusesInvalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, reasonPart);
        QString error;
        QVERIFY(!qd::duration::parse(text, &error).has_value());
        QVERIFY2(error.contains(reasonPart), qPrintable(error));
    }

    void formatsAndRoundTrips_data()
    {
        QTest::addColumn<qint64>("millis");
        QTest::addColumn<QString>("text");
        QTest::newRow("0") << qint64 {0} << QStringLiteral("0s");
        QTest::newRow("250ms") << qint64 {250} << QStringLiteral("250ms");
        QTest::newRow("5s") << qint64 {5000} << QStringLiteral("5s");
        QTest::newRow("1m30s") << qint64 {90000} << QStringLiteral("1m30s");
        QTest::newRow("1.5s") << qint64 {1500} << QStringLiteral("1.5s");
        QTest::newRow("1h") << qint64 {3'600'000} << QStringLiteral("1h");
    }
    void formatsAndRoundTrips()
    {
        QFETCH(qint64, millis);
        QFETCH(QString, text);
        QCOMPARE(qd::duration::format(qd::Millis(millis)), text);
        QCOMPARE(qd::duration::parse(text)->count(), millis);
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "TestDuration.moc"

// Celery's workers as QueueDeck learns them: heartbeat, online/offline and task events
// published on a real Redis the way kombu publishes them, read by the subscription the Celery
// adapter keeps. Time is given to the watch explicitly, so the heartbeat windows are exact.
#include "core/queues/celery/CeleryEvents.h"
#include "core/redis/Endpoint.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qd;
using namespace qd::celery;
using namespace qd::test;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

namespace {

void publish(const RedisServer& server, const QString& routingKey, const QJsonDocument& body)
{
    const QJsonObject message {
        {u"body"_s, QString::fromLatin1(body.toJson(QJsonDocument::Compact).toBase64())},
        {u"content-type"_s, u"application/json"_s},
        {u"properties"_s, QJsonObject {{u"body_encoding"_s, u"base64"_s}}}};
    server.cli({u"PUBLISH"_s, u"/3.celeryev/"_s + routingKey,
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact))});
    QTest::qWait(50); // delivered to the subscriber's socket
}

QJsonDocument workerEvent(const QString& type, const QString& host, double freq = 2.0)
{
    return QJsonDocument(QJsonObject {{u"type"_s, type}, {u"hostname"_s, host}, {u"freq"_s, freq},
        {u"pid"_s, 4242}, {u"active"_s, 3}});
}

} // namespace

class TestCeleryEvents : public QObject {
    Q_OBJECT

private slots:
    void workersLiveForTwoHeartbeatIntervals()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        redis::ConnectionSettings settings;
        settings.endpoint = *redis::Endpoint::parse(server->endpoint());
        EventWatch watch(settings, 3);
        const auto t0 = std::chrono::steady_clock::now();

        watch.drain(t0);
        // Until a heartbeat window has passed, absence proves nothing.
        QVERIFY(!watch.workers(t0 + 1s).has_value());
        QVERIFY(!watch.rates(t0 + 1s).has_value());

        publish(*server, u"worker.heartbeat"_s, workerEvent(u"worker-heartbeat"_s, u"w1@box"_s));
        publish(*server, u"worker.online"_s, workerEvent(u"worker-online"_s, u"w2@box"_s, 5.0));
        // Another database's deployment is not ours.
        server->cli({u"PUBLISH"_s, u"/4.celeryev/worker.heartbeat"_s, u"{}"_s});
        watch.drain(t0 + 3s);

        auto workers = watch.workers(t0 + 5s);
        QVERIFY(workers.has_value());
        QCOMPARE(workers->size(), 2);
        const WorkerStat& w1 = workers->at(0);
        QCOMPARE(w1.id, u"w1@box"_s);
        QCOMPARE(w1.host, u"box"_s);
        QCOMPARE(w1.pid, 4242);
        QCOMPARE(w1.busy, 3);
        QCOMPARE(w1.heartbeatAgeMs, 2000);
        QCOMPARE(w1.heartbeatTtlMs, 2000); // two intervals of 2 s
        QVERIFY(w1.live());

        // w1 stops beating: gone after 2 × 2 s; w2 beats every 5 s, so it stays for 10 s.
        workers = watch.workers(t0 + 7s);
        QCOMPARE(workers->size(), 1);
        QCOMPARE(workers->at(0).id, u"w2@box"_s);

        // A worker that says it leaves is gone at once.
        publish(*server, u"worker.offline"_s, workerEvent(u"worker-offline"_s, u"w2@box"_s));
        watch.drain(t0 + 8s);
        QCOMPARE(watch.workers(t0 + 8s)->size(), 0);

        // Task events (buffered ones come as a list) give the rates.
        const QJsonArray multi {QJsonObject {{u"type"_s, u"task-succeeded"_s}},
            QJsonObject {{u"type"_s, u"task-succeeded"_s}},
            QJsonObject {{u"type"_s, u"task-started"_s}},
            QJsonObject {{u"type"_s, u"task-failed"_s}}};
        publish(*server, u"task.multi"_s, QJsonDocument(multi));
        publish(*server, u"task.succeeded"_s,
            QJsonDocument(QJsonObject {{u"type"_s, u"task-succeeded"_s}}));
        watch.drain(t0 + 10s);
        const auto rates = watch.rates(t0 + 10s);
        QVERIFY(rates.has_value());
        QCOMPARE(rates->jobsPerSecond, 4.0 / 10.0); // over the 10 s watched so far
        QCOMPARE(rates->errorShare, 0.25);
        // Past the rate window nothing is left to count, but the rates stay known.
        watch.drain(t0 + 80s);
        QCOMPARE(watch.rates(t0 + 80s)->jobsPerSecond, 0.0);
    }

    void aDroppedSubscriptionForgetsTheWorkers()
    {
        QString error;
        auto server = RedisServer::start({}, &error);
        QVERIFY2(server, qPrintable(error));
        redis::ConnectionSettings settings;
        settings.endpoint = *redis::Endpoint::parse(server->endpoint());
        settings.connectTimeout = 500ms;
        EventWatch watch(settings, 3);
        const auto t0 = std::chrono::steady_clock::now();
        watch.drain(t0);
        publish(*server, u"worker.heartbeat"_s, workerEvent(u"worker-heartbeat"_s, u"w1@box"_s));
        watch.drain(t0 + 5s);
        QCOMPARE(watch.workers(t0 + 5s)->size(), 1);

        // The server closes every client: what was missed meanwhile is unknown.
        server->cli({u"CLIENT"_s, u"KILL"_s, u"TYPE"_s, u"pubsub"_s});
        QTest::qWait(50);
        QVERIFY_THROWS_EXCEPTION(redis::ConnectionError, watch.drain(t0 + 6s));
        QVERIFY(!watch.workers(t0 + 6s).has_value());
        watch.drain(t0 + 7s); // subscribes again
        QVERIFY(!watch.workers(t0 + 8s).has_value());
        QCOMPARE(watch.workers(t0 + 11s)->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCeleryEvents)
#include "TestCeleryEvents.moc"

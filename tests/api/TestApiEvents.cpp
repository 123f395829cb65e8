// The SSE stream over a raw socket: text/event-stream with an id on every event,
// cluster_disconnected when a Redis server stops, Last-Event-ID replay, filters, heartbeats,
// clients released when they leave and dropped when they stop reading.

#include "ApiHarness.h"
#include "SseReader.h"
#include "api/ApiServer.h"
#include "core/engine/Manager.h"
#include "support/RedisServer.h"

#include <QTest>

using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

auto ofType(const QString& type, const QString& cluster = {})
{
    return [type, cluster](const SseMessage& m) {
        return m.data.value(QStringLiteral("type")).toString() == type
            && (cluster.isEmpty() || m.data.value(QStringLiteral("cluster")).toString() == cluster);
    };
}

} // namespace

class TestApiEvents final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void streamsClusterDisconnectedAndReplays()
    {
        QString error;
        auto production = RedisServer::start({}, &error);
        QVERIFY2(production, qPrintable(error));
        auto staging = RedisServer::start({}, &error);
        QVERIFY2(staging, qPrintable(error));
        ApiHarness api(configFor({clusterFor(QStringLiteral("production"), production->endpoint()),
            clusterFor(QStringLiteral("staging"), staging->endpoint())}));
        QVERIFY2(api.start(&error), qPrintable(error));

        // From the start of the buffer: the connected events published before anyone listened.
        SseReader all(api.port(), QStringLiteral("/api/v1/events?last_event_id=0"));
        QVERIFY(all.waitForHeaders());
        QCOMPARE(all.status(), 200);
        QCOMPARE(all.header("Content-Type"), QByteArray("text/event-stream"));
        QVERIFY(
            all.waitFor(ofType(QStringLiteral("cluster_connected"), QStringLiteral("production"))));
        QVERIFY(
            all.waitFor(ofType(QStringLiteral("cluster_connected"), QStringLiteral("staging"))));

        SseReader onlyStaging(
            api.port(), QStringLiteral("/api/v1/events?cluster=staging&type=cluster_disconnected"));
        QVERIFY(onlyStaging.waitForHeaders());
        QTRY_COMPARE(api.server().sseClientCount(), 2);

        production->stop();
        QVERIFY(all.waitFor(
            ofType(QStringLiteral("cluster_disconnected"), QStringLiteral("production"))));
        // The API specification's event format, with an id line that matches the data's id.
        for (const SseMessage& m : all.messages()) {
            QVERIFY2(m.id.startsWith(QStringLiteral("evt-")), m.rawData.constData());
            QCOMPARE(m.data.value(QStringLiteral("id")).toString(), m.id);
            for (const char* key : {"id", "type", "cluster", "message", "timestamp"})
                QVERIFY2(m.data.contains(QLatin1String(key)), key);
        }
        QVERIFY(api.schema().check(all.messages().last().data, QStringLiteral("Event")).isEmpty());

        staging->stop();
        QVERIFY(onlyStaging.waitFor(
            ofType(QStringLiteral("cluster_disconnected"), QStringLiteral("staging"))));
        QVERIFY(
            all.waitFor(ofType(QStringLiteral("cluster_disconnected"), QStringLiteral("staging"))));
        for (const SseMessage& m : onlyStaging.messages()) {
            QCOMPARE(m.data.value(QStringLiteral("cluster")).toString(), QStringLiteral("staging"));
            QCOMPARE(m.data.value(QStringLiteral("type")).toString(),
                QStringLiteral("cluster_disconnected"));
        }

        // A client that reconnects with the id it saw last gets exactly what came after.
        const SseMessage& firstDisconnect
            = *std::find_if(all.messages().cbegin(), all.messages().cend(),
                ofType(QStringLiteral("cluster_disconnected"), QStringLiteral("production")));
        SseReader resumed(api.port(), QStringLiteral("/api/v1/events"),
            {{"Last-Event-ID", firstDisconnect.id.toUtf8()}});
        QVERIFY(resumed.waitForHeaders());
        QVERIFY(resumed.waitFor(
            ofType(QStringLiteral("cluster_disconnected"), QStringLiteral("staging"))));
        const qint64 after = Event::parseId(firstDisconnect.id);
        for (const SseMessage& m : resumed.messages())
            QVERIFY2(Event::parseId(m.id) > after, qPrintable(m.id));
        QVERIFY(!resumed.waitFor(
            ofType(QStringLiteral("cluster_disconnected"), QStringLiteral("production")), 200));

        // Leaving releases the client at once.
        const int before = api.server().sseClientCount();
        resumed.socket().abort();
        QTRY_COMPARE_WITH_TIMEOUT(api.server().sseClientCount(), before - 1, 2000);
    }

    void heartbeatAndBadRequests()
    {
        api::ApiServerOptions options;
        options.heartbeat = 100ms;
        ApiHarness api(configFor({clusterFor(QStringLiteral("a"),
                           QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))}),
            options);
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        SseReader reader(api.port(), QStringLiteral("/api/v1/events"));
        QVERIFY(reader.waitForHeaders());
        QVERIFY(reader.waitForComment("heartbeat", 2000));

        HttpResponse r
            = api.anonymous().get(QStringLiteral("/api/v1/events?type=cluster_exploded"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("type"));
        r = api.anonymous().get(QStringLiteral("/api/v1/events?cluster=bad%20name"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("cluster"));
        r = api.anonymous().get(QStringLiteral("/api/v1/events"), {{"Last-Event-ID", "yesterday"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("Last-Event-ID"));
        QVERIFY(
            api.conformance(QStringLiteral("GET"), QStringLiteral("/api/v1/events"), r).isEmpty());
    }

    void replayGapIsAnnounced()
    {
        ApiHarness api(configFor({clusterFor(
            QStringLiteral("a"), QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))}));
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        EventBus& bus = api.manager().events();
        for (qsizetype i = 0; i < bus.bufferSize() + 10; ++i)
            bus.publish(events::kConfigChanged, {}, QStringLiteral("filler %1").arg(i));
        SseReader reader(
            api.port(), QStringLiteral("/api/v1/events"), {{"Last-Event-ID", "evt-1"}});
        QVERIFY(reader.waitForHeaders());
        QVERIFY(reader.waitForComment("no longer buffered"));
        QVERIFY(reader.waitFor(
            [&bus](const SseMessage& m) { return Event::parseId(m.id) == bus.lastId(); }));
    }

    void aClientThatStopsReadingIsDropped()
    {
        api::ApiServerOptions options;
        options.sseMaxPendingBytes = 64 * 1024;
        ApiHarness api(configFor({clusterFor(QStringLiteral("a"),
                           QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))}),
            options);
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        SseReader stuck(api.port(), QStringLiteral("/api/v1/events"));
        SseReader healthy(api.port(), QStringLiteral("/api/v1/events"));
        QVERIFY(stuck.waitForHeaders());
        QVERIFY(healthy.waitForHeaders());
        QTRY_COMPARE(api.server().sseClientCount(), 2);
        stuck.pauseReading();
        const QString big(8 * 1024, u'x');
        // Far more than the kernel's socket buffers hold: the server's queue for the stuck client
        // must pass the bound, while the reading client keeps up.
        // One event per turn of the event loop, as the engine publishes them.
        for (int i = 0; i < 8000 && api.server().sseClientCount() == 2; ++i) {
            api.manager().events().publish(events::kConfigChanged, {}, big);
            QCoreApplication::processEvents();
        }
        QTRY_COMPARE_WITH_TIMEOUT(api.server().sseClientCount(), 1, 10000);
        // Once it reads again it finds the connection closed.
        stuck.resumeReading();
        QVERIFY(stuck.waitForClose());
        const qint64 last = api.manager()
                                .events()
                                .publish(events::kConfigChanged, {}, QStringLiteral("still here"))
                                .id;
        QVERIFY(
            healthy.waitFor([last](const SseMessage& m) { return Event::parseId(m.id) == last; }));
        const HttpResponse metrics = api.anonymous().get(QStringLiteral("/metrics"));
        QVERIFY2(metrics.body.contains("queuedeck_sse_dropped_clients_total{reason=\"slow\"} 1"),
            metrics.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestApiEvents)
#include "TestApiEvents.moc"

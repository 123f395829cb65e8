// What every request goes through before a controller sees it: routing (404, 405), the bearer
// token (401), api.read_only (403), the body limit (413, also for uploads the server refuses
// to buffer), the media type (415), malformed JSON and wrong types (400), and a server that
// keeps serving after all of it.

#include "ApiHarness.h"
#include "core/engine/Manager.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

using namespace qd;
using namespace qd::test;

namespace {

Config oneCluster()
{
    return configFor({clusterFor(
        QStringLiteral("production"), QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))});
}

// Sends raw bytes and returns what the server answered before closing or the timeout.
QByteArray rawExchange(quint16 port, const QByteArray& head, qint64 bodyBytes, int timeoutMs = 8000)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write(head);
    const QByteArray chunk(64 * 1024, 'x');
    QByteArray answer;
    QDeadlineTimer deadline(timeoutMs);
    qint64 sent = 0;
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        if (sent < bodyBytes && socket.bytesToWrite() < 256 * 1024) {
            socket.write(chunk.left(std::min<qint64>(chunk.size(), bodyBytes - sent)));
            sent += std::min<qint64>(chunk.size(), bodyBytes - sent);
        }
        QTest::qWait(1);
        answer += socket.readAll();
        if (answer.contains("\r\n\r\n") && answer.contains("}}"))
            break;
    }
    return answer;
}

} // namespace

class TestApiRequests final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_api = std::make_unique<ApiHarness>(oneCluster());
        QString error;
        QVERIFY2(m_api->start(&error), qPrintable(error));
    }

    void cleanup()
    {
        // Whatever happened, the server still answers.
        QCOMPARE(m_api->anonymous().get(QStringLiteral("/api/v1/clusters")).status, 200);
        m_api.reset();
    }

    void unknownRoutesAre404AndWrongMethods405()
    {
        HttpResponse r = m_api->anonymous().get(QStringLiteral("/api/v1/nothing"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
        r = m_api->anonymous().get(QStringLiteral("/"));
        QCOMPARE(r.status, 404);
        r = m_api->anonymous().send("PATCH", QStringLiteral("/api/v1/clusters/production"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.errorCode(), QStringLiteral("method_not_allowed"));
        QCOMPARE(r.header("allow"), QByteArray("GET, PUT, DELETE"));
        r = m_api->client().send("DELETE", QStringLiteral("/api/v1/stats"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("GET"));
        // A trailing slash names the same resource.
        QCOMPARE(m_api->anonymous().get(QStringLiteral("/api/v1/clusters/")).status, 200);
    }

    void headGetsNoBodyAndKeepsTheConnectionUsable()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_api->port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("HEAD /api/v1/clusters HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += socket.readAll()).contains("}}"));
        // The HEAD answer ends with its headers; the next bytes are the GET's answer.
        QVERIFY2(answer.startsWith("HTTP/1.1 405"), answer.constData());
        const qsizetype second = answer.indexOf("HTTP/1.1 404");
        QVERIFY2(second > 0, answer.constData());
        QVERIFY(answer.left(second).endsWith("\r\n\r\n"));
        QVERIFY(answer.left(second).contains("Allow: GET, POST"));
    }

    void mutationsNeedTheToken()
    {
        const QByteArray body = R"({"enabled":false})";
        const Headers json {{"Content-Type", "application/json"}};
        HttpResponse r
            = m_api->anonymous().send("PUT", QStringLiteral("/api/v1/ui/compare"), body, json);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(r.header("www-authenticate"), QByteArray("Bearer"));
        Headers wrong = json;
        wrong.append({"Authorization", QByteArray("Bearer ") + kTestToken + "x"});
        QCOMPARE(m_api->anonymous()
                     .send("PUT", QStringLiteral("/api/v1/ui/compare"), body, wrong)
                     .status,
            401);
        Headers basic = json;
        basic.append({"Authorization", QByteArray("Basic ") + QByteArray(kTestToken).toBase64()});
        QCOMPARE(m_api->anonymous()
                     .send("PUT", QStringLiteral("/api/v1/ui/compare"), body, basic)
                     .status,
            401);
        Headers prefix = json;
        prefix.append({"Authorization", QByteArray("Bearer ") + QByteArray(kTestToken).chopped(1)});
        QCOMPARE(m_api->anonymous()
                     .send("PUT", QStringLiteral("/api/v1/ui/compare"), body, prefix)
                     .status,
            401);
        Headers lower = json;
        lower.append({"Authorization", QByteArray("bearer ") + kTestToken});
        QCOMPARE(m_api->anonymous()
                     .send("PUT", QStringLiteral("/api/v1/ui/compare"), body, lower)
                     .status,
            200);
        QCOMPARE(
            m_api->anonymous().send("DELETE", QStringLiteral("/api/v1/clusters/production")).status,
            401);
        QCOMPARE(m_api->anonymous().send("POST", QStringLiteral("/api/v1/actions/x/cancel")).status,
            401);
        QVERIFY(m_api->manager().clusterNames().contains(QStringLiteral("production")));
        QVERIFY(m_api->conformance(QStringLiteral("PUT"), QStringLiteral("/api/v1/ui/compare"), r)
                    .isEmpty());
    }

    void readOnlyApiRefusesEveryMutation()
    {
        Config config = oneCluster();
        config.api.readOnly = true;
        ApiHarness api(config);
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        HttpResponse r = api.client().del(QStringLiteral("/api/v1/clusters/production"));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("read_only"));
        QVERIFY(
            api.conformance(QStringLiteral("DELETE"), QStringLiteral("/api/v1/clusters/{name}"), r)
                .isEmpty());
        r = api.client().put(
            QStringLiteral("/api/v1/ui/compare"), {{QStringLiteral("enabled"), true}});
        QCOMPARE(r.status, 403);
        r = api.client().post(QStringLiteral("/api/v1/actions"),
            {{QStringLiteral("type"), QStringLiteral("purge_dlq")},
                {QStringLiteral("targets"), QJsonArray {QStringLiteral("production")}}});
        QCOMPARE(r.status, 403);
        // Without the token it is still 401 first: nobody learns more than they may.
        QCOMPARE(api.anonymous().del(QStringLiteral("/api/v1/clusters/production")).status, 401);
        // Reads, including the compare POST, still work.
        QCOMPARE(api.anonymous().get(QStringLiteral("/api/v1/clusters")).status, 200);
        QVERIFY(api.anonymous()
                    .post(QStringLiteral("/api/v1/stats/compare"),
                        {{QStringLiteral("clusters"),
                            QJsonArray {QStringLiteral("production"), QStringLiteral("x")}}})
                    .status
            != 403);
        QVERIFY(api.manager().clusterNames().contains(QStringLiteral("production")));
    }

    void malformedBodies_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("not JSON") << QByteArray("application/json")
                                  << QByteArray("{\"enabled\": tru") << 400 << "invalid_json";
        QTest::newRow("array") << QByteArray("application/json") << QByteArray("[true]") << 400
                               << "invalid_json";
        QTest::newRow("empty") << QByteArray("application/json") << QByteArray() << 400
                               << "body_required";
        QTest::newRow("wrong type")
            << QByteArray("application/json") << QByteArray(R"({"enabled":"true"})") << 400
            << "invalid_field";
        QTest::newRow("null") << QByteArray("application/json") << QByteArray(R"({"enabled":null})")
                              << 400 << "invalid_field";
        QTest::newRow("unknown field")
            << QByteArray("application/json; charset=utf-8")
            << QByteArray(R"({"enabled":true,"mode":"x"})") << 400 << "unknown_field";
        QTest::newRow("text") << QByteArray("text/plain") << QByteArray(R"({"enabled":true})")
                              << 415 << "unsupported_media_type";
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                              << QByteArray("enabled=true") << 415 << "unsupported_media_type";
        QTest::newRow("no type") << QByteArray() << QByteArray(R"({"enabled":true})") << 415
                                 << "unsupported_media_type";
        QTest::newRow("binary") << QByteArray("application/json") << QByteArray("\x00\xff\xfe{", 4)
                                << 400 << "invalid_json";
    }

    void malformedBodies()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        Headers headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        const HttpResponse r
            = m_api->client().send("PUT", QStringLiteral("/api/v1/ui/compare"), body, headers);
        QVERIFY2(r.status == status, r.describe().constData());
        QCOMPARE(r.errorCode(), code);
        QVERIFY(
            !r.object()[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
        QVERIFY(m_api->conformance(QStringLiteral("PUT"), QStringLiteral("/api/v1/ui/compare"), r)
                    .isEmpty());
        QVERIFY(!m_api->manager().compareMode().enabled);
    }

    void bodiesOverTheLimitAre413()
    {
        Config config = oneCluster();
        config.api.maxBodyBytes = 1024;
        ApiHarness api(config);
        QString error;
        QVERIFY2(api.start(&error), qPrintable(error));
        // Over the limit but small enough to be read: the router refuses it.
        QJsonObject big {{QStringLiteral("name"), QStringLiteral("big")},
            {QStringLiteral("label"), QString(2000, u'x')}};
        HttpResponse r = api.client().post(QStringLiteral("/api/v1/clusters"), big);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
        QVERIFY(api.conformance(QStringLiteral("POST"), QStringLiteral("/api/v1/clusters"), r)
                    .isEmpty());
        QVERIFY(!api.manager().clusterNames().contains(QStringLiteral("big")));
        QCOMPARE(api.anonymous().get(QStringLiteral("/api/v1/clusters")).status, 200);
    }

    void hugeUploadsAreCutOff()
    {
        // 1 MiB limit (the default); a 64 MiB upload is answered 413 long before it ends.
        const QByteArray head = "POST /api/v1/clusters HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nAuthorization: Bearer "
            + QByteArray(kTestToken) + "\r\nContent-Length: " + QByteArray::number(64 << 20)
            + "\r\n\r\n";
        const QByteArray answer = rawExchange(m_api->port(), head, 64 << 20);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("payload_too_large"));
        // Also through a normal client.
        const HttpResponse r = m_api->client().send("POST", QStringLiteral("/api/v1/clusters"),
            QByteArray(3 << 20, ' '), {{"Content-Type", "application/json"}});
        QVERIFY2(r.status == 413, r.describe().constData());
        QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
    }

    void unknownQueryParametersAre400()
    {
        const HttpResponse r
            = m_api->anonymous().get(QStringLiteral("/api/v1/health?clustr=production"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("clustr"));
    }

private:
    std::unique_ptr<ApiHarness> m_api;
};

QTEST_GUILESS_MAIN(TestApiRequests)
#include "TestApiRequests.moc"

// A table of hostile requests against the real queuedeck-server: each gets its exact 4xx in
// the one error shape, no injected header comes back, and the process keeps serving (a
// follow-up GET succeeds; the process is alive).

#include "RawHttp.h"
#include "ServerProcess.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace qd::test;

namespace {

const QByteArray kToken = QByteArrayLiteral("hostile-test-token-0123456789");
using RawHeaders = QList<std::pair<QByteArray, QByteArray>>;

RawHeaders jsonWithToken()
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kToken}};
}

QByteArray nested(int depth, char open, char close, const QByteArray& inner = {})
{
    return QByteArray(depth, open) + inner + QByteArray(depth, close);
}

QByteArray actionWith(const QByteArray& parameters, const QByteArray& type = "peek")
{
    return R"({"type":")" + type + R"(","targets":["production"],"parameters":)" + parameters + "}";
}

} // namespace

class TestHostileInput final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<RedisServer> m_redis;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ServerProcess::binary()), "QD_SERVER_BIN not set");
        QString error;
        m_redis = RedisServer::start({}, &error);
        QVERIFY2(m_redis, qPrintable(error));
        QJsonObject config
            = serverConfig({serverCluster(QStringLiteral("production"), m_redis->endpoint())},
                {{QStringLiteral("token"), QString::fromLatin1(kToken)}}, m_dir.path());
        config.insert(QStringLiteral("actions"),
            QJsonObject {{QStringLiteral("require_confirmation"), true},
                {QStringLiteral("allowed_actions"),
                    QJsonArray {QStringLiteral("purge_dlq"), QStringLiteral("pause_queue"),
                        QStringLiteral("resume_queue"), QStringLiteral("benchmark"),
                        QStringLiteral("requeue_dlq"), QStringLiteral("peek")}}});
        m_server = std::make_unique<ServerProcess>(writeServerConfig(m_dir.path(), config),
            QStringLiteral("127.0.0.1:0"), m_dir.filePath(QStringLiteral("data")));
        m_port = m_server->waitForPort();
        QVERIFY2(m_port != 0, m_server->err().constData());
    }

    void cleanupTestCase()
    {
        if (m_server) {
            // Still alive after everything, and it stops cleanly.
            QVERIFY(m_server->isRunning());
            m_server->signal(SIGTERM);
            QCOMPARE(m_server->waitForExit(), 0);
        }
        m_server.reset();
        m_redis.reset();
    }

    void refusedAndStillServing_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<qint64>("fill"); // extra body bytes streamed after the request
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        const auto post = [](const QByteArray& target, const QByteArray& body) {
            return rawRequest("POST", target, jsonWithToken(), body);
        };
        const auto put = [](const QByteArray& target, const QByteArray& body) {
            return rawRequest("PUT", target, jsonWithToken(), body);
        };
        const auto get = [](const QByteArray& target) { return rawRequest("GET", target); };
        const auto row = [](const char* name) { return &QTest::newRow(name); };

        // Invalid UTF-8.
        *row("utf8: lone continuation byte")
            << put("/api/v1/ui/compare", "{\"enabled\":true,\"clusters\":[\"\x80\x80\"]}")
            << qint64(0) << 400 << "invalid_json";
        *row("utf8: overlong slash")
            << post("/api/v1/clusters", "{\"name\":\"a\xc0\xaf\",\"endpoint\":\"127.0.0.1:1\"}")
            << qint64(0) << 400 << "invalid_json";
        *row("utf8: surrogate half")
            << post("/api/v1/clusters", "{\"name\":\"\xed\xa0\x80\",\"endpoint\":\"127.0.0.1:1\"}")
            << qint64(0) << 400 << "invalid_json";
        *row("utf8: truncated sequence") << post("/api/v1/actions", "{\"type\":\"peek\xe2\x82\"}")
                                         << qint64(0) << 400 << "invalid_json";
        *row("utf8: in the path") << get("/api/v1/clusters/a%FF%FE") << qint64(0) << 400
                                  << "invalid_name";
        *row("utf8: in a query") << get("/api/v1/audit?cluster=%FF&limit=%C0%AF") << qint64(0)
                                 << 400 << "invalid_parameter";

        // Size.
        *row("10 MB body") << rawRequest("POST", "/api/v1/clusters", jsonWithToken(), {}, 10 << 20)
                           << qint64(10 << 20) << 413 << "payload_too_large";
        *row("10 MB body, no token") << rawRequest(
            "POST", "/api/v1/actions", {{"Content-Type", "application/json"}}, {}, 10 << 20)
                                     << qint64(10 << 20) << 413 << "payload_too_large";

        // Nesting.
        *row("100 000 nested arrays")
            << post("/api/v1/actions", actionWith(nested(100000, '[', ']'))) << qint64(0) << 400
            << "invalid_json";
        QByteArray objects;
        for (int i = 0; i < 100000; ++i)
            objects += "{\"a\":";
        objects += "1" + QByteArray(100000, '}');
        *row("100 000 nested objects")
            << post("/api/v1/actions", actionWith(objects)) << qint64(0) << 400 << "invalid_json";
        *row("100 000 unclosed arrays") << put("/api/v1/ui/compare", QByteArray(100000, '['))
                                        << qint64(0) << 400 << "invalid_json";
        *row("1000 nested in a parameter") << post("/api/v1/actions",
            actionWith("{\"queue\":\"high\",\"count\":" + nested(500, '[', ']', "1") + "}"))
                                           << qint64(0) << 400 << "invalid_parameter";

        // Numbers.
        *row("count negative") << post(
            "/api/v1/actions", actionWith(R"({"queue":"high","count":-1})"))
                               << qint64(0) << 400 << "invalid_parameter";
        *row("count zero") << post("/api/v1/actions", actionWith(R"({"queue":"high","count":0})"))
                           << qint64(0) << 400 << "invalid_parameter";
        *row("count 2^63") << post(
            "/api/v1/actions", actionWith(R"({"queue":"high","count":9223372036854775808})"))
                           << qint64(0) << 400 << "invalid_parameter";
        *row("count 1e300") << post(
            "/api/v1/actions", actionWith(R"({"queue":"high","count":1e300})"))
                            << qint64(0) << 400 << "invalid_parameter";
        *row("count -1e300") << post(
            "/api/v1/actions", actionWith(R"({"queue":"high","count":-1e300})"))
                             << qint64(0) << 400 << "invalid_parameter";
        *row("count fraction") << post(
            "/api/v1/actions", actionWith(R"({"queue":"high","count":2.5})"))
                               << qint64(0) << 400 << "invalid_parameter";
        *row("count as string") << post(
            "/api/v1/actions", actionWith(R"({"queue":"high","count":"5"})"))
                                << qint64(0) << 400 << "invalid_parameter";
        *row("benchmark count huge")
            << post("/api/v1/actions", actionWith(R"({"count":1000000000000})", "benchmark"))
            << qint64(0) << 400 << "invalid_parameter";
        *row("benchmark payload negative")
            << post("/api/v1/actions", actionWith(R"({"payload_bytes":-4096})", "benchmark"))
            << qint64(0) << 400 << "invalid_parameter";
        *row("benchmark pipeline negative")
            << post("/api/v1/actions", actionWith(R"({"pipeline":-1})", "benchmark")) << qint64(0)
            << 400 << "invalid_parameter";
        *row("requeue limit negative")
            << post("/api/v1/actions", actionWith(R"({"limit":-10})", "requeue_dlq")) << qint64(0)
            << 400 << "invalid_parameter";
        *row("requeue limit 2^64") << post(
            "/api/v1/actions", actionWith(R"({"limit":18446744073709551616})", "requeue_dlq"))
                                   << qint64(0) << 400 << "invalid_parameter";
        *row("cluster db negative")
            << post("/api/v1/clusters", R"({"name":"neg","endpoint":"127.0.0.1:1","db":-1})")
            << qint64(0) << 400 << "invalid_field";
        *row("cluster db huge") << post(
            "/api/v1/clusters", R"({"name":"big","endpoint":"127.0.0.1:1","db":1e300})")
                                << qint64(0) << 400 << "invalid_field";
        *row("cluster port huge") << post(
            "/api/v1/clusters", R"({"name":"port","endpoint":"127.0.0.1:99999999999"})")
                                  << qint64(0) << 400 << "invalid_field";
        *row("audit limit negative")
            << get("/api/v1/audit?limit=-1") << qint64(0) << 400 << "invalid_parameter";
        *row("audit limit huge") << get("/api/v1/audit?limit=99999999999999999999") << qint64(0)
                                 << 400 << "invalid_parameter";
        *row("trends since negative") << get("/api/v1/clusters/production/trends?since=-5m")
                                      << qint64(0) << 400 << "invalid_parameter";
        *row("trends since huge") << get(
            "/api/v1/clusters/production/trends?since=99999999999999999999h")
                                  << qint64(0) << 400 << "invalid_parameter";
        *row("audit time out of range") << get("/api/v1/audit?from=99999-01-01T00:00:00Z")
                                        << qint64(0) << 400 << "invalid_parameter";

        // Path traversal and NUL in names.
        *row("../ in a cluster path")
            << get("/api/v1/clusters/..%2F..%2Fetc%2Fpasswd") << qint64(0) << 400 << "invalid_name";
        *row("%2e%2e as a cluster")
            << get("/api/v1/clusters/%2e%2e") << qint64(0) << 400 << "invalid_name";
        *row("%2e%2e%2f in trends")
            << get("/api/v1/clusters/%2e%2e%2fconfig/trends") << qint64(0) << 400 << "invalid_name";
        *row("NUL in a cluster path")
            << get("/api/v1/clusters/production%00.json") << qint64(0) << 400 << "invalid_name";
        *row("DELETE ../config") << rawRequest(
            "DELETE", "/api/v1/clusters/..%2Fconfig", jsonWithToken())
                                 << qint64(0) << 400 << "invalid_name";
        *row("PUT traversal") << put(
            "/api/v1/clusters/..%2F..%2Ftmp%2Fx", R"({"endpoint":"127.0.0.1:1"})")
                              << qint64(0) << 400 << "invalid_name";
        *row("raw ../ segments") << get("/api/v1/clusters/../../../etc/passwd") << qint64(0) << 404
                                 << "not_found";
        *row("traversal in a new name")
            << post("/api/v1/clusters", R"({"name":"../../etc/passwd","endpoint":"127.0.0.1:1"})")
            << qint64(0) << 400 << "invalid_field";
        *row("NUL in a new name") << post(
            "/api/v1/clusters", R"({"name":"ok\u0000evil","endpoint":"127.0.0.1:1"})")
                                  << qint64(0) << 400 << "invalid_field";
        *row("traversal in an action id") << get("/api/v1/actions/..%2F..%2Fetc%2Fpasswd")
                                          << qint64(0) << 404 << "action_not_found";
        *row("traversal in a target")
            << post("/api/v1/actions", R"({"type":"peek","targets":["../production"]})")
            << qint64(0) << 404 << "cluster_not_found";

        // Header and log injection.
        *row("CR/LF in a label") << post("/api/v1/clusters",
            R"({"name":"evil","endpoint":"127.0.0.1:1","label":"Evil\r\nX-Injected: 1"})")
                                 << qint64(0) << 400 << "invalid_field";
        *row("CR/LF in a name") << post(
            "/api/v1/clusters", R"({"name":"evil\r\nX-Injected: 1","endpoint":"127.0.0.1:1"})")
                                << qint64(0) << 400 << "invalid_field";
        *row("CR/LF in a path") << get("/api/v1/clusters/a%0D%0AX-Injected:%201") << qint64(0)
                                << 400 << "invalid_name";
        *row("CR/LF in requested_by") << post("/api/v1/actions",
            R"({"type":"peek","targets":["production"],"requested_by":"x\r\nX-Injected: 1"})")
                                      << qint64(0) << 400 << "invalid_field";
        *row("CR/LF in confirmed_by")
            << post("/api/v1/actions/action-none/confirm", R"({"confirmed_by":"a\nb"})")
            << qint64(0) << 400 << "invalid_field";

        // Unknown action types.
        *row("unknown type") << post(
            "/api/v1/actions", R"({"type":"flushall","targets":["production"]})")
                             << qint64(0) << 400 << "unknown_action_type";
        *row("type with traversal")
            << post("/api/v1/actions", R"({"type":"../purge_dlq","targets":["production"]})")
            << qint64(0) << 400 << "unknown_action_type";
        *row("type empty") << post("/api/v1/actions", R"({"type":"","targets":["production"]})")
                           << qint64(0) << 400 << "unknown_action_type";
        *row("type not a string") << post(
            "/api/v1/actions", R"({"type":7,"targets":["production"]})")
                                  << qint64(0) << 400 << "invalid_field";

        // Content types.
        *row("text/plain") << rawRequest("PUT", "/api/v1/ui/compare",
            {{"Content-Type", "text/plain"}, {"Authorization", "Bearer " + kToken}},
            R"({"enabled":false})")
                           << qint64(0) << 415 << "unsupported_media_type";
        *row("multipart") << rawRequest("POST", "/api/v1/clusters",
            {{"Content-Type", "multipart/form-data; boundary=x"},
                {"Authorization", "Bearer " + kToken}},
            "--x\r\n\r\n{}\r\n--x--")
                          << qint64(0) << 415 << "unsupported_media_type";
        *row("no content type") << rawRequest("POST", "/api/v1/actions",
            {{"Authorization", "Bearer " + kToken}}, R"({"type":"peek"})")
                                << qint64(0) << 415 << "unsupported_media_type";
        *row("json as xml") << rawRequest("PUT", "/api/v1/ui/compare",
            {{"Content-Type", "application/xml"}, {"Authorization", "Bearer " + kToken}},
            "<enabled>false</enabled>")
                            << qint64(0) << 415 << "unsupported_media_type";

        // Methods.
        *row("PATCH a cluster") << rawRequest(
            "PATCH", "/api/v1/clusters/production", jsonWithToken(), "{}")
                                << qint64(0) << 405 << "method_not_allowed";
        *row("DELETE the list") << rawRequest("DELETE", "/api/v1/clusters", jsonWithToken())
                                << qint64(0) << 405 << "method_not_allowed";
        *row("PUT actions") << rawRequest("PUT", "/api/v1/actions", jsonWithToken(), "{}")
                            << qint64(0) << 405 << "method_not_allowed";
        *row("GET confirm") << get("/api/v1/actions/x/confirm") << qint64(0) << 405
                            << "method_not_allowed";
        *row("POST health") << rawRequest("POST", "/api/v1/health", jsonWithToken(), "{}")
                            << qint64(0) << 405 << "method_not_allowed";

        // Shapes.
        *row("body is a string") << post("/api/v1/actions", "\"purge_dlq\"") << qint64(0) << 400
                                 << "invalid_json";
        *row("trailing garbage") << put("/api/v1/ui/compare", R"({"enabled":false} {"x":1})")
                                 << qint64(0) << 400 << "invalid_json";
        *row("duplicate-free but huge target list") << post("/api/v1/actions",
            R"({"type":"peek","targets":[)" + QByteArray("\"nope\",").repeated(50000)
                + R"("nope"]})") << qint64(0) << 404 << "cluster_not_found";
        *row("unknown query parameter") << get("/api/v1/stats?cluster=production&$where=1")
                                        << qint64(0) << 400 << "unknown_parameter";
    }

    void refusedAndStillServing()
    {
        QFETCH(QByteArray, request);
        QFETCH(qint64, fill);
        QFETCH(int, status);
        QFETCH(QString, code);
        const RawResponse r = rawHttp(m_port, request, fill, 30000);
        QVERIFY2(r.status == status, r.describe().constData());
        QVERIFY2(r.errorCode() == code, r.describe().constData());
        // The one error shape: code and a message, nothing else besides the field.
        const QJsonObject error = r.object()[QStringLiteral("error")].toObject();
        QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
        for (const QString& key : error.keys())
            QVERIFY2(key == u"code" || key == u"message" || key == u"field", qPrintable(key));
        QCOMPARE(r.object().keys(), QStringList {QStringLiteral("error")});
        QVERIFY(r.headers.value("content-type").startsWith("application/json"));
        QVERIFY2(!r.headers.contains("x-injected"), r.raw.left(400).constData());
        // Still serving, same process.
        QVERIFY2(m_server->isRunning(), m_server->err().right(2000).constData());
        const RawResponse after = rawHttp(m_port, rawRequest("GET", "/api/v1/clusters"));
        QVERIFY2(after.status == 200, after.describe().constData());
        QCOMPARE(QJsonDocument::fromJson(after.body).array().size(), 1);
    }

    void garbageOnTheWireDoesNotStopTheServer_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
        QTest::newRow("NUL in the request line")
            << QByteArray("GET /api/v1/clus\0ters HTTP/1.1\r\n\r\n", 34);
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nnonsense\r\n\r\n");
        QTest::newRow("negative length")
            << QByteArray("POST /api/v1/actions HTTP/1.1\r\nContent-Length: -5\r\n\r\n{}");
        QTest::newRow("huge length") << QByteArray(
            "POST /api/v1/actions HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n");
        QTest::newRow("64 KiB header")
            << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(65536, 'a') + "\r\n\r\n");
        QTest::newRow("100 KiB path")
            << QByteArray("GET /" + QByteArray(100000, 'a') + " HTTP/1.1\r\n\r\n");
        QTest::newRow("chunked lie")
            << QByteArray("POST /api/v1/actions HTTP/1.1\r\nTransfer-Encoding: "
                          "chunked\r\n\r\nfffffffffffffff\r\n");
    }

    void garbageOnTheWireDoesNotStopTheServer()
    {
        // What these get back is the HTTP parser's business (often nothing, the connection is
        // closed); what matters is that no answer is a 5xx and the server keeps serving.
        QFETCH(QByteArray, bytes);
        const RawResponse r = rawHttp(m_port, bytes, 0, 3000);
        QVERIFY2(r.status < 500, r.describe().constData());
        QVERIFY2(m_server->isRunning(), m_server->err().right(2000).constData());
        const RawResponse after = rawHttp(m_port, rawRequest("GET", "/api/v1/health"));
        QVERIFY2(after.status == 200 || after.status == 503, after.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "TestHostileInput.moc"

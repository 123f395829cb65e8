// OpenTelemetry tracing end to end: the real queuedeck-server against real redis-servers,
// exporting OTLP/HTTP to a strict receiver (otlp-receiver.js, the official .proto schema).
// Asserts the span trees and attributes of a poll, an API request and a multi-cluster purge
// with a failing target, an injected traceparent becoming the parent, an injected WRONGTYPE
// marked on its span, trace ids in the log, the API and the audit log, zero rejected export
// requests in both encodings, and that with the receiver gone polling and the API carry on
// while the drop counters rise.

#include "HttpClient.h"
#include "ServerProcess.h"
#include "core/audit/AuditLog.h"
#include "support/ChildProcess.h"
#include "support/RedisServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <optional>

using namespace qd::test;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"tracing-test-token-0123456789"_s;
const QString kPassword = u"Tr4cePassw0rd-never-in-a-span"_s;
// Injected by the test as the caller's context.
const QByteArray kCallerTrace = "0af7651916cd43dd8448eb211c80319c";
const QByteArray kCallerSpan = "b7ad6b7169203331";
const QByteArray kActionTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
const QByteArray kActionCallerSpan = "00f067aa0ba902b7";

// One strict receiver process (node otlp-receiver.js) on a free loopback port.
class Receiver final {
public:
    Receiver()
    {
        ChildProcess::tieToTestProcess(m_process);
        m_process.start(qEnvironmentVariable("QD_NODE"),
            {qEnvironmentVariable("QD_OTLP_RECEIVER"), u"--port"_s, u"0"_s});
        QDeadlineTimer deadline(15000);
        static const QRegularExpression listening(u"listening (\\d+)"_s);
        while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(100);
            m_out += m_process.readAllStandardOutput();
            if (const auto match = listening.match(QString::fromUtf8(m_out)); match.hasMatch()) {
                m_port = static_cast<quint16>(match.captured(1).toUInt());
                break;
            }
        }
        m_client.setBase(QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)));
    }
    ~Receiver() { stop(); }

    quint16 port() const { return m_port; }
    QString url() const { return u"http://127.0.0.1:%1"_s.arg(m_port); }
    QString log() { return QString::fromUtf8(m_process.readAllStandardError()); }
    HttpClient& client() { return m_client; }

    QJsonArray spans() { return m_client.get(u"/spans"_s).array(); }
    QJsonObject stats() { return m_client.get(u"/stats"_s).object(); }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

private:
    QProcess m_process;
    QByteArray m_out;
    quint16 m_port = 0;
    HttpClient m_client;
};

QJsonObject attrs(const QJsonObject& span)
{
    return span.value(u"attributes"_s).toObject();
}

std::optional<QJsonObject> find(
    const QJsonArray& spans, const std::function<bool(const QJsonObject&)>& match)
{
    for (const QJsonValue& v : spans) {
        if (match(v.toObject()))
            return v.toObject();
    }
    return std::nullopt;
}

QList<QJsonObject> childrenOf(const QJsonArray& spans, const QJsonObject& parent)
{
    QList<QJsonObject> children;
    for (const QJsonValue& v : spans) {
        const QJsonObject s = v.toObject();
        if (s.value(u"parentSpanId"_s) == parent.value(u"spanId"_s)
            && s.value(u"traceId"_s) == parent.value(u"traceId"_s))
            children.append(s);
    }
    return children;
}

int statusCode(const QJsonObject& span)
{
    return span.value(u"status"_s).toObject().value(u"code"_s).toInt();
}

QString describe(const QJsonArray& spans)
{
    QStringList names;
    for (const QJsonValue& v : spans)
        names.append(v.toObject().value(u"name"_s).toString());
    names.removeDuplicates();
    return names.join(u", "_s);
}

double metric(const QByteArray& exposition, const QByteArray& series)
{
    for (const QByteArray& line : exposition.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

QJsonObject tracedConfig(const QJsonArray& clusters, const QString& dir)
{
    QJsonObject config = serverConfig(clusters, {{u"token"_s, kToken}}, dir);
    config.insert(u"actions"_s, QJsonObject {{u"require_confirmation"_s, false}});
    config.insert(u"tracing"_s, QJsonObject {{u"enabled"_s, true}, {u"poll_sample_ratio"_s, 1.0}});
    return config;
}

QProcessEnvironment exporterEnv(const Receiver& receiver, const QString& protocol)
{
    QProcessEnvironment env;
    env.insert(u"OTEL_EXPORTER_OTLP_ENDPOINT"_s, receiver.url());
    env.insert(u"OTEL_EXPORTER_OTLP_PROTOCOL"_s, protocol);
    env.insert(u"OTEL_BSP_SCHEDULE_DELAY"_s, u"100"_s);
    env.insert(u"OTEL_EXPORTER_OTLP_TIMEOUT"_s, u"2000"_s);
    return env;
}

} // namespace

class TestTracing final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ServerProcess::binary()), "QD_SERVER_BIN not set");
        QVERIFY2(QFile::exists(qEnvironmentVariable("QD_OTLP_RECEIVER")), "QD_OTLP_RECEIVER");
    }

    // The receiver is what makes the other assertions worth anything: it must refuse the
    // classic OTLP/JSON mistakes that a lenient collector would swallow.
    void receiverRejectsWhatTheSchemaForbids()
    {
        Receiver receiver;
        QVERIFY2(receiver.port() != 0, qPrintable(receiver.log()));
        const QByteArray good
            = R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"t"}}]},"scopeSpans":[{"scope":{"name":"t"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"","name":"LLEN","kind":3,"startTimeUnixNano":"1718000000000000000","endTimeUnixNano":"1718000000001200000","attributes":[{"key":"server.port","value":{"intValue":"6379"}}],"status":{"code":1}}]}]}]})";
        const auto post = [&](const QByteArray& body) {
            return receiver.client()
                .send("POST", u"/v1/traces"_s, body, {{"Content-Type", "application/json"}})
                .status;
        };
        QCOMPARE(post(good), 200);
        const QList<std::pair<QByteArray, QByteArray>> mistakes {
            {"\"startTimeUnixNano\"", "\"start_time_unix_nano\""}, // snake_case key
            {"\"kind\":3", "\"kind\":\"SPAN_KIND_CLIENT\""}, // enum name
            {"\"code\":1", "\"code\":\"STATUS_CODE_OK\""},
            {"5b8efff798038103d269b633813fc60c", "5B8EFFF798038103D269B633813FC60C"}, // case
            {"eee19b7ec3c1b174", "7uGbfsPBsXQ="}, // base64 id
            {"eee19b7ec3c1b174", "eee19b7ec3c1b1"}, // short id
            {"5b8efff798038103d269b633813fc60c", "00000000000000000000000000000000"},
            {"1718000000000000000", "1718000000000"}, // milliseconds
            {"service.name", "service.nam"}, // no service.name
            {"\"stringValue\":\"t\"", "\"string_value\":\"t\""},
            {"\"name\":\"LLEN\"", "\"name\":\"LLEN\",\"colour\":\"red\""}, // unknown field
        };
        for (const auto& [from, to] : mistakes) {
            QByteArray bad = good;
            bad.replace(from, to);
            QVERIFY(bad != good);
            QVERIFY2(post(bad) == 400, bad.constData());
        }
        QCOMPARE(receiver.client()
                     .send("POST", u"/v1/traces"_s, "\x0a\x05garbage",
                         {{"Content-Type", "application/x-protobuf"}})
                     .status,
            400);
        const QJsonObject stats = receiver.stats();
        QCOMPARE(stats.value(u"accepted"_s).toInt(), 1);
        QCOMPARE(stats.value(u"rejected"_s).toInt(), static_cast<int>(mistakes.size()) + 1);
    }

    void tracesPollsRequestsAndActions()
    {
        QString error;
        RedisServerOptions withPassword;
        withPassword.password = kPassword;
        auto alpha = RedisServer::start(withPassword, &error);
        QVERIFY2(alpha, qPrintable(error));
        auto beta = RedisServer::start({}, &error);
        QVERIFY2(beta, qPrintable(error));
        for (RedisServer* redis : {alpha.get(), beta.get()})
            redis->cli({u"RPUSH"_s, u"jobqueue:dead_letter"_s, u"d1"_s, u"d2"_s});
        // Database 1 of beta holds the queue key as a string: every poll of "typed" gets
        // WRONGTYPE for it.
        beta->cli({u"-n"_s, u"1"_s, u"SET"_s, u"jobqueue:high_priority"_s, u"oops"_s});
        QJsonObject typed = serverCluster(u"typed"_s, beta->endpoint());
        typed.insert(u"db"_s, 1);

        Receiver receiver;
        QVERIFY2(receiver.port() != 0, qPrintable(receiver.log()));
        QTemporaryDir dir;
        const QString config = writeServerConfig(dir.path(),
            tracedConfig(
                {serverCluster(u"alpha"_s, alpha->endpoint(), kPassword),
                    serverCluster(u"beta"_s, beta->endpoint()),
                    serverCluster(u"gone"_s, u"127.0.0.1:%1"_s.arg(freeLoopbackPort())), typed},
                dir.path()));
        ServerProcess server(config, u"127.0.0.1:0"_s, dir.filePath(u"data"_s),
            exporterEnv(receiver, u"http/protobuf"_s));
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, server.err().constData());
        HttpClient api(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        api.setToken(kToken.toUtf8());

        // --- a poll: queuedeck.poll (INTERNAL, a root) over the Redis pipeline (CLIENT)
        QJsonArray spans;
        std::optional<QJsonObject> poll;
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                spans = receiver.spans();
                poll = find(spans, [&](const QJsonObject& s) {
                    return s.value(u"name"_s).toString() == u"queuedeck.poll"
                        && attrs(s).value(u"queuedeck.cluster.name"_s).toString() == u"alpha"
                        && !childrenOf(spans, s).isEmpty();
                });
                return poll.has_value();
            }(),
            qPrintable(describe(spans) + receiver.log()), 15000);
        QCOMPARE(poll->value(u"kind"_s).toInt(), 1);
        QCOMPARE(poll->value(u"parentSpanId"_s).toString(), QString());
        QCOMPARE(statusCode(*poll), 0);
        QCOMPARE(poll->value(u"resource"_s).toObject().value(u"service.name"_s).toString(),
            u"queuedeck-server"_s);
        const QList<QJsonObject> pipeline = childrenOf(spans, *poll);
        QCOMPARE(pipeline.size(), 1);
        const QJsonObject redisSpan = pipeline.first();
        const QJsonObject ra = attrs(redisSpan);
        QCOMPARE(redisSpan.value(u"kind"_s).toInt(), 3);
        QCOMPARE(redisSpan.value(u"name"_s).toString(), u"PIPELINE"_s);
        QCOMPARE(ra.value(u"db.system.name"_s).toString(), u"redis"_s);
        QCOMPARE(ra.value(u"db.system"_s).toString(), u"redis"_s);
        QCOMPARE(ra.value(u"db.operation.name"_s).toString(), u"PIPELINE"_s);
        QCOMPARE(ra.value(u"db.namespace"_s).toString(), u"0"_s);
        QCOMPARE(ra.value(u"server.address"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(ra.value(u"server.port"_s).toInt(), static_cast<int>(alpha->port()));
        QVERIFY(ra.value(u"db.operation.batch.size"_s).toInt() >= 2);

        // --- an injected WRONGTYPE: marked on the Redis span and on its poll
        std::optional<QJsonObject> wrongType;
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                spans = receiver.spans();
                wrongType = find(spans, [](const QJsonObject& s) {
                    return s.value(u"kind"_s).toInt() == 3
                        && attrs(s).value(u"queuedeck.cluster.name"_s).toString() == u"typed"
                        && statusCode(s) == 2;
                });
                return wrongType.has_value();
            }(),
            qPrintable(describe(spans)), 10000);
        QCOMPARE(attrs(*wrongType).value(u"error.type"_s).toString(), u"WRONGTYPE"_s);
        QCOMPARE(attrs(*wrongType).value(u"db.response.status_code"_s).toString(), u"WRONGTYPE"_s);
        QCOMPARE(attrs(*wrongType).value(u"db.namespace"_s).toString(), u"1"_s);
        const auto failedPoll = find(spans, [&](const QJsonObject& s) {
            return s.value(u"spanId"_s) == wrongType->value(u"parentSpanId"_s);
        });
        QVERIFY(failedPoll);
        QCOMPARE(failedPoll->value(u"name"_s).toString(), u"queuedeck.poll"_s);
        QCOMPARE(statusCode(*failedPoll), 2);

        // --- an API request with the caller's traceparent
        const HttpResponse got = api.get(u"/api/v1/clusters/alpha"_s,
            {{"traceparent", "00-" + kCallerTrace + '-' + kCallerSpan + "-01"}});
        QCOMPARE(got.status, 200);
        std::optional<QJsonObject> request;
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                spans = receiver.spans();
                request = find(spans, [](const QJsonObject& s) {
                    return s.value(u"traceId"_s) == QString::fromLatin1(kCallerTrace);
                });
                return request.has_value();
            }(),
            qPrintable(describe(spans)), 10000);
        QCOMPARE(request->value(u"name"_s).toString(), u"GET /api/v1/clusters/{name}"_s);
        QCOMPARE(request->value(u"kind"_s).toInt(), 2);
        QCOMPARE(request->value(u"parentSpanId"_s).toString(), QString::fromLatin1(kCallerSpan));
        QCOMPARE(attrs(*request).value(u"http.request.method"_s).toString(), u"GET"_s);
        QCOMPARE(attrs(*request).value(u"http.route"_s).toString(), u"/api/v1/clusters/{name}"_s);
        QCOMPARE(attrs(*request).value(u"http.response.status_code"_s).toInt(), 200);

        // --- a purge of three clusters, one unreachable, started under the caller's trace
        const HttpResponse submitted = api.send("POST", u"/api/v1/actions"_s,
            QJsonDocument(QJsonObject {{u"type"_s, u"purge_dlq"_s},
                              {u"targets"_s, QJsonArray {u"alpha"_s, u"beta"_s, u"gone"_s}}})
                .toJson(),
            {{"Content-Type", "application/json"},
                {"traceparent", "00-" + kActionTrace + '-' + kActionCallerSpan + "-01"}});
        QVERIFY2(
            submitted.status == 200 || submitted.status == 202, submitted.describe().constData());
        const QString actionId = submitted.object().value(u"id"_s).toString();
        QCOMPARE(
            submitted.object().value(u"trace_id"_s).toString(), QString::fromLatin1(kActionTrace));
        QTRY_COMPARE_WITH_TIMEOUT(
            api.get(u"/api/v1/actions/"_s + actionId).object().value(u"status"_s).toString(),
            u"failed"_s, 15000);

        std::optional<QJsonObject> action;
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                spans = receiver.spans();
                action = find(spans, [](const QJsonObject& s) {
                    return s.value(u"name"_s).toString() == u"queuedeck.purge_dlq";
                });
                return action && childrenOf(spans, *action).size() == 3;
            }(),
            qPrintable(describe(spans)), 10000);
        QCOMPARE(action->value(u"traceId"_s).toString(), QString::fromLatin1(kActionTrace));
        QCOMPARE(statusCode(*action), 2);
        QCOMPARE(action->value(u"status"_s).toObject().value(u"message"_s).toString(),
            u"1/3 clusters failed"_s);
        const auto post = find(spans, [&](const QJsonObject& s) {
            return s.value(u"spanId"_s) == action->value(u"parentSpanId"_s);
        });
        QVERIFY2(post, "the action's parent span was not exported");
        QCOMPARE(post->value(u"name"_s).toString(), u"POST /api/v1/actions"_s);
        QCOMPARE(post->value(u"parentSpanId"_s).toString(), QString::fromLatin1(kActionCallerSpan));
        for (const QJsonObject& target : childrenOf(spans, *action)) {
            const QString cluster = attrs(target).value(u"queuedeck.cluster.name"_s).toString();
            QCOMPARE(target.value(u"name"_s).toString(), u"queuedeck.purge_dlq.cluster"_s);
            const QList<QJsonObject> redisWork = childrenOf(spans, target);
            for (const QJsonObject& r : redisWork) {
                QCOMPARE(r.value(u"kind"_s).toInt(), 3);
                QCOMPARE(attrs(r).value(u"db.system.name"_s).toString(), u"redis"_s);
                QCOMPARE(attrs(r).value(u"queuedeck.cluster.name"_s).toString(), cluster);
            }
            if (cluster == u"gone") {
                // Refused at connect: no round trip to show, the reason is on the target.
                QCOMPARE(statusCode(target), 2);
                QVERIFY2(target.value(u"status"_s)
                             .toObject()
                             .value(u"message"_s)
                             .toString()
                             .contains(u"gone"_s),
                    QJsonDocument(target).toJson().constData());
            } else {
                QVERIFY2(statusCode(target) != 2, qPrintable(cluster));
                QVERIFY2(!redisWork.isEmpty(), qPrintable(cluster));
            }
        }

        // No payloads, keys or passwords in any attribute.
        for (const QJsonValue& v : std::as_const(spans)) {
            const QByteArray a = QJsonDocument(attrs(v.toObject())).toJson();
            QVERIFY2(!a.contains(kPassword.toUtf8()), a.constData());
            QVERIFY2(!a.contains("jobqueue:"), a.constData());
            QVERIFY2(!a.contains("d1"), a.constData());
        }

        // Trace ids in the log (a JSON line inside the action's span) and in the audit log.
        bool logged = false;
        for (const QByteArray& line : server.err().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            if (entry.value(u"message"_s).toString().contains(actionId)
                && entry.value(u"trace_id"_s).toString() == QString::fromLatin1(kActionTrace)
                && entry.value(u"span_id"_s).toString() == action->value(u"spanId"_s).toString())
                logged = true;
        }
        QVERIFY2(logged, server.err().right(3000).constData());
        {
            qd::AuditLog audit(dir.filePath(u"audit.sqlite"_s));
            const auto recorded = audit.latest(actionId);
            QVERIFY(recorded);
            QCOMPARE(recorded->traceId, QString::fromLatin1(kActionTrace));
        }

        QJsonObject stats = receiver.stats();
        QVERIFY2(
            stats.value(u"rejected"_s).toInt() == 0, QJsonDocument(stats).toJson().constData());
        QCOMPARE(
            stats.value(u"contentTypes"_s).toArray(), QJsonArray {u"application/x-protobuf"_s});

        // --- the receiver goes away: polling and the API carry on, the counters rise
        const QByteArray before = api.get(u"/metrics"_s).body;
        const double failuresBefore = metric(before, "queuedeck_trace_export_failures_total");
        const double droppedBefore
            = metric(before, "queuedeck_trace_spans_dropped_total{reason=\"export_failed\"}");
        QVERIFY2(failuresBefore >= 0 && droppedBefore >= 0, before.constData());
        receiver.stop();
        const QByteArray polledAt = api.get(u"/api/v1/stats?cluster=alpha"_s).body;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QByteArray now = api.get(u"/metrics"_s).body;
                return metric(now, "queuedeck_trace_export_failures_total") > failuresBefore
                    && metric(now, "queuedeck_trace_spans_dropped_total{reason=\"export_failed\"}")
                    > droppedBefore;
            }(),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(api.get(u"/api/v1/stats?cluster=alpha"_s).body != polledAt, 5000);
        QCOMPARE(api.get(u"/api/v1/clusters/alpha"_s).status, 200);

        QDeadlineTimer exit(10000);
        server.signal(SIGTERM);
        QCOMPARE(server.waitForExit(), 0);
        QVERIFY2(exit.remainingTime() > 4000, "the exit flush took longer than a few seconds");
    }

    void jsonEncodingIsAcceptedToo()
    {
        QString error;
        auto redis = RedisServer::start({}, &error);
        QVERIFY2(redis, qPrintable(error));
        Receiver receiver;
        QVERIFY2(receiver.port() != 0, qPrintable(receiver.log()));
        QTemporaryDir dir;
        const QString config = writeServerConfig(
            dir.path(), tracedConfig({serverCluster(u"solo"_s, redis->endpoint())}, dir.path()));
        QProcessEnvironment env = exporterEnv(receiver, u"http/json"_s);
        env.insert(u"OTEL_SERVICE_NAME"_s, u"queues-under-test"_s);
        env.insert(u"OTEL_RESOURCE_ATTRIBUTES"_s, u"deployment.environment.name=test"_s);
        ServerProcess server(config, u"127.0.0.1:0"_s, dir.filePath(u"data"_s), env);
        QVERIFY2(server.waitForPort() != 0, server.err().constData());
        QJsonArray spans;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (spans = receiver.spans()).size() >= 2, qPrintable(receiver.log()), 15000);
        const QJsonObject resource = spans.first().toObject().value(u"resource"_s).toObject();
        QCOMPARE(resource.value(u"service.name"_s).toString(), u"queues-under-test"_s);
        QCOMPARE(resource.value(u"deployment.environment.name"_s).toString(), u"test"_s);
        const QJsonObject stats = receiver.stats();
        QVERIFY2(stats.value(u"rejected"_s).toInt() == 0, qPrintable(receiver.log()));
        QCOMPARE(stats.value(u"contentTypes"_s).toArray(), QJsonArray {u"application/json"_s});
        server.signal(SIGTERM);
        QCOMPARE(server.waitForExit(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTracing)
#include "TestTracing.moc"

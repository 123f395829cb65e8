// Passwords never leave queuedeck-server: with a marker in every password (inline, in a
// redis:// URL, through password_env for an ACL user, wrong ones, one for a server that is not
// there), real traffic, actions that succeed and fail, config saves, the event stream, metrics,
// the audit log and a failed start, the marker appears in no response body or header, no log
// line (JSON and text), no event, no audit row (the database file itself), and no start-up
// error message.

#include "HttpClient.h"
#include "RawHttp.h"
#include "ServerProcess.h"
#include "SseReader.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisServer.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace qd;
using namespace qd::test;

namespace {

// Every password below starts with this; finding it anywhere is a leak.
const QString kMarker = QStringLiteral("Zq9MarkerPw");
const QString kPlainPassword = kMarker + QStringLiteral("-plain-0451");
const QString kAclPassword = kMarker + QStringLiteral("-acl-7731");
const QString kToken = QStringLiteral("secrets-test-token-0123456789");

QByteArray everything(const HttpResponse& r)
{
    QByteArray out = QByteArray::number(r.status) + ' ' + r.body + ' ' + r.networkError.toUtf8();
    for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it)
        out += '\n' + it.key() + ": " + it.value();
    return out;
}

QJsonObject cluster(const QString& name, const QString& endpoint)
{
    return serverCluster(name, endpoint);
}

QStringList leaks(const QByteArray& haystack, const QString& where)
{
    QStringList found;
    qsizetype at = haystack.indexOf(kMarker.toUtf8());
    while (at >= 0) {
        found.append(where + QStringLiteral(": …")
            + QString::fromUtf8(haystack.mid(std::max<qsizetype>(0, at - 80), 160)) + u'…');
        at = haystack.indexOf(kMarker.toUtf8(), at + 1);
    }
    return found;
}

} // namespace

class TestSecretsNeverLeak final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ServerProcess::binary()), "QD_SERVER_BIN not set");
    }

    void noMarkerAnywhere_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("JSON log") << QStringList();
        QTest::newRow("text log, verbose") << QStringList {
            QStringLiteral("--log-format"), QStringLiteral("text"), QStringLiteral("--verbose")};
    }

    void noMarkerAnywhere()
    {
        QFETCH(QStringList, args);
        QString error;
        RedisServerOptions plainOptions;
        plainOptions.password = kPlainPassword;
        auto plain = RedisServer::start(plainOptions, &error);
        QVERIFY2(plain, qPrintable(error));
        RedisServerOptions aclOptions;
        aclOptions.aclUser = QStringLiteral("queuedeck");
        aclOptions.aclPassword = kAclPassword;
        aclOptions.aclOnly = true;
        auto acl = RedisServer::start(aclOptions, &error);
        QVERIFY2(acl, qPrintable(error));

        // Traffic with dead letters on the plain server.
        loadgen::LoadgenOptions traffic;
        traffic.cluster.name = QStringLiteral("traffic");
        traffic.cluster.endpoint = plain->endpoint();
        traffic.cluster.password = kPlainPassword;
        traffic.producers = 1;
        traffic.rate = 100;
        traffic.workers = 2;
        traffic.jobDuration = loadgen::JobDuration {Millis(5)};
        traffic.failureRatio = 0.5;
        traffic.maxRetries = 0;
        traffic.statsInterval = Millis(0);
        traffic.blockTimeout = Millis(100);
        auto run = std::make_unique<loadgen::LoadRunner>(traffic);
        QVERIFY2(run->start(&error), qPrintable(error));

        QTemporaryDir dir;
        QJsonObject withPassword = cluster(QStringLiteral("plain"), plain->endpoint());
        withPassword.insert(QStringLiteral("password"), kPlainPassword);
        QJsonObject viaUrl = cluster(QStringLiteral("url"),
            QStringLiteral("redis://:%1@%2/0").arg(kPlainPassword, plain->endpoint()));
        QJsonObject viaEnv = cluster(QStringLiteral("acl"), acl->endpoint());
        viaEnv.insert(QStringLiteral("username"), QStringLiteral("queuedeck"));
        viaEnv.insert(QStringLiteral("password_env"), QStringLiteral("QD_TEST_SECRET"));
        QJsonObject wrong = cluster(QStringLiteral("wrong"), plain->endpoint());
        wrong.insert(QStringLiteral("password"), QString(kMarker + QStringLiteral("-wrong-1")));
        QJsonObject wrongAcl = cluster(QStringLiteral("wrongacl"), acl->endpoint());
        wrongAcl.insert(QStringLiteral("username"), QStringLiteral("queuedeck"));
        wrongAcl.insert(QStringLiteral("password"), QString(kMarker + QStringLiteral("-wrong-2")));
        QJsonObject gone = cluster(
            QStringLiteral("gone"), QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()));
        gone.insert(QStringLiteral("password"), QString(kMarker + QStringLiteral("-gone-3")));
        QJsonObject config = serverConfig({withPassword, viaUrl, viaEnv, wrong, wrongAcl, gone},
            {{QStringLiteral("token"), kToken}}, dir.path());
        config.insert(QStringLiteral("actions"),
            QJsonObject {{QStringLiteral("require_confirmation"), false},
                {QStringLiteral("allowed_actions"),
                    QJsonArray {QStringLiteral("purge_dlq"), QStringLiteral("pause_queue"),
                        QStringLiteral("resume_queue"), QStringLiteral("benchmark"),
                        QStringLiteral("requeue_dlq"), QStringLiteral("peek")}}});
        QProcessEnvironment env;
        env.insert(QStringLiteral("QD_TEST_SECRET"), kAclPassword);
        ServerProcess server(writeServerConfig(dir.path(), config), QStringLiteral("127.0.0.1:0"),
            dir.filePath(QStringLiteral("data")), env, args);
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, server.err().constData());

        QStringList found;
        SseReader events(port, QStringLiteral("/api/v1/events?last_event_id=0"));
        QVERIFY(events.waitForHeaders());
        HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        client.setToken(kToken.toUtf8());
        // Connected where the password is right, refused where it is wrong. Reachability, not
        // the 200 of a healthy cluster: the traffic's dead letters, or a worker's heartbeat
        // late on a loaded machine, may make the plain server unhealthy, and that is not tested.
        const auto reachable = [&](const QString& name) {
            return client.get(QStringLiteral("/api/v1/health?cluster=") + name)
                .object()[QStringLiteral("reachable")]
                .toBool();
        };
        QTRY_VERIFY_WITH_TIMEOUT(reachable(QStringLiteral("plain"))
                && reachable(QStringLiteral("acl")) && reachable(QStringLiteral("url")),
            15000);
        QTRY_VERIFY_WITH_TIMEOUT(client.get(QStringLiteral("/api/v1/stats?cluster=plain"))
                                     .object()[QStringLiteral("dead_letter_count")]
                                     .toInt()
                > 0,
            15000);
        const HttpResponse wrongHealth = client.get(QStringLiteral("/api/v1/health?cluster=wrong"));
        QCOMPARE(wrongHealth.status, 503);

        // Actions that work, and ones that fail on the wrong and the missing server.
        const auto act = [&](const QString& type, const QStringList& targets,
                             const QJsonObject& parameters = {}) {
            const HttpResponse r = client.post(QStringLiteral("/api/v1/actions"),
                {{QStringLiteral("type"), type},
                    {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
                    {QStringLiteral("parameters"), parameters}});
            found += leaks(everything(r), QStringLiteral("POST /actions ") + type);
            return r;
        };
        const QJsonObject high {{QStringLiteral("queue"), QStringLiteral("high")}};
        QCOMPARE(act(QStringLiteral("peek"), {QStringLiteral("plain")},
                     {{QStringLiteral("queue"), QStringLiteral("dead_letter")}})
                     .status,
            200);
        act(QStringLiteral("pause_queue"), {QStringLiteral("plain"), QStringLiteral("acl")}, high);
        act(QStringLiteral("resume_queue"), {QStringLiteral("plain"), QStringLiteral("acl")}, high);
        act(QStringLiteral("benchmark"), {QStringLiteral("url")}, {{QStringLiteral("count"), 200}});
        act(QStringLiteral("requeue_dlq"), {QStringLiteral("plain")});
        act(QStringLiteral("purge_dlq"), {QStringLiteral("acl")});
        const HttpResponse failed = act(QStringLiteral("purge_dlq"),
            {QStringLiteral("wrong"), QStringLiteral("wrongacl"), QStringLiteral("gone")});
        QVERIFY2(failed.status == 200 || failed.status == 409, failed.describe().constData());

        // Config saves with passwords in every form.
        QJsonObject added = cluster(QStringLiteral("added"), plain->endpoint());
        added.insert(QStringLiteral("password"), kPlainPassword);
        added.insert(QStringLiteral("db"), 2);
        found += leaks(everything(client.post(QStringLiteral("/api/v1/clusters"), added)),
            QStringLiteral("POST /clusters"));
        found += leaks(
            everything(client.put(QStringLiteral("/api/v1/clusters/added"),
                {{QStringLiteral("endpoint"),
                    QStringLiteral("redis://:%1@%2/3").arg(kPlainPassword, plain->endpoint())}})),
            QStringLiteral("PUT /clusters url"));
        // A refused change that quotes what it got.
        found += leaks(
            everything(client.post(QStringLiteral("/api/v1/clusters"),
                {{QStringLiteral("name"), QStringLiteral("bad")},
                    {QStringLiteral("endpoint"),
                        QStringLiteral("redis://:%1@127.0.0.1:99999").arg(kPlainPassword)}})),
            QStringLiteral("POST bad endpoint"));
        found += leaks(everything(client.post(QStringLiteral("/api/v1/clusters"),
                           {{QStringLiteral("name"), QStringLiteral("bad2")},
                               {QStringLiteral("endpoint"), plain->endpoint()},
                               {QStringLiteral("password"), kPlainPassword},
                               {QStringLiteral("colour"), QStringLiteral("red")}})),
            QStringLiteral("POST unknown field"));

        // Every read.
        for (const QString& path : {QStringLiteral("/api/v1/clusters"),
                 QStringLiteral("/api/v1/clusters/plain"), QStringLiteral("/api/v1/clusters/url"),
                 QStringLiteral("/api/v1/clusters/acl"), QStringLiteral("/api/v1/clusters/wrong"),
                 QStringLiteral("/api/v1/clusters/wrongacl"),
                 QStringLiteral("/api/v1/clusters/gone"), QStringLiteral("/api/v1/clusters/added"),
                 QStringLiteral("/api/v1/clusters/plain/trends"), QStringLiteral("/api/v1/stats"),
                 QStringLiteral("/api/v1/stats?cluster=wrong"),
                 QStringLiteral("/api/v1/stats?cluster=gone"), QStringLiteral("/api/v1/health"),
                 QStringLiteral("/api/v1/health?cluster=wrongacl"),
                 QStringLiteral("/api/v1/actions"), QStringLiteral("/api/v1/audit?limit=5000"),
                 QStringLiteral("/api/v1/ui/tabs"), QStringLiteral("/metrics"),
                 QStringLiteral("/api/v1/openapi.json")})
            found += leaks(everything(client.get(path)), path);
        found += leaks(everything(client.post(QStringLiteral("/api/v1/stats/compare"),
                           {{QStringLiteral("clusters"),
                               QJsonArray {QStringLiteral("plain"), QStringLiteral("wrong")}}})),
            QStringLiteral("compare"));
        const HttpResponse wrongDetail = client.get(QStringLiteral("/api/v1/clusters/wrong"));
        // The error is reported, just without the secret.
        QVERIFY2(!wrongDetail.object()[QStringLiteral("connection")][QStringLiteral("last_error")]
                      .toString()
                      .isEmpty(),
            wrongDetail.describe().constData());

        // A reload with a broken file (its error quotes the endpoint).
        QJsonObject broken = config;
        QJsonArray clusters = broken[QStringLiteral("clusters")].toArray();
        clusters.append(cluster(QStringLiteral("broken"),
            QStringLiteral("redis://:%1-reload@127.0.0.1:99999").arg(kMarker)));
        broken[QStringLiteral("clusters")] = clusters;
        writeServerConfig(dir.path(), broken);
        server.signal(SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(server.err().contains("keeping the running configuration"), 10000);

        QTest::qWait(500);
        found += leaks(events.body(), QStringLiteral("event stream"));
        QVERIFY(events.messages().size() > 5);
        server.signal(SIGTERM);
        QCOMPARE(server.waitForExit(), 0);
        run->stop();
        found += leaks(server.err(), QStringLiteral("log"));
        found += leaks(server.out(), QStringLiteral("stdout"));
        QVERIFY(server.err().contains("wrong") && server.err().size() > 1000);
        // The audit database, byte for byte (WAL included).
        QDirIterator files(dir.path(), {QStringLiteral("audit.sqlite*")}, QDir::Files);
        int auditFiles = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            found += leaks(file.readAll(), file.fileName());
            ++auditFiles;
        }
        QVERIFY(auditFiles >= 1);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void failedStartsDoNotQuoteThePassword_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("server") << QStringList();
        QTest::newRow("server, text log")
            << QStringList {QStringLiteral("--log-format"), QStringLiteral("text")};
        QTest::newRow("--check-config") << QStringList {QStringLiteral("--check-config")};
    }

    void failedStartsDoNotQuoteThePassword()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        QJsonObject badPort = cluster(
            QStringLiteral("a"), QStringLiteral("redis://:%1-url@127.0.0.1:99999").arg(kMarker));
        QJsonObject badScheme = cluster(QStringLiteral("b"),
            QStringLiteral("http://user:%1-scheme@127.0.0.1:6379").arg(kMarker));
        QJsonObject badColour = cluster(QStringLiteral("c"), QStringLiteral("127.0.0.1:6379"));
        badColour.insert(QStringLiteral("password"), QString(kMarker + QStringLiteral("-inline")));
        badColour.insert(QStringLiteral("color"), QString(kMarker + QStringLiteral("-inline")));
        const QString path = writeServerConfig(dir.path(),
            serverConfig(
                {badPort, badScheme, badColour}, {{QStringLiteral("token"), kToken}}, dir.path()));
        ServerProcess server(
            path, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")), {}, args);
        const int code = server.waitForExit();
        QVERIFY2(code == 1, server.err().constData());
        // It says what is wrong and where.
        QVERIFY2(server.err().contains("clusters[0].endpoint"), server.err().constData());
        const QStringList found = leaks(server.err() + server.out(), QStringLiteral("start-up"));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestSecretsNeverLeak)
#include "TestSecretsNeverLeak.moc"

// The real queuedeck-server: serves the API, logs JSON lines without secrets, exits 0 on
// SIGTERM/SIGINT, exits non-zero with a clear message when the port is taken, the config is
// invalid or the token file is readable by others, and prints a generated token only once.

#include "HttpClient.h"
#include "ServerProcess.h"
#include "support/ChildProcess.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace qd::test;

namespace {

const QString kMarker = QStringLiteral("M4rkerPassw0rd-zz");
const QString kToken = QStringLiteral("binary-test-token-0123456789");

} // namespace

class TestApiServerBinary final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("QD_SERVER_BIN")), "QD_SERVER_BIN not set");
    }

    void servesLogsNoSecretsAndStopsOnSigterm()
    {
        QString error;
        RedisServerOptions options;
        options.password = kMarker;
        auto redis = RedisServer::start(options, &error);
        QVERIFY2(redis, qPrintable(error));
        QTemporaryDir dir;
        // One cluster with the right password, one with a wrong one that ends with the marker,
        // so authentication errors are logged too.
        const QString path = writeServerConfig(dir.path(),
            serverConfig({serverCluster(QStringLiteral("production"), redis->endpoint(), kMarker),
                             serverCluster(QStringLiteral("wrong"), redis->endpoint(),
                                 QStringLiteral("x") + kMarker)},
                {{QStringLiteral("token"), kToken}}, dir.path()));
        ServerProcess server(
            path, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")));
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, server.err().constData());

        HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QTRY_VERIFY_WITH_TIMEOUT(
            client.get(QStringLiteral("/api/v1/health?cluster=production")).status == 200
                || client.get(QStringLiteral("/api/v1/stats?cluster=production")).status == 200,
            10000);
        QByteArray seen;
        for (const QString& url :
            {QStringLiteral("/api/v1/clusters"), QStringLiteral("/api/v1/clusters/production"),
                QStringLiteral("/api/v1/clusters/wrong"), QStringLiteral("/api/v1/health"),
                QStringLiteral("/api/v1/stats"), QStringLiteral("/metrics"),
                QStringLiteral("/api/v1/audit")})
            seen += client.get(url).body;
        const HttpResponse added = client.send("POST", QStringLiteral("/api/v1/clusters"),
            QJsonDocument(serverCluster(QStringLiteral("third"), redis->endpoint(), kMarker))
                .toJson(),
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kToken.toUtf8()}});
        QCOMPARE(added.status, 201);
        seen += added.body;
        QVERIFY2(!seen.contains(kMarker.toUtf8()), "a response carries the password");

        server.signal(SIGTERM);
        QCOMPARE(server.waitForExit(), 0);
        QVERIFY(!server.out().contains(kMarker.toUtf8()));
        QVERIFY2(!server.err().contains(kMarker.toUtf8()), "a log line carries the password");
        // Headless logs are JSON lines.
        int lines = 0;
        for (const QByteArray& line : server.err().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            ++lines;
            QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        }
        QVERIFY(lines >= 3);
        QVERIFY(server.err().contains("shutting down"));
    }

    void sigintStopsCleanly()
    {
        QTemporaryDir dir;
        const QString path = writeServerConfig(dir.path(),
            serverConfig({serverCluster(QStringLiteral("a"),
                             QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))},
                {{QStringLiteral("token"), kToken}}, dir.path()));
        ServerProcess server(
            path, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")));
        QVERIFY2(server.waitForPort() != 0, server.err().constData());
        server.signal(SIGINT);
        QCOMPARE(server.waitForExit(), 0);
    }

    void portTakenExitsNonZero()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        QTemporaryDir dir;
        const QString path = writeServerConfig(dir.path(),
            serverConfig({serverCluster(QStringLiteral("a"),
                             QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))},
                {{QStringLiteral("token"), kToken}}, dir.path()));
        ServerProcess server(path, QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort()),
            dir.filePath(QStringLiteral("data")));
        QCOMPARE(server.waitForExit(), 1);
        QVERIFY2(server.err().contains("cannot start the API"), server.err().constData());
        QVERIFY2(server.err().contains(QByteArray::number(squatter.serverPort())),
            server.err().constData());
    }

    void invalidConfigExitsNonZero()
    {
        QTemporaryDir dir;
        QJsonObject bad = serverCluster(QStringLiteral("a"), QStringLiteral("127.0.0.1:1"));
        bad.insert(QStringLiteral("color"), QStringLiteral("grene"));
        const QString path = writeServerConfig(
            dir.path(), serverConfig({bad}, {{QStringLiteral("token"), kToken}}, dir.path()));
        ServerProcess server(
            path, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")));
        const int code = server.waitForExit();
        QVERIFY2(code != 0 && code != -1, server.err().constData());
        QVERIFY2(server.err().contains("clusters[0].color"), server.err().constData());
    }

    void tokenFileReadableByOthersIsRefused()
    {
        QTemporaryDir dir;
        const QString tokenFile = dir.filePath(QStringLiteral("token"));
        QFile file(tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kToken.toUtf8());
        file.close();
        QVERIFY(file.setPermissions(
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        const QString path = writeServerConfig(dir.path(),
            serverConfig({serverCluster(QStringLiteral("a"),
                             QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))},
                {{QStringLiteral("token_file"), tokenFile}}, dir.path()));
        {
            ServerProcess server(
                path, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")));
            QCOMPARE(server.waitForExit(), 1);
            QVERIFY2(server.err().contains("chmod 600"), server.err().constData());
            QVERIFY(!server.err().contains(kToken.toUtf8()));
        }
        // Owner-only: accepted, and the token in it is the one that works.
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        ServerProcess server(
            path, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")));
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, server.err().constData());
        HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QCOMPARE(client.del(QStringLiteral("/api/v1/clusters/a")).status, 401);
        client.setToken(kToken.toUtf8());
        QCOMPARE(client.del(QStringLiteral("/api/v1/clusters/a")).status, 204);
    }

    void generatedTokenIsPrintedOnceAndKeptOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = writeServerConfig(dir.path(),
            serverConfig({serverCluster(QStringLiteral("a"),
                             QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))},
                QJsonObject(), dir.path()));
        const QString dataHome = dir.filePath(QStringLiteral("data"));
        QString token;
        {
            ServerProcess server(path, QStringLiteral("127.0.0.1:0"), dataHome);
            const quint16 port = server.waitForPort();
            QVERIFY2(port != 0, server.err().constData());
            static const QRegularExpression printed(
                QStringLiteral("API token \\(saved in ([^)]+)\\): (\\S+)"));
            QTRY_VERIFY_WITH_TIMEOUT(
                printed.match(QString::fromUtf8(server.out())).hasMatch(), 5000);
            const auto match = printed.match(QString::fromUtf8(server.out()));
            token = match.captured(2);
            const QString tokenPath = match.captured(1);
            QVERIFY(tokenPath.startsWith(dataHome));
            QCOMPARE(QFile::permissions(tokenPath)
                    & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                        | QFileDevice::WriteUser),
                QFileDevice::Permissions());
            QVERIFY(token.size() >= 32);
            QVERIFY2(!server.err().contains(token.toUtf8()), "the token reached the log");
            HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
            client.setToken(token.toUtf8());
            const HttpResponse compare = client.put(
                QStringLiteral("/api/v1/ui/compare"), {{QStringLiteral("enabled"), false}});
            QCOMPARE(compare.status, 200);
            server.signal(SIGTERM);
            QCOMPARE(server.waitForExit(), 0);
        }
        // Second start: the same token, not printed again.
        ServerProcess server(path, QStringLiteral("127.0.0.1:0"), dataHome);
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, server.err().constData());
        HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        client.setToken(token.toUtf8());
        QCOMPARE(
            client.put(QStringLiteral("/api/v1/ui/compare"), {{QStringLiteral("enabled"), false}})
                .status,
            200);
        server.signal(SIGTERM);
        QCOMPARE(server.waitForExit(), 0);
        QVERIFY(!server.out().contains(token.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestApiServerBinary)
#include "TestApiServerBinary.moc"

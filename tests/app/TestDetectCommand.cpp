// `--detect` of both executables, run as separate processes against a real redis-server: the
// report in text and JSON, the exit codes (found, nothing, bad endpoint, unreachable), a
// configured cluster named instead of an endpoint (its password used, never printed), and a
// database left exactly as it was.

#include "support/RedisCluster.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// No display: --detect must work on a server without X or Wayland, also from `queuedeck`.
Run run(const QString& binary, const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1StringView(name));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary, args);
    if (!process.waitForFinished(30000))
        qFatal("%s did not finish", qPrintable(binary));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

class TestDetectCommand final : public QObject {
    Q_OBJECT

    std::unique_ptr<RedisServer> m_server;
    QTemporaryDir m_dir;

    QStringList binaries() const
    {
        QStringList out {qEnvironmentVariable("QD_SERVER_BIN")};
        if (qEnvironmentVariableIsSet("QD_GUI_BIN"))
            out.append(qEnvironmentVariable("QD_GUI_BIN"));
        return out;
    }
    // A config file path that does not exist: endpoints are never looked up as names there.
    QString noConfig() const { return m_dir.filePath(u"none.json"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        RedisServerOptions options;
        options.password = u"s3cret-detect"_s;
        options.extraConfig = {u"enable-debug-command local"_s};
        QString error;
        m_server = RedisServer::start(options, &error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void init() { m_server->cli({u"FLUSHALL"_s}); }

    void reportsWhatIsThereAndChangesNothing()
    {
        m_server->cli({u"SADD"_s, u"shop:queues"_s, u"default"_s});
        m_server->cli({u"SET"_s, u"shop:stat:processed"_s, u"5"_s});
        m_server->cli({u"LPUSH"_s, u"jobqueue:high_priority"_s, u"{}"_s});
        const QByteArray digest = m_server->cli({u"DEBUG"_s, u"DIGEST"_s});
        const QString url = u"redis://:s3cret-detect@%1"_s.arg(m_server->endpoint());
        for (const QString& binary : binaries()) {
            const Run text = run(binary, {u"--config"_s, noConfig(), u"--detect"_s, url});
            QVERIFY2(text.exitCode == 0, text.err.constData());
            QVERIFY2(text.out.contains("sidekiq (namespace \"shop\")"), text.out.constData());
            QVERIFY(text.out.contains(R"({"namespace":"shop","type":"sidekiq"})"));
            QVERIFY(text.out.contains("go-redis-work-queue"));
            QVERIFY(text.out.contains("Not found: bullmq, rq, celery."));
            QVERIFY(!text.out.contains("s3cret-detect"));

            const Run json
                = run(binary, {u"--config"_s, noConfig(), u"--detect"_s, url, u"--json"_s});
            QCOMPARE(json.exitCode, 0);
            QJsonParseError error;
            const QJsonObject report = QJsonDocument::fromJson(json.out, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, json.out.constData());
            QVERIFY(report.value(u"complete"_s).toBool());
            QCOMPARE(report.value(u"keys_scanned"_s).toInt(), 3);
            QVERIFY(!report.value(u"endpoint"_s).toString().contains(u"s3cret"_s));
            const QJsonArray systems = report.value(u"systems"_s).toArray();
            QCOMPARE(systems.size(), 5);
            QCOMPARE(systems.at(1).toObject().value(u"type"_s).toString(), u"sidekiq"_s);
            QVERIFY(systems.at(1).toObject().value(u"found"_s).toBool());
            QVERIFY(!systems.at(2).toObject().value(u"found"_s).toBool());
        }
        QCOMPARE(m_server->cli({u"DEBUG"_s, u"DIGEST"_s}), digest);
    }

    void aConfiguredClusterIsNamedInsteadOfAnEndpoint()
    {
        m_server->cli({u"SADD"_s, u"rq:queues"_s, u"rq:queue:default"_s});
        QFile file(m_dir.filePath(u"config.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            uR"({"clusters": [{"name": "jobs", "endpoint": "%1", "password_env": "QD_TEST_DETECT_PW"}]})"_s
                .arg(m_server->endpoint())
                .toUtf8());
        file.close();
        qputenv("QD_TEST_DETECT_PW", "s3cret-detect");
        const Run named = run(qEnvironmentVariable("QD_SERVER_BIN"),
            {u"--config"_s, file.fileName(), u"--detect"_s, u"jobs"_s});
        qunsetenv("QD_TEST_DETECT_PW");
        QVERIFY2(named.exitCode == 0, named.err.constData());
        QVERIFY2(named.out.contains("\nrq\n"), named.out.constData());
        // Without the password the same cluster cannot be read: exit 3 and the reason.
        const Run denied = run(qEnvironmentVariable("QD_SERVER_BIN"),
            {u"--config"_s, file.fileName(), u"--detect"_s, u"jobs"_s});
        QCOMPARE(denied.exitCode, 3);
        QVERIFY2(denied.err.contains("cannot read"), denied.err.constData());
    }

    void aRedisClusterNodeIsScannedOnEveryMaster()
    {
        QString error;
        auto cluster = RedisCluster::start(3, 0, &error);
        QVERIFY2(cluster, qPrintable(error));
        // Queues under different hash tags land on different masters.
        for (const QString& queue : {u"a"_s, u"b"_s, u"c"_s, u"d"_s})
            cluster->nodes().constFirst()->cli(
                {u"-c"_s, u"HSET"_s, u"bull:{%1}:meta"_s.arg(queue), u"paused"_s, u"0"_s});
        const Run json = run(qEnvironmentVariable("QD_SERVER_BIN"),
            {u"--config"_s, noConfig(), u"--detect"_s, cluster->seedEndpoints().constFirst(),
                u"--json"_s});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(report.value(u"nodes"_s).toInt(), 3);
        QCOMPARE(report.value(u"keys_scanned"_s).toInt(), 4);
        const QJsonObject bullmq = report.value(u"systems"_s).toArray().at(2).toObject();
        QCOMPARE(bullmq.value(u"deployments"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"queues"_s)
                     .toArray()
                     .size(),
            4);
    }

    void exitCodesTellNothingFoundFromErrors()
    {
        const QString server = qEnvironmentVariable("QD_SERVER_BIN");
        const QString url = u"redis://:s3cret-detect@%1"_s.arg(m_server->endpoint());
        const Run nothing = run(server, {u"--config"_s, noConfig(), u"--detect"_s, url});
        QCOMPARE(nothing.exitCode, 1);
        QVERIFY(nothing.out.contains("No queue system found."));

        const Run bad = run(server, {u"--config"_s, noConfig(), u"--detect"_s, u"a:b:c"_s});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(
            bad.err.contains("neither a configured cluster nor an endpoint"), bad.err.constData());

        const quint16 closed = freeLoopbackPort();
        const Run refused = run(server,
            {u"--config"_s, noConfig(), u"--detect"_s,
                u"redis://:pw-never-shown@127.0.0.1:%1"_s.arg(closed)});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("refused"), refused.err.constData());
        QVERIFY(!refused.err.contains("pw-never-shown"));
        QVERIFY(!refused.out.contains("pw-never-shown"));

        const Run lonelyJson = run(server, {u"--json"_s});
        QCOMPARE(lonelyJson.exitCode, 2);
        const Run help = run(server, {u"--help"_s});
        QVERIFY(help.out.contains("--detect"));
        QVERIFY(help.out.contains("--json"));
    }
};

QTEST_GUILESS_MAIN(TestDetectCommand)
#include "TestDetectCommand.moc"

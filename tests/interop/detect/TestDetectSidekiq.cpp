// The detector on a database a real Sidekiq wrote: a worker from Debian's ruby-sidekiq and the
// rig's producer (tests/interop/sidekiq) fill it, then SystemDetector must name Sidekiq alone,
// with its namespace, its queues and the keys that show it, and change nothing.

#include "core/config/ClusterConfig.h"
#include "core/queues/SystemDetector.h"
#include "core/redis/RedisClient.h"
#include "support/ChildProcess.h"
#include "support/EngineConfig.h"
#include "support/RedisServer.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

class TestDetectSidekiq final : public QObject {
    Q_OBJECT

    std::unique_ptr<RedisServer> m_server;
    QString m_rig = qEnvironmentVariable("QD_SIDEKIQ_RIG");

    QString redisUrl() const { return u"redis://%1/0"_s.arg(m_server->endpoint()); }

    QProcessEnvironment rigEnvironment(const QString& ns) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"REDIS_URL"_s, redisUrl());
        env.insert(u"QD_SIDEKIQ_NAMESPACE"_s, ns);
        return env;
    }

    // Runs one of the rig's scripts to its end; its output, or a failure with its stderr.
    QByteArray runRig(const QString& program, const QStringList& args, const QString& ns) const
    {
        QProcess process;
        process.setProcessEnvironment(rigEnvironment(ns));
        process.start(program, args);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            qWarning("%s failed: %s", qPrintable(args.join(u' ')),
                process.readAllStandardError().constData());
            return {};
        }
        return process.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_rig + u"/run-sidekiq.sh"_s), qPrintable(m_rig));
        RedisServerOptions options;
        options.extraConfig = {u"enable-debug-command local"_s};
        QString error;
        m_server = RedisServer::start(options, &error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void sidekiqIsFoundWithItsNamespace_data()
    {
        QTest::addColumn<QString>("ns");
        QTest::newRow("plain") << QString();
        QTest::newRow("namespaced") << u"qdns"_s;
    }

    void sidekiqIsFoundWithItsNamespace()
    {
        QFETCH(QString, ns);
        m_server->cli({u"FLUSHALL"_s});
        QProcess worker;
        worker.setProcessEnvironment(rigEnvironment(ns));
        ChildProcess::tieToTestProcess(worker);
        worker.start(
            u"bash"_s, {m_rig + u"/run-sidekiq.sh"_s, u"exec"_s, u"-c"_s, u"2"_s, u"-t"_s, u"1"_s});
        QVERIFY(worker.waitForStarted());
        const auto stop = qScopeGuard([&worker] {
            worker.terminate();
            if (!worker.waitForFinished(15000))
                worker.kill();
            worker.waitForFinished(5000);
        });
        const QByteArray identity = runRig(u"bash"_s,
            {m_rig + u"/run-sidekiq.sh"_s, u"wait"_s, u"--pid"_s,
                QString::number(worker.processId()), u"--timeout"_s, u"30"_s},
            ns);
        QVERIFY2(!identity.isEmpty(), worker.readAllStandardError().constData());
        const QByteArray pushed = runRig(u"ruby"_s,
            {m_rig + u"/producer.rb"_s, u"--ok"_s, u"3"_s, u"--dead"_s, u"0"_s, u"--retry"_s,
                u"1"_s, u"--flaky"_s, u"0"_s, u"--slow"_s, u"1"_s, u"--slow-seconds"_s, u"60"_s,
                u"--scheduled"_s, u"1"_s, u"--parked"_s, u"2"_s},
            ns);
        QVERIFY(!pushed.isEmpty());
        const QString p = ns.isEmpty() ? QString() : ns + u':';
        // The counters reach Redis with the worker's next heartbeat (every 5 s).
        QTRY_VERIFY_WITH_TIMEOUT(
            m_server->cli({u"EXISTS"_s, p + u"stat:processed"_s}) == "1", 15000);

        const QByteArray digest = m_server->cli({u"DEBUG"_s, u"DIGEST"_s});
        const ClusterConfig config = clusterFor(u"sidekiq"_s, m_server->endpoint());
        const auto client = redis::RedisClient::create(config, 2000ms);
        const DetectionReport report = SystemDetector::detect(*client, SystemDetector::Limits {});
        // Nothing written: compared before the worker's next beat can change the data set.
        QCOMPARE(m_server->cli({u"DEBUG"_s, u"DIGEST"_s}), digest);

        QStringList systems;
        for (const SystemFinding& f : report.findings)
            systems.append(f.system + u'/' + f.scope);
        QCOMPARE(systems, QStringList {u"sidekiq/"_s + ns});
        const SystemFinding& f = report.findings.constFirst();
        for (const QString& queue : {u"default"_s, u"critical"_s, u"slow"_s, u"parked"_s})
            QVERIFY2(f.queues.contains(queue), qPrintable(f.queues.join(u", "_s)));
        const QString evidence = f.evidence.join(u", "_s);
        for (const QString key :
            {p + u"queues (set)"_s, p + u"processes (set)"_s, p + u"stat:processed (string)"_s})
            QVERIFY2(f.evidence.contains(key), qPrintable(evidence));
        QVERIFY2(evidence.contains(p + u"queue:parked (list)"_s) || evidence.contains(u"more"_s),
            qPrintable(evidence));
        QJsonObject expected {{u"type"_s, u"sidekiq"_s}};
        if (!ns.isEmpty())
            expected.insert(u"namespace"_s, ns);
        QCOMPARE(f.suggestion, expected);
    }
};

QTEST_GUILESS_MAIN(TestDetectSidekiq)
#include "TestDetectSidekiq.moc"

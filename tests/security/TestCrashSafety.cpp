// queuedeck-server killed with SIGKILL at the worst moments: during an action (it is found
// interrupted on the next start and never re-run, and a requeue loses or duplicates no job),
// during config saves (the file is always the old or the new document, parseable, owner-only,
// and holds at least every acknowledged change), and during audit writes (the database opens,
// passes integrity_check, keeps its append-only triggers, and holds every acknowledged action).

#include "RawHttp.h"
#include "ServerProcess.h"
#include "core/config/ConfigFile.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

using namespace qd;
using namespace qd::test;

namespace {

const QByteArray kToken = QByteArrayLiteral("crash-test-token-0123456789");
const QString kDeadLetters = QStringLiteral("jobqueue:dead_letter");

QList<std::pair<QByteArray, QByteArray>> jsonWithToken()
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kToken}};
}

// The audit database as SQLite sees it after the kill.
struct AuditDb {
    explicit AuditDb(const QString& path)
        : m_name(QStringLiteral("crash-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~AuditDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    QStringList column(const QString& sql, const QVariantList& values = {}) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        QStringList out;
        if (!q.exec())
            return {QStringLiteral("ERROR: ") + q.lastError().text()};
        while (q.next())
            out.append(q.value(0).toString());
        return out;
    }
    bool exec(const QString& sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql);
    }

    QString m_name;
    bool m_open = false;
};

class Rig {
public:
    QTemporaryDir dir;
    std::unique_ptr<RedisServer> redis;
    QString configPath;

    bool start(QString* error, bool requireConfirmation)
    {
        redis = RedisServer::start({}, error);
        if (!redis)
            return false;
        QJsonObject config
            = serverConfig({serverCluster(QStringLiteral("production"), redis->endpoint())},
                {{QStringLiteral("token"), QString::fromLatin1(kToken)}}, dir.path());
        config.insert(QStringLiteral("actions"),
            QJsonObject {{QStringLiteral("require_confirmation"), requireConfirmation},
                {QStringLiteral("allowed_actions"),
                    QJsonArray {QStringLiteral("purge_dlq"), QStringLiteral("pause_queue"),
                        QStringLiteral("resume_queue"), QStringLiteral("benchmark"),
                        QStringLiteral("requeue_dlq"), QStringLiteral("peek")}}});
        configPath = writeServerConfig(dir.path(), config);
        return true;
    }
    QString auditPath() const { return dir.filePath(QStringLiteral("audit.sqlite")); }
    std::unique_ptr<ServerProcess> server(quint16* port) const
    {
        auto s = std::make_unique<ServerProcess>(
            configPath, QStringLiteral("127.0.0.1:0"), dir.filePath(QStringLiteral("data")));
        *port = s->waitForPort();
        if (*port == 0)
            qWarning("server did not start (%s): %s", qPrintable(s->errorString()),
                s->err().constData());
        return s;
    }
};

QJsonObject getObject(quint16 port, const QByteArray& target)
{
    return rawHttp(port, rawRequest("GET", target)).object();
}

QJsonArray getArray(quint16 port, const QByteArray& target)
{
    return QJsonDocument::fromJson(rawHttp(port, rawRequest("GET", target)).body).array();
}

// Waits until an action of this type is executing; its id, or "" on timeout.
QString waitForExecuting(quint16 port, const QString& type, int timeoutMs = 15000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (const QJsonValue& a : getArray(port, "/api/v1/actions?status=executing")) {
            if (a[QStringLiteral("type")].toString() == type)
                return a[QStringLiteral("id")].toString();
        }
        QTest::qWait(20);
    }
    return {};
}

QByteArray deadLetterScript()
{
    return "for i=1,tonumber(ARGV[1]) do redis.call('RPUSH',KEYS[1],"
           "'{\"id\":\"job-'..i..'\",\"filepath\":\"/data/f'..i..'\",\"filesize\":1,"
           "\"priority\":\"'..(i%2==0 and 'high' or 'low')..'\",\"retries\":3,"
           "\"creation_time\":\"2025-01-14T10:30:00Z\",\"trace_id\":\"t\",\"span_id\":\"s\"}')"
           " end return redis.call('LLEN',KEYS[1])";
}

} // namespace

class TestCrashSafety final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ServerProcess::binary()), "QD_SERVER_BIN not set");
    }

    void killedDuringABenchmarkItIsInterruptedNotRerun()
    {
        Rig rig;
        QString error;
        QVERIFY2(rig.start(&error, false), qPrintable(error));
        quint16 port = 0;
        auto server = rig.server(&port);
        QVERIFY2(port != 0, server->err().constData());
        // A long action: a million single-job round trips.
        const QByteArray body
            = R"({"type":"benchmark","targets":["production"],)"
              R"("parameters":{"count":1000000,"pipeline":1,"payload_bytes":16}})";
        rawHttp(port, rawRequest("POST", "/api/v1/actions", jsonWithToken(), body), 0, 300);
        const QString id = waitForExecuting(port, QStringLiteral("benchmark"));
        QVERIFY2(!id.isEmpty(), server->err().right(2000).constData());
        const QString benchKey = QStringLiteral("queuedeck:bench:") + id;
        // Really under way: jobs are arriving in its list.
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.redis->cli({QStringLiteral("LLEN"), benchKey}).toLongLong() > 100, 10000);
        server->killHard();
        QVERIFY(!server->isRunning());

        {
            AuditDb db(rig.auditPath());
            QVERIFY(db.isOpen());
            QCOMPARE(db.column(QStringLiteral("PRAGMA integrity_check")),
                QStringList {QStringLiteral("ok")});
            const QStringList statuses = db.column(
                QStringLiteral("SELECT status FROM audit WHERE action_id = ? ORDER BY seq"), {id});
            QVERIFY2(
                statuses.contains(QStringLiteral("executing")), qPrintable(statuses.join(u',')));
            QCOMPARE(statuses.constLast(), QStringLiteral("executing"));
        }
        const qint64 leftAt = rig.redis->cli({QStringLiteral("LLEN"), benchKey}).toLongLong();

        server = rig.server(&port);
        QVERIFY2(port != 0, server->err().constData());
        const QJsonObject action = getObject(port, "/api/v1/actions/" + id.toUtf8());
        QCOMPARE(action[QStringLiteral("status")].toString(), QStringLiteral("interrupted"));
        QCOMPARE(getArray(port, "/api/v1/actions?status=executing").size(), 0);
        const QJsonArray rows = getArray(port, "/api/v1/audit?action_id=" + id.toUtf8());
        QVERIFY(rows.size() >= 2);
        QCOMPARE(rows[0][QStringLiteral("status")].toString(), QStringLiteral("interrupted"));
        QCOMPARE(rows[0][QStringLiteral("actor")].toString(), QStringLiteral("system"));
        QVERIFY2(server->err().contains("interrupted"), server->err().constData());
        // Never run again: its list does not grow after the restart.
        QTest::qWait(1000);
        QCOMPARE(rig.redis->cli({QStringLiteral("LLEN"), benchKey}).toLongLong(), leftAt);
        // Interrupted is final: it cannot be confirmed or cancelled into running.
        const RawResponse confirm = rawHttp(port,
            rawRequest("POST", "/api/v1/actions/" + id.toUtf8() + "/confirm", jsonWithToken(),
                R"({"confirmed_by":"tester"})"));
        QCOMPARE(confirm.status, 409);
        server->signal(SIGTERM);
        QCOMPARE(server->waitForExit(), 0);
    }

    void killedDuringARequeueNoJobIsLostOrDoubled()
    {
        Rig rig;
        QString error;
        QVERIFY2(rig.start(&error, false), qPrintable(error));
        constexpr int kJobs = 100000;
        QCOMPARE(rig.redis->cli({QStringLiteral("EVAL"), QString::fromLatin1(deadLetterScript()),
                                    QStringLiteral("1"), kDeadLetters, QString::number(kJobs)},
                     60000),
            QByteArray::number(kJobs));
        quint16 port = 0;
        auto server = rig.server(&port);
        QVERIFY2(port != 0, server->err().constData());
        rawHttp(port,
            rawRequest("POST", "/api/v1/actions", jsonWithToken(),
                R"({"type":"requeue_dlq","targets":["production"],"parameters":{}})"),
            0, 300);
        const QString id = waitForExecuting(port, QStringLiteral("requeue_dlq"));
        // A fast requeue may be over before it is seen executing; the kill still lands during
        // the server's life and the count must hold either way.
        server->killHard();
        const auto length = [&rig](const QString& key) {
            return rig.redis->cli({QStringLiteral("LLEN"), key}).toLongLong();
        };
        const qint64 dead = length(kDeadLetters);
        const qint64 high = length(QStringLiteral("jobqueue:high_priority"));
        const qint64 low = length(QStringLiteral("jobqueue:low_priority"));
        qInfo("after the kill: %lld dead letters, %lld high, %lld low", dead, high, low);
        QCOMPARE(dead + high + low, qint64(kJobs));
        QVERIFY(high <= kJobs / 2 && low <= kJobs / 2);

        server = rig.server(&port);
        QVERIFY2(port != 0, server->err().constData());
        if (!id.isEmpty()) {
            const QString status
                = getObject(port, "/api/v1/actions/" + id.toUtf8())[QStringLiteral("status")]
                      .toString();
            QVERIFY2(status == u"interrupted" || status == u"completed", qPrintable(status));
            if (dead > 0)
                QCOMPARE(status, QStringLiteral("interrupted"));
        }
        QTest::qWait(500);
        QCOMPARE(length(kDeadLetters), dead); // not re-run
    }

    void killedDuringConfigSavesTheFileIsOldOrNew()
    {
        Rig rig;
        QString error;
        QVERIFY2(rig.start(&error, true), qPrintable(error));
        QStringList sent {QStringLiteral("production")}; // the label of the original file
        for (int round = 0; round < 6; ++round) {
            quint16 port = 0;
            auto server = rig.server(&port);
            QVERIFY2(port != 0, server->err().constData());
            std::atomic<bool> stop {false};
            std::atomic<int> acknowledged {-1}; // index into sent
            std::mutex lock;
            const qsizetype base = sent.size();
            std::thread writer([&] {
                for (int i = 0; !stop; ++i) {
                    const QString label = QStringLiteral("round %1 save %2 %3")
                                              .arg(round)
                                              .arg(i)
                                              .arg(QString(200, u'x'));
                    qsizetype index = 0;
                    {
                        std::scoped_lock guard(lock);
                        index = sent.size();
                        sent.append(label);
                    }
                    const QJsonObject cluster {{QStringLiteral("endpoint"), rig.redis->endpoint()},
                        {QStringLiteral("label"), label}};
                    const RawResponse r = rawHttp(port,
                        rawRequest("PUT", "/api/v1/clusters/production", jsonWithToken(),
                            QJsonDocument(cluster).toJson(QJsonDocument::Compact)),
                        0, 2000);
                    if (r.status == 200)
                        acknowledged = static_cast<int>(index);
                    else if (r.status != 0)
                        return; // a refusal would make this test meaningless; seen below
                }
            });
            QTRY_VERIFY_WITH_TIMEOUT(acknowledged >= 0 || stop, 10000);
            QTest::qWait(50 + static_cast<int>(QRandomGenerator::global()->bounded(400)));
            server->killHard();
            stop = true;
            writer.join();
            QVERIFY2(acknowledged >= base, "no save was acknowledged in this round");

            QFile file(rig.configPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QJsonParseError parse;
            const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
            QVERIFY2(parse.error == QJsonParseError::NoError, qPrintable(parse.errorString()));
            ConfigFile config(rig.configPath);
            QVERIFY(config.load(false).ok());
            const QString label
                = document[QStringLiteral("clusters")][0][QStringLiteral("label")].toString();
            const qsizetype index = sent.indexOf(label);
            QVERIFY2(index >= 0, qPrintable(label.left(40)));
            // Whole documents only, and nothing acknowledged is lost.
            QVERIFY2(index >= acknowledged,
                qPrintable(QStringLiteral("file has save %1, %2 was acknowledged")
                               .arg(index)
                               .arg(acknowledged.load())));
            QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                QFileDevice::Permissions());
            qInfo("round %d: %lld saves sent, file holds save %lld, %d acknowledged", round,
                static_cast<long long>(sent.size() - base), static_cast<long long>(index - base),
                acknowledged - static_cast<int>(base));
        }
    }

    void killedDuringAuditWritesTheLogStaysWhole()
    {
        Rig rig;
        QString error;
        QVERIFY2(rig.start(&error, true), qPrintable(error));
        QHash<QString, QString> acknowledged; // action id -> status the API answered with
        for (int round = 0; round < 5; ++round) {
            quint16 port = 0;
            auto server = rig.server(&port);
            QVERIFY2(port != 0, server->err().constData());
            // Nothing the previous kill cut short is left executing.
            QCOMPARE(getArray(port, "/api/v1/actions?status=executing").size(), 0);
            std::atomic<bool> stop {false};
            std::atomic<int> done {0};
            std::mutex lock;
            const auto writer = [&](int worker) {
                for (int i = 0; !stop; ++i) {
                    const bool peek = (i + worker) % 2 == 0;
                    const QByteArray body = peek
                        ? R"({"type":"peek","targets":["production"],"parameters":{"queue":"high"}})"
                        : R"({"type":"pause_queue","targets":["production"],"parameters":{"queue":"low"}})";
                    RawResponse r = rawHttp(port,
                        rawRequest("POST", "/api/v1/actions", jsonWithToken(), body), 0, 3000);
                    if (!peek && r.status == 202) {
                        const QByteArray id = r.object()[QStringLiteral("id")].toString().toUtf8();
                        {
                            std::scoped_lock guard(lock);
                            acknowledged.insert(QString::fromUtf8(id), QStringLiteral("pending"));
                        }
                        r = rawHttp(port,
                            rawRequest("POST", "/api/v1/actions/" + id + "/confirm",
                                jsonWithToken(), R"({"confirmed_by":"crash-test"})"),
                            0, 3000);
                    }
                    if (r.status == 200) {
                        std::scoped_lock guard(lock);
                        acknowledged.insert(r.object()[QStringLiteral("id")].toString(),
                            r.object()[QStringLiteral("status")].toString());
                        ++done;
                    }
                }
            };
            std::thread a(writer, 0);
            std::thread b(writer, 1);
            QTRY_VERIFY_WITH_TIMEOUT(done >= 5, 15000);
            QTest::qWait(static_cast<int>(QRandomGenerator::global()->bounded(500)));
            server->killHard();
            stop = true;
            a.join();
            b.join();

            AuditDb db(rig.auditPath());
            QVERIFY(db.isOpen());
            QCOMPARE(db.column(QStringLiteral("PRAGMA integrity_check")),
                QStringList {QStringLiteral("ok")});
            QStringList triggers = db.column(QStringLiteral(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"));
            QCOMPARE(triggers,
                (QStringList {
                    QStringLiteral("audit_no_delete"), QStringLiteral("audit_no_update")}));
            QVERIFY(!db.exec(QStringLiteral("UPDATE audit SET status = 'completed'")));
            QVERIFY(!db.exec(QStringLiteral("DELETE FROM audit")));
            // Every answer the API gave is backed by a row written before it.
            std::scoped_lock guard(lock);
            for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
                const QStringList statuses = db.column(
                    QStringLiteral("SELECT status FROM audit WHERE action_id = ?"), {it.key()});
                QVERIFY2(statuses.contains(it.value()),
                    qPrintable(it.key() + u' ' + it.value() + u' ' + statuses.join(u',')));
            }
            qInfo("round %d: %d actions answered, %lld rows", round, done.load(),
                static_cast<long long>(db.column(QStringLiteral("SELECT seq FROM audit")).size()));
        }
        // And the server opens it once more and serves it.
        quint16 port = 0;
        auto server = rig.server(&port);
        QVERIFY2(port != 0, server->err().constData());
        QVERIFY(getArray(port, "/api/v1/audit?limit=5000").size() >= acknowledged.size());
        server->signal(SIGTERM);
        QCOMPARE(server->waitForExit(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"

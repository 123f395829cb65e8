// A slow audit store: the writer stalls for seconds before each commit (the test seam
// AuditLog::setWriteDelayForTesting, or QD_AUDIT_TEST_WRITE_DELAY_MS for the real server).
// The main thread keeps its event loop and the API keeps answering, no state is shown before
// its row is durable, and a SIGKILL at any moment loses no row that an answer relied on.

#include "FaultTestSupport.h"
#include "RawHttp.h"
#include "ServerProcess.h"
#include "core/audit/AuditLog.h"
#include "core/engine/ActionEngine.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace qd;
using namespace qd::test;

namespace {

// How long the writer sleeps before each commit in the in-process test: every state change
// of an action waits at least this long for the disk.
constexpr auto kStall = 3000ms;
// What the main thread may take for anything while the writer is stalled. Generous on purpose:
// it bounds the loaded machine, not QueueDeck, and is still well under one stall.
constexpr qint64 kResponsiveMs = 1500;

const QByteArray kToken = QByteArrayLiteral("slow-audit-token-0123456789");

// The audit database through a connection of its own, as another process would see it.
class AuditDb {
public:
    explicit AuditDb(const QString& path)
        : m_name(u"slow-audit-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~AuditDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    AuditDb(const AuditDb&) = delete;
    AuditDb& operator=(const AuditDb&) = delete;

    bool isOpen() const { return m_open; }
    QStringList statuses(const QString& actionId) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        q.prepare(u"SELECT status FROM audit WHERE action_id = ? ORDER BY seq"_s);
        q.addBindValue(actionId);
        QStringList out;
        if (!q.exec())
            return {u"ERROR: "_s + q.lastError().text()};
        while (q.next())
            out.append(q.value(0).toString());
        return out;
    }
    QString integrity() const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(u"PRAGMA integrity_check"_s) || !q.next())
            return q.lastError().text();
        return q.value(0).toString();
    }

private:
    QString m_name;
    bool m_open = false;
};

// The longest gap between ticks of a 10 ms timer on the main thread.
class LoopWatch final {
public:
    LoopWatch()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            if (m_last.isValid())
                m_longest = std::max(m_longest, m_last.restart());
            else
                m_last.start();
        });
        m_timer.start();
    }
    qint64 longestMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_last;
    qint64 m_longest = 0;
};

QList<std::pair<QByteArray, QByteArray>> jsonWithToken(const QByteArray& token)
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}};
}

} // namespace

class TestFaultSlowAudit final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void slowAuditStoreStallsNeitherLoopNorApi()
    {
        QString error;
        auto redis = RedisServer::start({}, &error);
        QVERIFY2(redis, qPrintable(error));
        redis->cli({u"RPUSH"_s, u"jobqueue:dead_letter"_s, u"{\"id\":\"d1\"}"_s});
        const ClusterConfig cluster = clusterFor(u"production"_s, redis->endpoint());
        Config config = faultConfig({cluster});
        config.actions.requireConfirmation = true;
        ApiHarness harness(config);
        QVERIFY2(harness.start(&error), qPrintable(error));
        QString missing;
        QVERIFY2(allReachable(harness.manager(), {cluster}, &missing), qPrintable(missing));
        harness.audit().setWriteDelayForTesting(kStall);
        AuditDb db(harness.audit().path());
        QVERIFY(db.isOpen());

        // A client creates and confirms a purge from another thread while this one serves.
        struct Answer {
            int status = 0;
            QJsonObject body;
            QStringList durableThen; // the action's rows at the moment the answer arrived
            qint64 ms = 0;
        };
        Answer created;
        Answer confirmed;
        std::atomic<bool> clientDone {false};
        const quint16 port = harness.port();
        const QByteArray token = QByteArray(kTestToken);
        const QString auditPath = harness.audit().path();
        std::thread client([&] {
            AuditDb own(auditPath);
            const auto call = [&](const QByteArray& target, const QByteArray& body) {
                QElapsedTimer timer;
                timer.start();
                const RawResponse r = rawHttp(
                    port, rawRequest("POST", target, jsonWithToken(token), body), 0, 30000);
                Answer answer;
                answer.ms = timer.elapsed();
                answer.status = r.status;
                answer.body = r.object();
                answer.durableThen = own.statuses(answer.body.value(u"id"_s).toString());
                return answer;
            };
            created = call("/api/v1/actions",
                R"({"type":"purge_dlq","targets":["production"],"requested_by":"slow-disk"})");
            const QByteArray id = created.body.value(u"id"_s).toString().toUtf8();
            if (!id.isEmpty())
                confirmed
                    = call("/api/v1/actions/" + id + "/confirm", R"({"confirmed_by":"slow-disk"})");
            clientDone = true;
        });

        // Meanwhile: reads through the API, and the main loop's ticks.
        LoopWatch loop;
        TimedApi api(harness.client());
        int listings = 0;
        QStringList shownBeforeDurable;
        while (!clientDone) {
            const HttpResponse stats = api.get(u"/api/v1/stats"_s);
            QCOMPARE(stats.status, 200);
            const HttpResponse list = api.get(u"/api/v1/actions"_s);
            QCOMPARE(list.status, 200);
            ++listings;
            // Whatever the API shows is already in the audit log.
            for (const QJsonValue& a : list.array()) {
                const QString id = a[u"id"_s].toString();
                const QString status = a[u"status"_s].toString();
                if (!db.statuses(id).contains(status))
                    shownBeforeDurable.append(id + u' ' + status);
            }
            QTest::qWait(20);
        }
        client.join();
        qInfo("%d listings, slowest request %lld ms (%s), longest main-loop gap %lld ms; create "
              "answered after %lld ms, confirm after %lld ms",
            listings, api.slowestMs(), qPrintable(api.slowestPath()), loop.longestMs(), created.ms,
            confirmed.ms);

        // The writer really stalled: each answer waited for at least one delayed commit.
        QCOMPARE(created.status, 202);
        QCOMPARE(created.body[u"status"_s].toString(), u"pending"_s);
        QVERIFY2(created.ms >= kStall.count() - 100, qPrintable(QString::number(created.ms)));
        QCOMPARE(confirmed.status, 200);
        QCOMPARE(confirmed.body[u"status"_s].toString(), u"completed"_s);
        // Each answer came after its row was durable.
        QVERIFY2(
            created.durableThen.contains(u"pending"_s), qPrintable(created.durableThen.join(u',')));
        QCOMPARE(confirmed.durableThen,
            (QStringList {u"pending"_s, u"confirmed"_s, u"executing"_s, u"completed"_s}));
        QVERIFY2(shownBeforeDurable.isEmpty(), qPrintable(shownBeforeDurable.join(u", ")));
        // And nobody waited for the disk meanwhile.
        QVERIFY(listings >= 5);
        QVERIFY2(api.slowestMs() < kResponsiveMs,
            qPrintable(u"%1 took %2 ms"_s.arg(api.slowestPath()).arg(api.slowestMs())));
        QVERIFY2(loop.longestMs() < kResponsiveMs, qPrintable(QString::number(loop.longestMs())));
        QCOMPARE(redis->cli({u"LLEN"_s, u"jobqueue:dead_letter"_s}).trimmed(), QByteArray("0"));
    }

    void killedAtAnyMomentLosesNoAcknowledgedRow()
    {
        QString error;
        auto redis = RedisServer::start({}, &error);
        QVERIFY2(redis, qPrintable(error));
        QTemporaryDir dir;
        QJsonObject config = serverConfig({serverCluster(u"production"_s, redis->endpoint())},
            {{u"token"_s, QString::fromLatin1(kToken)}}, dir.path());
        config.insert(u"actions"_s,
            QJsonObject {{u"require_confirmation"_s, true},
                {u"allowed_actions"_s, QJsonArray {u"pause_queue"_s, u"peek"_s}}});
        const QString configPath = writeServerConfig(dir.path(), config);
        const QString auditPath = dir.filePath(u"audit.sqlite"_s);
        // Slow enough that rows queue up behind the disk and commit in batches, so the kill
        // lands between a state change and its commit as often as anywhere else.
        QProcessEnvironment env;
        env.insert(u"QD_AUDIT_TEST_WRITE_DELAY_MS"_s, u"40"_s);

        QHash<QString, QStringList> acknowledged; // action id -> statuses answers relied on
        int answers = 0;
        for (int round = 0; round < 4; ++round) {
            ServerProcess server(configPath, u"127.0.0.1:0"_s, dir.filePath(u"data"_s), env);
            const quint16 port = server.waitForPort();
            QVERIFY2(port != 0, server.err().constData());
            std::atomic<bool> stop {false};
            std::atomic<int> done {0};
            std::mutex lock;
            const auto note = [&](const QString& id, const QString& status) {
                const std::scoped_lock guard(lock);
                acknowledged[id].append(status);
            };
            const auto worker = [&](int n) {
                for (int i = 0; !stop; ++i) {
                    if ((i + n) % 3 == 0) {
                        // What the list shows must be durable too.
                        const RawResponse list = rawHttp(port,
                            rawRequest("GET", "/api/v1/actions", jsonWithToken(kToken)), 0, 3000);
                        for (const QJsonValue& a : QJsonDocument::fromJson(list.body).array())
                            note(a[u"id"_s].toString(), a[u"status"_s].toString());
                        continue;
                    }
                    RawResponse r = rawHttp(port,
                        rawRequest("POST", "/api/v1/actions", jsonWithToken(kToken),
                            R"({"type":"pause_queue","targets":["production"],"parameters":{"queue":"low"}})"),
                        0, 3000);
                    if (r.status != 202)
                        continue;
                    const QString id = r.object()[u"id"_s].toString();
                    note(id, r.object()[u"status"_s].toString());
                    r = rawHttp(port,
                        rawRequest("POST", "/api/v1/actions/" + id.toUtf8() + "/confirm",
                            jsonWithToken(kToken), R"({"confirmed_by":"kill-test"})"),
                        0, 3000);
                    if (r.status == 200 || r.status == 202) {
                        note(id, r.object()[u"status"_s].toString());
                        ++done;
                    }
                }
            };
            std::thread a(worker, 0);
            std::thread b(worker, 1);
            std::thread c(worker, 2);
            QTRY_VERIFY_WITH_TIMEOUT(done >= 3, 20000);
            QTest::qWait(static_cast<int>(QRandomGenerator::global()->bounded(400)));
            server.killHard();
            stop = true;
            a.join();
            b.join();
            c.join();
            answers += done;

            AuditDb db(auditPath);
            QVERIFY(db.isOpen());
            QCOMPARE(db.integrity(), u"ok"_s);
            for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
                const QStringList rows = db.statuses(it.key());
                for (const QString& status : it.value())
                    QVERIFY2(rows.contains(status),
                        qPrintable(
                            it.key() + u" answered " + status + u", rows: " + rows.join(u',')));
            }
        }
        qInfo("%d actions confirmed, %lld actions seen in answers", answers,
            static_cast<long long>(acknowledged.size()));
        QVERIFY(answers >= 12);
    }
};

QTEST_GUILESS_MAIN(TestFaultSlowAudit)
#include "TestFaultSlowAudit.moc"

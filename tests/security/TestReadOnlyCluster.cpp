// A cluster marked read_only in the config stays read-only whatever the API is asked: actions
// that change data are refused, its flag cannot be lifted, it cannot be removed and re-added,
// and no other entry may reach the same server and database without the flag. Peek (a read)
// still works. The data in Redis is untouched throughout.

#include "ApiHarness.h"
#include "support/JobJson.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qd;
using namespace qd::test;

namespace {

const QString kDeadLetters = QStringLiteral("jobqueue:dead_letter");

QJsonObject action(const QString& type, const QString& target, const QJsonObject& parameters = {})
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("targets"), QJsonArray {target}},
        {QStringLiteral("parameters"), parameters}};
}

} // namespace

class TestReadOnlyCluster final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<RedisServer> m_redis;
    std::unique_ptr<ApiHarness> m_api;

    void expectReadOnly(const HttpResponse& r, const char* what)
    {
        QVERIFY2(r.status == 403 && r.errorCode() == QStringLiteral("cluster_read_only"),
            QByteArray(QByteArray(what) + ": " + r.describe()).constData());
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_redis = RedisServer::start({}, &error);
        QVERIFY2(m_redis, qPrintable(error));
        QCOMPARE(m_redis->cli({QStringLiteral("RPUSH"), kDeadLetters, jobJson(QStringLiteral("a")),
                     jobJson(QStringLiteral("b"))}),
            QByteArray("2"));
        ClusterConfig production = clusterFor(QStringLiteral("production"), m_redis->endpoint());
        production.readOnly = true;
        ClusterConfig staging = clusterFor(QStringLiteral("staging"), m_redis->endpoint());
        staging.db = 1;
        Config config = configFor({production, staging});
        config.actions.requireConfirmation = false;
        config.actions.allowedActions = {QStringLiteral("purge_dlq"), QStringLiteral("pause_queue"),
            QStringLiteral("resume_queue"), QStringLiteral("benchmark"),
            QStringLiteral("requeue_dlq"), QStringLiteral("peek")};
        m_api = std::make_unique<ApiHarness>(config);
        QVERIFY2(m_api->start(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_api.reset();
        m_redis.reset();
    }

    void actionsThatChangeDataAreRefused()
    {
        HttpClient& c = m_api->client();
        const QJsonObject queue {{QStringLiteral("queue"), QStringLiteral("high")}};
        for (const QJsonObject& body :
            {action(QStringLiteral("purge_dlq"), QStringLiteral("production")),
                action(QStringLiteral("requeue_dlq"), QStringLiteral("production")),
                action(QStringLiteral("pause_queue"), QStringLiteral("production"), queue),
                action(QStringLiteral("resume_queue"), QStringLiteral("production"), queue),
                action(QStringLiteral("benchmark"), QStringLiteral("production"),
                    {{QStringLiteral("count"), 10}})}) {
            expectReadOnly(c.post(QStringLiteral("/api/v1/actions"), body),
                qPrintable(body[QStringLiteral("type")].toString()));
        }
        // Mixed with a writable target: refused as a whole, nothing runs on staging either.
        QJsonObject both = action(QStringLiteral("pause_queue"), QStringLiteral("staging"), queue);
        both[QStringLiteral("targets")]
            = QJsonArray {QStringLiteral("staging"), QStringLiteral("production")};
        expectReadOnly(c.post(QStringLiteral("/api/v1/actions"), both), "mixed targets");
        QCOMPARE(m_redis->cli({QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("EXISTS"),
                     QStringLiteral("jobqueue:paused:high")}),
            QByteArray("0"));
        QCOMPARE(m_redis->cli({QStringLiteral("LLEN"), kDeadLetters}), QByteArray("2"));
        QCOMPARE(m_redis->cli({QStringLiteral("EXISTS"), QStringLiteral("jobqueue:paused:high")}),
            QByteArray("0"));
        // Reading is what read-only is for.
        const HttpResponse peek = c.post(QStringLiteral("/api/v1/actions"),
            action(QStringLiteral("peek"), QStringLiteral("production"),
                {{QStringLiteral("queue"), QStringLiteral("dead_letter")}}));
        QVERIFY2(peek.status == 200, peek.describe().constData());
        QCOMPARE(peek.object()[QStringLiteral("status")].toString(), QStringLiteral("completed"));
    }

    void theFlagCannotBeLiftedOrDodged()
    {
        HttpClient& c = m_api->client();
        const QString endpoint = m_redis->endpoint();
        // Lifting the flag.
        expectReadOnly(
            c.put(QStringLiteral("/api/v1/clusters/production"),
                {{QStringLiteral("endpoint"), endpoint}, {QStringLiteral("read_only"), false}}),
            "PUT read_only false");
        // Leaving it out of a PUT is the same as false (a PUT replaces the entry).
        expectReadOnly(c.put(QStringLiteral("/api/v1/clusters/production"),
                           {{QStringLiteral("endpoint"), endpoint}}),
            "PUT without read_only");
        // Removing it (and adding it back without the flag).
        expectReadOnly(c.del(QStringLiteral("/api/v1/clusters/production")), "DELETE");
        // A second entry for the same server and database, in every spelling.
        for (const QString& alias : {endpoint, QString(QStringLiteral("redis://") + endpoint),
                 QString(QStringLiteral("redis://") + endpoint + QStringLiteral("/0"))}) {
            expectReadOnly(c.post(QStringLiteral("/api/v1/clusters"),
                               {{QStringLiteral("name"), QStringLiteral("alias")},
                                   {QStringLiteral("endpoint"), alias}}),
                qPrintable(QStringLiteral("POST alias ") + alias));
        }
        // Moving a writable entry onto it.
        expectReadOnly(c.put(QStringLiteral("/api/v1/clusters/staging"),
                           {{QStringLiteral("endpoint"), endpoint}, {QStringLiteral("db"), 0}}),
            "PUT staging onto production's database");
        const QJsonArray clusters = c.get(QStringLiteral("/api/v1/clusters")).array();
        QCOMPARE(clusters.size(), 2);
        QCOMPARE(clusters[0][QStringLiteral("read_only")].toBool(), true);
        QCOMPARE(clusters[1][QStringLiteral("db")].toInt(), 1);

        // What stays allowed: editing it while it stays read-only, a read-only alias, and any
        // entry on another database.
        const HttpResponse relabel = c.put(QStringLiteral("/api/v1/clusters/production"),
            {{QStringLiteral("endpoint"), endpoint}, {QStringLiteral("read_only"), true},
                {QStringLiteral("label"), QStringLiteral("Prod")}});
        QVERIFY2(relabel.status == 200, relabel.describe().constData());
        const HttpResponse alias = c.post(QStringLiteral("/api/v1/clusters"),
            {{QStringLiteral("name"), QStringLiteral("alias")},
                {QStringLiteral("endpoint"), endpoint}, {QStringLiteral("read_only"), true}});
        QVERIFY2(alias.status == 201, alias.describe().constData());
        const HttpResponse other = c.post(QStringLiteral("/api/v1/clusters"),
            {{QStringLiteral("name"), QStringLiteral("other")},
                {QStringLiteral("endpoint"), endpoint}, {QStringLiteral("db"), 3}});
        QVERIFY2(other.status == 201, other.describe().constData());
        // The saved file keeps the flag.
        QFile file(m_api->configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(saved[QStringLiteral("clusters")][0][QStringLiteral("read_only")].toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestReadOnlyCluster)
#include "TestReadOnlyCluster.moc"

// A server that stops answering, and one that dies and comes back on the same port: calls fail
// within the timeout, and the same client recovers by itself afterwards.

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/redis/StandaloneClient.h"
#include "support/RedisServer.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ClusterConfig;
using qd::redis::ConnectionError;
using qd::redis::RedisClient;
using qd::redis::Reply;
using qd::redis::Severity;
using qd::redis::StandaloneClient;
using qd::test::RedisServer;
using Kind = ConnectionError::Kind;

class TestRedisResilience final : public QObject {
    Q_OBJECT

private slots:
    void init();
    void frozenServerTimesOutThenRecovers();
    void restartedServerIsReconnected();
    void cleanup();

private:
    std::unique_ptr<RedisServer> m_server;
    std::unique_ptr<RedisClient> m_client;
};

namespace {

constexpr qint64 kTimeoutMs = 500;

std::optional<ConnectionError> errorOf(RedisClient& client)
{
    try {
        client.command({"PING"});
    } catch (const ConnectionError& error) {
        return error;
    }
    return std::nullopt;
}

bool answers(RedisClient& client)
{
    try {
        return client.command({"PING"}) == Reply::status("PONG");
    } catch (const ConnectionError&) {
        return false;
    }
}

} // namespace

void TestRedisResilience::init()
{
    QString error;
    m_server = RedisServer::start({}, &error);
    QVERIFY2(m_server, qPrintable(error));
    ClusterConfig config;
    config.name = u"resilience"_s;
    config.endpoint = m_server->endpoint();
    m_client = RedisClient::create(config, std::chrono::milliseconds(kTimeoutMs));
    QVERIFY(answers(*m_client));
}

void TestRedisResilience::frozenServerTimesOutThenRecovers()
{
    m_server->freeze();
    QElapsedTimer timer;
    timer.start();
    const std::optional<ConnectionError> error = errorOf(*m_client);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(error);
    QCOMPARE(error->kind(), Kind::Timeout);
    QCOMPARE(error->severity(), Severity::Warning);
    QVERIFY2(elapsed >= kTimeoutMs - 50, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < kTimeoutMs + 1500, qPrintable(QString::number(elapsed)));

    // Still frozen: a new connection is accepted by the kernel but its handshake times out.
    // The backoff counts from each attempt's start, so it only outlasts an attempt once it has
    // doubled past the timeout (100, 200, 400 ms...); from then on the pool answers at once
    // with the last error instead of dialling on every call.
    auto& pool = static_cast<StandaloneClient&>(*m_client).pool();
    for (int attempt = 0; attempt < 8 && !pool.isBackingOff(); ++attempt)
        QCOMPARE(errorOf(*m_client)->kind(), Kind::Timeout);
    QVERIFY(pool.isBackingOff());
    const qint64 attempts = pool.connectAttempts();
    QCOMPARE(errorOf(*m_client)->kind(), Kind::Timeout);
    QCOMPARE(pool.connectAttempts(), attempts);

    m_server->thaw();
    QTRY_VERIFY_WITH_TIMEOUT(answers(*m_client), 15000);
    QCOMPARE(m_client->command({"SET", "after", "thaw"}), Reply::status("OK"));
}

void TestRedisResilience::restartedServerIsReconnected()
{
    QCOMPARE(m_client->command({"SET", "before", "restart"}), Reply::status("OK"));
    m_server->stop();
    const std::optional<ConnectionError> error = errorOf(*m_client);
    QVERIFY(error);
    QCOMPARE(error->kind(), Kind::Refused);
    QVERIFY2(error->message().contains(m_server->endpoint()), error->what());

    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(answers(*m_client), 15000);
    QCOMPARE(m_client->command({"SET", "after", "restart"}), Reply::status("OK"));
}

void TestRedisResilience::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestRedisResilience)
#include "TestRedisResilience.moc"

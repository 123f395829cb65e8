#include "core/redis/Backoff.h"
#include "core/redis/ConnectionPool.h"
#include "core/util/Clock.h"

#include <QTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::Millis;
using qd::redis::Backoff;
using qd::redis::ConnectionError;
using qd::redis::ConnectionPool;
using qd::redis::ConnectionSettings;
using qd::redis::Endpoint;
using Kind = ConnectionError::Kind;

// Backoff arithmetic and the pool's bookkeeping, with a hand-moved clock and bare loopback
// sockets (no Redis needed: with no AUTH, SELECT or SETNAME to send, opening a connection is
// just a TCP connect, which the kernel completes for any listening socket).
class TestRedisPool final : public QObject {
    Q_OBJECT

private slots:
    void backoffDoublesUpToTheCap_data();
    void backoffDoublesUpToTheCap();
    void backoffResets();
    void failsFastWhileBackingOffThenRetries();
    void successResetsTheBackoff();
    void reusesReturnedConnections();
    void dropsBrokenAndServerClosedConnections();
    void boundedSizeTimesOut();
};

namespace {

// A loopback TCP listener that accepts only when told to.
class Listener final {
public:
    explicit Listener(quint16 port = 0)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const int on = 1;
        setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        m_ok = ::fcntl(m_fd, F_SETFL, O_NONBLOCK) == 0
            && ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
            && ::listen(m_fd, 16) == 0;
        socklen_t size = sizeof address;
        getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size);
        m_port = ntohs(address.sin_port);
    }
    ~Listener() { ::close(m_fd); }
    bool ok() const { return m_ok; }
    quint16 port() const { return m_port; }
    // Accepts every pending connection and hangs up on it at once.
    int hangUpOnAll() const
    {
        int count = 0;
        for (int fd; (fd = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK)) >= 0; ++count)
            ::close(fd);
        return count;
    }

private:
    int m_fd = -1;
    quint16 m_port = 0;
    bool m_ok = false;
};

quint16 closedPort()
{
    return Listener().port(); // bound, then closed: nothing listens there now
}

ConnectionSettings bareSettings(quint16 port)
{
    ConnectionSettings settings;
    settings.endpoint = Endpoint::tcp(u"127.0.0.1"_s, port);
    settings.clientName.clear(); // no handshake at all
    settings.connectTimeout = 2s;
    settings.commandTimeout = 300ms;
    return settings;
}

Kind kindOfAcquire(ConnectionPool& pool)
{
    try {
        pool.acquire();
    } catch (const ConnectionError& error) {
        return error.kind();
    }
    return Kind::Config; // no error: callers compare against the kind they expect
}

} // namespace

void TestRedisPool::backoffDoublesUpToTheCap_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<QList<int>>("delays");
    QTest::newRow("shortest") << 0.0 << QList<int> {50, 100, 200, 400, 800, 1600, 3200, 5000, 5000};
    QTest::newRow("longest") << 1.0
                             << QList<int> {100, 200, 400, 800, 1600, 3200, 6400, 10000, 10000};
    QTest::newRow("middle") << 0.5 << QList<int> {75, 150, 300, 600, 1200, 2400, 4800, 7500, 7500};
}

void TestRedisPool::backoffDoublesUpToTheCap()
{
    QFETCH(double, random);
    QFETCH(QList<int>, delays);
    Backoff backoff(100ms, 10s, [random] { return random; });
    for (const int expected : delays)
        QCOMPARE(backoff.next().count(), expected);
    QCOMPARE(backoff.failures(), delays.size());
}

void TestRedisPool::backoffResets()
{
    Backoff backoff(100ms, 10s);
    for (int i = 0; i < 40; ++i) {
        const Millis delay = backoff.next(); // many failures must not overflow the doubling
        QVERIFY(delay >= 50ms && delay <= 10s);
    }
    backoff.reset();
    const Millis first = backoff.next();
    QVERIFY(first >= 50ms && first <= 100ms);
}

void TestRedisPool::failsFastWhileBackingOffThenRetries()
{
    qd::ManualClock clock;
    ConnectionPool pool(bareSettings(closedPort()), {}, {}, clock);
    QCOMPARE(kindOfAcquire(pool), Kind::Refused);
    QCOMPARE(pool.connectAttempts(), 1);
    QVERIFY(pool.isBackingOff());

    // While backing off the last error comes back without dialling again.
    QCOMPARE(kindOfAcquire(pool), Kind::Refused);
    QCOMPARE(pool.connectAttempts(), 1);
    clock.advance(49ms); // the first delay is at least half of 100 ms
    QCOMPARE(kindOfAcquire(pool), Kind::Refused);
    QCOMPARE(pool.connectAttempts(), 1);

    clock.advance(100ms);
    QVERIFY(!pool.isBackingOff());
    QCOMPARE(kindOfAcquire(pool), Kind::Refused);
    QCOMPARE(pool.connectAttempts(), 2);
    QCOMPARE(pool.openCount(), 0);
}

void TestRedisPool::successResetsTheBackoff()
{
    qd::ManualClock clock;
    const quint16 port = closedPort();
    ConnectionPool pool(bareSettings(port), {}, {}, clock);
    for (int failure = 0; failure < 5; ++failure) {
        QCOMPARE(kindOfAcquire(pool), Kind::Refused);
        clock.advance(20s);
    }
    Listener server(port);
    QVERIFY(server.ok());
    {
        ConnectionPool::Lease lease = pool.acquire();
        QVERIFY(!lease->isBroken());
    }
    QVERIFY(!pool.isBackingOff());
    QCOMPARE(pool.idleCount(), 1);
}

void TestRedisPool::reusesReturnedConnections()
{
    Listener server;
    QVERIFY(server.ok());
    ConnectionPool pool(bareSettings(server.port()), {2});
    {
        ConnectionPool::Lease first = pool.acquire();
        ConnectionPool::Lease second = pool.acquire();
        QCOMPARE(pool.openCount(), 2);
        QCOMPARE(pool.idleCount(), 0);
    }
    QCOMPARE(pool.idleCount(), 2);
    for (int i = 0; i < 10; ++i)
        ConnectionPool::Lease again = pool.acquire();
    QCOMPARE(pool.connectAttempts(), 2);
    QCOMPARE(pool.openCount(), 2);
}

void TestRedisPool::dropsBrokenAndServerClosedConnections()
{
    Listener server;
    QVERIFY(server.ok());
    ConnectionPool pool(bareSettings(server.port()), {2});
    {
        ConnectionPool::Lease lease = pool.acquire();
        lease->markBroken();
    }
    QCOMPARE(pool.openCount(), 0);
    QCOMPARE(pool.idleCount(), 0);

    {
        ConnectionPool::Lease lease = pool.acquire();
    }
    QCOMPARE(pool.idleCount(), 1);
    // The server hangs up on the idle connection (restart, idle timeout).
    QCOMPARE(server.hangUpOnAll(), 2);
    {
        ConnectionPool::Lease lease = pool.acquire(); // must not hand out the dead one
        QCOMPARE(pool.connectAttempts(), 3);
    }
    QCOMPARE(pool.openCount(), 1);
}

void TestRedisPool::boundedSizeTimesOut()
{
    Listener server;
    QVERIFY(server.ok());
    ConnectionPool pool(bareSettings(server.port()), {1});
    ConnectionPool::Lease held = pool.acquire();
    try {
        pool.acquire();
        QFAIL("a second lease from a pool of one must wait and time out");
    } catch (const ConnectionError& error) {
        QCOMPARE(error.kind(), Kind::Timeout);
        QVERIFY2(error.message().contains(u"busy"_s), error.what());
    }
    QCOMPARE(pool.connectAttempts(), 1);
}

QTEST_APPLESS_MAIN(TestRedisPool)
#include "TestRedisPool.moc"

#include "core/queues/RedisInfo.h"

#include <QTest>

using qd::RedisServerStat;

// The figures read from INFO text: the keys QueueDeck shows, summed over the masters of a
// cluster, whatever else the text holds (section headers, blank lines, CRLF endings, keys that
// only start like ours, values that are not numbers).
class TestRedisInfo final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsTheFiguresOfOneServer()
    {
        RedisServerStat stats;
        qd::RedisInfo::addTo(QByteArrayLiteral("# Memory\r\n"
                                               "used_memory:1048576\r\n"
                                               "used_memory_human:1.00M\r\n"
                                               "used_memory_rss:2097152\r\n"
                                               "maxmemory:4194304\r\n"
                                               "\r\n"
                                               "# Clients\r\n"
                                               "connected_clients:7\r\n"
                                               "# Stats\r\n"
                                               "instantaneous_ops_per_sec:12.5\r\n"),
            stats);
        QCOMPARE(stats.usedMemory, 1048576);
        QCOMPARE(stats.maxMemory, 4194304);
        QCOMPARE(stats.connectedClients, 7);
        QCOMPARE(stats.opsPerSec, 12.5);
    }

    void sumsOverMasters()
    {
        RedisServerStat stats;
        qd::RedisInfo::addTo(
            QByteArrayLiteral("used_memory:100\r\nconnected_clients:2\r\n"), stats);
        qd::RedisInfo::addTo(QByteArrayLiteral("used_memory:50\r\nconnected_clients:3"), stats);
        QCOMPARE(stats.usedMemory, 150);
        QCOMPARE(stats.connectedClients, 5);
    }

    void skipsWhatIsNotAFigure()
    {
        RedisServerStat stats;
        qd::RedisInfo::addTo(QByteArrayLiteral("used_memory:lots\r\n"
                                               ":42\r\n"
                                               "#used_memory:9\r\n"
                                               "maxmemory\r\n"
                                               "connected_clients: 4 \n"
                                               "\n"),
            stats);
        QCOMPARE(stats.usedMemory, 0);
        QCOMPARE(stats.maxMemory, 0);
        QCOMPARE(stats.connectedClients, 4);
        RedisServerStat empty;
        qd::RedisInfo::addTo(QByteArray(), empty);
        QCOMPARE(empty, RedisServerStat {});
    }
};

QTEST_GUILESS_MAIN(TestRedisInfo)
#include "TestRedisInfo.moc"

#include "core/redis/HashSlot.h"
#include "core/redis/SlotMap.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::redis::Endpoint;
using qd::redis::Reply;
using qd::redis::SlotMap;
namespace hashslot = qd::redis::hashslot;

// Redis Cluster's key-to-slot function (values from the cluster specification and from
// CLUSTER KEYSLOT of a real server) and the CLUSTER SLOTS parser.
class TestRedisHashSlot final : public QObject {
    Q_OBJECT

private slots:
    void crc16MatchesTheSpecification();
    void keySlots_data();
    void keySlots();
    void parsesClusterSlots();
    void fillsMissingHostAndKeepsTls();
    void rejectsMalformedClusterSlots_data();
    void rejectsMalformedClusterSlots();
};

void TestRedisHashSlot::crc16MatchesTheSpecification()
{
    QCOMPARE(hashslot::crc16("123456789"), quint16(0x31C3));
    QCOMPARE(hashslot::crc16(""), quint16(0));
}

void TestRedisHashSlot::keySlots_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("slot");
    QTest::newRow("foo") << "foo"_ba << 12182;
    QTest::newRow("bar") << "bar"_ba << 5061;
    QTest::newRow("somekey") << "somekey"_ba << 11058;
    QTest::newRow("queue") << "jobqueue:high_priority"_ba << hashslot::of("jobqueue:high_priority");
    QTest::newRow("tag") << "{user1000}.following"_ba << hashslot::of("user1000");
    QTest::newRow("same tag") << "{user1000}.followers"_ba << hashslot::of("user1000");
    QTest::newRow("empty tag hashes all")
        << "foo{}{bar}"_ba << int(hashslot::crc16("foo{}{bar}") % 16384);
    QTest::newRow("first tag only") << "foo{bar}{zap}"_ba << hashslot::of("bar");
    QTest::newRow("brace inside tag") << "foo{{bar}}zap"_ba << hashslot::of("{bar");
    QTest::newRow("unclosed") << "foo{bar"_ba << int(hashslot::crc16("foo{bar") % 16384);
    QTest::newRow("binary") << QByteArray("\0\xff", 2)
                            << int(hashslot::crc16(QByteArray("\0\xff", 2)) % 16384);
}

void TestRedisHashSlot::keySlots()
{
    QFETCH(QByteArray, key);
    QFETCH(int, slot);
    QCOMPARE(hashslot::of(key), slot);
    QVERIFY(slot >= 0 && slot < hashslot::kSlotCount);
}

namespace {

Reply node(const QByteArray& host, qint64 port, const QByteArray& id)
{
    return Reply::array({Reply::string(host), Reply::integer(port), Reply::string(id)});
}

Reply range(qint64 first, qint64 last, const QList<Reply>& nodes)
{
    QList<Reply> entry {Reply::integer(first), Reply::integer(last)};
    entry.append(nodes);
    return Reply::array(entry);
}

} // namespace

void TestRedisHashSlot::parsesClusterSlots()
{
    // Out of order, a master owning two ranges, replicas after the master: as Redis sends it.
    const Reply reply = Reply::array({
        range(10923, 16383, {node("10.0.0.3", 7002, "c"), node("10.0.0.6", 7005, "f")}),
        range(0, 5460, {node("10.0.0.1", 7000, "a")}),
        range(5461, 10000, {node("10.0.0.2", 7001, "b")}),
        range(10001, 10922, {node("10.0.0.1", 7000, "a")}),
    });
    QString error;
    const std::optional<SlotMap> map
        = SlotMap::fromClusterSlots(reply, Endpoint::tcp(u"seed"_s, 1), &error);
    QVERIFY2(map, qPrintable(error));
    QCOMPARE(map->masters().size(), 3);
    QCOMPARE(map->masters().at(0).address(), u"10.0.0.1:7000"_s);
    QCOMPARE(map->masters().at(0).id, u"a"_s);
    QCOMPARE(map->masters().at(1).address(), u"10.0.0.2:7001"_s);
    QCOMPARE(map->masters().at(2).address(), u"10.0.0.3:7002"_s);
    QCOMPARE(map->owner(0)->id, u"a"_s);
    QCOMPARE(map->owner(10000)->id, u"b"_s);
    QCOMPARE(map->owner(10001)->id, u"a"_s);
    QCOMPARE(map->owner(16383)->id, u"c"_s);
    QCOMPARE(map->owner(16384), nullptr);
    QCOMPARE(map->uncoveredSlots(), 0);
}

void TestRedisHashSlot::fillsMissingHostAndKeepsTls()
{
    Endpoint seed = Endpoint::tcp(u"redis.example"_s, 6380);
    seed.transport = Endpoint::Transport::Tls;
    const Reply reply = Reply::array({range(0, 99, {node("", 7000, "a")})});
    const std::optional<SlotMap> map = SlotMap::fromClusterSlots(reply, seed);
    QVERIFY(map);
    QCOMPARE(map->masters().at(0).address(), u"redis.example:7000"_s);
    QVERIFY(map->masters().at(0).endpoint.isTls());
    QCOMPARE(map->uncoveredSlots(), 16384 - 100);
    QCOMPARE(map->owner(100), nullptr);
}

void TestRedisHashSlot::rejectsMalformedClusterSlots_data()
{
    QTest::addColumn<Reply>("reply");
    QTest::newRow("error") << Reply::error("ERR This instance has cluster support disabled");
    QTest::newRow("range reversed") << Reply::array({range(10, 5, {node("h", 1, "a")})});
    QTest::newRow("slot too large") << Reply::array({range(0, 16384, {node("h", 1, "a")})});
    QTest::newRow("no master") << Reply::array(
        {Reply::array({Reply::integer(0), Reply::integer(1)})});
    QTest::newRow("bad port") << Reply::array({range(0, 1, {node("h", 0, "a")})});
    QTest::newRow("host not a string")
        << Reply::array({range(0, 1, {Reply::array({Reply::integer(1), Reply::integer(2)})})});
}

void TestRedisHashSlot::rejectsMalformedClusterSlots()
{
    QFETCH(Reply, reply);
    QString error;
    QVERIFY(!SlotMap::fromClusterSlots(reply, Endpoint::tcp(u"h"_s, 1), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_APPLESS_MAIN(TestRedisHashSlot)
#include "TestRedisHashSlot.moc"

#include "core/redis/Command.h"
#include "core/redis/Pipeline.h"
#include "core/redis/Reply.h"
#include "core/redis/ReplyReader.h"
#include "core/redis/Script.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::redis::Command;
using qd::redis::Pipeline;
using qd::redis::Reply;
using qd::redis::ReplyReader;
using qd::redis::Script;

// RESP in, owned Reply values out (hiredis's parser underneath), and RESP out for commands.
class TestReplyReader final : public QObject {
    Q_OBJECT

private slots:
    void parsesEveryType_data();
    void parsesEveryType();
    void replyHelpers();
    void rejectsNonResp();
    void encodesCommandsBinarySafe();
    void routingKeys_data();
    void routingKeys();
    void pipelineRefusesEmptyCommand();
    void pipelineRewindsToAMark();
    void unfinishedRepliesAreFreed();
    void releasingTheBufferKeepsWhatIsUnread();
    void pipelineShrinksAndGrowsAgain();
    void scriptCallsAreShaWithTheTextAtHand();
};

namespace {

QList<Reply> readAll(const QByteArray& wire, qsizetype chunk)
{
    ReplyReader reader;
    QList<Reply> replies;
    for (qsizetype at = 0; at < wire.size(); at += chunk) {
        if (!reader.feed(wire.constData() + at, std::min(chunk, wire.size() - at)))
            return {};
        Reply reply;
        while (reader.next(&reply))
            replies.append(reply);
    }
    return replies;
}

} // namespace

void TestReplyReader::parsesEveryType_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Reply>("expected");

    QTest::newRow("status") << "+OK\r\n"_ba << Reply::status("OK");
    QTest::newRow("error") << "-WRONGPASS invalid username-password pair\r\n"_ba
                           << Reply::error("WRONGPASS invalid username-password pair");
    QTest::newRow("integer") << ":-42\r\n"_ba << Reply::integer(-42);
    QTest::newRow("big integer") << ":9223372036854775807\r\n"_ba
                                 << Reply::integer(std::numeric_limits<qint64>::max());
    QTest::newRow("bulk") << "$5\r\nhello\r\n"_ba << Reply::string("hello");
    QTest::newRow("empty bulk") << "$0\r\n\r\n"_ba << Reply::string(QByteArray(""));
    QTest::newRow("binary bulk") << QByteArray("$6\r\na\0\r\nb\xff\r\n", 12)
                                 << Reply::string(QByteArray("a\0\r\nb\xff", 6));
    QTest::newRow("nil bulk") << "$-1\r\n"_ba << Reply::nil();
    QTest::newRow("nil array") << "*-1\r\n"_ba << Reply::nil();
    QTest::newRow("empty array") << "*0\r\n"_ba << Reply::array({});
    QTest::newRow("nested array") << "*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n-ERR x\r\n"_ba
                                  << Reply::array({Reply::integer(1),
                                         Reply::array({Reply::string("a"), Reply::nil()}),
                                         Reply::error("ERR x")});
    // Elements are built inside their parents: every level must land in its own slot.
    QTest::newRow("deep array")
        << "*2\r\n*2\r\n*1\r\n+OK\r\n*0\r\n*3\r\n$-1\r\n*-1\r\n:3\r\n"_ba
        << Reply::array({Reply::array({Reply::array({Reply::status("OK")}), Reply::array({})}),
               Reply::array({Reply::nil(), Reply::nil(), Reply::integer(3)})});
}

void TestReplyReader::parsesEveryType()
{
    QFETCH(QByteArray, wire);
    QFETCH(Reply, expected);
    // Whole, then one byte at a time: replies split across reads must come out the same.
    for (const qsizetype chunk : {wire.size(), qsizetype(1)}) {
        const QList<Reply> replies = readAll(wire + ":7\r\n"_ba, chunk);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(0).toDebugString(), expected.toDebugString());
        QVERIFY(replies.at(0) == expected);
        QCOMPARE(replies.at(1), Reply::integer(7));
    }
}

void TestReplyReader::replyHelpers()
{
    bool ok = false;
    QCOMPARE(Reply::integer(5).toInteger(&ok), 5);
    QVERIFY(ok);
    QCOMPARE(Reply::string("123").toInteger(&ok), 123);
    QVERIFY(ok);
    QCOMPARE(Reply::string("abc").toInteger(&ok), 0);
    QVERIFY(!ok);
    QCOMPARE(Reply::nil().toInteger(&ok), 0);
    QVERIFY(!ok);
    QCOMPARE(Reply::error("MOVED 3999 127.0.0.1:6381").errorCode(), QByteArrayView("MOVED"));
    QVERIFY(Reply::error("ASK 1 h:2").isErrorCode("ASK"));
    QVERIFY(!Reply::status("ASK").isErrorCode("ASK"));
    QCOMPARE(Reply::error("LOADING").errorCode(), QByteArrayView("LOADING"));
    QCOMPARE(Reply::array({Reply::integer(1), Reply::string("a b"), Reply::nil()}).toDebugString(),
        u"[1, \"a b\", nil]"_s);
    QCOMPARE(Reply::array({Reply::integer(1)}).elements().size(), 1);
    QVERIFY(Reply::integer(1).elements().isEmpty());
}

void TestReplyReader::rejectsNonResp()
{
    ReplyReader reader;
    QVERIFY(reader.feed("?what\r\n", 7));
    Reply reply;
    QVERIFY(!reader.next(&reply));
    QVERIFY(reader.hasError());
    QVERIFY2(reader.error().contains(u"Protocol error"_s), qPrintable(reader.error()));
    QVERIFY(!reader.feed("+OK\r\n", 5)); // a broken stream stays broken
}

void TestReplyReader::encodesCommandsBinarySafe()
{
    QByteArray out;
    Command({"SET", QByteArray("k\0ey", 4), "a b\r\n"}).appendTo(out);
    QCOMPARE(out, QByteArray("*3\r\n$3\r\nSET\r\n$4\r\nk\0ey\r\n$5\r\na b\r\n\r\n", 34));

    Command built {"LRANGE"};
    built.arg(u"jobqueue:héllo").arg(qint64(0)).arg(qint64(-1));
    QCOMPARE(built.argv(), (QList<QByteArray> {"LRANGE", "jobqueue:h\xc3\xa9llo", "0", "-1"}));

    Pipeline pipeline;
    pipeline.add({"PING"}).add({"LLEN", "q"});
    QCOMPARE(pipeline.size(), 2);
    QCOMPARE(pipeline.encoded(), "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nLLEN\r\n$1\r\nq\r\n"_ba);
}

void TestReplyReader::routingKeys_data()
{
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("key"); // null: no key
    QTest::newRow("keyed") << Command {"LLEN", "jobqueue:high"} << "jobqueue:high"_ba;
    QTest::newRow("lower-case keyless") << Command {"info", "memory"} << QByteArray();
    QTest::newRow("scan") << Command {"SCAN", "0", "COUNT", "10"} << QByteArray();
    QTest::newRow("no arguments") << Command {"PING"} << QByteArray();
    QTest::newRow("explicit") << Command {"EVAL", "return 1", "1", "k1"}.routeBy("k1") << "k1"_ba;
}

void TestReplyReader::routingKeys()
{
    QFETCH(Command, command);
    QFETCH(QByteArray, key);
    const std::optional<QByteArray> actual = command.routingKey();
    QCOMPARE(actual.has_value(), !key.isNull());
    if (actual)
        QCOMPARE(*actual, key);
}

void TestReplyReader::pipelineRefusesEmptyCommand()
{
    Pipeline pipeline;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pipeline.add(Command()));
    QVERIFY(pipeline.isEmpty());
}

void TestReplyReader::pipelineRewindsToAMark()
{
    Pipeline pipeline;
    pipeline.add({"LLEN", "q"});
    const Pipeline::Mark fixed = pipeline.mark();
    pipeline.add({"SCAN", "0"});
    const Pipeline sent = pipeline; // what the previous call sent stays as it was
    pipeline.rewind(fixed);
    pipeline.add({"SCAN", "17"});
    QCOMPARE(pipeline.size(), 2);
    QCOMPARE(
        pipeline.encoded(), "*2\r\n$4\r\nLLEN\r\n$1\r\nq\r\n*2\r\n$4\r\nSCAN\r\n$2\r\n17\r\n"_ba);
    QCOMPARE(sent.encoded(), "*2\r\n$4\r\nLLEN\r\n$1\r\nq\r\n*2\r\n$4\r\nSCAN\r\n$1\r\n0\r\n"_ba);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pipeline.rewind({1000, 1}));
}

void TestReplyReader::unfinishedRepliesAreFreed()
{
    // Half an array when the reader goes away, and an array broken by a protocol error: the
    // partial replies are freed (the sanitized suite fails on a leak).
    {
        ReplyReader reader;
        const QByteArray half = "*3\r\n$1\r\na\r\n*2\r\n:1\r\n"_ba;
        QVERIFY(reader.feed(half.constData(), half.size()));
        Reply reply;
        QVERIFY(!reader.next(&reply));
        QVERIFY(!reader.hasError());
    }
    ReplyReader reader;
    const QByteArray broken = "*2\r\n$1\r\na\r\n?bad\r\n"_ba;
    QVERIFY(reader.feed(broken.constData(), broken.size()));
    Reply reply;
    QVERIFY(!reader.next(&reply));
    QVERIFY(reader.hasError());
}

void TestReplyReader::releasingTheBufferKeepsWhatIsUnread()
{
    // A connection frees its parse buffer after every exchange. Whatever the reader still
    // holds then (half a reply, or a whole one not taken yet) must survive that.
    ReplyReader reader;
    const QByteArray big = "$5000\r\n"_ba + QByteArray(5000, 'x') + "\r\n"_ba;
    QVERIFY(reader.feed(big.constData(), big.size()));
    Reply reply;
    QVERIFY(reader.next(&reply));
    QCOMPARE(reply.toByteArray().size(), 5000);
    reader.releaseBuffer(); // everything read: freed

    const QByteArray two = "*2\r\n$3\r\nabc\r\n:7\r\n+OK\r\n"_ba;
    QVERIFY(reader.feed(two.constData(), 8)); // "*2\r\n$3\r\na": half an array
    QVERIFY(!reader.next(&reply));
    reader.releaseBuffer(); // a reply in progress: kept
    QVERIFY(reader.feed(two.constData() + 8, two.size() - 8));
    reader.releaseBuffer(); // "+OK" not taken yet: kept
    QVERIFY(reader.next(&reply));
    QCOMPARE(reply.size(), 2);
    QCOMPARE(reply.at(0).toByteArray(), "abc"_ba);
    QCOMPARE(reply.at(1).toInteger(), 7);
    QVERIFY(reader.next(&reply));
    QCOMPARE(reply.toByteArray(), "OK"_ba);
    QVERIFY(!reader.next(&reply));
    QVERIFY(!reader.hasError());
}

void TestReplyReader::pipelineShrinksAndGrowsAgain()
{
    Pipeline pipeline;
    for (int i = 0; i < 100; ++i)
        pipeline.add({"LLEN", QByteArray("queue:") + QByteArray::number(i)});
    const QByteArray before = pipeline.encoded();
    const Pipeline::Mark fixed = pipeline.mark();
    pipeline.shrinkToFit(64);
    QCOMPARE(pipeline.encoded(), before);
    QVERIFY(pipeline.encoded().capacity() <= before.size() + 64);
    pipeline.add({"SCAN", "0"});
    pipeline.rewind(fixed);
    pipeline.add({"SCAN", QByteArray(200, '9')}); // past the headroom: grows as before
    QCOMPARE(pipeline.size(), 101);
    QVERIFY(pipeline.encoded().startsWith(before));
}

void TestReplyReader::scriptCallsAreShaWithTheTextAtHand()
{
    static const Script script("return 1");
    // sha1("return 1"), as `redis-cli SCRIPT LOAD "return 1"` prints it.
    QCOMPARE(script.sha1(), "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"_ba);
    const Command call = script.call(1).arg(QByteArray("k")).arg(qint64(5));
    QCOMPARE(call.argv(),
        QList<QByteArray>({"EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "1", "k", "5"}));
    QCOMPARE(call.script(), &script);
    const Command eval = call.withScriptText();
    QCOMPARE(eval.argv(), QList<QByteArray>({"EVAL", "return 1", "1", "k", "5"}));
    QCOMPARE(eval.script(), nullptr); // sent once, never again
    QCOMPARE(Command({"GET", "k"}).withScriptText().argv(), QList<QByteArray>({"GET", "k"}));

    Pipeline pipeline;
    pipeline.add({"GET", "k"});
    const Pipeline::Mark fixed = pipeline.mark();
    pipeline.add(call).add({"GET", "j"}).add(call);
    QCOMPARE(pipeline.scriptCalls().size(), 2);
    QCOMPARE(pipeline.scriptCalls().at(0).index, 1);
    QCOMPARE(pipeline.scriptCalls().at(1).index, 3);
    pipeline.rewind(fixed);
    QVERIFY(pipeline.scriptCalls().isEmpty());
    QVERIFY(Pipeline(QList<Command> {call}).scriptCalls().size() == 1);
}

QTEST_APPLESS_MAIN(TestReplyReader)
#include "TestReplyReader.moc"

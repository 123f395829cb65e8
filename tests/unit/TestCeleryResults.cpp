// The census of Celery's failed results and kombu's global_keyprefix, without a server: the
// commands a poll adds and what their replies make of the count (the interop test runs the
// same against a real worker).
#include "core/queues/celery/CeleryReader.h"
#include "core/queues/celery/CeleryResults.h"

#include <QTest>

using namespace qd;
using namespace qd::celery;
using namespace Qt::Literals::StringLiterals;
using redis::Command;
using redis::Reply;

namespace {

Reply scanReply(const QByteArray& cursor, const QList<QByteArray>& keys)
{
    QList<Reply> found;
    for (const QByteArray& key : keys)
        found.append(Reply::string(key));
    return Reply::array({Reply::string(cursor), Reply::array(found)});
}

Reply head(const QByteArray& status)
{
    return Reply::string(
        QByteArray("{\"status\": \"" + status + "\", \"result\": {\"exc_type\": \"RuntimeError\", ")
            .left(resultHeadBytes));
}

QList<QByteArray> names(const QList<Command>& commands)
{
    QList<QByteArray> out;
    for (const Command& command : commands)
        out.append(command.name());
    return out;
}

} // namespace

class TestCeleryResults : public QObject {
    Q_OBJECT

private slots:
    void statusIsReadFromTheHeadOfJsonAndMsgpack()
    {
        QCOMPARE(resultStatus("{\"status\": \"FAILURE\", \"result\": {\"exc_type\": \"Ru"),
            std::optional<QByteArray>("FAILURE"));
        QCOMPARE(resultStatus("{\"status\":\"SUCCESS\",\"result\":4}"),
            std::optional<QByteArray>("SUCCESS"));
        // A custom state longer than the head is cut off, and still no failure.
        const QByteArray longState = QByteArray("{\"status\": \"") + QByteArray(80, 'P');
        QCOMPARE(resultStatus(longState.left(resultHeadBytes))->size(), resultHeadBytes - 12);
        // The status is not the first field: not Celery's layout, not read.
        QVERIFY(!resultStatus("{\"result\": 1, \"status\": \"FAILURE\"}"));
        // msgpack: fixmap, fixstr "status", fixstr "FAILURE".
        QCOMPARE(resultStatus("\x85\xa6status\xa7"
                              "FAILURE\xa6result"),
            std::optional<QByteArray>("FAILURE"));
        QCOMPARE(resultStatus("\xde\x00\x05\xa6status\xd9\x07"
                              "SUCCESS"_ba),
            std::optional<QByteArray>("SUCCESS"));
        // pickle (protocol 4) and YAML (keys sorted: children first) are not read.
        QVERIFY(
            !resultStatus("\x80\x04\x95\x9c\x00\x00\x00\x00\x00\x00\x00}\x94(\x8c\x06status"_ba));
        // A map whose first key is cut off is not read either.
        QVERIFY(!resultStatus("\x85\xa6sta"_ba));
        QVERIFY(!resultStatus("children: []\ndate_done: '2026-12-07T01:00:00'\n"));
        QVERIFY(!resultStatus(""));
    }

    void aPassCountsFailuresOncePollByPoll()
    {
        ResultCensus census(0, 0, 1000);
        // The first poll: one SCAN step and nothing to read yet.
        QCOMPARE(names(census.commands()), QList<QByteArray> {"SCAN"});
        QCOMPARE(census.commands().constFirst().argv(),
            (QList<QByteArray> {"SCAN", "0", "MATCH", "celery-task-meta-*", "COUNT", "1000"}));
        QCOMPARE(census.apply({scanReply("17", {"celery-task-meta-a", "celery-task-meta-b"})}),
            QString());
        QVERIFY(!census.failures());

        // The next poll reads the heads of the keys found and takes the next step.
        QList<Command> commands = census.commands();
        QCOMPARE(names(commands), (QList<QByteArray> {"GETRANGE", "GETRANGE", "SCAN"}));
        QCOMPARE(commands.at(0).argv(),
            (QList<QByteArray> {"GETRANGE", "celery-task-meta-a", "0", "63"}));
        QCOMPARE(commands.at(2).argv().at(1), "17"_ba);
        // The last step returns a key already seen (Redis resizing its table), and one more.
        QCOMPARE(census.apply({head("FAILURE"), head("SUCCESS"),
                     scanReply("0", {"celery-task-meta-a", "celery-task-meta-c"})}),
            QString());
        QVERIFY2(!census.failures(), "the pass has not read its last keys");

        // Reading the last step's keys ends the pass; the same poll starts the next one.
        commands = census.commands();
        QCOMPARE(names(commands), (QList<QByteArray> {"GETRANGE", "GETRANGE", "SCAN"}));
        QCOMPARE(commands.at(2).argv().at(1), "0"_ba);
        QCOMPARE(census.apply({head("FAILURE"), Reply::string({}), scanReply("5", {})}), QString());
        QCOMPARE(census.passesCompleted(), 1);
        QCOMPARE(census.failures(), 1); // a, counted once; c expired before it was read
        QCOMPARE(census.lastPass()->results, 3);

        // A later pass replaces the figure: results expire.
        QCOMPARE(census.apply({scanReply("0", {"celery-task-meta-d"})}), QString());
        QCOMPARE(census.failures(), 1);
        QCOMPARE(census.apply({head("SUCCESS"), scanReply("0", {})}), QString());
        QCOMPARE(census.passesCompleted(), 2);
        QCOMPARE(census.failures(), 0);
    }

    void anotherDatabaseIsSelectedAndLeftInOneRoundTrip()
    {
        ResultCensus census(1, 3, 50);
        const QList<Command> first = census.commands();
        QCOMPARE(names(first), (QList<QByteArray> {"SELECT", "SCAN", "SELECT"}));
        QCOMPARE(first.constFirst().argv().at(1), "1"_ba);
        QCOMPARE(first.constLast().argv().at(1), "3"_ba);
        QCOMPARE(first.at(1).argv().at(5), "50"_ba);
        QCOMPARE(census.apply({Reply::status("OK"), scanReply("0", {"celery-task-meta-x"}),
                     Reply::status("OK")}),
            QString());
        QCOMPARE(
            names(census.commands()), (QList<QByteArray> {"SELECT", "GETRANGE", "SCAN", "SELECT"}));
        QCOMPARE(census.apply({Reply::status("OK"), head("FAILURE"), scanReply("0", {}),
                     Reply::status("OK")}),
            QString());
        QCOMPARE(census.failures(), 1);
        // A refused SELECT means the reads ran elsewhere: the count is forgotten.
        const QString error = census.apply({Reply::error("ERR DB index is out of range"),
            scanReply("0", {}), Reply::status("OK")});
        QVERIFY2(error.contains(u"SELECT 1 refused"_s), qPrintable(error));
        QVERIFY(!census.failures());
        QCOMPARE(names(census.commands()), (QList<QByteArray> {"SELECT", "SCAN", "SELECT"}));
    }

    void nothingReadableIsUnknownNotZero()
    {
        // Only pickled results: the pass completes, but says nothing.
        ResultCensus census(0, 0);
        QCOMPARE(census.apply({scanReply("0", {"celery-task-meta-p", "celery-task-meta-w"})}),
            QString());
        QCOMPARE(census.apply({Reply::string("\x80\x04\x95\x10"_ba),
                     Reply::error("WRONGTYPE Operation against a key holding the wrong kind"),
                     scanReply("0", {})}),
            QString());
        QCOMPARE(census.passesCompleted(), 1);
        QCOMPARE(census.lastPass()->unreadable, 2);
        QVERIFY(!census.failures());
        // An empty database: no results to read either.
        ResultCensus empty(0, 0);
        QCOMPARE(empty.apply({scanReply("0", {})}), QString());
        QCOMPARE(empty.apply({scanReply("0", {})}), QString());
        QCOMPARE(empty.passesCompleted(), 1);
        QVERIFY(!empty.failures());
        // Some readable among unreadable ones: what can be read is counted.
        QCOMPARE(census.apply({scanReply("0", {"celery-task-meta-j", "celery-task-meta-p"})}),
            QString());
        QCOMPARE(census.apply({head("FAILURE"), Reply::string("\x80\x04"_ba), scanReply("0", {})}),
            QString());
        QCOMPARE(census.failures(), 1);
        QCOMPARE(census.lastPass()->unreadable, 1);
        // Replies that do not match the commands restart the pass and keep the last figure.
        QVERIFY(!census.apply({}).isEmpty());
        QCOMPARE(census.failures(), 1);
        QCOMPARE(names(census.commands()), QList<QByteArray> {"SCAN"});
    }

    void theGlobalKeyPrefixNamesKeysBindingsAndChannels()
    {
        QCOMPARE(queueLists(u"mail"_s, "qd_"),
            (QList<QByteArray> {"qd_mail"_ba,
                "qd_mail\x06\x16"
                "3"_ba,
                "qd_mail\x06\x16"
                "6"_ba,
                "qd_mail\x06\x16"
                "9"_ba}));
        QCOMPARE(bindingMatch("qd_"), "qd__kombu.binding.*"_ba);
        QCOMPARE(bindingMatch(), "_kombu.binding.*"_ba);
        // Glob characters of the prefix are matched literally.
        QCOMPARE(bindingMatch("a*[b]?"), "a\\*\\[b\\]\\?_kombu.binding.*"_ba);
        QCOMPARE(eventPattern(2, "qd_"), "qd_/2.celeryev/*"_ba);
        QCOMPARE(queueOfBinding("qd__kombu.binding.celery", "celery\x06\x16\x06\x16mail", "qd_"),
            u"mail"_s);
        QCOMPARE(queueOfBinding("qd__kombu.binding.celery.pidbox", "x\x06\x16\x06\x16y", "qd_"),
            QString());
        // Another deployment's bindings (unprefixed) are not this one's.
        QCOMPARE(queueOfBinding("_kombu.binding.celery", "celery\x06\x16\x06\x16mail", "qd_"),
            QString());
        const QList<Command> poll = pollCommands({u"mail"_s}, 100.0, "qd_");
        QCOMPARE(poll.at(0).argv(), (QList<QByteArray> {"LLEN", "qd_mail"}));
        QCOMPARE(poll.at(4).argv(), (QList<QByteArray> {"HLEN", "qd_unacked"}));
        QCOMPARE(poll.at(5).argv().at(1), "qd_unacked_index"_ba);
        QCOMPARE(poll.at(6).argv().at(1), "qd_unacked_index"_ba);
    }
};

QTEST_GUILESS_MAIN(TestCeleryResults)
#include "TestCeleryResults.moc"

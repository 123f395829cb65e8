#include "core/queues/celery/CeleryReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace qd;
using namespace qd::celery;
using namespace Qt::Literals::StringLiterals;
using redis::Reply;

namespace {

// A payload as kombu's Redis transport publishes it: the event JSON, base64 in "body".
QByteArray envelope(const QJsonDocument& body, const QString& encoding = u"base64"_s)
{
    const QByteArray json = body.toJson(QJsonDocument::Compact);
    const QJsonObject message {
        {u"body"_s, QString::fromLatin1(encoding == u"base64" ? json.toBase64() : json)},
        {u"content-type"_s, u"application/json"_s},
        {u"properties"_s, QJsonObject {{u"body_encoding"_s, encoding}}}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

} // namespace

class TestCeleryReader : public QObject {
    Q_OBJECT

private slots:
    void queueListsFollowKombusPrioritySteps()
    {
        QCOMPARE(queueLists(u"mail"_s),
            (QList<QByteArray> {"mail"_ba,
                "mail\x06\x16"
                "3"_ba,
                "mail\x06\x16"
                "6"_ba,
                "mail\x06\x16"
                "9"_ba}));
        QCOMPARE(eventPattern(0), "/0.celeryev/*"_ba);
        QCOMPARE(eventPattern(12), "/12.celeryev/*"_ba);
    }

    void bindingsNameTaskQueuesOnly()
    {
        QCOMPARE(queueOfBinding("_kombu.binding.celery",
                     "celery\x06\x16\x06\x16"
                     "celery"),
            u"celery"_s);
        QCOMPARE(
            queueOfBinding("_kombu.binding.reports", "rk\x06\x16\x06\x16reports"), u"reports"_s);
        // Remote control, its replies and events are bound too, but are Celery's own.
        QCOMPARE(
            queueOfBinding("_kombu.binding.celery.pidbox", "\x06\x16\x06\x16w@h.celery.pidbox"),
            QString());
        QCOMPARE(queueOfBinding("_kombu.binding.reply.celery.pidbox",
                     "x\x06\x16\x06\x16"
                     "abc"),
            QString());
        QCOMPARE(queueOfBinding("_kombu.binding.celeryev",
                     "worker.#\x06\x16\x06\x16"
                     "celeryev.1"),
            QString());
        QCOMPARE(queueOfBinding("_kombu.binding.celery", "no separators"), QString());
    }

    void pollReadsEveryListAndTheUnackedFigures()
    {
        const QStringList queues {u"a"_s, u"b"_s};
        const QList<redis::Command> commands = pollCommands(queues, 1000.5);
        QCOMPARE(commands.size(), 2 * 4 + 3);
        QCOMPARE(commands[1].argv(),
            (QList<QByteArray> {"LLEN"_ba,
                "a\x06\x16"
                "3"_ba}));
        QCOMPARE(commands.last().argv(),
            (QList<QByteArray> {"ZCOUNT"_ba, "unacked_index"_ba, "-inf"_ba, "(1000.500"_ba}));

        QList<Reply> replies;
        for (qint64 n : {1, 2, 0, 4, 0, 0, 0, 5})
            replies.append(Reply::integer(n));
        replies.append(Reply::integer(7));
        replies.append(Reply::array({Reply::string("tag"), Reply::string("1700000000.25")}));
        replies.append(Reply::integer(2));
        const PollReading reading = readPoll(queues, replies);
        QVERIFY2(reading.error.isEmpty(), qPrintable(reading.error));
        QCOMPARE(reading.queues.size(), 2);
        QCOMPARE(reading.queues[0].length, 7);
        QCOMPARE(reading.queues[1].length, 5);
        QCOMPARE(reading.queues[1].lists[3], 5);
        QCOMPARE(reading.unacked, 7);
        QCOMPARE(reading.overdueUnacked, 2);
        QCOMPARE(reading.oldestUnackedSeconds, 1700000000.25);

        // Nothing held: no oldest entry.
        replies[9] = Reply::array({});
        QVERIFY(!readPoll(queues, replies).oldestUnackedSeconds);
        // An error reply or a short answer makes the reading unusable.
        replies[2] = Reply::error("WRONGTYPE");
        QCOMPARE(readPoll(queues, replies).error, u"WRONGTYPE"_s);
        QVERIFY(!readPoll(queues, replies.mid(1)).error.isEmpty());
    }

    void eventsComeOneOrManyPerMessage()
    {
        const QJsonObject heartbeat {{u"type"_s, u"worker-heartbeat"_s},
            {u"hostname"_s, u"w1@box"_s}, {u"freq"_s, 2.0}, {u"active"_s, 1}};
        QList<Event> events = eventsOfMessage(envelope(QJsonDocument(heartbeat)));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].type, u"worker-heartbeat"_s);
        QCOMPARE(events[0].hostname, u"w1@box"_s);
        QCOMPARE(events[0].fields.value(u"active"_s).toInt(), 1);

        // Buffered task events arrive as a list ("task.multi").
        const QJsonArray multi {QJsonObject {{u"type"_s, u"task-succeeded"_s}},
            QJsonObject {{u"type"_s, u"task-failed"_s}}, QJsonObject {{u"no"_s, u"type"_s}}};
        events = eventsOfMessage(envelope(QJsonDocument(multi)));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[1].type, u"task-failed"_s);

        // A body kombu did not encode.
        QCOMPARE(eventsOfMessage(envelope(QJsonDocument(heartbeat), u"utf-8"_s)).size(), 1);
        QVERIFY(eventsOfMessage("not json").isEmpty());
        QVERIFY(eventsOfMessage(R"({"body": "%%%", "properties": {"body_encoding": "base64"}})")
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCeleryReader)
#include "TestCeleryReader.moc"

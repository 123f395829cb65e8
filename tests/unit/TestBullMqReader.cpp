#include "core/config/ConfigReader.h"
#include "core/config/ConfigValidator.h"
#include "core/queues/bullmq/BullMqReader.h"
#include "core/redis/HashSlot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace qd;
using namespace qd::bullmq;
using namespace Qt::Literals::StringLiterals;

class TestBullMqReader : public QObject {
    Q_OBJECT

private slots:
    void keysFollowBullMqsLayout()
    {
        const Keys keys(u"bull"_s);
        QCOMPARE(keys.key(u"mail"_s, u"wait"), "bull:mail:wait"_ba);
        // One glob for the meta hash and, for old queues without one, the id counter.
        QCOMPARE(keys.discoveryPattern(), "bull:*:[mi][ed]*"_ba);
        QCOMPARE(keys.connectionName(u"qd-main"_s), u"bull:cWQtbWFpbg=="_s);
        // A prefix may hold ':' and a hash tag; glob characters in it are escaped.
        const Keys tagged(u"{shop}:b*"_s);
        QCOMPARE(tagged.discoveryPattern(), "{shop}:b\\*:*:[mi][ed]*"_ba);
    }

    void singleSlotFollowsRedisHashTags()
    {
        // A tag in the prefix, or a queue named in braces: every key of the queue in one slot.
        QVERIFY(Keys(u"{bull}"_s).singleSlot(u"mail"_s));
        QVERIFY(Keys(u"app:{b}:x"_s).singleSlot(u"mail"_s));
        QVERIFY(Keys(u"bull"_s).singleSlot(u"{mail}"_s));
        QVERIFY(!Keys(u"bull"_s).singleSlot(u"mail"_s));
        // An empty tag hashes the whole key; a brace closed only by a suffix or job id moves.
        QVERIFY(!Keys(u"{}bull"_s).singleSlot(u"mail"_s));
        QVERIFY(!Keys(u"bull"_s).singleSlot(u"{mail"_s));
        for (const QString& prefix : {u"{bull}"_s, u"a{b}"_s}) {
            const Keys keys(prefix);
            const int slot = redis::hashslot::of(keys.key(u"q"_s, u"meta"));
            for (const char16_t* suffix : {u"wait", u"failed", u"17", u"17:logs"})
                QCOMPARE(redis::hashslot::of(keys.key(u"q"_s, suffix)), slot);
        }
    }

    void validatorAllowsRedisClusterOnlyForSingleSlotLayouts_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("tagged prefix") << u"{bull}"_s << true;
        QTest::newRow("tag inside prefix") << u"app:{jobs}:bull"_s << true;
        QTest::newRow("braceless (queues in braces)") << u"bull"_s << true;
        QTest::newRow("empty tag") << u"{}bull"_s << false;
        QTest::newRow("unclosed brace") << u"bull{"_s << false;
        QTest::newRow("stray closing brace") << u"bu}ll"_s << false;
    }
    void validatorAllowsRedisClusterOnlyForSingleSlotLayouts()
    {
        QFETCH(QString, prefix);
        QFETCH(bool, accepted);
        const QJsonObject cluster {{u"name"_s, u"jobs"_s}, {u"endpoint"_s, u"h:1"_s},
            {u"mode"_s, u"cluster"_s},
            {u"queue_system"_s, QJsonObject {{u"type"_s, u"bullmq"_s}, {u"prefix"_s, prefix}}}};
        const QByteArray json
            = QJsonDocument(QJsonObject {{u"clusters"_s, QJsonArray {cluster}}}).toJson();
        const ConfigReadResult read = ConfigReader::read(json);
        QStringList errors;
        for (const ConfigIssue& issue : ConfigValidator::validate(read.config)) {
            if (issue.severity == ConfigIssue::Severity::Error)
                errors.append(issue.path + u": "_s + issue.message);
        }
        if (accepted) {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        } else {
            QCOMPARE(errors.size(), 1);
            QVERIFY2(errors[0].startsWith(u"clusters[0].queue_system.prefix: on Redis Cluster"_s),
                qPrintable(errors[0]));
        }
    }

    void queueOfDiscoveryKey()
    {
        const Keys keys(u"app:bull"_s);
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull:mail:meta"_s), u"mail"_s);
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull:old:id"_s), u"old"_s);
        // What else the glob lets through: metrics keys, job ids starting "me"/"id".
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull:mail:metrics:completed"_s), QString());
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull:mail:idle-7"_s), QString());
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull:mail:wait"_s), QString());
        QCOMPARE(keys.queueOfDiscoveryKey(u"other:mail:meta"_s), QString());
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull::meta"_s), QString());
        // A match with a ':' in the middle is not a queue's meta (names cannot hold ':').
        QCOMPARE(keys.queueOfDiscoveryKey(u"app:bull:mail:12:meta"_s), QString());
    }

    void workerConnectionsFromClientList()
    {
        const Keys keys(u"bull"_s);
        const QByteArray list
            = "id=3 addr=127.0.0.1:5000 laddr=x fd=8 name= age=9 idle=9\n"
              "id=4 addr=127.0.0.1:5001 fd=9 name=bull:cWQtbWFpbg==:w:w1 age=12 "
              "idle=2\n"
              "id=5 addr=127.0.0.1:5002 fd=10 name=bull:cWQtbWFpbg== age=5 idle=1\n"
              "id=6 addr=127.0.0.1:5003 fd=11 name=bull:cWQtbWFpbg==:qe age=5 "
              "idle=1\n"
              "id=7 addr=127.0.0.1:5004 fd=12 name=other:cWQtbWFpbg== age=5\n"_ba;
        const QList<WorkerConnection> workers = workerConnections(keys, list);
        QCOMPARE(workers.size(), 2);
        QCOMPARE(workers[0].connectionName, u"bull:cWQtbWFpbg==:w:w1"_s);
        QCOMPARE(workers[0].queue, u"qd-main"_s);
        QCOMPARE(workers[0].workerName, u"w1"_s);
        QCOMPARE(workers[0].address, u"127.0.0.1:5001"_s);
        QCOMPARE(workers[0].ageSeconds, 12);
        QCOMPARE(workers[0].idleSeconds, 2);
        QCOMPARE(workers[1].workerName, QString());
    }

    void readPollMapsRepliesInOrder()
    {
        const Keys keys(u"bull"_s);
        const QStringList queues {u"a"_s};
        const QList<redis::Command> commands = pollCommands(keys, queues, 1000);
        QCOMPARE(commands.size(), 15);
        QList<redis::Reply> replies;
        for (qint64 v : {3, 2, 1, 4, 5, 6, 7, 1, 2, 3})
            replies.append(redis::Reply::integer(v));
        replies.append(redis::Reply::string("40")); // metrics:completed count
        replies.append(redis::Reply()); // no metrics:failed
        replies.append(redis::Reply::string("52")); // id
        replies.append(redis::Reply::string("1700000000000"));
        replies.append(redis::Reply::error("ERR unknown command 'CLIENT'"));
        const PollReading reading = readPoll(keys, queues, replies);
        QVERIFY2(reading.error.isEmpty(), qPrintable(reading.error));
        QVERIFY(!reading.workersKnown);
        const QueueCounts& c = reading.queues.at(0);
        QCOMPARE(c.waiting, 3);
        QCOMPARE(c.prioritized, 2);
        QCOMPARE(c.active, 1);
        QCOMPARE(c.delayed, 4);
        QCOMPARE(c.completed, 5);
        QCOMPARE(c.failed, 6);
        QCOMPARE(c.waitingChildren, 7);
        QVERIFY(c.paused);
        QCOMPARE(c.completedRecently, 2);
        QCOMPARE(c.failedRecently, 3);
        QCOMPARE(c.oldestWaiting->toMSecsSinceEpoch(), 1700000000000);
        QCOMPARE(c.metricsCompleted, 40);
        QVERIFY(!c.metricsFailed);
        QCOMPARE(c.lastId, 52);

        // A refused oldest-job script leaves the age unknown, the rest stands.
        replies[13] = redis::Reply::error("ERR Error compiling script");
        const PollReading older = readPoll(keys, queues, replies);
        QVERIFY2(older.error.isEmpty(), qPrintable(older.error));
        QVERIFY(!older.queues.at(0).oldestWaiting);
        QCOMPARE(older.queues.at(0).failed, 6);

        replies[4] = redis::Reply::error("WRONGTYPE");
        QVERIFY(!readPoll(keys, queues, replies).error.isEmpty());
        replies.removeLast();
        QVERIFY(!readPoll(keys, queues, replies).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBullMqReader)
#include "TestBullMqReader.moc"

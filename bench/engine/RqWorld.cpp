#include "RqWorld.h"

#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QDateTime>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace qd::bench {

namespace {

// RQ's defaults (rq/defaults.py): a job's timeout, how long finished jobs are kept, how long
// failed ones are, and a worker's TTL.
constexpr int kJobTimeout = 180;
constexpr int kResultTtl = 500;
constexpr int kFailureTtl = 31536000;
constexpr int kWorkerTtl = 420;
// The running jobs are long reports: RQ scores their started entry, and extends their
// worker's hash, by the job's timeout plus 60 s, which outlives the benchmark.
constexpr int kLongJobTimeout = 3600;

[[noreturn]] void failSeed(const QString& endpoint, const QString& why)
{
    throw redis::ConnectionError(
        redis::ConnectionError::Kind::Protocol, u"seed"_s, endpoint, u"seeding failed: "_s + why);
}

QByteArray newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

// RQ's utcformat(): microseconds and a Z.
QByteArray rqTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
               .toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s)
               .toLatin1()
        + "000Z";
}

// zlib's format without Qt's 4-byte length in front: what Python's zlib.compress() writes.
QByteArray zlibCompress(const QByteArray& data)
{
    return qCompress(data).mid(4);
}

// RQ's job data: pickle protocol 5 of (func_name, instance, args, kwargs), as
// pickle.dumps((name, None, (n,), {})) writes it (one frame, memoized items), zlib-compressed.
QByteArray jobData(const QByteArray& function, int n)
{
    QByteArray body = "(";
    body += '\x8c';
    body += char(function.size());
    body += function + "\x94N";
    body += "K";
    body += char(n);
    body += "\x85\x94}\x94t\x94.";
    QByteArray pickle = "\x80\x05\x95";
    for (int i = 0; i < 8; ++i)
        pickle += char((body.size() >> (8 * i)) & 0xff);
    return zlibCompress(pickle + body);
}

const QByteArray kFunction = "reports.send_report";

struct Seeder {
    QList<redis::Command> commands;
    qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    qint64 nowS = nowMs / 1000;

    // A job hash as Job.save() writes it; the status-specific fields are added by the caller
    // (a later field of the same HSET overwrites an earlier one).
    redis::Command job(const QByteArray& id, const QByteArray& queue, int n, int timeout) const
    {
        const QByteArray created = rqTime(nowMs - 600000 + n * 1000);
        return redis::Command {"HSET", "rq:job:" + id, "created_at", created, "data",
            jobData(kFunction, n % 128), "success_callback_name", "", "failure_callback_name", "",
            "started_at", "", "ended_at", "", "last_heartbeat", "", "worker_name", "", "origin",
            queue, "description", kFunction + '(' + QByteArray::number(n % 128) + ')', "timeout",
            QByteArray::number(timeout)};
    }

    // What a worker adds when it takes a job (Job.prepare_for_execution).
    void addRun(redis::Command& hash, qint64 startedMs, const QByteArray& worker) const
    {
        hash.arg(QByteArrayLiteral("started_at"))
            .arg(rqTime(startedMs))
            .arg(QByteArrayLiteral("last_heartbeat"))
            .arg(rqTime(startedMs))
            .arg(QByteArrayLiteral("worker_name"))
            .arg(worker)
            .arg(QByteArrayLiteral("enqueued_at"))
            .arg(rqTime(startedMs - 2000));
    }
};

} // namespace

QString RqWorld::queueName(int index)
{
    return u"reports-%1"_s.arg(index, 2, 10, QLatin1Char('0'));
}

void RqWorld::seed(const QString& endpoint) const
{
    redis::ClientTarget target;
    target.name = u"seed"_s;
    target.addresses = {endpoint};
    const auto client = redis::RedisClient::create(target, std::chrono::seconds(30));
    Seeder s;
    QList<redis::Command>& commands = s.commands;
    commands.append(redis::Command {"FLUSHDB"});
    int n = 0;
    QList<QByteArray> firstQueued; // per queue, a dependency for its deferred job
    for (int q = 0; q < queues; ++q) {
        const QByteArray name = queueName(q).toUtf8();
        commands.append(redis::Command {"SADD", "rq:queues", "rq:queue:" + name});
        // Queue.enqueue: the hash, then RPUSH, so the oldest job is at index 0.
        redis::Command push {"RPUSH", "rq:queue:" + name};
        for (qint64 i = 0; i < queuedIn(q); ++i) {
            const QByteArray id = newId();
            redis::Command hash = s.job(id, name, ++n, kJobTimeout);
            hash.arg(QByteArrayLiteral("status"))
                .arg(QByteArrayLiteral("queued"))
                .arg(QByteArrayLiteral("enqueued_at"))
                .arg(rqTime(s.nowMs - 300000 + i * 1000));
            commands.append(hash);
            push.arg(id);
            if (i == 0)
                firstQueued.append(id);
        }
        commands.append(push);
        // Finished: the hash keeps no result (Redis has streams), rq:results:<id> holds it;
        // both and the registry entry live result_ttl.
        for (int i = 0; i < kFinished; ++i) {
            const QByteArray id = newId();
            const qint64 ended = s.nowMs - 1000 * (i + 1);
            redis::Command hash = s.job(id, name, ++n, kJobTimeout);
            s.addRun(hash, ended - 1500, "finished-by-earlier-worker");
            hash.arg(QByteArrayLiteral("status"))
                .arg(QByteArrayLiteral("finished"))
                .arg(QByteArrayLiteral("ended_at"))
                .arg(rqTime(ended));
            commands.append(hash);
            commands.append(
                redis::Command {"EXPIRE", "rq:job:" + id, QByteArray::number(kResultTtl)});
            commands.append(redis::Command {"XADD", "rq:results:" + id, "MAXLEN", "10", "*", "type",
                "1", "return_value", QByteArrayLiteral("\x80\x05\x88.").toBase64()});
            commands.append(redis::Command {
                "ZADD", "rq:finished:" + name, QByteArray::number(s.nowS - i + kResultTtl), id});
        }
        // Failed: scored now + failure_ttl, the exception in rq:results:<id>.
        for (int i = 0; i < kFailed; ++i) {
            const QByteArray id = newId();
            const qint64 ended = s.nowMs - 60000 * (i + 1);
            redis::Command hash = s.job(id, name, ++n, kJobTimeout);
            s.addRun(hash, ended - 800, "failed-by-earlier-worker");
            hash.arg(QByteArrayLiteral("status"))
                .arg(QByteArrayLiteral("failed"))
                .arg(QByteArrayLiteral("ended_at"))
                .arg(rqTime(ended));
            commands.append(hash);
            const QByteArray trace = "Traceback (most recent call last):\n  File "
                                     "\"/usr/lib/python3/dist-packages/rq/worker.py\", line 1418, "
                                     "in perform_job\n    rv = job.perform()\n"
                                     "ConnectionRefusedError: [Errno 111] Connection refused\n";
            commands.append(redis::Command {"XADD", "rq:results:" + id, "MAXLEN", "10", "*", "type",
                "2", "exc_string", zlibCompress(trace).toBase64()});
            commands.append(redis::Command {"ZADD", "rq:failed:" + name,
                QByteArray::number(s.nowS - 60 * (i + 1) + kFailureTtl), id});
        }
        // Scheduled (Queue.enqueue_in): scored with the Unix time to run at; in rq:queues.
        for (int i = 0; i < kScheduled; ++i) {
            const QByteArray id = newId();
            redis::Command hash = s.job(id, name, ++n, kJobTimeout);
            hash.arg(QByteArrayLiteral("status")).arg(QByteArrayLiteral("scheduled"));
            commands.append(hash);
            commands.append(redis::Command {
                "ZADD", "rq:scheduled:" + name, QByteArray::number(s.nowS + 3600 * (i + 1)), id});
        }
        // Deferred (depends_on the first queued job): scored with the enqueue time, linked both
        // ways, the second key spelled with RQ 1.13's double colon.
        for (int i = 0; i < kDeferred; ++i) {
            const QByteArray id = newId();
            const QByteArray dependency = firstQueued.value(q);
            redis::Command hash = s.job(id, name, ++n, kJobTimeout);
            hash.arg(QByteArrayLiteral("status"))
                .arg(QByteArrayLiteral("deferred"))
                .arg(QByteArrayLiteral("dependency_id"))
                .arg(dependency)
                .arg(QByteArrayLiteral("dependency_ids"))
                .arg(QByteArray("[\"" + dependency + "\"]"));
            commands.append(hash);
            commands.append(
                redis::Command {"ZADD", "rq:deferred:" + name, QByteArray::number(s.nowS), id});
            commands.append(redis::Command {"SADD", "rq:job:" + dependency + ":dependents", id});
            commands.append(redis::Command {"SADD", "rq:job::" + id + ":dependencies", dependency});
        }
    }

    // Workers: Worker.register_birth, then the counters and state of a worker that has been
    // running for an hour; the first `busy` are on a job (prepare_job_execution).
    for (int w = 0; w < workers; ++w) {
        const QByteArray name = QUuid::createUuid().toString(QUuid::Id128).toLatin1();
        const QByteArray key = "rq:worker:" + name;
        const QByteArray q1 = queueName((2 * w) % queues).toUtf8();
        const QByteArray q2 = queueName((2 * w + 1) % queues).toUtf8();
        redis::Command hash {"HSET", key, "birth", rqTime(s.nowMs - 3600000), "last_heartbeat",
            rqTime(s.nowMs - 1000 * (w % 5)), "queues", q1 + ',' + q2, "pid",
            QByteArray::number(4100 + w), "hostname", "rq-host-" + QByteArray::number(w / 4),
            "ip_address",
            "10.0.3." + QByteArray::number(20 + w) + ":" + QByteArray::number(50000 + w), "version",
            "1.13.0", "python_version", "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]",
            "successful_job_count", QByteArray::number(400 + 37 * w), "failed_job_count",
            QByteArray::number(3 + w % 4), "total_working_time",
            QByteArray::number(1800.25 + w, 'f', 6)};
        int ttl = kWorkerTtl + 60;
        if (w < busy) {
            const QByteArray id = newId();
            const qint64 started = s.nowMs - 20000 * (w + 1);
            redis::Command job = s.job(id, q1, ++n, kLongJobTimeout);
            s.addRun(job, started, name);
            job.arg(QByteArrayLiteral("status")).arg(QByteArrayLiteral("started"));
            commands.append(job);
            commands.append(redis::Command {
                "ZADD", "rq:wip:" + q1, QByteArray::number(s.nowS + kLongJobTimeout + 60), id});
            hash.arg(QByteArrayLiteral("state"))
                .arg(QByteArrayLiteral("busy"))
                .arg(QByteArrayLiteral("current_job"))
                .arg(id)
                .arg(QByteArrayLiteral("current_job_working_time"))
                .arg(QByteArray::number((s.nowMs - started) / 1000));
            ttl = kLongJobTimeout + 60;
        } else {
            hash.arg(QByteArrayLiteral("state")).arg(QByteArrayLiteral("idle"));
        }
        commands.append(hash);
        commands.append(redis::Command {"EXPIRE", key, QByteArray::number(ttl)});
        commands.append(redis::Command {"SADD", "rq:workers", key});
        commands.append(redis::Command {"SADD", "rq:workers:" + q1, key});
        commands.append(redis::Command {"SADD", "rq:workers:" + q2, key});
    }

    // The abandoned job: its worker was killed mid-job (no hash, not in rq:workers), so the
    // started entry's score (heartbeat + ttl) has passed without being extended.
    for (int i = 0; i < kAbandoned; ++i) {
        const QByteArray id = newId();
        const QByteArray queue = queueName(0).toUtf8();
        const qint64 started = s.nowMs - 4000000;
        redis::Command job = s.job(id, queue, ++n, kJobTimeout);
        s.addRun(job, started, "0d1e2a3b4c5d6e7f8091a2b3c4d5e6f7");
        job.arg(QByteArrayLiteral("status")).arg(QByteArrayLiteral("started"));
        commands.append(job);
        commands.append(redis::Command {
            "ZADD", "rq:wip:" + queue, QByteArray::number(started / 1000 + kJobTimeout + 60), id});
    }

    for (const redis::Reply& reply : client->pipeline(commands))
        if (reply.isError())
            failSeed(endpoint, reply.toString());
}

} // namespace qd::bench

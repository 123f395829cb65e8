// qd-bench-actions: the long actions' speed, through the real ActionEngine (submit, confirm,
// runners on the engine's pool, audit log), never a re-implementation. Subcommands
// (bench/actions/run.sh drives them):
//   enqueue <endpoint> <count> <payload-bytes> <pipeline>
//       the benchmark action onto its dedicated queue; prints its own jobs/s and the bytes
//       Redis received per LPUSH, so run.sh can give redis-benchmark the same value size
//   requeue <endpoint> <count>
//       fills the dead-letter list with <count> jobs, runs requeue_dlq, checks every job
//       arrived, and reads what Redis's latency monitor and slowlog saw
//   purge <endpoint> <count>
//       fills the dead-letter list with <count> jobs and times purge_dlq
// Output is "key=value" lines for run.sh.

#include "../engine/PollProbe.h"
#include "core/actions/RequeueDeadLettersRunner.h"
#include "core/audit/AuditLog.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/util/Log.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using qd::ActionEngine;
using qd::MultiAction;
using qd::redis::Command;

namespace {

void out(const QString& key, const QString& value)
{
    std::fputs(qPrintable(key + u'=' + value + u'\n'), stdout);
    std::fflush(stdout);
}

void out(const QString& key, double value, int decimals = 2)
{
    out(key, QString::number(value, 'f', decimals));
}

[[noreturn]] void fail(const QString& message)
{
    std::fputs(qPrintable(u"qd-bench-actions: "_s + message + u'\n'), stderr);
    std::exit(1);
}

qd::ClusterConfig clusterFor(const QString& endpoint)
{
    qd::ClusterConfig c;
    c.name = u"bench"_s;
    c.label = u"Bench"_s;
    c.endpoint = endpoint;
    return c;
}

// The engine as a process hosts it: Manager (polling at its default interval, as in
// production), audit log, action engine with confirmation required.
struct Engine {
    QTemporaryDir dir;
    std::unique_ptr<qd::AuditLog> audit;
    std::unique_ptr<qd::Manager> manager;
    std::unique_ptr<ActionEngine> actions;

    explicit Engine(const QString& endpoint)
    {
        qd::Config config;
        config.clusters = {clusterFor(endpoint)};
        config.actions.allowedActions
            = {u"purge_dlq"_s, u"benchmark"_s, u"requeue_dlq"_s, u"pause_queue"_s};
        config.actions.defaultTimeout = 10min;
        audit = std::make_unique<qd::AuditLog>(dir.filePath(u"audit.sqlite"_s));
        manager = std::make_unique<qd::Manager>(config);
        manager->start();
        actions = std::make_unique<ActionEngine>(*manager, audit.get());
    }

    // Submits, confirms, and waits for the end. *confirmToEndMs: confirm() until the final
    // state reached the main thread, i.e. what a caller of the engine waits.
    MultiAction run(const QString& type, const QJsonObject& parameters, double* confirmToEndMs)
    {
        const MultiAction pending = actions->submit(type, {u"bench"_s}, parameters, u"bench"_s);
        QEventLoop loop;
        QObject::connect(
            actions.get(), &ActionEngine::actionChanged, &loop, [&](const MultiAction& a) {
                if (a.id == pending.id && qd::isFinal(a.status))
                    loop.quit();
            });
        QElapsedTimer timer;
        timer.start();
        actions->confirm(pending.id, u"bench"_s);
        // Shown once its audit row is durable: maybe not yet right after confirm().
        if (const auto shown = actions->action(pending.id); !shown || !qd::isFinal(shown->status))
            loop.exec();
        *confirmToEndMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        const MultiAction done = *actions->action(pending.id);
        const qd::TargetResult result = done.results.value(u"bench"_s);
        if (done.status != qd::ActionStatus::Completed)
            fail(u"%1 ended %2: %3"_s.arg(type, qd::actionStatusName(done.status), result.message));
        return done;
    }
};

std::unique_ptr<qd::redis::RedisClient> direct(const QString& endpoint)
{
    return qd::redis::RedisClient::create(clusterFor(endpoint), 30s);
}

QList<qd::redis::Reply> must(const QList<qd::redis::Reply>& replies)
{
    for (const qd::redis::Reply& reply : replies) {
        if (reply.isError())
            fail(u"setup command failed: "_s + reply.toString());
    }
    return replies;
}

// CPU time this process has used, all threads (the action's pool thread and the main thread
// that takes its progress and result), in ms. Unlike wall time it hardly depends on what else
// the machine runs.
double processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// CPU time of Redis's main thread, the one that runs commands and scripts, in ms.
double redisCpuMs(qd::redis::RedisClient& client)
{
    const QByteArray info = client.command(Command {"INFO", "cpu"}).toByteArray();
    double total = 0;
    for (const QByteArray& line : info.split('\n')) {
        if (line.startsWith("used_cpu_sys_main_thread:")
            || line.startsWith("used_cpu_user_main_thread:"))
            total += line.mid(line.indexOf(':') + 1).trimmed().toDouble() * 1000.0;
    }
    return total;
}

QByteArray deadLetter(qint64 n)
{
    // The schema's fields in the producer's order; retries at the maximum, as a dead letter has.
    return u"{\"id\":\"dead-%1\",\"filepath\":\"/data/in/"
           u"%1.csv\",\"filesize\":%2,\"priority\":\"%3\","
           "\"retries\":3,\"creation_time\":\"2026-11-29T06:00:00Z\",\"trace_id\":\"t%1\","
           "\"span_id\":\"s%1\"}"_s.arg(n)
               .arg(1000 + n % 9000)
               .arg(n % 3 == 0 ? u"low"_s : u"high"_s)
               .toUtf8();
}

// count dead letters, dead-0 the oldest (at the tail, where workers and requeue take from).
void fillDeadLetters(qd::redis::RedisClient& client, qint64 count)
{
    must(client.pipeline({Command {"FLUSHALL"}}));
    QList<Command> batch;
    for (qint64 start = 0; start < count; start += 1000) {
        Command push {"LPUSH", "jobqueue:dead_letter"};
        for (qint64 n = start; n < std::min(count, start + 1000); ++n)
            push.arg(deadLetter(n));
        batch.append(push);
        if (batch.size() == 20) {
            must(client.pipeline(batch));
            batch.clear();
        }
    }
    must(client.pipeline(batch));
    const qint64 length = client.command(Command {"LLEN", "jobqueue:dead_letter"}).toInteger();
    if (length != count)
        fail(u"seeded %1 dead letters, Redis holds %2"_s.arg(count).arg(length));
}

int enqueue(const QString& endpoint, qint64 count, qint64 payload, qint64 pipeline)
{
    Engine engine(endpoint);
    qd::bench::PollProbe probe(endpoint);
    const auto cpu = direct(endpoint);
    double wallMs = 0;
    double clientCpuMs = 0;
    double serverCpuMs = 0;
    MultiAction done;
    const qd::bench::ServerCounters d = probe.delta([&] {
        const double client0 = processCpuMs();
        const double server0 = redisCpuMs(*cpu);
        done = engine.run(u"benchmark"_s,
            {{u"count"_s, count}, {u"payload_bytes"_s, payload}, {u"pipeline"_s, pipeline}},
            &wallMs);
        serverCpuMs = redisCpuMs(*cpu) - server0;
        clientCpuMs = processCpuMs() - client0;
    });
    const qd::TargetResult r = done.results.value(u"bench"_s);
    const qint64 enqueued = r.details.value(u"enqueued"_s).toInteger();
    if (enqueued != count)
        fail(u"the benchmark enqueued %1 of %2 jobs"_s.arg(enqueued).arg(count));
    const qint64 lpush = d.calls.value(u"lpush"_s);
    if (lpush != count)
        fail(u"Redis counted %1 LPUSH for %2 jobs"_s.arg(lpush).arg(count));
    out(u"jobs_per_second"_s, r.details.value(u"jobs_per_second"_s).toDouble(), 0);
    out(u"enqueue_seconds"_s, r.details.value(u"enqueue_seconds"_s).toDouble(), 3);
    out(u"target_duration_ms"_s, r.durationMs);
    out(u"confirm_to_end_ms"_s, wallMs);
    const QJsonObject batch = r.details.value(u"batch_latency_ms"_s).toObject();
    out(u"batch_p50_ms"_s, batch.value(u"p50"_s).toDouble(), 3);
    out(u"batch_p99_ms"_s, batch.value(u"p99"_s).toDouble(), 3);
    out(u"redis_lpush_calls"_s, QString::number(lpush));
    out(u"client_cpu_ms"_s, clientCpuMs, 0);
    out(u"redis_cpu_ms"_s, serverCpuMs, 0);
    // Everything Redis received, per job: the LPUSH commands plus a few polls and the cleanup.
    out(u"redis_bytes_in_per_job"_s, static_cast<double>(d.netIn) / static_cast<double>(count), 1);
    // The key is queuedeck:bench:<action id>; RESP: *3 $5 LPUSH $<key> key $<len> value.
    const QByteArray key = "queuedeck:bench:" + done.id.toUtf8();
    out(u"key_bytes"_s, QString::number(key.size()));
    return 0;
}

qint64 infoField(qd::redis::RedisClient& client, const QByteArray& section, const QByteArray& field)
{
    const QByteArray info = client.command(Command {"INFO", section}).toByteArray();
    for (const QByteArray& line : info.split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().toLongLong();
    }
    return -1;
}

// What the latency monitor and the slowlog saw: the worst single event in ms, the number of
// commands slower than the slowlog threshold, and the EVAL figures of commandstats.
void reportBlocking(qd::redis::RedisClient& client)
{
    const qd::redis::Reply latest = client.command(Command {"LATENCY", "LATEST"});
    qint64 worst = 0;
    QStringList events;
    for (const qd::redis::Reply& event : latest.elements()) {
        // [name, time, latest ms, max ms]
        events.append(u"%1 max %2 ms"_s.arg(event.at(0).toString()).arg(event.at(3).toInteger()));
        worst = std::max(worst, event.at(3).toInteger());
    }
    out(u"latency_latest"_s, events.isEmpty() ? u"none"_s : events.join(u"; "_s));
    out(u"latency_worst_ms"_s, QString::number(worst));
    const qd::redis::Reply history = client.command(Command {"LATENCY", "HISTORY", "command"});
    out(u"latency_history_command_events"_s, QString::number(history.size()));
    out(u"slowlog_len"_s, QString::number(client.command(Command {"SLOWLOG", "LEN"}).toInteger()));
    const QByteArray info = client.command(Command {"INFO", "commandstats"}).toByteArray();
    for (const QByteArray& line : info.split('\n')) {
        if (line.startsWith("cmdstat_eval:") || line.startsWith("cmdstat_evalsha:"))
            out(QString::fromLatin1(line.left(line.indexOf(':'))),
                QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed()));
    }
}

void watchLatency(qd::redis::RedisClient& client, const QByteArray& monitorMs)
{
    must(client.pipeline({Command {"CONFIG", "SET", "latency-monitor-threshold", monitorMs},
        Command {"CONFIG", "SET", "slowlog-log-slower-than", "10000"}, Command {"LATENCY", "RESET"},
        Command {"SLOWLOG", "RESET"}, Command {"CONFIG", "RESETSTAT"}}));
}

int requeue(const QString& endpoint, qint64 count)
{
    const auto client = direct(endpoint);
    fillDeadLetters(*client, count);
    // 1 ms: every event of a millisecond or more is recorded, so LATENCY shows the worst batch.
    watchLatency(*client, "1");
    Engine engine(endpoint);
    double wallMs = 0;
    const double client0 = processCpuMs();
    const double server0 = redisCpuMs(*client);
    const MultiAction done = engine.run(u"requeue_dlq"_s, {}, &wallMs);
    const double serverCpuMs = redisCpuMs(*client) - server0;
    const double clientCpuMs = processCpuMs() - client0;
    const qd::TargetResult r = done.results.value(u"bench"_s);
    const qint64 moved = r.details.value(u"moved"_s).toInteger();
    const QList<qd::redis::Reply> lengths
        = must(client->pipeline({Command {"LLEN", "jobqueue:high_priority"},
            Command {"LLEN", "jobqueue:low_priority"}, Command {"LLEN", "jobqueue:dead_letter"},
            Command {"LINDEX", "jobqueue:high_priority", "-1"},
            Command {"LINDEX", "jobqueue:low_priority", "-1"}}));
    const qint64 high = lengths[0].toInteger();
    const qint64 low = lengths[1].toInteger();
    if (moved != count || high + low != count || lengths[2].toInteger() != 0)
        fail(u"requeue moved %1 of %2 (high %3, low %4, dead letters left %5)"_s.arg(moved)
                 .arg(count)
                 .arg(high)
                 .arg(low)
                 .arg(lengths[2].toInteger()));
    // The oldest dead letter must be the next job a worker takes (order kept), retries reset.
    if (!lengths[3].toByteArray().contains("\"id\":\"dead-1\"")
        || !lengths[4].toByteArray().contains("\"id\":\"dead-0\"")
        || !lengths[4].toByteArray().contains("\"retries\":0"))
        fail(u"order or retries not kept: high tail %1, low tail %2"_s.arg(
            lengths[3].toString(), lengths[4].toString()));
    out(u"moved"_s, QString::number(moved));
    out(u"target_duration_ms"_s, r.durationMs);
    out(u"confirm_to_end_ms"_s, wallMs);
    out(u"jobs_per_second"_s, static_cast<double>(moved) / (r.durationMs / 1000.0), 0);
    const double batches
        = std::ceil(static_cast<double>(count) / qd::RequeueDeadLettersRunner::kBatch);
    out(u"client_cpu_ms"_s, clientCpuMs, 0);
    out(u"redis_cpu_ms"_s, serverCpuMs, 0);
    // What one batch costs Redis's main thread, and the rate the two CPU costs allow when
    // nothing else competes for the cores (the client waits for each batch's reply).
    out(u"redis_cpu_ms_per_batch"_s, serverCpuMs / batches, 2);
    out(u"cpu_bound_jobs_per_second"_s,
        static_cast<double>(moved) / ((serverCpuMs + clientCpuMs) / 1000.0), 0);
    reportBlocking(*client);
    return 0;
}

int purge(const QString& endpoint, qint64 count)
{
    const auto client = direct(endpoint);
    fillDeadLetters(*client, count);
    watchLatency(*client, "1");
    const qint64 memoryBefore = infoField(*client, "memory", "used_memory");
    Engine engine(endpoint);
    double wallMs = 0;
    const MultiAction done = engine.run(u"purge_dlq"_s, {}, &wallMs);
    const qd::TargetResult r = done.results.value(u"bench"_s);
    const qint64 purged = r.details.value(u"purged"_s).toInteger();
    const qint64 exists = client->command(Command {"EXISTS", "jobqueue:dead_letter"}).toInteger();
    if (purged != count || exists != 0)
        fail(
            u"purge reported %1 of %2, list still exists: %3"_s.arg(purged).arg(count).arg(exists));
    out(u"purged"_s, QString::number(purged));
    out(u"target_duration_ms"_s, r.durationMs);
    out(u"confirm_to_end_ms"_s, wallMs);
    // UNLINK frees the list on Redis's lazy-free thread; wait for it to show the memory back.
    QElapsedTimer freed;
    freed.start();
    while (infoField(*client, "memory", "lazyfree_pending_objects") > 0 && freed.elapsed() < 30000)
        QThread::msleep(10);
    out(u"used_memory_before_mb"_s, static_cast<double>(memoryBefore) / 1048576.0, 1);
    out(u"used_memory_after_mb"_s,
        static_cast<double>(infoField(*client, "memory", "used_memory")) / 1048576.0, 1);
    reportBlocking(*client);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qd::log::setup(qd::log::Format::Text, spdlog::level::warn);
    const QStringList args = app.arguments().mid(1);
    const QString command = args.value(0);
    bool ok = true;
    const auto number = [&](qsizetype i) {
        bool good = false;
        const qint64 n = args.value(i).toLongLong(&good);
        ok = ok && good && n >= 0;
        return n;
    };
    try {
        if (command == u"enqueue" && args.size() == 5) {
            const qint64 count = number(2), payload = number(3), pipeline = number(4);
            if (ok)
                return enqueue(args[1], count, payload, pipeline);
        } else if (command == u"requeue" && args.size() == 3) {
            const qint64 count = number(2);
            if (ok)
                return requeue(args[1], count);
        } else if (command == u"purge" && args.size() == 3) {
            const qint64 count = number(2);
            if (ok)
                return purge(args[1], count);
        }
    } catch (const qd::QueueDeckError& e) {
        fail(e.message());
    } catch (const qd::redis::ConnectionError& e) {
        fail(e.message());
    }
    fail(u"usage: enqueue <endpoint> <count> <payload-bytes> <pipeline> | requeue <endpoint> "
         "<count> | purge <endpoint> <count> (numbers are non-negative integers)"_s);
}

#include "core/queues/sidekiq/SidekiqReader.h"

#include "core/queues/RedisInfo.h"
#include "core/redis/Command.h"
#include "core/redis/RedisClient.h"
#include "core/redis/Reply.h"
#include "core/redis/Script.h"
#include "core/util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qd::sidekiq {

using redis::Reply;

namespace {

// Reply layout: {processed, failed, schedule, retry, dead, #queues, {queue...}, #processes,
// {process...}}, queue = {name, LLEN, enqueued_at as text or nil}, process = {identity,
// HMGET info busy beat quiet, PTTL, "workers"|"work", HGETALL of that hash}. Per-key commands
// go through redis.pcall so that a key of the wrong type comes back as an error element in its
// place and the reader can name the key. enqueued_at is sent as text because Lua numbers
// become truncated integers in a reply; decoding the oldest job in the script saves sending a
// whole job per queue.
constexpr char kScript[] = R"lua(#!lua flags=no-writes
local prefix = ARGV[1]
local maxQueues = tonumber(ARGV[2])
local maxProcesses = tonumber(ARGV[3])

local function oldestEnqueuedAt(key)
  local raw = redis.call('LINDEX', key, -1)
  if not raw then return false end
  local ok, job = pcall(cjson.decode, raw)
  if not ok or type(job) ~= 'table' or type(job.enqueued_at) ~= 'number' then return false end
  return string.format('%.17g', job.enqueued_at)
end

local out = {
  redis.pcall('GET', prefix .. 'stat:processed'),
  redis.pcall('GET', prefix .. 'stat:failed'),
  redis.pcall('ZCARD', prefix .. 'schedule'),
  redis.pcall('ZCARD', prefix .. 'retry'),
  redis.pcall('ZCARD', prefix .. 'dead'),
}

local names = redis.pcall('SMEMBERS', prefix .. 'queues')
local queues = {}
if names.err then
  out[6] = names
else
  table.sort(names)
  for i = 1, math.min(#names, maxQueues) do
    local key = prefix .. 'queue:' .. names[i]
    local length = redis.pcall('LLEN', key)
    local oldest = false
    if type(length) == 'number' and length > 0 then oldest = oldestEnqueuedAt(key) end
    queues[i] = {names[i], length, oldest}
  end
  out[6] = #names
end
out[7] = queues

local ids = redis.pcall('SMEMBERS', prefix .. 'processes')
local processes = {}
if ids.err then
  out[8] = ids
else
  table.sort(ids)
  for i = 1, math.min(#ids, maxProcesses) do
    local key = prefix .. ids[i]
    local fields = redis.pcall('HMGET', key, 'info', 'busy', 'beat', 'quiet')
    local ttl = redis.call('PTTL', key)
    local which, jobs = 'workers', redis.pcall('HGETALL', key .. ':workers')
    if not jobs.err and #jobs == 0 then
      which, jobs = 'work', redis.pcall('HGETALL', key .. ':work')
    end
    processes[i] = {ids[i], fields, ttl, which, jobs}
  end
  out[8] = #ids
end
out[9] = processes
return out
)lua";

QString text(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes);
}

// Sidekiq 6 and 7 write epoch seconds (floats); 8 writes integer milliseconds.
double epochSeconds(double value)
{
    return value > 1e11 ? value / 1000.0 : value;
}

std::optional<double> epochFromText(const QByteArray& bytes)
{
    bool ok = false;
    const double value = bytes.toDouble(&ok);
    return ok ? std::optional<double>(epochSeconds(value)) : std::nullopt;
}

std::optional<double> epochFromJson(const QJsonValue& value)
{
    return value.isDouble() ? std::optional<double>(epochSeconds(value.toDouble())) : std::nullopt;
}

// Refuses error elements (a wrong-typed key) and anything not of the wanted type.
const Reply& expect(const Reply& reply, Reply::Type type, const QString& key, const char* what)
{
    if (reply.isError())
        throw DataError(key, reply.toString());
    if (reply.type() != type)
        throw DataError(key,
            QStringLiteral("expected %1, got %2")
                .arg(QLatin1String(what), reply.toDebugString().left(80)));
    return reply;
}

const Reply& expectArray(const Reply& reply, qsizetype size, const QString& key)
{
    expect(reply, Reply::Type::Array, key, "an array");
    if (size >= 0 && reply.size() != size)
        throw DataError(
            key, QStringLiteral("expected %1 elements, got %2").arg(size).arg(reply.size()));
    return reply;
}

qint64 integerOf(const Reply& reply, const QString& key)
{
    if (reply.isError())
        throw DataError(key, reply.toString());
    bool ok = false;
    const qint64 value = reply.toInteger(&ok);
    if (!ok)
        throw DataError(
            key, QStringLiteral("expected an integer, got %1").arg(reply.toDebugString().left(80)));
    return value;
}

// A counter Sidekiq has not written yet is nil: nothing counted.
qint64 counterOf(const Reply& reply, const QString& key)
{
    return reply.isNil() ? 0 : integerOf(reply, key);
}

QueueReading readQueue(const Reply& entry, const QByteArray& prefix)
{
    expectArray(entry, 3, text(prefix) + QStringLiteral("queue:?"));
    const QString name = text(expect(
        entry.at(0), Reply::Type::String, text(prefix) + QStringLiteral("queues"), "a queue name")
                                  .toByteArray());
    const QString key = text(prefix) + QStringLiteral("queue:") + name;
    QueueReading queue;
    queue.name = name;
    queue.length = integerOf(entry.at(1), key);
    if (entry.at(2).isString())
        queue.oldestEnqueuedAt = epochFromText(entry.at(2).toByteArray());
    return queue;
}

void readInfo(ProcessReading& process, const QString& key, QStringList& problems)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(process.info, &error);
    if (!doc.isObject()) {
        problems
            << QStringLiteral("%1: info is not a JSON object (%2)").arg(key, error.errorString());
        return;
    }
    const QJsonObject info = doc.object();
    process.hostname = info.value(QStringLiteral("hostname")).toString();
    process.tag = info.value(QStringLiteral("tag")).toString();
    const QJsonValue pid = info.value(QStringLiteral("pid"));
    if (pid.isDouble())
        process.pid = qint64(pid.toDouble());
    const QJsonValue concurrency = info.value(QStringLiteral("concurrency"));
    if (concurrency.isDouble())
        process.concurrency = concurrency.toInt();
    for (const QJsonValue& queue : info.value(QStringLiteral("queues")).toArray())
        if (queue.isString())
            process.queues << queue.toString();
}

// A field of the running-jobs hash: {"queue": q, "payload": job, "run_at": t}, the payload a
// JSON string (6.x) or an object.
RunningJob readRunningJob(
    const QByteArray& thread, const QByteArray& value, const QString& key, QStringList& problems)
{
    RunningJob job;
    job.thread = text(thread);
    const QJsonObject work = QJsonDocument::fromJson(value).object();
    if (work.isEmpty()) {
        problems << QStringLiteral("%1: field %2 is not a JSON object").arg(key, job.thread);
        return job;
    }
    job.queue = work.value(QStringLiteral("queue")).toString();
    job.runAt = epochFromJson(work.value(QStringLiteral("run_at")));
    const QJsonValue payload = work.value(QStringLiteral("payload"));
    QJsonObject parsed;
    if (payload.isString()) {
        job.payload = payload.toString().toUtf8();
        parsed = QJsonDocument::fromJson(job.payload).object();
    } else if (payload.isObject()) {
        parsed = payload.toObject();
        job.payload = QJsonDocument(parsed).toJson(QJsonDocument::Compact);
    }
    if (parsed.isEmpty()) {
        problems << QStringLiteral("%1: field %2 has no readable job").arg(key, job.thread);
        return job;
    }
    job.jobClass = parsed.value(QStringLiteral("class")).toString();
    job.jid = parsed.value(QStringLiteral("jid")).toString();
    if (job.queue.isEmpty())
        job.queue = parsed.value(QStringLiteral("queue")).toString();
    return job;
}

ProcessReading readProcess(const Reply& entry, const QByteArray& prefix, QStringList& problems)
{
    expectArray(entry, 5, text(prefix) + QStringLiteral("processes"));
    ProcessReading process;
    process.identity = text(expect(
        entry.at(0), Reply::Type::String, text(prefix) + QStringLiteral("processes"), "an identity")
                                .toByteArray());
    const QString key = text(prefix) + process.identity;
    const Reply& fields = expectArray(entry.at(1), 4, key);
    if (!fields.at(0).isNil())
        process.info = expect(fields.at(0), Reply::Type::String, key, "info text").toByteArray();
    process.alive = !process.info.isEmpty();
    if (process.alive)
        readInfo(process, key, problems);
    if (!fields.at(1).isNil())
        process.busy = integerOf(fields.at(1), key + QStringLiteral(" busy"));
    if (fields.at(2).isString())
        process.beat = epochFromText(fields.at(2).toByteArray());
    process.quiet = fields.at(3).toByteArray() == "true";
    const qint64 ttl = integerOf(entry.at(2), key);
    if (ttl >= 0)
        process.ttlMs = ttl;
    const QString which = text(entry.at(3).toByteArray());
    const QString jobsKey = key + QLatin1Char(':') + which;
    const Reply& jobs = expect(entry.at(4), Reply::Type::Array, jobsKey, "a hash");
    if (jobs.size() % 2 != 0)
        throw DataError(jobsKey, QStringLiteral("odd number of hash elements"));
    if (jobs.size() > 0)
        process.jobsKey = which;
    for (qsizetype i = 0; i + 1 < jobs.size(); i += 2)
        process.jobs << readRunningJob(
            jobs.at(i).toByteArray(), jobs.at(i + 1).toByteArray(), jobsKey, problems);
    return process;
}

} // namespace

DataError::DataError(QString key, QString reason)
    : std::runtime_error(QStringLiteral("Sidekiq key \"%1\": %2").arg(key, reason).toStdString())
    , m_key(std::move(key))
    , m_reason(std::move(reason))
{
}

SidekiqReader::SidekiqReader(const QString& ns, const Clock& clock, Limits limits)
    : m_prefix(keyPrefix(ns)), m_clock(clock), m_limits(limits)
{
}

SidekiqReader::SidekiqReader(const QString& ns, const Clock& clock)
    : SidekiqReader(ns, clock, Limits {})
{
}

QByteArray SidekiqReader::keyPrefix(const QString& ns)
{
    return ns.isEmpty() ? QByteArray() : ns.toUtf8() + ':';
}

const redis::Script& SidekiqReader::script()
{
    static const redis::Script script {QByteArray(kScript)};
    return script;
}

Reading SidekiqReader::read(redis::RedisClient& client) const
{
    const QByteArray maxQueues = QByteArray::number(m_limits.maxQueues);
    const QByteArray maxProcesses = QByteArray::number(m_limits.maxProcesses);
    redis::CallStats cost;
    // EVALSHA sends 40 bytes instead of the script; only the first read after a restart or
    // SCRIPT FLUSH pays a second round trip (redis::Script). The server figures ride in the
    // same pipeline.
    QList<redis::Command> commands {
        script().call(0).arg(m_prefix).arg(maxQueues).arg(maxProcesses)};
    for (const char* section : {"memory", "clients", "stats"})
        commands.append(redis::Command {"INFO", section});
    QList<Reply> replies = client.pipeline(commands, &cost);
    if (replies.size() != commands.size())
        throw DataError(QStringLiteral("(read script)"),
            QStringLiteral("expected %1 replies, got %2").arg(commands.size()).arg(replies.size()));
    if (replies[0].isError())
        throw DataError(QStringLiteral("(read script)"), replies[0].toString());
    Reading reading = parse(replies[0], m_prefix);
    for (qsizetype i = 1; i < replies.size(); ++i)
        if (!replies[i].isError())
            RedisInfo::addTo(replies[i].toByteArray(), reading.server);
    reading.cost = cost;
    reading.readAt = m_clock.wallNow().toUTC();
    return reading;
}

Reading SidekiqReader::parse(const Reply& reply, const QByteArray& prefix)
{
    const QString p = text(prefix);
    expectArray(reply, 9, QStringLiteral("(read script)"));
    Reading reading;
    reading.processed = counterOf(reply.at(0), p + QStringLiteral("stat:processed"));
    reading.failed = counterOf(reply.at(1), p + QStringLiteral("stat:failed"));
    reading.scheduled = integerOf(reply.at(2), p + QStringLiteral("schedule"));
    reading.retry = integerOf(reply.at(3), p + QStringLiteral("retry"));
    reading.dead = integerOf(reply.at(4), p + QStringLiteral("dead"));
    reading.queuesTotal = integerOf(reply.at(5), p + QStringLiteral("queues"));
    for (const Reply& entry :
        expect(reply.at(6), Reply::Type::Array, p, "queue entries").elements())
        reading.queues << readQueue(entry, prefix);
    reading.processesTotal = integerOf(reply.at(7), p + QStringLiteral("processes"));
    for (const Reply& entry :
        expect(reply.at(8), Reply::Type::Array, p, "process entries").elements())
        reading.processes << readProcess(entry, prefix, reading.problems);
    return reading;
}

} // namespace qd::sidekiq

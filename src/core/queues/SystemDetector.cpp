#include "core/queues/SystemDetector.h"

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace qd {
namespace {

const QString kGoRedis = u"go-redis-work-queue"_s;
const QString kSidekiq = u"sidekiq"_s;
const QString kBullMQ = u"bullmq"_s;
const QString kRQ = u"rq"_s;
const QString kCelery = u"celery"_s;

// Candidates of one kind get at most this many TYPE checks, so a database holding a million
// BullMQ job hashes or worker lists still costs one bounded pipeline.
constexpr int kTypeChecksPerGroup = 200;
constexpr int kMemberReads = 50; // sets whose members are read for queue names
constexpr int kMembersPerSet = 1000;

// Names that are read whether or not the scan reached them: a system's fixed keys.
const QList<QByteArray>& fixedKeys()
{
    static const QList<QByteArray> keys {"queues", "processes", "stat:processed", "schedule",
        "retry", "dead", "rq:queues", "rq:workers", "unacked", "unacked_index", "celery",
        "jobqueue:high_priority", "jobqueue:low_priority", "jobqueue:completed",
        "jobqueue:dead_letter"};
    return keys;
}

// BullMQ keeps these next to a queue's `id` counter; one of them makes a bare `id` convincing.
const QList<QByteArray>& bullSiblings()
{
    static const QList<QByteArray> suffixes {"wait", "active", "paused", "delayed", "completed",
        "failed", "prioritized", "events", "marker", "stalled-check", "waiting-children", "meta"};
    return suffixes;
}

// Celery's own exchanges: their bindings name pidbox and event queues, not task queues.
bool isCeleryControlExchange(QByteArrayView exchange)
{
    return exchange == "celery.pidbox" || exchange == "reply.celery.pidbox"
        || exchange == "celeryev";
}

// Keys are bytes; people read them with control characters spelled out (kombu's separators).
QString printable(const QByteArray& key)
{
    QByteArray out;
    out.reserve(key.size());
    for (const char c : key) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            out += "\\x" + QByteArray::number(byte, 16).rightJustified(2, '0');
        else
            out += c;
    }
    return QString::fromUtf8(out);
}

struct ScanResult {
    QSet<QByteArray> keys;
    qint64 seen = 0;
    bool complete = false;
    QString stoppedBy;
    int nodes = 0;
    QStringList nodeErrors;
};

ScanResult scanKeys(
    redis::RedisClient& client, const SystemDetector::Limits& limits, const Clock& clock)
{
    ScanResult result;
    const auto started = clock.now();
    QHash<QString, QByteArray> cursors; // per master; "0" once its cycle is over
    QSet<QString> finished;
    std::optional<redis::ConnectionError> firstError;
    bool firstRound = true;
    for (;;) {
        const QList<redis::NodeResult> answers
            = client.perMaster([&](const redis::NodeInfo& node) -> redis::Pipeline {
                  if (finished.contains(node.address()))
                      return {};
                  return QList<redis::Command> {
                      redis::Command {"SCAN", cursors.value(node.address(), "0"), "COUNT",
                          QByteArray::number(limits.scanCount)}};
              });
        if (firstRound)
            result.nodes = int(answers.size());
        firstRound = false;
        for (const redis::NodeResult& answer : answers) {
            const QString node = answer.node.address();
            if (finished.contains(node))
                continue;
            if (!answer.ok()) {
                result.nodeErrors.append(u"%1: %2"_s.arg(node, answer.error->message()));
                if (!firstError)
                    firstError = answer.error;
                finished.insert(node);
                continue;
            }
            const redis::Reply& reply = answer.replies.value(0);
            if (!reply.isArray() || reply.size() != 2) {
                result.nodeErrors.append(u"%1: SCAN answered %2"_s.arg(node, reply.toString()));
                finished.insert(node);
                continue;
            }
            for (const redis::Reply& key : reply.at(1).elements())
                result.keys.insert(key.toByteArray());
            result.seen += reply.at(1).size();
            cursors.insert(node, reply.at(0).toByteArray());
            if (reply.at(0).toByteArray() == "0")
                finished.insert(node);
        }
        if (result.nodes > 0 && result.nodeErrors.size() == result.nodes && firstError)
            throw *firstError; // nothing could be read at all
        if (std::all_of(answers.cbegin(), answers.cend(),
                [&](const redis::NodeResult& a) { return finished.contains(a.node.address()); })) {
            result.complete = result.nodeErrors.isEmpty();
            break;
        }
        if (result.seen >= limits.maxKeys) {
            result.stoppedBy = u"key limit"_s;
            break;
        }
        if (clock.now() - started >= limits.maxTime) {
            result.stoppedBy = u"time limit"_s;
            break;
        }
    }
    return result;
}

// The keys a scan saw, sorted into what each system's signature needs checked.
struct Candidates {
    QList<QByteArray> typed; // keys whose TYPE is read
    QSet<QByteArray> names; // every key seen by name (for sibling tests)

    void want(const QByteArray& key, QHash<QString, int>& perGroup, const QString& group)
    {
        if (perGroup[group] >= kTypeChecksPerGroup || typed.contains(key))
            return;
        ++perGroup[group];
        typed.append(key);
    }
};

Candidates collectCandidates(const QSet<QByteArray>& scanned)
{
    Candidates c;
    c.names = scanned;
    QHash<QString, int> perGroup;
    for (const QByteArray& key : fixedKeys())
        c.typed.append(key);
    QList<QByteArray> sorted(scanned.cbegin(), scanned.cend());
    std::sort(sorted.begin(), sorted.end());
    for (const QByteArray& key : std::as_const(sorted)) {
        if (key.startsWith("jobqueue:")) {
            c.want(key, perGroup, kGoRedis);
        } else if (key.startsWith("rq:queue:")) {
            c.want(key, perGroup, kRQ);
        } else if (key.startsWith("_kombu.binding.")) {
            c.want(key, perGroup, kCelery);
        } else if (key.endsWith(":queues") || key.endsWith(":processes")
            || key.endsWith(":stat:processed")) {
            c.want(key, perGroup, kSidekiq);
        } else if (key.endsWith(":meta") || key.endsWith(":id")) {
            if (key.count(':') >= 2)
                c.want(key, perGroup, kBullMQ);
        }
    }
    // Sidekiq's queue lists, once the namespaces are known from the anchors above.
    for (const QByteArray& key : std::as_const(sorted)) {
        if (key.startsWith("queue:") || key.contains(":queue:")) {
            if (!key.startsWith("rq:"))
                c.want(key, perGroup, u"sidekiq-queues"_s);
        }
        for (const char* set : {":schedule", ":retry", ":dead"}) {
            if (key.endsWith(set))
                c.want(key, perGroup, u"sidekiq-sets"_s);
        }
    }
    return c;
}

QHash<QByteArray, QByteArray> readTypes(redis::RedisClient& client, const QList<QByteArray>& keys)
{
    QList<redis::Command> commands;
    commands.reserve(keys.size());
    for (const QByteArray& key : keys)
        commands.append(redis::Command {"TYPE", key});
    const QList<redis::Reply> replies = client.pipeline(commands);
    QHash<QByteArray, QByteArray> types;
    for (qsizetype i = 0; i < keys.size() && i < replies.size(); ++i) {
        const redis::Reply& reply = replies.at(i);
        if (!reply.isError() && reply.toByteArray() != "none")
            types.insert(keys.at(i), reply.toByteArray());
    }
    return types;
}

QHash<QByteArray, QList<QByteArray>> readMembers(
    redis::RedisClient& client, const QList<QByteArray>& sets)
{
    QList<redis::Command> commands;
    for (const QByteArray& set : sets)
        commands.append(
            redis::Command {"SSCAN", set, "0", "COUNT", QByteArray::number(kMembersPerSet)});
    const QList<redis::Reply> replies
        = commands.isEmpty() ? QList<redis::Reply> {} : client.pipeline(commands);
    QHash<QByteArray, QList<QByteArray>> members;
    for (qsizetype i = 0; i < sets.size() && i < replies.size(); ++i) {
        const redis::Reply& reply = replies.at(i);
        if (!reply.isArray() || reply.size() != 2)
            continue;
        QList<QByteArray>& out = members[sets.at(i)];
        for (const redis::Reply& member : reply.at(1).elements())
            out.append(member.toByteArray());
    }
    return members;
}

// Gathers one finding's evidence and queue names as keys are matched to it.
struct Builder {
    SystemFinding finding;
    QStringList evidence;
    QSet<QString> queues;
    bool anchored = false; // a key that alone proves the system

    void add(const QByteArray& key, const QByteArray& type)
    {
        evidence.append(u"%1 (%2)"_s.arg(printable(key), QString::fromLatin1(type)));
    }
    SystemFinding finish()
    {
        evidence.sort();
        if (evidence.size() > SystemFinding::kMaxEvidence) {
            const qsizetype more = evidence.size() - SystemFinding::kMaxEvidence;
            evidence = evidence.mid(0, SystemFinding::kMaxEvidence);
            evidence.append(u"… and %1 more"_s.arg(more));
        }
        finding.evidence = evidence;
        finding.queues = QStringList(queues.cbegin(), queues.cend());
        finding.queues.sort();
        return finding;
    }
};

class Classifier {
public:
    Classifier(const QHash<QByteArray, QByteArray>& types, const QSet<QByteArray>& names)
        : m_types(types), m_names(names)
    {
    }

    QByteArray typeOf(const QByteArray& key) const { return m_types.value(key); }

    std::optional<SystemFinding> goRedisWorkQueue() const
    {
        Builder b;
        b.finding.system = kGoRedis;
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it) {
            const QByteArray& key = it.key();
            if (!key.startsWith("jobqueue:"))
                continue;
            b.add(key, it.value());
            if (it.value() != "list")
                continue;
            b.anchored = true;
            const bool special = key == "jobqueue:completed" || key == "jobqueue:dead_letter"
                || (key.startsWith("jobqueue:worker:") && key.endsWith(":processing"));
            if (!special) {
                QString name = QString::fromUtf8(key.mid(9));
                if (name.endsWith(u"_priority"_s))
                    name.chop(9);
                b.queues.insert(name);
            }
        }
        if (!b.anchored)
            return std::nullopt;
        SystemFinding f = b.finish();
        f.suggestion.insert(u"type"_s, kGoRedis);
        const QStringList defaults {u"high"_s, u"low"_s};
        if (!f.queues.isEmpty() && f.queues != defaults) {
            QJsonArray queues;
            for (const QString& name : std::as_const(f.queues)) {
                const QString key = m_types.contains("jobqueue:" + name.toUtf8() + "_priority")
                    ? u"jobqueue:%1_priority"_s.arg(name)
                    : u"jobqueue:%1"_s.arg(name);
                queues.append(QJsonObject {{u"name"_s, name}, {u"key"_s, key}});
            }
            f.suggestion.insert(u"queues"_s, queues);
        }
        return f;
    }

    QList<SystemFinding> sidekiq(const QHash<QByteArray, QList<QByteArray>>& members) const
    {
        // Namespaces from the anchors: `<ns>:queues` and `<ns>:processes` sets and the
        // `<ns>:stat:processed` counter ("" = no namespace).
        QMap<QString, Builder> byNamespace;
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it) {
            const auto ns = anchorNamespace(it.key(), it.value());
            if (!ns)
                continue;
            Builder& b = byNamespace[*ns];
            b.anchored = true;
            b.add(it.key(), it.value());
            if (it.key().endsWith("queues")) {
                for (const QByteArray& member : members.value(it.key()))
                    b.queues.insert(QString::fromUtf8(member));
            }
        }
        QList<SystemFinding> out;
        for (auto it = byNamespace.begin(); it != byNamespace.end(); ++it) {
            const QByteArray prefix = it.key().isEmpty() ? QByteArray() : it.key().toUtf8() + ':';
            for (auto t = m_types.cbegin(); t != m_types.cend(); ++t) {
                const QByteArray& key = t.key();
                if (!key.startsWith(prefix))
                    continue;
                const QByteArray rest = key.mid(prefix.size());
                if (rest.startsWith("queue:") && t.value() == "list") {
                    it->add(key, t.value());
                    it->queues.insert(QString::fromUtf8(rest.mid(6)));
                } else if ((rest == "schedule" || rest == "retry" || rest == "dead")
                    && t.value() == "zset") {
                    it->add(key, t.value());
                }
            }
            it->finding.system = kSidekiq;
            it->finding.scope = it.key();
            SystemFinding f = it->finish();
            f.suggestion.insert(u"type"_s, kSidekiq);
            if (!f.scope.isEmpty())
                f.suggestion.insert(u"namespace"_s, f.scope);
            out.append(f);
        }
        return out;
    }

    QList<SystemFinding> bullmq() const
    {
        QMap<QString, Builder> byPrefix;
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it) {
            const QByteArray& key = it.key();
            const bool meta = key.endsWith(":meta") && it.value() == "hash";
            const bool id = key.endsWith(":id") && it.value() == "string";
            if (!meta && !id)
                continue;
            const qsizetype last = key.lastIndexOf(':');
            const qsizetype second = key.lastIndexOf(':', last - 1);
            if (second <= 0)
                continue; // no prefix in front of the queue name
            const QByteArray base = key.left(last + 1); // "<prefix>:<queue>:"
            if (id && !hasBullSibling(base))
                continue;
            const QString prefix = QString::fromUtf8(key.left(second));
            Builder& b = byPrefix[prefix];
            b.add(key, it.value());
            b.queues.insert(QString::fromUtf8(key.mid(second + 1, last - second - 1)));
        }
        QList<SystemFinding> out;
        for (auto it = byPrefix.begin(); it != byPrefix.end(); ++it) {
            it->finding.system = kBullMQ;
            it->finding.scope = it.key();
            SystemFinding f = it->finish();
            f.suggestion.insert(u"type"_s, kBullMQ);
            if (f.scope != u"bull"_s)
                f.suggestion.insert(u"prefix"_s, f.scope);
            out.append(f);
        }
        return out;
    }

    std::optional<SystemFinding> rq(const QHash<QByteArray, QList<QByteArray>>& members) const
    {
        Builder b;
        b.finding.system = kRQ;
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it) {
            const QByteArray& key = it.key();
            if (((key == "rq:queues" || key == "rq:workers") && it.value() == "set")
                || (key.startsWith("rq:queue:") && it.value() == "list")) {
                b.anchored = true;
                b.add(key, it.value());
            }
            if (key.startsWith("rq:queue:") && it.value() == "list")
                b.queues.insert(QString::fromUtf8(key.mid(9)));
        }
        for (const QByteArray& member : members.value("rq:queues")) {
            if (member.startsWith("rq:queue:"))
                b.queues.insert(QString::fromUtf8(member.mid(9)));
        }
        if (!b.anchored)
            return std::nullopt;
        SystemFinding f = b.finish();
        f.suggestion.insert(u"type"_s, kRQ);
        return f;
    }

    std::optional<SystemFinding> celery(const QHash<QByteArray, QList<QByteArray>>& members) const
    {
        Builder b;
        b.finding.system = kCelery;
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it) {
            const QByteArray& key = it.key();
            const QByteArray& type = it.value();
            if (key.startsWith("_kombu.binding.") && type == "set") {
                b.anchored = true;
                b.add(key, type);
                const QByteArray exchange = key.mid(15);
                if (isCeleryControlExchange(exchange))
                    continue;
                for (const QByteArray& member : members.value(key)) {
                    // routing key, pattern and queue, joined by kombu's separator
                    const QList<QByteArray> parts = member.split('\x06');
                    if (parts.size() == 3 && parts.at(2).startsWith('\x16'))
                        b.queues.insert(QString::fromUtf8(parts.at(2).mid(1)));
                }
            } else if ((key == "unacked" && type == "hash")
                || (key == "unacked_index" && type == "zset")
                || (key == "celery" && type == "list")) {
                b.anchored = true;
                b.add(key, type);
                if (key == "celery")
                    b.queues.insert(u"celery"_s);
            }
        }
        if (!b.anchored)
            return std::nullopt;
        SystemFinding f = b.finish();
        f.suggestion.insert(u"type"_s, kCelery);
        return f;
    }

private:
    // The namespace a Sidekiq anchor key names, or nullopt when the key is none.
    std::optional<QString> anchorNamespace(const QByteArray& key, const QByteArray& type) const
    {
        for (const auto& [suffix, wanted] : {std::pair {QByteArrayView("queues"), "set"},
                 std::pair {QByteArrayView("processes"), "set"},
                 std::pair {QByteArrayView("stat:processed"), "string"}}) {
            if (type != wanted || !key.endsWith(suffix))
                continue;
            if (key.size() == suffix.size())
                return QString();
            if (key.at(key.size() - suffix.size() - 1) != ':')
                continue;
            const QByteArray ns = key.left(key.size() - suffix.size() - 1);
            // RQ's own registry is `rq:queues`; it is Sidekiq under namespace "rq" only with a
            // Sidekiq counter or process set beside it.
            if (ns == "rq" && suffix == "queues" && !m_types.contains("rq:processes")
                && !m_types.contains("rq:stat:processed"))
                return std::nullopt;
            return QString::fromUtf8(ns);
        }
        return std::nullopt;
    }

    bool hasBullSibling(const QByteArray& base) const
    {
        return std::any_of(bullSiblings().cbegin(), bullSiblings().cend(),
            [&](const QByteArray& suffix) { return m_names.contains(base + suffix); });
    }

    const QHash<QByteArray, QByteArray>& m_types;
    const QSet<QByteArray>& m_names;
};

QJsonArray toArray(const QStringList& list)
{
    QJsonArray out;
    for (const QString& s : list)
        out.append(s);
    return out;
}

} // namespace

bool DetectionReport::found(const QString& system) const
{
    return std::any_of(findings.cbegin(), findings.cend(),
        [&](const SystemFinding& f) { return f.system == system; });
}

QList<SystemFinding> DetectionReport::findingsFor(const QString& system) const
{
    QList<SystemFinding> out;
    for (const SystemFinding& f : findings) {
        if (f.system == system)
            out.append(f);
    }
    return out;
}

QJsonObject DetectionReport::toJson() const
{
    QJsonArray systems;
    for (const QString& name : SystemDetector::systemNames()) {
        QJsonArray deployments;
        for (const SystemFinding& f : findingsFor(name)) {
            QJsonObject d {{u"evidence"_s, toArray(f.evidence)}, {u"queues"_s, toArray(f.queues)},
                {u"queue_system"_s, f.suggestion}};
            if (name == kSidekiq)
                d.insert(u"namespace"_s, f.scope);
            else if (name == kBullMQ)
                d.insert(u"prefix"_s, f.scope);
            deployments.append(d);
        }
        systems.append(QJsonObject {{u"type"_s, name}, {u"found"_s, !deployments.isEmpty()},
            {u"deployments"_s, deployments}});
    }
    QJsonObject out {{u"systems"_s, systems}, {u"keys_scanned"_s, keysScanned},
        {u"complete"_s, complete}, {u"elapsed_ms"_s, elapsedMs}, {u"nodes"_s, nodes},
        {u"node_errors"_s, toArray(nodeErrors)}};
    if (!stoppedBy.isEmpty())
        out.insert(u"stopped_by"_s, stoppedBy);
    return out;
}

const QStringList& SystemDetector::systemNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (const QueueSystemType type : allQueueSystemTypes())
            out.append(queueSystemTypeName(type));
        return out;
    }();
    return names;
}

DetectionReport SystemDetector::detect(
    redis::RedisClient& client, const Limits& limits, const Clock& clock)
{
    const auto started = clock.now();
    const ScanResult scan = scanKeys(client, limits, clock);
    const Candidates candidates = collectCandidates(scan.keys);
    const QHash<QByteArray, QByteArray> types = readTypes(client, candidates.typed);

    QList<QByteArray> sets;
    for (auto it = types.cbegin(); it != types.cend() && sets.size() < kMemberReads; ++it) {
        const bool wanted = it.key() == "queues" || it.key().endsWith(":queues")
            || it.key().startsWith("_kombu.binding.");
        if (wanted && it.value() == "set")
            sets.append(it.key());
    }
    const QHash<QByteArray, QList<QByteArray>> members = readMembers(client, sets);

    DetectionReport report;
    const Classifier classify(types, candidates.names);
    if (auto f = classify.goRedisWorkQueue())
        report.findings.append(*f);
    report.findings.append(classify.sidekiq(members));
    report.findings.append(classify.bullmq());
    if (auto f = classify.rq(members))
        report.findings.append(*f);
    if (auto f = classify.celery(members))
        report.findings.append(*f);

    report.keysScanned = scan.seen;
    report.complete = scan.complete;
    report.stoppedBy = scan.stoppedBy;
    report.nodes = scan.nodes;
    report.nodeErrors = scan.nodeErrors;
    report.elapsedMs
        = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - started).count();
    return report;
}

} // namespace qd

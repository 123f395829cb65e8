#include "loadgen/OptionParser.h"

#include "core/config/ConfigFile.h"

namespace qd::loadgen {
namespace {

using namespace Qt::StringLiterals;

struct OptionSpec {
    QString name;
    QString value; // empty: a flag
    QString help;
};

QList<OptionSpec> specs()
{
    return {
        {u"config"_s, u"file"_s, u"QueueDeck config file to take the cluster from"_s},
        {u"cluster"_s, u"name"_s, u"the cluster of --config to load (default: its default)"_s},
        {u"endpoint"_s, u"url"_s,
            u"host:port, redis://, rediss:// (TLS) or unix:// URL, instead of --config"_s},
        {u"mode"_s, u"mode"_s, u"with --endpoint: standalone (default), cluster or sentinel"_s},
        {u"sentinel-master"_s, u"name"_s, u"with --mode sentinel: the master's name"_s},
        {u"username"_s, u"user"_s, u"with --endpoint: ACL user"_s},
        {u"password"_s, u"password"_s, u"with --endpoint: password (prefer --password-env)"_s},
        {u"password-env"_s, u"var"_s, u"with --endpoint: take the password from this variable"_s},
        {u"db"_s, u"n"_s, u"with --endpoint: database number"_s},
        {u"tls-ca"_s, u"file"_s, u"with --endpoint: CA certificate; turns TLS on"_s},
        {u"tls-cert"_s, u"file"_s, u"with --endpoint: client certificate; turns TLS on"_s},
        {u"tls-key"_s, u"file"_s, u"with --endpoint: client key"_s},
        {u"key-prefix"_s, u"prefix"_s,
            u"with --endpoint: replaces \"jobqueue\" in the default keys, e.g. \"{jobs}\" "
            u"for Redis Cluster"_s},
        {u"queues"_s, u"list"_s,
            u"queues producers push to, with weights: high:1,low:3 (default: all, equal)"_s},
        {u"rate"_s, u"rate"_s,
            u"jobs per second of all producers together (default 10), or per queue: "
            u"high=5,low=15"_s},
        {u"burst"_s, u"n"_s,
            u"push n jobs at once every --every instead of a steady --rate (default 0: "
            u"steady)"_s},
        {u"every"_s, u"time"_s, u"with --burst: the time between bursts (default 100ms)"_s},
        {u"producers"_s, u"n"_s, u"producer threads (default 1)"_s},
        {u"workers"_s, u"n"_s, u"worker threads (default 1)"_s},
        {u"job-duration"_s, u"time"_s, u"work per job: 50ms (default) or a range 20ms..200ms"_s},
        {u"failure-ratio"_s, u"ratio"_s, u"probability that an attempt fails (default 0)"_s},
        {u"max-retries"_s, u"n"_s, u"retries before dead-lettering (default: the config's)"_s},
        {u"heartbeat-ttl"_s, u"time"_s, u"TTL of a busy worker's heartbeat (default 30s)"_s},
        {u"heartbeat-gap"_s, u"time"_s,
            u"wait between taking a job and writing its heartbeat: 2ms or a range 0ms..2ms "
            u"(default 0)"_s},
        {u"block-timeout"_s, u"time"_s,
            u"longest BRPOPLPUSH wait when every queue is empty (default 200ms)"_s},
        {u"timeout"_s, u"time"_s, u"connect and command timeout (default 5s)"_s},
        {u"duration"_s, u"time"_s, u"how long to run; 0 = until SIGTERM/SIGINT (default 0)"_s},
        {u"stats-interval"_s, u"time"_s,
            u"print counts this often; 0 = only at exit (default 5s)"_s},
        {u"json"_s, {}, u"print the counts as one JSON object per line"_s},
        {u"abandon-on-exit"_s, {},
            u"on exit leave processing lists and heartbeats as a crashed worker would"_s},
        {u"seed"_s, u"n"_s, u"seed for job durations and failures (default: random)"_s},
        {u"version"_s, {}, u"print the version and exit"_s},
    };
}

} // namespace

OptionParser::OptionParser()
{
    m_parser.setApplicationDescription(
        u"Producers and workers of the go-redis-work-queue system, for demos, tests and "
        u"benchmarks of QueueDeck."_s);
    m_parser.addHelpOption();
    for (const OptionSpec& spec : specs())
        m_parser.addOption(QCommandLineOption(spec.name, spec.help, spec.value));
}

OptionParser::Outcome OptionParser::parse(const QStringList& arguments)
{
    if (!m_parser.parse(arguments)) {
        m_message = m_parser.errorText();
        return Outcome::Error;
    }
    if (m_parser.isSet(u"help"_s)) {
        m_message = m_parser.helpText();
        return Outcome::Help;
    }
    if (m_parser.isSet(u"version"_s)) {
        m_message = u"queuedeck-loadgen " QD_VERSION ""_s;
        return Outcome::Version;
    }
    if (!m_parser.positionalArguments().isEmpty()) {
        fail(u"unexpected argument \""_s + m_parser.positionalArguments().constFirst() + u'"');
        return Outcome::Error;
    }
    if (!readConnection() || !readQueues() || !readRate() || !readWorkload() || !readTimes())
        return Outcome::Error;
    m_options.json = m_parser.isSet(u"json"_s);
    m_options.abandonOnExit = m_parser.isSet(u"abandon-on-exit"_s);
    const QString problem = m_options.validate();
    if (!problem.isEmpty()) {
        fail(problem);
        return Outcome::Error;
    }
    return Outcome::Run;
}

bool OptionParser::readConnection()
{
    const bool fromConfig = m_parser.isSet(u"config"_s);
    const bool fromEndpoint = m_parser.isSet(u"endpoint"_s);
    if (fromConfig == fromEndpoint)
        return fail(u"give either --config FILE [--cluster NAME] or --endpoint URL"_s);
    if (fromEndpoint)
        return readEndpoint();
    for (const QString& name :
        {u"mode"_s, u"sentinel-master"_s, u"username"_s, u"password"_s, u"password-env"_s, u"db"_s,
            u"tls-ca"_s, u"tls-cert"_s, u"tls-key"_s, u"key-prefix"_s}) {
        if (m_parser.isSet(name))
            return fail(u"--"_s + name
                + u" goes with --endpoint; with --config the cluster's "
                  u"own settings apply"_s);
    }
    ConfigFile file(m_parser.value(u"config"_s));
    const ConfigReadResult read = file.load(false);
    if (!read.ok()) {
        QStringList problems;
        for (const ConfigIssue& issue : read.issues) {
            if (issue.isError())
                problems.append(issue.toString());
        }
        return fail(file.path() + u": "_s + problems.join(u"; "_s));
    }
    const QString name
        = m_parser.isSet(u"cluster"_s) ? m_parser.value(u"cluster"_s) : read.config.defaultCluster;
    const ClusterConfig* cluster = read.config.cluster(name);
    if (!cluster && !m_parser.isSet(u"cluster"_s) && read.config.clusters.size() == 1)
        cluster = &read.config.clusters.constFirst();
    if (!cluster) {
        QStringList known;
        for (const ClusterConfig& each : read.config.clusters)
            known.append(each.name);
        return fail(u"--cluster: no cluster \""_s + name + u"\" in "_s + file.path()
            + u" (it has: "_s + known.join(u", "_s) + u')');
    }
    m_options.cluster = *cluster;
    return true;
}

bool OptionParser::readEndpoint()
{
    if (m_parser.isSet(u"cluster"_s))
        return fail(u"--cluster names a cluster of --config; with --endpoint leave it out"_s);
    ClusterConfig& cluster = m_options.cluster;
    cluster.name = u"loadgen"_s;
    cluster.endpoint = m_parser.value(u"endpoint"_s);
    const QString mode = m_parser.value(u"mode"_s);
    if (mode == u"cluster"_s)
        cluster.mode = ClusterMode::Cluster;
    else if (mode == u"sentinel"_s)
        cluster.mode = ClusterMode::Sentinel;
    else if (!mode.isEmpty() && mode != u"standalone"_s)
        return fail(u"--mode: \""_s + mode + u"\" is not standalone, cluster or sentinel"_s);
    cluster.sentinelMaster = m_parser.value(u"sentinel-master"_s);
    cluster.username = m_parser.value(u"username"_s);
    cluster.password = m_parser.value(u"password"_s);
    cluster.passwordEnv = m_parser.value(u"password-env"_s);
    if (m_parser.isSet(u"db"_s) && !readInt(u"db"_s, cluster.db, 0))
        return false;
    cluster.tls.caFile = m_parser.value(u"tls-ca"_s);
    cluster.tls.certFile = m_parser.value(u"tls-cert"_s);
    cluster.tls.keyFile = m_parser.value(u"tls-key"_s);
    cluster.tls.enabled = !cluster.tls.caFile.isEmpty() || !cluster.tls.certFile.isEmpty();
    if (m_parser.isSet(u"key-prefix"_s)) {
        const QString prefix = m_parser.value(u"key-prefix"_s);
        const QString upstream = u"jobqueue"_s;
        QueueSystemConfig& system = cluster.queueSystem;
        for (QueueKey& queue : system.queues)
            queue.key.replace(0, upstream.size(), prefix);
        for (QString* key : {&system.completedKey, &system.deadLetterKey, &system.processingPattern,
                 &system.heartbeatPattern, &system.pausePrefix})
            key->replace(0, upstream.size(), prefix);
    }
    return true;
}

bool OptionParser::readQueues()
{
    if (!m_parser.isSet(u"queues"_s))
        return true;
    const QStringList items = m_parser.value(u"queues"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString& item : items) {
        QueueShare share;
        const qsizetype colon = item.lastIndexOf(u':');
        share.name = (colon < 0 ? item : item.left(colon)).trimmed();
        if (colon >= 0) {
            bool ok = false;
            share.weight = item.mid(colon + 1).trimmed().toDouble(&ok);
            if (!ok || share.weight < 0)
                return fail(u"--queues: \""_s + item + u"\" needs a weight >= 0 after the colon"_s);
        }
        m_options.queues.append(share);
    }
    if (m_options.queues.isEmpty())
        return fail(u"--queues names no queue"_s);
    return true;
}

bool OptionParser::readRate()
{
    if (!m_parser.isSet(u"rate"_s))
        return true;
    const QString text = m_parser.value(u"rate"_s);
    if (!text.contains(u'='))
        return readDouble(u"rate"_s, m_options.rate, 0, 1e7);
    if (m_parser.isSet(u"queues"_s))
        return fail(u"--rate with per-queue rates sets the queues; leave out --queues"_s);
    // high=5,low=15: the queues are those named, weighted by their rates.
    m_options.rate = 0;
    for (const QString& item : text.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(u'=');
        bool ok = false;
        const double rate = item.mid(equals + 1).trimmed().toDouble(&ok);
        if (equals < 0 || !ok || rate < 0)
            return fail(u"--rate: \""_s + item + u"\" is not queue=jobs-per-second"_s);
        m_options.queues.append({item.left(equals).trimmed(), rate});
        m_options.rate += rate;
    }
    return true;
}

bool OptionParser::readWorkload()
{
    if (m_parser.isSet(u"producers"_s) && !readInt(u"producers"_s, m_options.producers, 0))
        return false;
    if (m_parser.isSet(u"workers"_s) && !readInt(u"workers"_s, m_options.workers, 0))
        return false;
    if (m_parser.isSet(u"failure-ratio"_s)
        && !readDouble(u"failure-ratio"_s, m_options.failureRatio, 0, 1))
        return false;
    if (m_parser.isSet(u"max-retries"_s)) {
        int retries = 0;
        if (!readInt(u"max-retries"_s, retries, 0))
            return false;
        m_options.maxRetries = retries;
    }
    if (m_parser.isSet(u"job-duration"_s)) {
        QString error;
        const auto duration = JobDuration::parse(m_parser.value(u"job-duration"_s), &error);
        if (!duration)
            return fail(u"--job-duration: "_s + error);
        m_options.jobDuration = *duration;
    }
    if (m_parser.isSet(u"burst"_s)) {
        int burst = 0;
        if (!readInt(u"burst"_s, burst, 0))
            return false;
        m_options.burst = burst;
    }
    if (m_parser.isSet(u"every"_s) && !m_parser.isSet(u"burst"_s))
        return fail(u"--every is the time between bursts; it needs --burst"_s);
    if (!readDuration(u"every"_s, m_options.every, false))
        return false;
    if (m_parser.isSet(u"heartbeat-gap"_s)) {
        QString error;
        const auto gap = JobDuration::parse(m_parser.value(u"heartbeat-gap"_s), &error);
        if (!gap)
            return fail(u"--heartbeat-gap: "_s + error);
        m_options.heartbeatGap = *gap;
    }
    if (m_parser.isSet(u"seed"_s)) {
        bool ok = false;
        const quint64 seed = m_parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok)
            return fail(u"--seed: \""_s + m_parser.value(u"seed"_s) + u"\" is not a number"_s);
        m_options.seed = seed;
    }
    return true;
}

bool OptionParser::readTimes()
{
    return readDuration(u"heartbeat-ttl"_s, m_options.heartbeatTtl, false)
        && readDuration(u"block-timeout"_s, m_options.blockTimeout, false)
        && readDuration(u"timeout"_s, m_options.commandTimeout, false)
        && readDuration(u"duration"_s, m_options.runFor, true)
        && readDuration(u"stats-interval"_s, m_options.statsInterval, true);
}

bool OptionParser::fail(const QString& message)
{
    m_message = message;
    return false;
}

bool OptionParser::readDuration(const QString& name, Millis& out, bool zeroAllowed)
{
    if (!m_parser.isSet(name))
        return true;
    const QString text = m_parser.value(name);
    if (zeroAllowed && text == u"0"_s) {
        out = Millis(0);
        return true;
    }
    QString error;
    const std::optional<Millis> value = duration::parse(text, &error);
    if (!value)
        return fail(u"--"_s + name + u": "_s + error);
    if (!zeroAllowed && *value <= Millis(0))
        return fail(u"--"_s + name + u" must be longer than 0"_s);
    out = *value;
    return true;
}

bool OptionParser::readInt(const QString& name, int& out, int min)
{
    bool ok = false;
    const int value = m_parser.value(name).toInt(&ok);
    if (!ok || value < min)
        return fail(u"--"_s + name + u": \""_s + m_parser.value(name)
            + u"\" is not a whole number >= "_s + QString::number(min));
    out = value;
    return true;
}

bool OptionParser::readDouble(const QString& name, double& out, double min, double max)
{
    bool ok = false;
    const double value = m_parser.value(name).toDouble(&ok);
    if (!ok || value < min || value > max)
        return fail(u"--"_s + name + u": \""_s + m_parser.value(name)
            + u"\" is not a number from "_s + QString::number(min) + u" to "_s
            + QString::number(max));
    out = value;
    return true;
}

} // namespace qd::loadgen

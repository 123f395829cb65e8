#pragma once

// Shared by the loadgen tests: options for a test server, jobs to push by hand, and
// LoadgenProbe, which reads Redis back through redis-cli (the fixture's own client) so that a
// bug in the product's Redis layer cannot hide a bug in loadgen or the other way round.

#include "loadgen/Job.h"
#include "loadgen/LoadRunner.h"
#include "support/RedisCli.h"
#include "support/RedisServer.h"

#include <QByteArrayList>
#include <QDateTime>
#include <QStringList>
#include <QtGlobal>

#include <memory>

namespace qd::test {

// Nothing runs unless the test asks: no producers, no workers, no periodic stats; short waits.
inline loadgen::LoadgenOptions loadgenOptions(const QString& endpoint)
{
    loadgen::LoadgenOptions options;
    options.cluster.name = QStringLiteral("loadgen-test");
    options.cluster.endpoint = endpoint;
    options.producers = 0;
    options.workers = 0;
    options.blockTimeout = Millis(100);
    options.commandTimeout = Millis(3000);
    options.statsInterval = Millis(0);
    options.seed = 42;
    return options;
}

// A started run, or null (with the reason as a warning in the test log).
inline std::unique_ptr<loadgen::LoadRunner> startLoadgen(const loadgen::LoadgenOptions& options)
{
    auto run = std::make_unique<loadgen::LoadRunner>(options);
    QString error;
    if (!run->start(&error)) {
        qWarning("loadgen refused to start: %s", qPrintable(error));
        return nullptr;
    }
    return run;
}

// A job as an upstream producer writes it, with a recognisable id.
inline QByteArray loadgenJob(const QString& id, const QString& priority)
{
    loadgen::Job job;
    job.id = id;
    job.priority = priority;
    job.filepath = QStringLiteral("/tmp/") + id;
    job.filesize = 1;
    job.creationTime = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    job.traceId = QStringLiteral("0af7651916cd43dd8448eb211c80319c");
    job.spanId = QStringLiteral("b7ad6b7169203331");
    return job.toJson();
}

class LoadgenProbe final {
public:
    // clusterMode: follow MOVED redirections (redis-cli -c).
    explicit LoadgenProbe(const RedisServer* server, bool clusterMode = false)
        : m_server(server), m_clusterMode(clusterMode)
    {
    }

    QByteArray run(const QStringList& args) const
    {
        QStringList all = m_server->cliConnectionArgs();
        if (m_clusterMode)
            all.append(QStringLiteral("-c"));
        return RedisCli::run(all + args).out;
    }
    qint64 llen(const QString& key) const
    {
        return run({QStringLiteral("LLEN"), key}).toLongLong();
    }
    QByteArrayList lrange(const QString& key) const
    {
        const QByteArray out
            = run({QStringLiteral("LRANGE"), key, QStringLiteral("0"), QStringLiteral("-1")});
        return out.isEmpty() ? QByteArrayList {} : out.split('\n');
    }
    // Standalone only: KEYS is fine on a test server.
    QByteArrayList keys(const QString& pattern) const
    {
        const QByteArray out = run({QStringLiteral("KEYS"), pattern});
        return out.isEmpty() ? QByteArrayList {} : out.split('\n');
    }
    qint64 pttl(const QString& key) const
    {
        return run({QStringLiteral("PTTL"), key}).toLongLong();
    }

private:
    const RedisServer* m_server;
    bool m_clusterMode;
};

} // namespace qd::test

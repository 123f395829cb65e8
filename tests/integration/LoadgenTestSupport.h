#pragma once

// Shared by the loadgen tests: options for a test server, and LoadgenProbe, which pushes jobs
// by hand and reads Redis back through redis-cli (the fixture's own client) so that a
// bug in the product's Redis layer cannot hide a bug in loadgen or the other way round.

#include "loadgen/LoadRunner.h"
#include "support/JobJson.h"
#include "support/RedisCli.h"
#include "support/RedisServer.h"

#include <QByteArrayList>
#include <QStringList>
#include <QTest>
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
    // LPUSHes count jobs as an upstream producer writes them, ids pushed-0, pushed-1, ...
    void pushJobs(int count, const QString& queue, const QString& priority) const
    {
        for (int i = 0; i < count; ++i) {
            const QString job = jobJson(QStringLiteral("pushed-%1").arg(i), priority);
            QVERIFY(run({QStringLiteral("LPUSH"), queue, job}).toInt() > 0);
        }
    }

private:
    const RedisServer* m_server;
    bool m_clusterMode;
};

} // namespace qd::test

#include "gui/ConnectionTester.h"

#include "core/config/ClusterConfig.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace qd::gui {
namespace {

// Tests get their own small pool: a slow server must not hold a thread the engine polls with.
QThreadPool& testerPool()
{
    static QThreadPool pool;
    pool.setMaxThreadCount(2);
    return pool;
}

} // namespace

ConnectionTester::ConnectionTester(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        m_running = false;
        if (m_watcher.future().resultCount() > 0)
            Q_EMIT finished(m_watcher.result());
    });
}

ConnectionTester::~ConnectionTester()
{
    // The test keeps running to its timeout on the pool; nobody is told about the result.
    m_watcher.disconnect();
}

void ConnectionTester::start(const ClusterConfig& cluster, Millis timeout)
{
    m_running = true;
    auto promise = std::make_shared<QPromise<Result>>();
    m_watcher.setFuture(promise->future());
    promise->start();
    testerPool().start([promise, cluster, timeout] {
        promise->addResult(test(cluster, timeout));
        promise->finish();
    });
}

ConnectionTester::Result ConnectionTester::test(const ClusterConfig& cluster, Millis timeout)
{
    Result result;
    try {
        const std::unique_ptr<redis::RedisClient> client
            = redis::RedisClient::create(cluster, timeout);
        QElapsedTimer clock;
        clock.start();
        const redis::Reply first = client->command(redis::Command {"PING"});
        result.connectMs = double(clock.nsecsElapsed()) / 1e6;
        if (first.isError()) {
            result.error = first.toString();
            return result;
        }
        clock.restart();
        const redis::Reply second = client->command(redis::Command {"PING"});
        result.pingMs = double(clock.nsecsElapsed()) / 1e6;
        if (second.isError()) {
            result.error = second.toString();
            return result;
        }
        result.ok = true;
    } catch (const redis::ConnectionError& e) {
        result.error = e.message();
    } catch (const std::exception& e) {
        result.error = QString::fromUtf8(e.what());
    }
    return result;
}

} // namespace qd::gui

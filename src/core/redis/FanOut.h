#pragma once

#include <QThreadPool>

#include <functional>
#include <vector>

namespace qd::redis {

// Runs a handful of blocking tasks at once (one pipeline per Redis Cluster master) and waits
// for all of them. The first task runs on the calling thread; the rest on a private thread pool,
// never the engine's global one, so poll tasks waiting here can never starve themselves.
class FanOut final {
public:
    explicit FanOut(int maxThreads = 8);
    ~FanOut();
    Q_DISABLE_COPY_MOVE(FanOut)

    // Every task runs to completion; the first exception any of them threw is rethrown after.
    void run(const std::vector<std::function<void()>>& tasks);

private:
    QThreadPool m_pool;
};

} // namespace qd::redis

#include "core/redis/FanOut.h"

#include "core/telemetry/Telemetry.h"

#include <exception>
#include <latch>

namespace qd::redis {

FanOut::FanOut(int maxThreads)
{
    m_pool.setMaxThreadCount(maxThreads);
}

FanOut::~FanOut()
{
    m_pool.waitForDone();
}

void FanOut::run(const std::vector<std::function<void()>>& tasks)
{
    if (tasks.empty())
        return;
    std::vector<std::exception_ptr> failures(tasks.size());
    const auto guarded = [&tasks, &failures](size_t index) {
        try {
            tasks[index]();
        } catch (...) {
            failures[index] = std::current_exception();
        }
    };
    std::latch done(static_cast<std::ptrdiff_t>(tasks.size() - 1));
    const telemetry::TraceContext trace = telemetry::currentContext(); // parent of every task
    for (size_t i = 1; i < tasks.size(); ++i) {
        m_pool.start([&guarded, &done, &trace, i] {
            const telemetry::Scope scope(trace);
            guarded(i);
            done.count_down();
        });
    }
    guarded(0);
    done.wait();
    for (const std::exception_ptr& failure : failures) {
        if (failure)
            std::rethrow_exception(failure);
    }
}

} // namespace qd::redis

#include "loadgen/SignalWaiter.h"

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace qd::loadgen {
namespace {

sigset_t exitSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

SignalWaiter::SignalWaiter()
{
    const sigset_t set = exitSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int SignalWaiter::wait(Millis timeout)
{
    const sigset_t set = exitSignals();
    timespec wait {};
    wait.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    wait.tv_nsec = static_cast<long>((timeout.count() % 1000) * 1'000'000);
    const int received = sigtimedwait(&set, nullptr, &wait);
    return received > 0 ? received : 0; // -1: timeout, or EINTR from some other signal
}

} // namespace qd::loadgen

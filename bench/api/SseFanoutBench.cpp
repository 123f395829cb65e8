// qd-bench-sse-fanout: opens N event-stream clients to a running QueueDeck API, triggers
// events through the API, and reports how long each client took to receive each event.
//
//   qd-bench-sse-fanout --port P --token T [--clients 1000] [--events 20] [--pid PID]
//
// An event is triggered by adding (then removing) a disabled cluster: the server saves its
// config and publishes config_changed. The latency of a client is the time from sending that
// request to the client reading the event, so it includes the request's own handling (and the
// config file's fsync): an upper bound of the delivery delay. The spread is the time from the
// first client reading an event to each other client reading it: the fan-out alone. The clients
// are plain non-blocking
// sockets on one epoll loop, so the measuring side adds as little as possible. With --pid, the
// server's resident memory is read before and after the clients connect (memory per client).

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

int connectTo(quint16 port, bool blocking)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    if (rc != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

struct Client {
    int fd = -1;
    std::string buffer;
    bool sent = false;
    bool ready = false;
    int received = 0;
};

// Sends one request on a fresh blocking connection and returns the status code.
int request(quint16 port, const std::string& text)
{
    const int fd = connectTo(port, true);
    if (fd < 0)
        return 0;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        ::close(fd);
        return 0;
    }
    char answer[512] = {};
    const ssize_t n = ::read(fd, answer, sizeof answer - 1);
    ::close(fd);
    return n > 12 ? std::atoi(answer + 9) : 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption portOption(
        QStringLiteral("port"), QStringLiteral("API port"), QStringLiteral("P"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"), QStringLiteral("bearer token"), QStringLiteral("T"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("clients"),
        QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("events"),
        QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption pidOption(
        QStringLiteral("pid"), QStringLiteral("server pid"), QStringLiteral("PID"));
    parser.addOptions({portOption, tokenOption, clientsOption, eventsOption, pidOption});
    parser.process(app);
    const auto port = static_cast<quint16>(parser.value(portOption).toUInt());
    const std::string token = parser.value(tokenOption).toStdString();
    const int clientCount = parser.value(clientsOption).toInt();
    const int eventCount = parser.value(eventsOption).toInt();
    const qint64 pid = parser.value(pidOption).toLongLong();

    const qint64 rssBefore = pid > 0 ? residentKiB(pid) : -1;
    const int epoll = ::epoll_create1(0);
    std::vector<Client> clients(static_cast<size_t>(clientCount));
    for (size_t i = 0; i < clients.size(); ++i) {
        clients[i].fd = connectTo(port, false);
        if (clients[i].fd < 0) {
            std::fprintf(stderr, "connect failed: %s\n", std::strerror(errno));
            return 1;
        }
        epoll_event event {};
        event.events = EPOLLIN | EPOLLOUT;
        event.data.u64 = i;
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, clients[i].fd, &event);
    }

    const std::string subscribe
        = "GET /api/v1/events?type=config_changed HTTP/1.1\r\nHost: bench\r\n\r\n";
    Clock::time_point sentAt;
    std::vector<double> latencies;
    latencies.reserve(static_cast<size_t>(clientCount) * static_cast<size_t>(eventCount));
    std::vector<double> spreads; // per delivery: after the first client of the same event
    spreads.reserve(latencies.capacity());
    std::vector<double> firstOfEvent(static_cast<size_t>(eventCount), -1);
    int readyCount = 0;
    // Runs the loop until pred holds or the timeout passes.
    const auto pump = [&](const auto& pred, int timeoutMs) {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        std::vector<epoll_event> events(1024);
        char chunk[16384];
        while (!pred()) {
            if (Clock::now() > deadline)
                return false;
            const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 10);
            const auto now = Clock::now();
            for (int k = 0; k < n; ++k) {
                Client& c = clients[events[static_cast<size_t>(k)].data.u64];
                if ((events[static_cast<size_t>(k)].events & EPOLLOUT) && !c.sent) {
                    if (::write(c.fd, subscribe.data(), subscribe.size()) > 0) {
                        c.sent = true;
                        epoll_event in {};
                        in.events = EPOLLIN;
                        in.data.u64 = events[static_cast<size_t>(k)].data.u64;
                        ::epoll_ctl(epoll, EPOLL_CTL_MOD, c.fd, &in);
                    }
                }
                if (!(events[static_cast<size_t>(k)].events & EPOLLIN))
                    continue;
                ssize_t got;
                while ((got = ::read(c.fd, chunk, sizeof chunk)) > 0)
                    c.buffer.append(chunk, static_cast<size_t>(got));
                if (!c.ready) {
                    const auto end = c.buffer.find("\r\n\r\n");
                    if (end == std::string::npos)
                        continue;
                    c.ready = c.buffer.compare(0, 12, "HTTP/1.1 200") == 0;
                    readyCount += c.ready ? 1 : 0;
                    c.buffer.erase(0, end + 4);
                }
                size_t end;
                while ((end = c.buffer.find("\n\n")) != std::string::npos) {
                    if (c.buffer.compare(0, 4, "id: ") == 0 && c.received < eventCount) {
                        const double ms
                            = std::chrono::duration<double, std::milli>(now - sentAt).count();
                        double& first = firstOfEvent[static_cast<size_t>(c.received)];
                        if (first < 0)
                            first = ms;
                        ++c.received;
                        latencies.push_back(ms);
                        spreads.push_back(ms - first);
                    }
                    c.buffer.erase(0, end + 2);
                }
            }
        }
        return true;
    };

    if (!pump([&] { return readyCount == clientCount; }, 60000)) {
        std::fprintf(stderr, "only %d of %d clients subscribed\n", readyCount, clientCount);
        return 1;
    }
    // Let the server settle (accept queue drained, buffers allocated) before measuring memory.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const qint64 rssConnected = pid > 0 ? residentKiB(pid) : -1;

    const std::string body
        = R"({"name":"sse-bench","label":"SSE bench","color":"blue","endpoint":"127.0.0.1:1","enabled":false})";
    const std::string add = "POST /api/v1/clusters HTTP/1.1\r\nHost: bench\r\nConnection: "
                            "close\r\nAuthorization: Bearer "
        + token + "\r\nContent-Type: application/json\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\n\r\n" + body;
    const std::string remove
        = "DELETE /api/v1/clusters/sse-bench HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n"
          "Authorization: Bearer "
        + token + "\r\n\r\n";
    for (int e = 0; e < eventCount; ++e) {
        sentAt = Clock::now();
        // The request goes out on its own thread so the clients are read while it is answered.
        int status = 0;
        std::thread trigger([&] { status = request(port, e % 2 == 0 ? add : remove); });
        const int expected = e + 1;
        const bool all = pump(
            [&] {
                return std::all_of(clients.cbegin(), clients.cend(),
                    [expected](const Client& c) { return c.received >= expected; });
            },
            10000);
        trigger.join();
        if (!all || (status != 201 && status != 204)) {
            std::fprintf(stderr, "event %d: not every client received it (HTTP %d)\n", e, status);
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const qint64 rssAfter = pid > 0 ? residentKiB(pid) : -1;

    std::printf(
        "clients %d, events %d, deliveries %zu\n", clientCount, eventCount, latencies.size());
    std::printf("latency ms (request sent -> event read): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
        percentile(latencies, 0.50), percentile(latencies, 0.90), percentile(latencies, 0.99),
        percentile(latencies, 1.0));
    std::printf(
        "spread ms (first client -> each client, same event): p50 %.1f  p99 %.1f  max %.1f\n",
        percentile(spreads, 0.50), percentile(spreads, 0.99), percentile(spreads, 1.0));
    if (pid > 0) {
        std::printf("server RSS KiB: before %lld, %d clients connected %lld, after events %lld\n",
            static_cast<long long>(rssBefore), clientCount, static_cast<long long>(rssConnected),
            static_cast<long long>(rssAfter));
        std::printf("memory per client: %.1f KiB connected, %.1f KiB after the events\n",
            static_cast<double>(rssConnected - rssBefore) / clientCount,
            static_cast<double>(rssAfter - rssBefore) / clientCount);
    }
    for (const Client& c : clients)
        ::close(c.fd);
    ::close(epoll);
    return 0;
}

#pragma once

#include <QtGlobal>

namespace qd::redis {

// What a call cost the server and the network: the "poll cost" QueueDeck shows and exports.
// Connection set-up (connect, TLS, AUTH) is not counted: the pool amortises it across polls.
struct CallStats {
    qint64 roundTrips = 0;
    qint64 commands = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;

    CallStats& operator+=(const CallStats& other)
    {
        roundTrips += other.roundTrips;
        commands += other.commands;
        bytesSent += other.bytesSent;
        bytesReceived += other.bytesReceived;
        return *this;
    }
    friend bool operator==(const CallStats&, const CallStats&) = default;
};

} // namespace qd::redis

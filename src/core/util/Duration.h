#pragma once

#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

namespace qd {

using Millis = std::chrono::milliseconds;

// Durations in QueueDeck's config are strings in Go's notation: "250ms", "5s", "1m30s", "1.5h".
// A bare number is refused on purpose: Go programs read one as nanoseconds, people as
// seconds, so a config that says "5" means something different to every reader.
namespace duration {

// Parses a duration; on failure returns nullopt and writes the reason to *error.
std::optional<Millis> parse(QStringView text, QString* error = nullptr);

// Formats milliseconds back into the shortest string parse() reads: 90000 -> "1m30s".
QString format(Millis value);

} // namespace duration
} // namespace qd

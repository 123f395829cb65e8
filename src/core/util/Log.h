#pragma once

#include <QString>

#include <spdlog/spdlog.h>

namespace qd::log {

enum class Format {
    Text, // readable lines for a terminal
    Json, // one JSON object per line, for headless mode and log shippers
};

// Installs QueueDeck's default logger writing to stderr. Every line passes through the secret
// filter below, whichever part of the program wrote it.
void setup(Format format, spdlog::level::level_enum level = spdlog::level::info);

// Registers a password or token: from now on it is replaced by "***" in every log line. Code
// must not log secrets in the first place; this is the net under that rule.
void addSecret(const QString& secret);

// Replaces every registered secret in text (used by the sink and by tests).
std::string redact(std::string text);

// spdlog takes std::string; this keeps call sites short: spdlog::info("x {}", qd::log::s(name)).
inline std::string s(const QString& text)
{
    return text.toStdString();
}

} // namespace qd::log

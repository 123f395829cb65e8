#include "core/util/Log.h"

#include "core/telemetry/Telemetry.h"

#include <QDateTime>

#include <cstdio>
#include <mutex>
#include <set>
#include <spdlog/sinks/base_sink.h>

namespace qd::log {
namespace {

// Redacting one- or two-character secrets would shred every log line; a password that short
// offers no protection worth the noise, so it is not registered.
constexpr std::size_t kMinSecretLength = 3;

struct SecretRegistry {
    std::mutex mutex;
    std::set<std::string> secrets;
};

SecretRegistry& registry()
{
    static SecretRegistry r;
    return r;
}

std::string jsonEscape(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out;
}

class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit RedactingSink(Format format) : m_format(format) { }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        const std::string payload = redact(std::string(msg.payload.data(), msg.payload.size()));
        const auto millis
            = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch())
                  .count();
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
        const std::string level(spdlog::level::to_string_view(msg.level).data(),
            spdlog::level::to_string_view(msg.level).size());
        std::string line;
        if (m_format == Format::Json) {
            line = "{\"time\":\"" + time.toString(Qt::ISODateWithMs).toStdString()
                + "\",\"level\":\"" + level + "\",\"logger\":\""
                + jsonEscape(std::string_view(msg.logger_name.data(), msg.logger_name.size()))
                + "\",\"message\":\"" + jsonEscape(payload) + '"';
            // Written inside a span (on this thread): the ids that find its trace.
            if (const telemetry::TraceContext span = telemetry::currentContext(); span.isValid())
                line += ",\"trace_id\":\"" + span.traceIdHex().toStdString() + "\",\"span_id\":\""
                    + span.spanIdHex().toStdString() + '"';
            line += "}\n";
        } else {
            line = time.toLocalTime()
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                       .toStdString()
                + " [" + level + "] " + payload + "\n";
        }
        std::fwrite(line.data(), 1, line.size(), stderr);
    }
    void flush_() override { std::fflush(stderr); }

private:
    Format m_format;
};

} // namespace

std::string redact(std::string text)
{
    SecretRegistry& r = registry();
    const std::lock_guard lock(r.mutex);
    for (const std::string& secret : r.secrets) {
        std::size_t pos = 0;
        while ((pos = text.find(secret, pos)) != std::string::npos) {
            text.replace(pos, secret.size(), "***");
            pos += 3;
        }
    }
    return text;
}

void addSecret(const QString& secret)
{
    const std::string bytes = secret.toStdString();
    if (bytes.size() < kMinSecretLength)
        return;
    SecretRegistry& r = registry();
    const std::lock_guard lock(r.mutex);
    r.secrets.insert(bytes);
}

void setup(Format format, spdlog::level::level_enum level)
{
    auto logger
        = std::make_shared<spdlog::logger>("queuedeck", std::make_shared<RedactingSink>(format));
    logger->set_level(level);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

} // namespace qd::log

#pragma once

#include "loadgen/LoadgenOptions.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace qd::loadgen {

// queuedeck-loadgen's command line (docs/queue-systems/go-redis-work-queue.md lists every option).
// Either
// --config FILE --cluster NAME, which takes the endpoint, mode, TLS, credentials and queue
// system from QueueDeck's own config, or --endpoint URL with a few connection flags and the
// default key layout.
class OptionParser final {
public:
    enum class Outcome { Run, Help, Version, Error };

    OptionParser();

    // arguments start with the program name, like QCoreApplication::arguments().
    Outcome parse(const QStringList& arguments);
    const LoadgenOptions& options() const { return m_options; }
    // The help text, the version line, or what is wrong (naming the option).
    const QString& message() const { return m_message; }

private:
    bool readConnection();
    bool readEndpoint();
    bool readWorkload();
    bool readTimes();
    bool readQueues();
    bool readRate();
    bool fail(const QString& message);
    bool readDuration(const QString& name, Millis& out, bool zeroAllowed);
    bool readInt(const QString& name, int& out, int min);
    bool readDouble(const QString& name, double& out, double min, double max);

    QCommandLineParser m_parser;
    LoadgenOptions m_options;
    QString m_message;
};

} // namespace qd::loadgen

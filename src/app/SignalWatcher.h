#pragma once

#include <QObject>

class QSocketNotifier;

namespace qd::app {

// Turns SIGTERM, SIGINT and SIGHUP into Qt signals on the main thread. A POSIX signal handler
// may only do async-signal-safe work, so it writes the signal number into a socket pair and a
// QSocketNotifier reads it in the event loop (the self-pipe trick).
class SignalWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminateRequested(int signalNumber); // SIGTERM, SIGINT
    void reloadRequested(); // SIGHUP

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace qd::app

#pragma once

#include "core/config/ClusterConfig.h"
#include "core/util/Duration.h"

#include <QFutureWatcher>
#include <QObject>

namespace qd::gui {

// "Test connection" for the cluster editor: connects with the settings being edited and sends
// PING, on a worker thread (never the GUI thread, which must not wait on a network). Reports
// the round-trip latency or the exact error.
class ConnectionTester final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    struct Result {
        bool ok = false;
        double connectMs = 0; // first PING: connect, TLS, AUTH, SELECT and the round trip
        double pingMs = 0; // second PING: the round trip alone
        QString error;
    };

    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;

    void start(const ClusterConfig& cluster, Millis timeout);
    bool isRunning() const { return m_running; }

    // Blocking; what the worker thread runs.
    static Result test(const ClusterConfig& cluster, Millis timeout);

Q_SIGNALS:
    void finished(const qd::gui::ConnectionTester::Result& result);

private:
    QFutureWatcher<Result> m_watcher;
    bool m_running = false; // until finished() is emitted, not merely until the thread is done
};

} // namespace qd::gui

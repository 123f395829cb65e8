#pragma once

#include <QList>
#include <QString>

#include <memory>

class QProcess;

namespace qd::bench {

// redis-server processes on free loopback ports, without persistence, stopped on destruction.
class BenchServers final {
public:
    BenchServers() = default;
    ~BenchServers();
    BenchServers(const BenchServers&) = delete;
    BenchServers& operator=(const BenchServers&) = delete;

    // Starts count servers; false and the reason in *error when one does not answer.
    bool start(int count, QString* error);
    QString endpoint(int index) const;
    qsizetype count() const { return m_ports.size(); }
    // redis-cli against server index (setup only, never timed).
    QByteArray cli(int index, const QStringList& args) const;

private:
    QList<std::shared_ptr<QProcess>> m_processes;
    QList<quint16> m_ports;
};

} // namespace qd::bench

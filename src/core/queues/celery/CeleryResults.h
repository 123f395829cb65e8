#pragma once

#include "core/redis/Command.h"
#include "core/redis/Reply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace qd::celery {

// Celery's Redis result backend (docs/queue-systems/celery.md, "Failures"): one string key per
// task, "celery-task-meta-<task id>", holding the serialized result, whose first field is the
// task's status. Nothing indexes them, so failures are counted by a census spread over polls.
inline constexpr QByteArrayView resultKeyPattern {"celery-task-meta-*"};
// How much of each result is read: the status comes first, so this holds it whatever the size
// of the result or traceback behind it.
inline constexpr int resultHeadBytes = 64;
inline constexpr QByteArrayView failureStatus {"FAILURE"};

// The status at the head of a stored result in JSON (Celery's default serializer) or msgpack;
// nullopt when the head is in another form (pickle, YAML) or is not a Celery result.
std::optional<QByteArray> resultStatus(QByteArrayView head);

// A bounded, incremental count of the failed results the backend keeps. Each poll adds the same
// few commands to its pipeline: the GETRANGE heads of the keys the previous poll's SCAN step
// returned, and the next SCAN step (COUNT scanCount). Reading the keys one poll late keeps the
// poll one round trip. When the result backend's database is not the broker's, the commands are
// wrapped in SELECT <result db> ... SELECT <broker db> on the same connection. A pass ends when
// SCAN's cursor comes back to 0 and the keys of that last step have been read; its figures then
// replace the previous pass's. Read-only. Not thread-safe.
class ResultCensus final {
public:
    struct Pass {
        qint64 results = 0; // keys whose status could be read
        qint64 failures = 0; // of those, status FAILURE (each key once)
        qint64 unreadable = 0; // keys in a form this reader cannot decode
        friend bool operator==(const Pass&, const Pass&) = default;
    };

    // brokerDb: the database the client's connections are on; resultDb: the backend's.
    ResultCensus(int resultDb, int brokerDb, int scanCount = 1000);

    // The commands this poll adds, in order.
    QList<redis::Command> commands() const;
    // Takes the replies to commands(), in order. Returns an error text when they cannot be
    // used; the pass under way is then started again (a refused SELECT also forgets the last
    // pass: what was read may not have been the result backend).
    QString apply(const QList<redis::Reply>& replies);

    // Failures in the last completed pass; nullopt before one completes and when it found no
    // result it could read (no backend in that database, or only other serializers): unknown.
    std::optional<qint64> failures() const;
    const std::optional<Pass>& lastPass() const { return m_last; }
    qint64 passesCompleted() const { return m_passes; }

private:
    void restartPass();

    int m_resultDb;
    int m_brokerDb;
    int m_scanCount;
    QByteArray m_cursor = QByteArrayLiteral("0");
    bool m_passEnding = false; // the pending keys are the pass's last
    QList<QByteArray> m_pending; // keys from the last SCAN step, read by the next poll
    Pass m_current;
    QSet<QByteArray> m_failed; // SCAN may return a key twice while Redis resizes its table
    std::optional<Pass> m_last;
    qint64 m_passes = 0;
};

} // namespace qd::celery

#pragma once

#include "core/actions/MultiAction.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace qd::telemetry {
class Span;
}

namespace qd {

class AuditLog;
class Manager;

// Runs multi-cluster actions with the safety the API asks for: the allowlist and per-cluster
// read_only are enforced here (not only in the GUI or API), every target is checked before
// anything runs, actions that need confirmation wait in "pending" with a message that lists
// every target, each action executes at most once, at most actions.max_concurrent targets run
// at once, and every state change is written to the audit log (before execution starts and
// after it ends). Lives on the main thread; targets run on its own thread pool.
//
// The audit log writes on its own thread. A state change is therefore first requested (the
// value submit/confirm/cancel return) and reported only once its row is durable: action(),
// actions(), actionChanged and the events show durable states only, and targets start only
// after the executing row is durable. The main thread never waits for the disk.
class ActionEngine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionEngine)

public:
    // audit may be null (tests of pure validation); recover() marks actions a crash left
    // executing as interrupted and loads recent history from it.
    ActionEngine(Manager& manager, AuditLog* audit, QObject* parent = nullptr);
    ~ActionEngine() override;

    // Validates type, targets and parameters (ActionError naming the problem; nothing runs).
    // Returns the new action: pending (with confirmations) when confirmation is required for
    // this type, else already executing. Read-only types (peek) never need confirmation.
    MultiAction submit(const QString& type, const QStringList& targets,
        const QJsonObject& parameters, const QString& requestedBy);
    // The returned action is the requested state; action() and actionChanged follow once it is
    // in the audit log (hasUnrecordedChanges() tells whether it is still being written).
    // pending → confirmed → executing. Throws ActionError(NotFound | IllegalTransition):
    // confirming twice executes once.
    MultiAction confirm(const QString& id, const QString& confirmedBy);
    // A pending action is cancelled at once; an executing one is asked to stop at its next
    // batch (its status turns cancelled when its targets return). Throws like confirm.
    MultiAction cancel(const QString& id, const QString& cancelledBy = {});

    // From memory, else (an old finished action) its latest state in the audit log.
    std::optional<MultiAction> action(const QString& id) const;
    // Newest first; filtered by status when given. Holds every unfinished action and the most
    // recent finished ones (see setKeptInMemory); the audit log has all of them.
    QList<MultiAction> actions(std::optional<ActionStatus> status = std::nullopt) const;

    // A long-running server submits actions without end: beyond this many, the oldest finished
    // ones are dropped from memory (never unfinished ones; the audit log keeps them all), so
    // memory and the cost of listing stay flat.
    static constexpr int kKeptInMemory = 1000;
    void setKeptInMemory(int count) { m_keptInMemory = count; }

    // Whether type needs confirmation under the current config (the GUI asks before building
    // its dialog; destructive types need the operator to type the target count).
    bool needsConfirmation(const QString& type) const;
    // Whether actions.allowed_actions lets type run (read-only types always may).
    bool isAllowed(const QString& type) const;
    static bool isDestructive(const QString& type);
    static bool isReadOnly(const QString& type);
    // Whether a state change of the action is still on its way to the audit log.
    bool hasUnrecordedChanges(const QString& id) const { return m_unrecorded.contains(id); }
    // Waits until no target is running and every row is written (shutdown, tests).
    void waitForIdle();
    // Shutdown: asks running actions to stop; those still running when the process exits are
    // found executing on the next start and marked interrupted.
    void shutdown();

Q_SIGNALS:
    // Every change: creation, confirmation, start, per-target progress and results, the end.
    void actionChanged(const qd::MultiAction& action);

private:
    struct Running;

    void validate(
        const QString& type, const QStringList& targets, const QJsonObject& parameters) const;
    QList<Confirmation> confirmationsFor(const MultiAction& action) const;
    void transition(MultiAction& action, ActionStatus to, std::function<void()> then = {});
    void execute(MultiAction& action);
    void startTargets(const QString& id);
    void targetProgress(const QString& id, const QString& target, qint64 done, qint64 total);
    void targetFinished(const QString& id, const QString& target, const TargetResult& result);
    void finishIfDone(MultiAction& action);
    // Queues the action's row; once it is durable the state is reported and then runs.
    void record(const MultiAction& action, std::function<void()> then = {});
    void recorded(
        const MultiAction& snapshot, const QString& error, const std::function<void()>& then);
    void report(const MultiAction& snapshot);
    QString newId() const;
    // Looks an action up for a command; an old finished one only in the audit log is an
    // illegal transition, not a missing action.
    MultiAction& commandTarget(const QString& id, const char* command);
    void schedulePrune();
    void prune();

    Manager& m_manager;
    AuditLog* m_audit;
    QThreadPool m_pool;
    QHash<QString, MultiAction> m_actions; // requested states: what commands act on
    QHash<QString, MultiAction> m_reported; // durable states (with live progress): what is shown
    QHash<QString, int> m_unrecorded; // rows queued and not yet durable, per action
    QSet<QString> m_unwritable; // actions a row of which the audit log refused
    QHash<QString, std::shared_ptr<Running>> m_running;
    // The trace of each action from submit to its final status.
    QHash<QString, std::shared_ptr<telemetry::Span>> m_spans;
    int m_keptInMemory = kKeptInMemory;
    bool m_prunePending = false;
};

} // namespace qd

#include "core/engine/ActionEngine.h"

#include "core/actions/ActionRunner.h"
#include "core/actions/ActionTypes.h"
#include "core/audit/AuditLog.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "core/telemetry/OperationSpans.h"
#include "core/util/Log.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace qd {

// What the engine keeps of an action while its targets run on the pool.
struct ActionEngine::Running {
    std::atomic<bool> cancelled = false;
    int remaining = 0;
    telemetry::TraceContext trace;
};

ActionEngine::ActionEngine(Manager& manager, AuditLog* audit, QObject* parent)
    : QObject(parent), m_manager(manager), m_audit(audit)
{
    m_pool.setMaxThreadCount(std::max(1, manager.config().actions.maxConcurrent));
    if (!m_audit)
        return;
    // An action found executing (or confirmed) was cut short by a crash or a kill: it is never
    // run again, only marked, so an operator can see what may have been half done.
    QList<MultiAction> loaded = m_audit->latestActions();
    // One cut short long ago, behind many newer actions, is marked all the same.
    for (const MultiAction& unfinished : m_audit->unfinishedActions()) {
        const bool listed = std::any_of(loaded.cbegin(), loaded.cend(),
            [&unfinished](const MultiAction& a) { return a.id == unfinished.id; });
        if (!listed)
            loaded.append(unfinished);
    }
    for (MultiAction action : loaded) {
        if (action.status == ActionStatus::Executing || action.status == ActionStatus::Confirmed) {
            action.status = ActionStatus::Interrupted;
            action.error = QStringLiteral(
                "QueueDeck stopped while this action was running; it was not run again");
            action.finishedAt = manager.clock().wallNow();
            // Before anything is served: the writer thread writes, start-up waits for it.
            m_audit->append(action, QStringLiteral("system"), action.error);
            spdlog::warn("action {} ({}) was interrupted by a restart", log::s(action.id),
                log::s(action.type));
        }
        m_actions.insert(action.id, action);
        m_reported.insert(action.id, action);
    }
}

ActionEngine::~ActionEngine()
{
    shutdown();
    m_pool.waitForDone();
    // No callback of the writer may reach this object once it is gone: rows it queued are
    // written, and their posted callbacks die with it.
    if (m_audit)
        m_audit->flush();
}

bool ActionEngine::isDestructive(const QString& type)
{
    return actiontypes::isDestructive(type);
}

bool ActionEngine::isReadOnly(const QString& type)
{
    return actiontypes::isReadOnly(type);
}

bool ActionEngine::needsConfirmation(const QString& type) const
{
    return m_manager.config().actions.requireConfirmation && !isReadOnly(type);
}

bool ActionEngine::isAllowed(const QString& type) const
{
    return isReadOnly(type) || m_manager.config().actions.allowedActions.contains(type);
}

QString ActionEngine::newId() const
{
    QString id;
    do {
        id = QStringLiteral("action-")
            + QString::number(QRandomGenerator::system()->generate64() & 0xffffffffffffULL, 16);
    } while (m_actions.contains(id));
    return id;
}

void ActionEngine::validate(
    const QString& type, const QStringList& targets, const QJsonObject& parameters) const
{
    using Kind = ActionError::Kind;
    if (!actiontypes::isKnown(type))
        throw ActionError(Kind::UnknownType,
            QStringLiteral("unknown action type \"%1\" (known: %2)")
                .arg(type, knownActionTypes().join(QStringLiteral(", "))),
            QStringLiteral("type"));
    if (!isAllowed(type))
        throw ActionError(Kind::NotAllowed,
            QStringLiteral("action type \"%1\" is not in actions.allowed_actions").arg(type),
            QStringLiteral("type"));
    if (targets.isEmpty())
        throw ActionError(
            Kind::InvalidParameter, QStringLiteral("no targets given"), QStringLiteral("targets"));
    QStringList seen;
    for (const QString& target : targets) {
        const ClusterConfig* cluster = m_manager.config().cluster(target);
        if (!cluster)
            throw ActionError(Kind::UnknownTarget,
                QStringLiteral("unknown cluster \"%1\"").arg(target), QStringLiteral("targets"));
        if (seen.contains(target))
            throw ActionError(Kind::InvalidParameter,
                QStringLiteral("cluster \"%1\" is listed twice").arg(target),
                QStringLiteral("targets"));
        seen.append(target);
        if (!cluster->enabled)
            throw ActionError(Kind::DisabledTarget,
                QStringLiteral("cluster \"%1\" is disabled").arg(target),
                QStringLiteral("targets"));
        if (cluster->readOnly && !isReadOnly(type))
            throw ActionError(Kind::ReadOnlyTarget,
                QStringLiteral("cluster \"%1\" is read-only; %2 changes data").arg(target, type),
                QStringLiteral("targets"));
        actiontypes::validate(type, parameters, *cluster);
    }
}

QList<Confirmation> ActionEngine::confirmationsFor(const MultiAction& action) const
{
    QStringList lines;
    for (const QString& target : action.targets) {
        const ClusterConfig& cluster = m_manager.cluster(target);
        lines.append(QStringLiteral("- ")
            + actiontypes::describe(
                action.type, action.parameters, cluster, m_manager.cachedStats(target)));
    }
    const QString summary = QStringLiteral("This will run %1 on %2 cluster(s):\n")
                                .arg(action.type)
                                .arg(action.targets.size())
        + lines.join(u'\n') + QStringLiteral("\nContinue?");
    return {Confirmation {true, summary}};
}

MultiAction ActionEngine::submit(const QString& type, const QStringList& targets,
    const QJsonObject& parameters, const QString& requestedBy)
{
    validate(type, targets, parameters);
    MultiAction action;
    action.id = newId();
    action.type = type;
    action.targets = targets;
    action.parameters = parameters;
    action.requestedBy = requestedBy.isEmpty() ? QStringLiteral("unknown") : requestedBy;
    action.createdAt = m_manager.clock().wallNow();
    action.status = ActionStatus::Pending;
    const auto span = std::make_shared<telemetry::Span>(telemetry::actionSpan(type, targets));
    action.traceId = span->context().traceIdHex();
    for (const QString& target : targets)
        action.results.insert(target, TargetResult {});
    const bool confirm = needsConfirmation(type);
    if (confirm)
        action.confirmations = confirmationsFor(action);
    m_actions.insert(action.id, action);
    m_spans.insert(action.id, span);
    {
        const telemetry::Scope scope(*span); // the line carries the action's trace and span ids
        spdlog::info("action {} ({} on {}) requested by {}", log::s(action.id), log::s(type),
            log::s(targets.join(u',')), log::s(action.requestedBy));
    }
    record(action);
    if (confirm)
        return action;
    MultiAction& stored = m_actions[action.id];
    stored.confirmedBy = QStringLiteral("(no confirmation required)");
    transition(stored, ActionStatus::Confirmed);
    execute(stored);
    return m_actions.value(action.id);
}

MultiAction& ActionEngine::commandTarget(const QString& id, const char* command)
{
    const auto it = m_actions.find(id);
    if (it != m_actions.end())
        return *it;
    if (m_audit) {
        if (const auto old = m_audit->latest(id))
            throw ActionError(ActionError::Kind::IllegalTransition,
                QStringLiteral("action %1 is %2 and cannot be %3")
                    .arg(id, actionStatusName(old->status), QLatin1StringView(command)));
    }
    throw ActionError(
        ActionError::Kind::NotFound, QStringLiteral("action \"%1\" does not exist").arg(id));
}

MultiAction ActionEngine::confirm(const QString& id, const QString& confirmedBy)
{
    MultiAction& action = commandTarget(id, "confirmed");
    if (action.status != ActionStatus::Pending)
        throw ActionError(ActionError::Kind::IllegalTransition,
            QStringLiteral("action %1 is %2; only a pending action can be confirmed")
                .arg(id, actionStatusName(action.status)));
    // The targets may have changed since the action was created (removed, disabled, made
    // read-only).
    validate(action.type, action.targets, action.parameters);
    action.confirmedBy = confirmedBy.isEmpty() ? QStringLiteral("unknown") : confirmedBy;
    transition(action, ActionStatus::Confirmed);
    execute(action);
    return m_actions.value(id);
}

MultiAction ActionEngine::cancel(const QString& id, const QString& cancelledBy)
{
    MultiAction& action = commandTarget(id, "cancelled");
    if (action.status == ActionStatus::Pending) {
        action.error
            = QStringLiteral("cancelled by %1 before it ran")
                  .arg(cancelledBy.isEmpty() ? QStringLiteral("an operator") : cancelledBy);
        transition(action, ActionStatus::Cancelled);
        if (const auto span = m_spans.take(id))
            telemetry::endAction(*span, 0, action.targets.size(), true);
        return action;
    }
    if (action.status == ActionStatus::Executing) {
        if (const auto running = m_running.value(id))
            running->cancelled = true;
        return action;
    }
    throw ActionError(ActionError::Kind::IllegalTransition,
        QStringLiteral("action %1 is %2 and cannot be cancelled")
            .arg(id, actionStatusName(action.status)));
}

void ActionEngine::transition(MultiAction& action, ActionStatus to, std::function<void()> then)
{
    if (!isAllowedTransition(action.status, to))
        throw ActionError(ActionError::Kind::IllegalTransition,
            QStringLiteral("action %1 cannot go from %2 to %3")
                .arg(action.id, actionStatusName(action.status), actionStatusName(to)));
    action.status = to;
    const QDateTime now = m_manager.clock().wallNow();
    if (to == ActionStatus::Executing)
        action.executedAt = now;
    if (isFinal(to)) {
        action.finishedAt = now;
        schedulePrune();
    }
    record(action, std::move(then));
}

void ActionEngine::record(const MultiAction& action, std::function<void()> then)
{
    if (!m_audit) {
        recorded(action, {}, then);
        return;
    }
    const QString actor = action.status == ActionStatus::Pending ? action.requestedBy
        : action.status == ActionStatus::Confirmed               ? action.confirmedBy
                                                                 : QStringLiteral("system");
    ++m_unrecorded[action.id];
    m_audit->appendQueued(action, actor, {}, this,
        [this, snapshot = action, then = std::move(then)](
            const QString& error) { recorded(snapshot, error, then); });
}

void ActionEngine::recorded(
    const MultiAction& snapshot, const QString& error, const std::function<void()>& then)
{
    const auto pending = m_unrecorded.find(snapshot.id);
    if (pending != m_unrecorded.end() && --*pending <= 0)
        m_unrecorded.erase(pending);
    if (error.isEmpty()) {
        report(snapshot);
        if (then)
            then();
        return;
    }
    const auto it = m_actions.find(snapshot.id);
    if (it == m_actions.end() || m_unwritable.contains(snapshot.id))
        return;
    // Its later rows are refused by the log too; this is the one state shown for it.
    m_unwritable.insert(snapshot.id);
    spdlog::error("action {} ({}): {}", log::s(snapshot.id), log::s(snapshot.type), log::s(error));
    MultiAction& action = *it;
    if (!isFinal(action.status)) {
        // Its targets have not started (they start once the executing row is durable).
        action.status = ActionStatus::Failed;
        action.finishedAt = m_manager.clock().wallNow();
        action.error = error;
        m_running.remove(action.id);
    } else {
        action.error = action.error.isEmpty() ? error : action.error + QStringLiteral("; ") + error;
    }
    report(action);
}

void ActionEngine::report(const MultiAction& snapshot)
{
    m_reported.insert(snapshot.id, snapshot);
    if (snapshot.status == ActionStatus::Pending) {
        m_manager.events().publish(events::kActionCreated, {},
            QStringLiteral("%1 on %2 requested by %3")
                .arg(snapshot.type, snapshot.targets.join(QStringLiteral(", ")),
                    snapshot.requestedBy),
            {{QStringLiteral("action_id"), snapshot.id},
                {QStringLiteral("status"), actionStatusName(snapshot.status)}});
        Q_EMIT actionChanged(snapshot);
        return;
    }
    static const QHash<ActionStatus, QString> eventFor {
        {ActionStatus::Confirmed, events::kActionConfirmed},
        {ActionStatus::Executing, events::kActionStarted},
        {ActionStatus::Completed, events::kActionCompleted},
        {ActionStatus::Failed, events::kActionFailed},
        {ActionStatus::Cancelled, events::kActionCancelled},
        {ActionStatus::Interrupted, events::kActionFailed}};
    const ActionStatus to = snapshot.status;
    m_manager.events().publish(eventFor.value(to), {},
        QStringLiteral("%1 %2 is %3%4")
            .arg(snapshot.type, snapshot.id, actionStatusName(to),
                snapshot.error.isEmpty() ? QString() : QStringLiteral(": ") + snapshot.error),
        {{QStringLiteral("action_id"), snapshot.id},
            {QStringLiteral("status"), actionStatusName(to)}});
    Q_EMIT actionChanged(snapshot);
}

void ActionEngine::execute(MultiAction& action)
{
    auto running = std::make_shared<Running>();
    running->remaining = static_cast<int>(action.targets.size());
    m_running.insert(action.id, running);
    const QString id = action.id;
    // The targets start once the executing row is durable: if the audit log cannot take the
    // row, nothing runs.
    transition(action, ActionStatus::Executing, [this, id] { startTargets(id); });
}

void ActionEngine::startTargets(const QString& id)
{
    const auto found = m_actions.constFind(id);
    const auto running = m_running.value(id);
    if (found == m_actions.cend() || !running)
        return;
    const MultiAction action = *found;
    const Millis timeout = m_manager.config().actions.timeoutFor(action.type);
    if (const auto span = m_spans.value(action.id))
        running->trace = span->context(); // the parent of each target's span
    for (const QString& target : action.targets) {
        std::shared_ptr<redis::RedisClient> client = m_manager.client(target);
        const ClusterConfig cluster = m_manager.cluster(target);
        if (!client) {
            targetFinished(action.id, target,
                TargetResult {false, QStringLiteral("cluster is not running"), 0, {}, 0, 0, true});
            continue;
        }
        const QString type = action.type;
        const QJsonObject parameters = action.parameters;
        m_pool.start([this, id, type, target, cluster, client, parameters, running, timeout] {
            telemetry::ActiveSpan span(telemetry::actionTargetSpan(type, target, running->trace));
            QElapsedTimer elapsed;
            elapsed.start();
            TargetResult result;
            const ActionContext context {id, cluster, *client, parameters, running->cancelled,
                std::chrono::steady_clock::now() + timeout,
                [this, id, target](qint64 done, qint64 total) {
                    QMetaObject::invokeMethod(
                        this,
                        [this, id, target, done, total] {
                            targetProgress(id, target, done, total);
                        },
                        Qt::QueuedConnection);
                }};
            try {
                if (running->cancelled) {
                    result.message = QStringLiteral("cancelled before it started");
                } else {
                    const auto runner = ActionRunner::create(type, cluster.queueSystem.type);
                    if (!runner)
                        throw ActionError(ActionError::Kind::UnsupportedForSystem,
                            QStringLiteral("%1 cannot run on %2 clusters")
                                .arg(type, queueSystemTypeName(cluster.queueSystem.type)));
                    result = runner->run(context);
                }
            } catch (const redis::ConnectionError& e) {
                result.success = false;
                result.message = e.message();
            } catch (const std::exception& e) {
                result.success = false;
                result.message = QString::fromUtf8(e.what());
            }
            result.durationMs = static_cast<double>(elapsed.nsecsElapsed()) / 1e6;
            result.finished = true;
            telemetry::endActionTarget(*span, result.success, result.message);
            QMetaObject::invokeMethod(
                this, [this, id, target, result] { targetFinished(id, target, result); },
                Qt::QueuedConnection);
        });
    }
}

void ActionEngine::targetProgress(
    const QString& id, const QString& target, qint64 done, qint64 total)
{
    const auto it = m_actions.find(id);
    if (it == m_actions.end() || it->status != ActionStatus::Executing)
        return;
    TargetResult& result = it->results[target];
    result.done = done;
    result.total = total;
    const auto shown = m_reported.find(id);
    if (shown == m_reported.end() || shown->status != ActionStatus::Executing)
        return;
    shown->results[target] = result;
    Q_EMIT actionChanged(*shown);
}

void ActionEngine::targetFinished(
    const QString& id, const QString& target, const TargetResult& result)
{
    const auto it = m_actions.find(id);
    if (it == m_actions.end())
        return;
    it->results[target] = result;
    if (const auto running = m_running.value(id))
        --running->remaining;
    // A target's result is shown as it comes; the action's final state waits for its row.
    const auto shown = m_reported.find(id);
    if (shown != m_reported.end() && shown->status == ActionStatus::Executing) {
        shown->results[target] = result;
        Q_EMIT actionChanged(*shown);
    }
    finishIfDone(*it);
}

void ActionEngine::finishIfDone(MultiAction& action)
{
    const auto running = m_running.value(action.id);
    if (!running || running->remaining > 0)
        return;
    m_running.remove(action.id);
    QStringList failed;
    for (auto it = action.results.cbegin(); it != action.results.cend(); ++it) {
        if (!it->success)
            failed.append(QStringLiteral("%1 (%2)").arg(it.key(), it->message));
    }
    if (const auto span = m_spans.take(action.id))
        telemetry::endAction(*span, failed.size(), action.targets.size(), running->cancelled);
    if (running->cancelled) {
        action.error = QStringLiteral("cancelled while running; stopped at the next batch");
        transition(action, ActionStatus::Cancelled);
    } else if (!failed.isEmpty()) {
        action.error = QStringLiteral("failed on %1 of %2 target(s): %3")
                           .arg(failed.size())
                           .arg(action.targets.size())
                           .arg(failed.join(QStringLiteral("; ")));
        transition(action, ActionStatus::Failed);
    } else {
        transition(action, ActionStatus::Completed);
    }
}

std::optional<MultiAction> ActionEngine::action(const QString& id) const
{
    const auto it = m_reported.constFind(id);
    if (it != m_reported.cend())
        return *it;
    // Requested, not yet in the audit log: not shown yet.
    if (m_actions.contains(id))
        return std::nullopt;
    return m_audit ? m_audit->latest(id) : std::nullopt;
}

void ActionEngine::schedulePrune()
{
    if (m_prunePending || m_actions.size() <= m_keptInMemory)
        return;
    // Later, from the event loop: callers up the stack still hold references into m_actions.
    m_prunePending = true;
    QTimer::singleShot(0, this, &ActionEngine::prune);
}

void ActionEngine::prune()
{
    m_prunePending = false;
    if (m_actions.size() <= m_keptInMemory)
        return;
    QList<std::pair<QDateTime, QString>> finished;
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        if (isFinal(it->status) && !m_running.contains(it.key())
            && !m_unrecorded.contains(it.key()))
            finished.append({it->createdAt, it.key()});
    }
    std::sort(finished.begin(), finished.end());
    // A tenth below the limit, so the next prune is a while away.
    const qsizetype target = m_keptInMemory - m_keptInMemory / 10;
    for (const auto& [created, id] : std::as_const(finished)) {
        if (m_actions.size() <= target)
            break;
        m_actions.remove(id);
        m_reported.remove(id);
        m_unwritable.remove(id);
    }
}

QList<MultiAction> ActionEngine::actions(std::optional<ActionStatus> status) const
{
    QList<MultiAction> out;
    for (const MultiAction& action : m_reported) {
        if (!status || action.status == *status)
            out.append(action);
    }
    std::sort(out.begin(), out.end(),
        [](const MultiAction& a, const MultiAction& b) { return a.createdAt > b.createdAt; });
    return out;
}

void ActionEngine::waitForIdle()
{
    // Rows becoming durable start targets, targets ending queue rows: until neither is left.
    do {
        m_pool.waitForDone();
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
        if (m_audit)
            m_audit->flush();
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    } while (!m_unrecorded.isEmpty() || !m_running.isEmpty());
}

void ActionEngine::shutdown()
{
    for (const auto& running : std::as_const(m_running))
        running->cancelled = true;
}

} // namespace qd

#include "gui/ActionController.h"

#include "core/actions/ActionCatalog.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/util/ColorNames.h"
#include "gui/ActionPresentation.h"
#include "gui/ConfirmationDialog.h"
#include "gui/Icons.h"
#include "gui/MessageBox.h"

#include <QAction>
#include <QSysInfo>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace qd::gui {

ActionController::ActionController(Manager& manager, ActionEngine& engine, QWidget* window)
    : QObject(window), m_manager(manager), m_engine(engine), m_window(window)
{
    for (const ActionType menuType : ActionPresentation::menuTypes()) {
        const QString type = actionTypeName(menuType);
        if (!m_engine.isAllowed(type))
            continue;
        auto* action = new QAction(Icons::icon(ActionPresentation::iconName(type)),
            ActionPresentation::menuText(type), this);
        action->setObjectName(u"action_"_s + type);
        action->setProperty("iconName", ActionPresentation::iconName(type));
        action->setData(type);
        action->setStatusTip(ActionPresentation::description(type));
        // The toolbar shows short words; the menu the full text.
        action->setIconText(ActionPresentation::toolbarText(type));
        connect(action, &QAction::triggered, this, [this, type] { start(type, m_targets); });
        m_actions.insert(type, action);
        m_ordered.append(action);
    }
    connect(&m_engine, &ActionEngine::actionChanged, this, &ActionController::onEngineChanged);
    connect(&m_manager, &Manager::clustersChanged, this, &ActionController::updateActions);
    updateActions();
}

QString ActionController::user()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME", u"operator"_s);
    return name + u'@' + QSysInfo::machineHostName() + u" (desktop)"_s;
}

ConfirmationDialog* ActionController::openDialog() const
{
    return m_dialog;
}

void ActionController::setTargets(const QStringList& targets)
{
    m_targets = targets;
    updateActions();
}

QString ActionController::refusal(const QString& type, const QStringList& targets) const
{
    if (targets.isEmpty())
        return tr("No cluster to act on");
    if (!m_engine.isAllowed(type))
        return tr("%1 is not in actions.allowed_actions").arg(ActionPresentation::title(type));
    QStringList readOnly;
    const std::optional<ActionType> known = actionTypeFromName(type);
    for (const QString& name : targets) {
        const ClusterConfig* cluster = m_manager.config().cluster(name);
        if (!cluster)
            return tr("Cluster %1 no longer exists").arg(name);
        if (cluster->readOnly)
            readOnly.append(cluster->displayLabel());
        // The catalog's reason, the same sentence the API's 409 gives.
        const QString unsupported = known ? ActionCatalog::unsupportedReason(
                                        *known, cluster->queueSystem.type, TextLanguage::Translated)
                                          : QString();
        if (!unsupported.isEmpty())
            return tr("%1: %2").arg(cluster->displayLabel(), unsupported);
    }
    if (!readOnly.isEmpty() && !ActionEngine::isReadOnly(type))
        return tr("%1 is read-only (read_only in its configuration): actions are refused", nullptr,
            int(readOnly.size()))
            .arg(readOnly.join(u", "_s));
    return {};
}

void ActionController::updateActions()
{
    for (QAction* action : std::as_const(m_ordered)) {
        const QString type = action->data().toString();
        const QString why = refusal(type, m_targets);
        action->setEnabled(why.isEmpty());
        QStringList labels;
        for (const QString& name : std::as_const(m_targets)) {
            const ClusterConfig* cluster = m_manager.config().cluster(name);
            labels.append(cluster ? cluster->displayLabel() : name);
        }
        action->setToolTip(why.isEmpty()
                ? tr("%1 on %2").arg(ActionPresentation::title(type), labels.join(u", "_s))
                : why);
    }
}

QStringList ActionController::commonQueues(const QStringList& targets) const
{
    QStringList common;
    bool first = true;
    for (const QString& name : targets) {
        const ClusterConfig* cluster = m_manager.config().cluster(name);
        if (!cluster)
            continue;
        QStringList queues;
        for (const QueueKey& queue : cluster->queueSystem.queues)
            queues.append(queue.name);
        if (first)
            common = queues;
        else
            common.removeIf([&queues](const QString& q) { return !queues.contains(q); });
        first = false;
    }
    return common;
}

ConfirmationDialog* ActionController::start(
    const QString& type, const QStringList& targets, const QJsonObject& preset)
{
    const QString why = refusal(type, targets);
    if (!why.isEmpty()) {
        MessageBox::warning(m_window, ActionPresentation::title(type), why);
        return nullptr;
    }
    // A dialog still asking is replaced; one that runs stays open with its progress.
    if (m_dialog && m_dialog->actionId().isEmpty())
        m_dialog->close();
    ConfirmationDialog::Options options;
    options.type = type;
    options.queues = commonQueues(targets);
    options.preset = preset;
    options.typedConfirmation
        = ActionEngine::isDestructive(type) && m_engine.needsConfirmation(type);
    for (const QString& name : targets) {
        const ClusterConfig& cluster = m_manager.cluster(name);
        options.targets.append(ActionTarget {cluster.name, cluster.displayLabel(),
            QColor(resolveColor(cluster.color).value_or(u"#9e9e9e"_s)), cluster.endpoint, {}});
    }
    const auto effect = [this, type](const QString& cluster, const QJsonObject& parameters) {
        return m_manager.config().cluster(cluster)
            ? ActionPresentation::effectOn(type, parameters, m_manager.cachedStats(cluster))
            : QString();
    };
    auto* dialog = new ConfirmationDialog(std::move(options), effect, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConfirmationDialog::runRequested, this,
        [this, dialog](const QJsonObject& parameters) { run(dialog, parameters); });
    connect(dialog, &ConfirmationDialog::cancelRequested, this,
        [this, dialog](const QString& id) { cancel(dialog, id); });
    m_dialog = dialog;
    dialog->open();
    // Nothing to ask: no confirmation wanted by the config and nothing to choose.
    if (!m_engine.needsConfirmation(type) && !ActionPresentation::hasParameters(type))
        run(dialog, {});
    return dialog;
}

void ActionController::run(ConfirmationDialog* dialog, const QJsonObject& parameters)
{
    try {
        MultiAction action
            = m_engine.submit(dialog->actionType(), dialog->targetNames(), parameters, user());
        m_running.insert(action.id, dialog);
        dialog->showAction(action);
        if (action.status == ActionStatus::Pending) {
            // The dialog was the confirmation: it listed every target and what would happen.
            action = m_engine.confirm(action.id, user());
            dialog->showAction(action);
        }
    } catch (const QueueDeckError& e) {
        dialog->showError(e.message());
    }
}

void ActionController::cancel(ConfirmationDialog* dialog, const QString& id)
{
    try {
        dialog->showAction(m_engine.cancel(id, user()));
    } catch (const QueueDeckError& e) {
        dialog->showError(e.message());
    }
}

QString ActionController::peek(
    const QString& cluster, const QString& queue, int count, QString* error)
{
    const QJsonObject parameters {{u"queue"_s, queue}, {u"count"_s, count}};
    try {
        const MultiAction action
            = m_engine.submit(actionTypeName(ActionType::Peek), {cluster}, parameters, user());
        return action.id;
    } catch (const QueueDeckError& e) {
        if (error)
            *error = e.message();
        return {};
    }
}

void ActionController::onEngineChanged(const MultiAction& action)
{
    const auto it = m_running.find(action.id);
    if (it != m_running.end()) {
        if (*it)
            (*it)->showAction(action);
        if (isFinal(action.status))
            m_running.erase(it);
    }
    Q_EMIT actionChanged(action);
    if (isFinal(action.status))
        Q_EMIT actionFinished(action);
}

} // namespace qd::gui

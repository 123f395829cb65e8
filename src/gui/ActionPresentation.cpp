#include "gui/ActionPresentation.h"

#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionTypes.h"

using namespace Qt::StringLiterals;

namespace qd::gui {

QList<ActionType> ActionPresentation::menuTypes()
{
    return {ActionType::PurgeDeadLetters, ActionType::RequeueDeadLetters, ActionType::PauseQueue,
        ActionType::ResumeQueue, ActionType::Benchmark};
}

QString ActionPresentation::title(const QString& type)
{
    return ActionCatalog::label(type, TextLanguage::Translated);
}

QString ActionPresentation::menuText(const QString& type)
{
    switch (actionTypeFromName(type).value_or(ActionType::Peek)) {
    case ActionType::PurgeDeadLetters:
        return tr("&Purge dead letters…");
    case ActionType::RequeueDeadLetters:
        return tr("Re&queue dead letters…");
    case ActionType::PauseQueue:
        return tr("P&ause queue…");
    case ActionType::ResumeQueue:
        return tr("&Resume queue…");
    case ActionType::Benchmark:
        return tr("&Benchmark…");
    case ActionType::ClearQueue:
        return tr("&Clear queue…");
    case ActionType::QuietProcess:
        return tr("&Quiet process…");
    case ActionType::StopProcess:
        return tr("S&top process…");
    case ActionType::Peek:
        break;
    }
    return title(type);
}

QString ActionPresentation::toolbarText(const QString& type)
{
    // "Run benchmark" is too long for a toolbar; the title says it in one word.
    return actionTypeFromName(type) == ActionType::Benchmark ? title(type) : verb(type);
}

QString ActionPresentation::verb(const QString& type)
{
    switch (actionTypeFromName(type).value_or(ActionType::Peek)) {
    case ActionType::PurgeDeadLetters:
        return tr("Purge");
    case ActionType::RequeueDeadLetters:
        return tr("Requeue");
    case ActionType::PauseQueue:
        return tr("Pause");
    case ActionType::ResumeQueue:
        return tr("Resume");
    case ActionType::Benchmark:
        return tr("Run benchmark");
    case ActionType::ClearQueue:
        return tr("Clear");
    case ActionType::QuietProcess:
        return tr("Quiet");
    case ActionType::StopProcess:
        return tr("Stop");
    case ActionType::Peek:
        break;
    }
    return tr("Run");
}

QString ActionPresentation::iconName(const QString& type)
{
    switch (actionTypeFromName(type).value_or(ActionType::Peek)) {
    case ActionType::PurgeDeadLetters:
        return u"purge"_s;
    case ActionType::RequeueDeadLetters:
        return u"requeue"_s;
    case ActionType::PauseQueue:
        return u"pause"_s;
    case ActionType::ResumeQueue:
        return u"resume"_s;
    case ActionType::Benchmark:
        return u"benchmark"_s;
    case ActionType::ClearQueue:
        return u"purge"_s;
    case ActionType::QuietProcess:
        return u"pause"_s;
    case ActionType::StopProcess:
        return u"cancel"_s;
    case ActionType::Peek:
        break;
    }
    return u"peek"_s;
}

QString ActionPresentation::description(const QString& type)
{
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    return spec ? spec->summary.translated() : QString();
}

bool ActionPresentation::hasParameters(const QString& type)
{
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    return spec && !spec->parameters.isEmpty();
}

QString ActionPresentation::effectOn(
    const QString& type, const QJsonObject& parameters, const std::optional<ClusterStats>& stats)
{
    return capitalized(actiontypes::effect(type, parameters, stats, TextLanguage::Translated));
}

QString ActionPresentation::capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace qd::gui

#include "gui/TargetTableModel.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

namespace qd::gui {

TargetTableModel::TargetTableModel(QList<ActionTarget> targets, QObject* parent)
    : QAbstractTableModel(parent), m_targets(std::move(targets))
{
}

int TargetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_targets.size());
}

int TargetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TargetTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_targets.size())
        return {};
    const ActionTarget& target = m_targets.at(index.row());
    const auto result = m_results.constFind(target.name);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Cluster:
            return target.label;
        case Endpoint:
            return target.endpoint;
        case Effect:
            return target.effect;
        case Result:
            return resultText(index.row());
        default:
            return {};
        }
    }
    if (role == ProgressRole && index.column() == Progress)
        return progressOf(index.row());
    if (role == Qt::DecorationRole && index.column() == Cluster)
        return HealthStyle::dot(target.color);
    if (role == Qt::DecorationRole && index.column() == Result && result != m_results.cend()
        && result->finished) {
        return HealthStyle::dot(result->success ? HealthStatus::Healthy : HealthStatus::Unhealthy);
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Cluster)
            return tr("%1 (cluster %2)").arg(target.label, target.name);
        if (index.column() == Effect)
            return target.effect;
        if (index.column() == Result)
            return resultText(index.row());
    }
    return {};
}

QVariant TargetTableModel::progressOf(int row) const
{
    const auto result = m_results.constFind(m_targets.at(row).name);
    if (!m_running || result == m_results.cend())
        return -1;
    if (result->finished)
        return 100;
    if (result->total > 0)
        return int(100 * result->done / result->total);
    return 0;
}

QString TargetTableModel::resultText(int row) const
{
    const auto result = m_results.constFind(m_targets.at(row).name);
    if (!m_running || result == m_results.cend())
        return {};
    if (!result->finished)
        return result->total > 0
            ? tr("Running: %1 of %2").arg(Format::count(result->done), Format::count(result->total))
            : tr("Waiting…");
    const QString duration = Format::latency(result->durationMs);
    return result->success ? tr("Done in %1: %2").arg(duration, result->message)
                           : tr("Failed after %1: %2").arg(duration, result->message);
}

QVariant TargetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Cluster:
        return tr("Cluster");
    case Endpoint:
        return tr("Endpoint");
    case Effect:
        return tr("What will happen");
    case Progress:
        return tr("Progress");
    case Result:
        return tr("Result");
    default:
        return {};
    }
}

void TargetTableModel::setEffects(const QStringList& effects)
{
    for (qsizetype i = 0; i < m_targets.size() && i < effects.size(); ++i)
        m_targets[i].effect = effects.at(i);
    if (!m_targets.isEmpty())
        Q_EMIT dataChanged(index(0, Effect), index(rowCount() - 1, Effect));
}

void TargetTableModel::setResults(const MultiAction& action)
{
    m_running = true;
    m_results = action.results;
    if (!m_targets.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace qd::gui

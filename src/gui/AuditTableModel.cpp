#include "gui/AuditTableModel.h"

#include "gui/ActionPresentation.h"
#include "gui/HealthStyle.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace qd::gui {

AuditTableModel::AuditTableModel(QObject* parent) : KeyedTableModel<AuditRow>(parent)
{
}

void AuditTableModel::setEntries(const QList<AuditEntry>& entries)
{
    QList<AuditRow> rows;
    rows.reserve(entries.size());
    for (const AuditEntry& entry : entries)
        rows.append(AuditRow {entry});
    replaceRows(rows);
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::statusColor(const QString& status)
{
    if (status == u"completed")
        return HealthStyle::color(HealthStatus::Healthy);
    if (status == u"failed")
        return HealthStyle::color(Severity::Critical);
    if (status == u"cancelled" || status == u"interrupted")
        return HealthStyle::color(Severity::Warning);
    return {};
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const AuditEntry& entry = rowAt(index.row()).entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return QLocale().toString(entry.at.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
        case Action:
            return entry.actionId;
        case Type:
            return ActionPresentation::title(entry.type);
        case Status:
            return entry.status;
        case Actor:
            return entry.actor;
        case Targets:
            return entry.targets.join(u", "_s);
        case Message:
            return entry.message;
        default:
            return {};
        }
    case SortRole:
        return index.column() == Time ? QVariant(entry.seq) : data(index, Qt::DisplayRole);
    case KeyRole:
        return entry.seq;
    case Qt::ForegroundRole:
        return index.column() == Status ? statusColor(entry.status) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == Message ? entry.message : QVariant();
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<AuditRow>::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Action:
        return tr("Action");
    case Type:
        return tr("Type");
    case Status:
        return tr("Status");
    case Actor:
        return tr("By");
    case Targets:
        return tr("Targets");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace qd::gui

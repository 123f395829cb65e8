#include "gui/ActionHistoryModel.h"

#include "gui/ActionPresentation.h"
#include "gui/Format.h"
#include "gui/HealthStyle.h"

#include <QHash>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

bool isFinalState(const QString& status)
{
    return status == u"completed" || status == u"failed" || status == u"cancelled"
        || status == u"interrupted";
}

QString when(const QDateTime& utc)
{
    return QLocale().toString(utc.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
}

QString duration(qint64 ms)
{
    return ms < 60'000 ? Format::latency(double(ms)) : Format::age(ms);
}

} // namespace

std::optional<qint64> ActionHistoryRow::durationMs() const
{
    // An action cancelled before it ran has no duration to speak of.
    if (changes.isEmpty() || !isFinalState(status))
        return std::nullopt;
    for (const AuditEntry& change : changes) {
        if (change.status == u"executing")
            return std::max<qint64>(0, change.at.msecsTo(lastAt));
    }
    return std::nullopt;
}

QString ActionHistoryRow::result() const
{
    if (changes.isEmpty())
        return {};
    const AuditEntry& last = latest();
    if (status == u"completed" || status == u"failed") {
        int succeeded = 0;
        int finished = 0;
        for (auto it = last.results.begin(); it != last.results.end(); ++it) {
            const QJsonObject result = it.value().toObject();
            finished += 1;
            succeeded += result.value(u"success"_s).toBool() ? 1 : 0;
        }
        if (finished > 0) {
            const QString counted
                = ActionHistoryModel::tr("%1 of %n succeeded", nullptr, finished).arg(succeeded);
            return last.message.isEmpty() || status == u"completed"
                ? counted
                : u"%1: %2"_s.arg(counted, last.message);
        }
    }
    return last.message;
}

QList<ActionHistoryRow> ActionHistoryRow::fold(const QList<AuditEntry>& entries)
{
    QHash<QString, qsizetype> at;
    QList<ActionHistoryRow> rows;
    QList<AuditEntry> sorted = entries;
    std::sort(sorted.begin(), sorted.end(),
        [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
    for (const AuditEntry& entry : std::as_const(sorted)) {
        auto found = at.constFind(entry.actionId);
        if (found == at.cend()) {
            found = at.insert(entry.actionId, rows.size());
            ActionHistoryRow row;
            row.actionId = entry.actionId;
            row.type = entry.type;
            row.firstAt = entry.at;
            rows.append(row);
        }
        ActionHistoryRow& row = rows[*found];
        row.changes.append(entry);
        row.status = entry.status;
        row.lastAt = entry.at;
        if (!entry.targets.isEmpty())
            row.targets = entry.targets;
        if (entry.status == u"pending" && row.requestedBy.isEmpty())
            row.requestedBy = entry.actor;
        if (entry.status == u"confirmed")
            row.confirmedBy = entry.actor;
    }
    // A log read with a limit can start in the middle of an action: who asked is then the
    // first actor seen.
    for (ActionHistoryRow& row : rows) {
        if (row.requestedBy.isEmpty() && !row.changes.isEmpty())
            row.requestedBy = row.changes.first().actor;
    }
    std::sort(rows.begin(), rows.end(), [](const ActionHistoryRow& a, const ActionHistoryRow& b) {
        return a.latest().seq > b.latest().seq;
    });
    return rows;
}

QString ActionHistoryRow::details() const
{
    if (changes.isEmpty())
        return {};
    QStringList lines;
    lines.append(u"%1  %2"_s.arg(ActionPresentation::title(type), actionId));
    lines.append(ActionHistoryModel::tr("Targets: %1").arg(targets.join(u", "_s)));
    const QJsonObject parameters = latest().parameters;
    if (!parameters.isEmpty())
        lines.append(
            ActionHistoryModel::tr("Parameters: %1")
                .arg(QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact))));
    lines.append(QString());
    lines.append(ActionHistoryModel::tr("State changes:"));
    for (const AuditEntry& change : changes) {
        // The time of day only: the table gives the date, and the pane is narrow.
        QString line = u"  %1  %2  %3"_s.arg(Format::time(change.at),
            change.status.leftJustified(11), ActionHistoryModel::tr("by %1").arg(change.actor));
        if (!change.message.isEmpty())
            line += u" — "_s + change.message;
        lines.append(line);
    }
    const QJsonObject results = latest().results;
    if (!results.isEmpty()) {
        lines.append(QString());
        lines.append(ActionHistoryModel::tr("Results per cluster:"));
        for (auto it = results.begin(); it != results.end(); ++it) {
            const QJsonObject result = it.value().toObject();
            const bool finished = result.value(u"finished"_s).toBool(true);
            const QString mark = !finished            ? u"…"_s
                : result.value(u"success"_s).toBool() ? u"✓"_s
                                                      : u"✗"_s;
            lines.append(
                u"  %1 %2: %3 (%4)"_s.arg(mark, it.key(), result.value(u"message"_s).toString(),
                    Format::latency(result.value(u"duration_ms"_s).toDouble())));
        }
    }
    return lines.join(u'\n');
}

ActionHistoryModel::ActionHistoryModel(QObject* parent) : KeyedTableModel<ActionHistoryRow>(parent)
{
}

void ActionHistoryModel::setEntries(const QList<AuditEntry>& entries, const QString& latestState)
{
    QList<ActionHistoryRow> rows = ActionHistoryRow::fold(entries);
    if (!latestState.isEmpty())
        rows.removeIf(
            [&latestState](const ActionHistoryRow& row) { return row.status != latestState; });
    replaceRows(rows);
}

int ActionHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActionHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ActionHistoryRow& row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return when(row.firstAt);
        case Type:
            return ActionPresentation::title(row.type);
        case Status:
            return row.status;
        case Targets:
            return row.targets.join(u", "_s);
        case RequestedBy:
            return row.requestedBy;
        case ConfirmedBy:
            return row.confirmedBy.isEmpty() ? Format::dash() : row.confirmedBy;
        case Duration: {
            const std::optional<qint64> ms = row.durationMs();
            return ms ? duration(*ms) : Format::dash();
        }
        case Result:
            return row.result();
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case Time:
            return row.latest().seq;
        case Duration:
            return row.durationMs().value_or(-1);
        default:
            return data(index, Qt::DisplayRole);
        }
    case KeyRole:
        return row.actionId;
    case Qt::ForegroundRole:
        if (index.column() != Status)
            return {};
        if (row.status == u"completed")
            return HealthStyle::color(HealthStatus::Healthy);
        if (row.status == u"failed")
            return HealthStyle::color(Severity::Critical);
        if (row.status == u"cancelled" || row.status == u"interrupted")
            return HealthStyle::color(Severity::Warning);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Result)
            return row.result();
        if (index.column() == Status) {
            QStringList states;
            for (const AuditEntry& change : row.changes)
                states.append(change.status);
            return states.join(u" → "_s);
        }
        return {};
    default:
        return {};
    }
}

QVariant ActionHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<ActionHistoryRow>::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Requested");
    case Type:
        return tr("Action");
    case Status:
        return tr("State");
    case Targets:
        return tr("Targets");
    case RequestedBy:
        return tr("Requested by");
    case ConfirmedBy:
        return tr("Confirmed by");
    case Duration:
        return tr("Duration");
    case Result:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace qd::gui

#include "gui/DeadLetterModel.h"

#include "gui/Format.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace qd::gui {

DeadLetterModel::DeadLetterModel(QObject* parent) : KeyedTableModel<DeadLetterRow>(parent)
{
}

void DeadLetterModel::setJobs(const QJsonArray& jobs)
{
    QList<DeadLetterRow> rows;
    QHash<QString, int> seen;
    int position = 0;
    for (const QJsonValue& value : jobs) {
        const QJsonObject job = value.toObject();
        QString id = job.value(u"id"_s).toString();
        if (id.isEmpty())
            id = QString::fromUtf8(QJsonDocument(job).toJson(QJsonDocument::Compact));
        const int occurrence = seen[id]++;
        rows.append(DeadLetterRow {id + u'#' + QString::number(occurrence), ++position, job});
    }
    replaceRows(rows);
}

int DeadLetterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterModel::field(const DeadLetterRow& row, int column)
{
    const QJsonObject& job = row.job;
    switch (column) {
    case Position:
        return row.position;
    case Id:
        return job.contains(u"id"_s) ? job.value(u"id"_s).toVariant()
                                     : job.value(u"raw"_s).toVariant();
    case Retries:
        return job.value(u"retries"_s).toVariant();
    case Priority:
        return job.value(u"priority"_s).toVariant();
    case File:
        return job.value(u"filepath"_s).toVariant();
    case Size:
        return job.value(u"filesize"_s).toVariant();
    case Created:
        return job.value(u"creation_time"_s).toVariant();
    default:
        return {};
    }
}

QVariant DeadLetterModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const DeadLetterRow& row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QVariant value = field(row, index.column());
        if (index.column() == Size && value.isValid())
            return Format::bytes(value.toLongLong());
        if (index.column() == Created && value.isValid()) {
            const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat)
                                : value.toString();
        }
        return value.isValid() ? value.toString() : Format::dash();
    }
    case SortRole:
        return field(row, index.column());
    case KeyRole:
        return row.key;
    case Qt::TextAlignmentRole:
        if (index.column() == Position || index.column() == Retries || index.column() == Size)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant DeadLetterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<DeadLetterRow>::headerData(section, orientation, role);
    switch (section) {
    case Position:
        return tr("#");
    case Id:
        return tr("Job id");
    case Retries:
        return tr("Retries");
    case Priority:
        return tr("Priority");
    case File:
        return tr("File");
    case Size:
        return tr("Size");
    case Created:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace qd::gui

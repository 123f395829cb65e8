#pragma once

#include "core/compare/CompareResult.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>

namespace qd::gui {

// Writes a comparison out for a ticket or a spreadsheet. JSON is the API's compare answer
// ({"clusters", "metrics", "anomalies"}) plus "worker_metrics" and "exported_at"; CSV has one
// line per metric with a column per cluster and the delta. Both hold the figures the engine
// computed, the ones POST /api/v1/stats/compare answers with.
class CompareExporter final {
public:
    enum class Format { Csv, Json };

    CompareExporter(CompareResult result, QHash<QString, QString> labels, QDateTime at);

    QByteArray toCsv() const;
    QByteArray toJson() const;
    QByteArray render(Format format) const { return format == Format::Csv ? toCsv() : toJson(); }
    // Writes atomically; false and the reason in *error.
    bool write(const QString& path, Format format, QString* error) const;

private:
    CompareResult m_result;
    QHash<QString, QString> m_labels;
    QDateTime m_at;
};

} // namespace qd::gui

#include "gui/CompareExporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

QString csvField(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QJsonObject metricJson(const CompareMetric& metric)
{
    QJsonObject values;
    for (auto it = metric.values.cbegin(); it != metric.values.cend(); ++it)
        values.insert(it.key(), it.value());
    return {{u"name"_s, metric.name}, {u"values"_s, values}, {u"delta"_s, metric.delta},
        {u"unit"_s, metric.unit},
        {u"highlighted"_s, QJsonArray::fromStringList(metric.highlighted)}};
}

} // namespace

CompareExporter::CompareExporter(CompareResult result, QHash<QString, QString> labels, QDateTime at)
    : m_result(std::move(result)), m_labels(std::move(labels)), m_at(std::move(at))
{
}

QByteArray CompareExporter::toCsv() const
{
    QStringList header {u"section"_s, u"metric"_s, u"unit"_s};
    for (const QString& cluster : m_result.clusters)
        header.append(csvField(m_labels.value(cluster, cluster)));
    header << u"delta"_s << u"highlighted"_s;
    QStringList lines {header.join(u',')};
    const auto addRows = [&](const QString& section, const QList<CompareMetric>& metrics) {
        for (const CompareMetric& metric : metrics) {
            QStringList fields {section, csvField(metric.name), csvField(metric.unit)};
            for (const QString& cluster : m_result.clusters) {
                const auto value = metric.values.constFind(cluster);
                fields.append(
                    value == metric.values.cend() ? QString() : QString::number(*value, 'g', 12));
            }
            fields.append(QString::number(metric.delta, 'g', 12));
            fields.append(csvField(metric.highlighted.join(u' ')));
            lines.append(fields.join(u','));
        }
    };
    addRows(u"jobs"_s, m_result.metrics);
    addRows(u"workers"_s, m_result.workerMetrics);
    return (lines.join(u"\r\n"_s) + u"\r\n"_s).toUtf8();
}

QByteArray CompareExporter::toJson() const
{
    QJsonObject metrics;
    for (const CompareMetric& metric : m_result.metrics)
        metrics.insert(metric.name, metricJson(metric));
    QJsonObject workers;
    for (const CompareMetric& metric : m_result.workerMetrics)
        workers.insert(metric.name, metricJson(metric));
    QJsonArray anomalies;
    for (const Anomaly& anomaly : m_result.anomalies) {
        anomalies.append(QJsonObject {{u"type"_s, anomaly.type}, {u"cluster"_s, anomaly.cluster},
            {u"metric"_s, anomaly.metric}, {u"description"_s, anomaly.description},
            {u"value"_s, anomaly.value}, {u"expected"_s, anomaly.expected},
            {u"severity"_s, severityName(anomaly.severity)}});
    }
    const QJsonObject root {{u"clusters"_s, QJsonArray::fromStringList(m_result.clusters)},
        {u"metrics"_s, metrics}, {u"worker_metrics"_s, workers}, {u"anomalies"_s, anomalies},
        {u"exported_at"_s, m_at.toUTC().toString(Qt::ISODateWithMs)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool CompareExporter::write(const QString& path, Format format, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(render(format));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace qd::gui

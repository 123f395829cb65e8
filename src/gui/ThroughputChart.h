#pragma once

#include "core/stats/TrendStore.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace qd {
class Manager;
}

namespace qd::gui {

// The cluster page's picture of throughput: completed and failed jobs per second and the
// backlog over the last 5, 15 or 60 minutes. Long series are drawn as the peaks of their
// buckets, as in the compare view (trendPeaks), so a short burst of failures stays visible;
// hovering a line gives the exact figures at that moment.
//
// Completed per second is the engine's job rate. Failed per second is how fast the dead-letter
// list grew between two polls (a list that shrank, purged or requeued, counts as no failures).
class ThroughputChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputChart)

public:
    ThroughputChart(QString cluster, const Manager& manager, QWidget* parent = nullptr);

    // Reads the trends again (after a poll of this cluster).
    void refresh();
    void setRangeMinutes(int minutes); // 5, 15 or 60
    int rangeMinutes() const { return m_rangeMinutes; }
    void applyPalette();

    QComboBox* rangeCombo() const { return m_range; }
    QChartView* chartView() const { return m_view; }
    QLineSeries* completedSeries() const { return m_completed; }
    QLineSeries* failedSeries() const { return m_failed; }
    QLineSeries* backlogSeries() const { return m_backlog; }
    // The tooltip for the moment nearest to atMs: time, completed/s, failed/s, backlog.
    QString hoverText(qint64 atMs) const;
    QString lastHoverText() const { return m_hoverText; }

    // Growth per second between successive samples of a count, 0 where it shrank; each result
    // is stamped with the later sample's time.
    static QList<TrendSample> perSecondGrowth(const QList<TrendSample>& counts);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onHovered(const QPointF& point, bool entered);
    qsizetype pointsPerLine() const;

    QString m_cluster;
    const Manager& m_manager;
    QComboBox* m_range = nullptr;
    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QDateTimeAxis* m_time = nullptr;
    QValueAxis* m_rates = nullptr;
    QValueAxis* m_queued = nullptr;
    QLineSeries* m_completed = nullptr;
    QLineSeries* m_failed = nullptr;
    QLineSeries* m_backlog = nullptr;
    // What the lines show, at full resolution, for the tooltip's exact values.
    QList<TrendSample> m_completedSamples;
    QList<TrendSample> m_failedSamples;
    QList<TrendSample> m_backlogSamples;
    int m_rangeMinutes = 15;
    qsizetype m_pointsPerLine = 0;
    QString m_hoverText;
};

} // namespace qd::gui

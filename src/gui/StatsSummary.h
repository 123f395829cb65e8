#pragma once

#include "core/health/HealthReport.h"
#include "core/stats/ClusterStats.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;

namespace qd::gui {

// The head of a cluster page: the cluster's health with its issues, and the figures an
// operator reads first (queued, processing, completed, dead letters, workers, rates, latency).
class StatsSummary final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsSummary)

public:
    explicit StatsSummary(QWidget* parent = nullptr);

    void showStats(const std::optional<ClusterStats>& stats);
    void showHealth(const HealthReport& health, bool readOnly);
    // The text of one figure ("dead_letter_count"), for tests and accessibility.
    QString valueText(const QString& metric) const;

private:
    void addTile(const QString& metric, const QString& caption, int column);
    void setValue(const QString& metric, const QString& text, const QString& tooltip = {});

    QGridLayout* m_grid = nullptr;
    QLabel* m_healthDot = nullptr;
    QLabel* m_healthText = nullptr;
    QLabel* m_issues = nullptr;
    QLabel* m_readOnly = nullptr;
    QHash<QString, QLabel*> m_values;
};

} // namespace qd::gui

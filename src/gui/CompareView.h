#pragma once

#include "core/compare/CompareResult.h"
#include "gui/CompareExporter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QScrollArea;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace qd {
class Manager;
}

namespace qd::gui {

class AnomalyTableModel;
class CompareTableModel;
class GuiSettings;
class TrendChart;

// Two to four clusters side by side: Jobs and Workers metrics with their deltas (cells beyond
// delta_threshold highlighted), the anomalies with their severity, and a trend chart with one
// line per cluster. Exports what it shows as CSV or JSON.
class CompareView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareView)

public:
    CompareView(Manager& manager, GuiSettings& settings, QWidget* parent = nullptr);

    // Not height-for-width, although a word-wrapped label inside is: the page always fills
    // the stack it lives in. Otherwise the stack asks every page it holds for its height at the
    // current width on each layout pass, and each asks its wrapped labels to lay out their text
    // again; with dozens of pages that would be most of a view switch's cost (bench/gui).
    bool hasHeightForWidth() const override { return false; }

    // The clusters compared (the window takes them from the engine's compare mode).
    void setClusters(const QStringList& clusters);
    const QStringList& clusters() const { return m_clusters; }
    // Reads the engine's comparison again (coalesced: at most a few times a second).
    void scheduleRefresh();
    // ChartToo::No when the chart has just read its series (after new lines).
    enum class ChartToo { Yes, No };
    void refreshNow(ChartToo chartToo = ChartToo::Yes);
    // Rebuilds the cluster chips after clusters were added, edited or removed.
    void rebuildPicker();

    const CompareResult& result() const { return m_result; }
    CompareTableModel* jobsModel() const { return m_jobs; }
    CompareTableModel* workersModel() const { return m_workers; }
    AnomalyTableModel* anomaliesModel() const { return m_anomalies; }
    QTableView* jobsView() const { return m_jobsView; }
    TrendChart* chart() const { return m_chart; }
    QString message() const;
    QList<QSplitter*> splitters() const { return m_splitters; }

    CompareExporter exporter() const;
    // Asks for a file name and writes the comparison there.
    void exportInteractive(CompareExporter::Format format);

Q_SIGNALS:
    // The operator ticked other clusters (2 to 4): the window asks the engine to compare them.
    void clustersChosen(const QStringList& clusters);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildHeader();
    QWidget* titled(const QString& title, QWidget* content, QWidget* extra = nullptr);
    QTableView* tableFor(QAbstractItemModel* model, const QString& name);
    void onChipToggled();
    QHash<QString, QString> labels() const;
    QList<CompareMetric> systemSpecificMetrics(const QStringList& clusters) const;

    Manager& m_manager;
    GuiSettings& m_settings;
    QStringList m_clusters;
    CompareResult m_result;
    QHBoxLayout* m_chipLayout = nullptr;
    QScrollArea* m_chipScroll = nullptr;
    QList<QToolButton*> m_chips;
    QLabel* m_message = nullptr;
    QLabel* m_threshold = nullptr;
    CompareTableModel* m_jobs = nullptr;
    CompareTableModel* m_workers = nullptr;
    AnomalyTableModel* m_anomalies = nullptr;
    QTableView* m_jobsView = nullptr;
    QComboBox* m_metric = nullptr;
    TrendChart* m_chart = nullptr;
    QTimer* m_refreshTimer = nullptr;
    QTimer* m_chartTimer = nullptr;
    QElapsedTimer m_chartClock;
    QList<QSplitter*> m_splitters;
    bool m_dirty = true;
};

} // namespace qd::gui

#pragma once

#include "core/actions/MultiAction.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>

namespace qd::gui {

// One target of an action as the confirmation dialog lists it.
struct ActionTarget {
    QString name;
    QString label;
    QColor color;
    QString endpoint;
    QString effect; // what will happen there
};

// The targets of an action: who they are, what will happen, and once it runs, each one's
// progress and result.
class TargetTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TargetTableModel)

public:
    enum Column { Cluster, Endpoint, Effect, Progress, Result, ColumnCount };
    static constexpr int ProgressRole = Qt::UserRole + 10; // 0..100, or -1 while waiting

    explicit TargetTableModel(QList<ActionTarget> targets, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const QList<ActionTarget>& targets() const { return m_targets; }
    void setEffects(const QStringList& effects);
    void setResults(const MultiAction& action);
    void setRunning(bool running) { m_running = running; }

private:
    QVariant progressOf(int row) const;
    QString resultText(int row) const;

    QList<ActionTarget> m_targets;
    QMap<QString, TargetResult> m_results;
    bool m_running = false;
};

} // namespace qd::gui

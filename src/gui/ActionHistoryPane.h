#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTableView;
class QTimer;

namespace qd {
class AuditLog;
class Manager;
} // namespace qd

namespace qd::gui {

class ActionHistoryModel;
class GuiSettings;
class TableFilterProxy;

// The action history: one row per action, newest first, folded from the audit log's state
// changes, filtered by cluster, type and latest state; the selected action's parameters, state
// changes and per-cluster results beside it. It reads the log again whenever an action
// changes, so what it shows is what was written, not what the window remembers.
class ActionHistoryPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionHistoryPane)

public:
    ActionHistoryPane(
        AuditLog* audit, Manager& manager, GuiSettings& settings, QWidget* parent = nullptr);

    void scheduleRefresh();
    void refreshNow();
    void rebuildFilters();
    ActionHistoryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QSplitter* splitter() const { return m_splitter; }
    QPlainTextEdit* details() const { return m_details; }

private:
    void showDetails();

    AuditLog* m_audit;
    Manager& m_manager;
    GuiSettings& m_settings;
    QComboBox* m_cluster = nullptr;
    QComboBox* m_type = nullptr;
    QComboBox* m_status = nullptr;
    QLabel* m_note = nullptr;
    ActionHistoryModel* m_model = nullptr;
    TableFilterProxy* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QSplitter* m_splitter = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace qd::gui

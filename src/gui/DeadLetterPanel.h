#pragma once

#include "core/actions/MultiAction.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;

namespace qd::gui {

class ActionController;
class DeadLetterModel;
class GuiSettings;
class TableFilterProxy;

// The Dead letters tab: peeks the next N dead letters (through the engine's read-only peek
// action, never a Redis call of its own), shows each job's JSON, and starts requeue or purge
// for this cluster, for the selected jobs or all of them. With set "retry" the same for the
// retry set of a system that keeps one (the Retries tab): every action gets `set: "retry"`.
class DeadLetterPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterPanel)

public:
    DeadLetterPanel(QString cluster, ActionController& actions, GuiSettings& settings,
        QWidget* parent = nullptr, QString set = {});

    const QString& set() const { return m_set; } // empty: the dead letters

    void peek();
    bool hasPeeked() const { return m_peeked; }
    DeadLetterModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPlainTextEdit* jsonView() const { return m_json; }
    QString statusText() const;
    QSplitter* splitter() const { return m_splitter; }
    void updateButtons();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onActionChanged(const MultiAction& action);
    void showSelectedJob();
    QStringList selectedJobIds() const;
    void requeue();
    void purge();
    QJsonObject withSet(QJsonObject parameters) const;

    QString m_cluster;
    QString m_set;
    ActionController& m_actions;
    GuiSettings& m_settings;
    DeadLetterModel* m_model = nullptr;
    TableFilterProxy* m_proxy = nullptr;
    QSpinBox* m_count = nullptr;
    QPushButton* m_peekButton = nullptr;
    QPushButton* m_requeueButton = nullptr;
    QPushButton* m_purgeButton = nullptr;
    QLabel* m_status = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QString m_peekId;
    bool m_peeked = false;
};

} // namespace qd::gui

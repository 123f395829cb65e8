#pragma once

#include "core/actions/MultiAction.h"
#include "gui/TargetTableModel.h"

#include <QDialog>
#include <QJsonObject>

#include <functional>
#include <memory>

class QLineEdit;
class QPushButton;
class QTableView;

namespace Ui {
class ConfirmationDialog;
}

namespace qd::gui {

class ActionParameterForm;

// Asks before an action runs, then shows it running. Lists every target with its label,
// colour, endpoint and what will happen there; destructive types want the number of targets
// (or the cluster's name when there is one) typed before the button unlocks. Once started it
// shows per-target progress and results and offers to cancel.
class ConfirmationDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfirmationDialog)

public:
    struct Options {
        QString type;
        QList<ActionTarget> targets;
        QStringList queues; // offered by queue pickers
        QJsonObject preset; // parameters to start from
        bool typedConfirmation = false;
    };
    // What will happen on one cluster with these parameters.
    using Effect = std::function<QString(const QString& cluster, const QJsonObject& parameters)>;

    ConfirmationDialog(Options options, Effect effect, QWidget* parent = nullptr);
    ~ConfirmationDialog() override;

    QString actionType() const { return m_options.type; }
    QStringList targetNames() const;
    QJsonObject parameters() const;
    QString expectedConfirmation() const;
    bool confirmationMatches() const;
    QString actionId() const { return m_actionId; }
    QString statusText() const;
    bool isRunning() const { return !m_actionId.isEmpty() && !m_finished; }
    bool isFinished() const { return m_finished; }

    // Parts the tests drive.
    QPushButton* runButton() const { return m_run; }
    QPushButton* closeButton() const;
    QLineEdit* confirmationEdit() const;
    QTableView* targetView() const;
    ActionParameterForm* parameterForm() const { return m_form; }

    // The controller reports what the engine did.
    void showError(const QString& message);
    void showAction(const MultiAction& action);

Q_SIGNALS:
    void runRequested(const QJsonObject& parameters);
    void cancelRequested(const QString& actionId);

protected:
    void reject() override;

private:
    void updateState();
    void updateEffects();
    void onRunClicked();

    std::unique_ptr<Ui::ConfirmationDialog> m_ui;
    Options m_options;
    Effect m_effect;
    TargetTableModel* m_model = nullptr;
    ActionParameterForm* m_form = nullptr;
    QPushButton* m_run = nullptr;
    QString m_actionId;
    bool m_finished = false;
};

} // namespace qd::gui

#include "gui/ConfirmationDialog.h"

#include "gui/ActionParameterForm.h"
#include "gui/ActionPresentation.h"
#include "gui/HealthStyle.h"
#include "gui/Icons.h"
#include "gui/ProgressDelegate.h"
#include "gui/TableViewSetup.h"
#include "ui_ConfirmationDialog.h"

#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>

namespace qd::gui {

ConfirmationDialog::ConfirmationDialog(Options options, Effect effect, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConfirmationDialog>())
    , m_options(std::move(options))
    , m_effect(std::move(effect))
{
    m_ui->setupUi(this);
    const QString& type = m_options.type;
    const auto count = m_options.targets.size();
    setWindowTitle(ActionPresentation::title(type));
    m_ui->iconLabel->setPixmap(Icons::icon(ActionPresentation::iconName(type)).pixmap(32, 32));
    QFont big = m_ui->headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_ui->headline->setFont(big);
    m_ui->headline->setText(count == 1
            ? tr("%1 on %2").arg(ActionPresentation::title(type), m_options.targets.first().label)
            : tr("%1 on %n clusters", nullptr, int(count)).arg(ActionPresentation::title(type)));
    m_ui->descriptionLabel->setText(ActionPresentation::description(type));

    m_form = new ActionParameterForm(type, m_options.queues, m_options.preset, this);
    m_ui->parametersLayout->addWidget(m_form);
    m_ui->parametersBox->setVisible(!m_form->isEmpty());
    connect(m_form, &ActionParameterForm::changed, this, &ConfirmationDialog::updateEffects);

    m_model = new TargetTableModel(m_options.targets, this);
    m_ui->targetsView->setModel(m_model);
    TableViewSetup::apply(m_ui->targetsView);
    m_ui->targetsView->setSortingEnabled(false);
    m_ui->targetsView->setItemDelegateForColumn(
        TargetTableModel::Progress, new ProgressDelegate(TargetTableModel::ProgressRole, this));
    m_ui->targetsView->setColumnHidden(TargetTableModel::Progress, true);
    m_ui->targetsView->setColumnHidden(TargetTableModel::Result, true);
    QHeaderView* header = m_ui->targetsView->horizontalHeader();
    for (const int column :
        {TargetTableModel::Cluster, TargetTableModel::Endpoint, TargetTableModel::Effect})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TargetTableModel::Progress, QHeaderView::Fixed);
    header->resizeSection(TargetTableModel::Progress, 110);

    m_ui->confirmFrame->setVisible(m_options.typedConfirmation);
    m_ui->confirmLabel->setText(count == 1
            ? tr("This cannot be undone. Type the cluster name <b>%1</b> to &confirm:")
                  .arg(expectedConfirmation().toHtmlEscaped())
            : tr("This cannot be undone. Type the number of clusters (<b>%1</b>) to &confirm:")
                  .arg(expectedConfirmation()));
    connect(m_ui->confirmEdit, &QLineEdit::textChanged, this, &ConfirmationDialog::updateState);

    m_run
        = m_ui->buttonBox->addButton(ActionPresentation::verb(type), QDialogButtonBox::AcceptRole);
    m_run->setIcon(Icons::icon(ActionPresentation::iconName(type)));
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &ConfirmationDialog::onRunClicked);
    connect(closeButton(), &QPushButton::clicked, this, &ConfirmationDialog::reject);

    updateEffects();
    if (m_options.typedConfirmation)
        m_ui->confirmEdit->setFocus();
    else
        m_run->setFocus();
}

ConfirmationDialog::~ConfirmationDialog() = default;

QPushButton* ConfirmationDialog::closeButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Cancel);
}

QLineEdit* ConfirmationDialog::confirmationEdit() const
{
    return m_ui->confirmEdit;
}

QTableView* ConfirmationDialog::targetView() const
{
    return m_ui->targetsView;
}

QStringList ConfirmationDialog::targetNames() const
{
    QStringList names;
    for (const ActionTarget& target : m_options.targets)
        names.append(target.name);
    return names;
}

QJsonObject ConfirmationDialog::parameters() const
{
    return m_form->parameters();
}

QString ConfirmationDialog::expectedConfirmation() const
{
    if (m_options.targets.size() == 1)
        return m_options.targets.first().name;
    return QString::number(m_options.targets.size());
}

bool ConfirmationDialog::confirmationMatches() const
{
    return !m_options.typedConfirmation
        || m_ui->confirmEdit->text().trimmed() == expectedConfirmation();
}

QString ConfirmationDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

void ConfirmationDialog::updateEffects()
{
    QStringList effects;
    const QJsonObject params = parameters();
    for (const ActionTarget& target : m_options.targets)
        effects.append(m_effect ? m_effect(target.name, params) : QString());
    m_model->setEffects(effects);
    updateState();
}

void ConfirmationDialog::updateState()
{
    const bool needsQueue = m_form->queuePicker() && m_form->queuePicker()->count() == 0;
    m_run->setEnabled(m_actionId.isEmpty() && confirmationMatches() && !needsQueue);
    if (needsQueue)
        m_ui->statusLabel->setText(tr("The selected clusters have no queue in common."));
}

void ConfirmationDialog::onRunClicked()
{
    // The button is disabled until the confirmation is typed; a click that still arrives (a
    // keyboard accelerator, a test) is refused the same way.
    if (!m_run->isEnabled() || !confirmationMatches())
        return;
    m_ui->statusLabel->clear();
    Q_EMIT runRequested(parameters());
}

void ConfirmationDialog::showError(const QString& message)
{
    m_ui->statusLabel->setText(
        QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(HealthStyle::color(Severity::Critical).name(), message.toHtmlEscaped()));
}

void ConfirmationDialog::showAction(const MultiAction& action)
{
    if (m_actionId.isEmpty()) {
        m_actionId = action.id;
        m_form->setEnabled(false);
        m_ui->confirmFrame->setVisible(false);
        m_run->setVisible(false);
        m_ui->targetsView->setColumnHidden(TargetTableModel::Progress, false);
        m_ui->targetsView->setColumnHidden(TargetTableModel::Result, false);
        closeButton()->setText(tr("Cancel action"));
    }
    if (action.id != m_actionId)
        return;
    m_model->setResults(action);
    m_finished = isFinal(action.status);
    int succeeded = 0;
    int finished = 0;
    for (const TargetResult& result : action.results) {
        finished += result.finished ? 1 : 0;
        succeeded += result.finished && result.success ? 1 : 0;
    }
    switch (action.status) {
    case ActionStatus::Completed:
        m_ui->statusLabel->setText(tr("Completed on %n cluster(s).", nullptr, succeeded));
        break;
    case ActionStatus::Failed:
    case ActionStatus::Cancelled:
    case ActionStatus::Interrupted:
        showError(action.status == ActionStatus::Failed ? tr("Failed: %1").arg(action.error)
                                                        : tr("Stopped: %1").arg(action.error));
        break;
    default:
        m_ui->statusLabel->setText(
            tr("Running… %1 of %2 clusters done.").arg(finished).arg(action.targets.size()));
        break;
    }
    if (m_finished)
        closeButton()->setText(tr("Close"));
}

void ConfirmationDialog::reject()
{
    if (isRunning()) {
        Q_EMIT cancelRequested(m_actionId);
        return;
    }
    QDialog::reject();
}

} // namespace qd::gui

#include "gui/DeadLetterPanel.h"

#include "core/actions/ActionCatalog.h"
#include "gui/ActionController.h"
#include "gui/DeadLetterModel.h"
#include "gui/Format.h"
#include "gui/GuiSettings.h"
#include "gui/Icons.h"
#include "gui/TableFilterProxy.h"
#include "gui/TableViewSetup.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qd::gui {

DeadLetterPanel::DeadLetterPanel(
    QString cluster, ActionController& actions, GuiSettings& settings, QWidget* parent, QString set)
    : QWidget(parent)
    , m_cluster(std::move(cluster))
    , m_set(std::move(set))
    , m_actions(actions)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    auto* countLabel = new QLabel(tr("&Show the next"), this);
    m_count = new QSpinBox(this);
    const ActionParameter& count = *ActionCatalog::of(ActionType::Peek).parameter(u"count"_s);
    m_count->setRange(int(count.minimum), int(count.maximum));
    m_count->setValue(std::clamp(m_settings.peekCount(), int(count.minimum), int(count.maximum)));
    m_count->setSuffix(tr(" jobs"));
    countLabel->setBuddy(m_count);
    m_peekButton = new QPushButton(Icons::icon(u"peek"_s), tr("&Peek"), this);
    m_requeueButton = new QPushButton(Icons::icon(u"requeue"_s), tr("Re&queue…"), this);
    m_purgeButton = new QPushButton(Icons::icon(u"purge"_s), tr("P&urge…"), this);
    bar->addWidget(countLabel);
    bar->addWidget(m_count);
    bar->addWidget(m_peekButton);
    bar->addStretch();
    bar->addWidget(m_requeueButton);
    bar->addWidget(m_purgeButton);
    layout->addLayout(bar);
    m_status = new QLabel(m_set.isEmpty()
            ? tr("Peek reads the next dead letters without changing them.")
            : tr("Peek reads the next jobs waiting for a retry without changing them."),
        this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(m_set.isEmpty() ? u"deadLetterSplitter"_s : u"retrySplitter"_s);
    m_model = new DeadLetterModel(this);
    m_proxy = new TableFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_view = new QTableView(m_splitter);
    m_view->setModel(m_proxy);
    TableViewSetup::apply(m_view);
    m_view->sortByColumn(DeadLetterModel::Position, Qt::AscendingOrder);
    m_json = new QPlainTextEdit(m_splitter);
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setPlaceholderText(tr("Select a job to see its JSON"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_json);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_settings.restoreSplitter(m_splitter);
    layout->addWidget(m_splitter, 1);

    connect(m_peekButton, &QPushButton::clicked, this, &DeadLetterPanel::peek);
    connect(m_requeueButton, &QPushButton::clicked, this, &DeadLetterPanel::requeue);
    connect(m_purgeButton, &QPushButton::clicked, this, &DeadLetterPanel::purge);
    connect(m_count, &QSpinBox::valueChanged, this, [this](int n) { m_settings.setPeekCount(n); });
    connect(m_splitter, &QSplitter::splitterMoved, this,
        [this] { m_settings.saveSplitter(m_splitter); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &DeadLetterPanel::showSelectedJob);
    connect(&m_actions, &ActionController::actionChanged, this, &DeadLetterPanel::onActionChanged);
    updateButtons();
}

QString DeadLetterPanel::statusText() const
{
    return m_status->text();
}

void DeadLetterPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateButtons();
    // The first look at the tab shows something; later peeks are on request (each one is an
    // action in the audit log, so the window does not peek on every poll).
    if (!m_peeked && m_peekId.isEmpty())
        peek();
}

void DeadLetterPanel::updateButtons()
{
    const auto setUp = [this](QPushButton* button, const QString& type) {
        const bool allowed = m_actions.action(type) != nullptr;
        const QString why = allowed ? m_actions.refusal(type, {m_cluster})
                                    : tr("%1 is not in actions.allowed_actions").arg(type);
        button->setEnabled(why.isEmpty());
        button->setToolTip(why);
    };
    setUp(m_requeueButton, actionTypeName(ActionType::RequeueDeadLetters));
    setUp(m_purgeButton, actionTypeName(ActionType::PurgeDeadLetters));
}

void DeadLetterPanel::peek()
{
    QString error;
    // Peek names what it reads by its queue parameter: the dead letters, or the retry set.
    m_peekId = m_actions.peek(
        m_cluster, m_set.isEmpty() ? u"dead_letter"_s : m_set, m_count->value(), &error);
    m_peekButton->setEnabled(m_peekId.isEmpty());
    m_status->setText(m_peekId.isEmpty() ? tr("Peek refused: %1").arg(error) : tr("Reading…"));
}

void DeadLetterPanel::onActionChanged(const MultiAction& action)
{
    if (!isFinal(action.status))
        return;
    if (action.id == m_peekId) {
        m_peekId.clear();
        m_peekButton->setEnabled(true);
        m_peeked = true;
        const TargetResult result = action.results.value(m_cluster);
        if (!result.success) {
            m_status->setText(tr("Peek failed: %1")
                                  .arg(result.message.isEmpty() ? action.error : result.message));
            return;
        }
        const QJsonArray jobs = result.details.value(u"jobs"_s).toArray();
        m_model->setJobs(jobs);
        m_status->setText(
            (m_set.isEmpty()
                    ? tr("Showing the next %1 of %2 dead letters (read at %3).")
                    : tr("Showing the next %1 of %2 jobs waiting for a retry (read at %3)."))
                .arg(jobs.size())
                .arg(Format::count(result.details.value(u"length"_s).toInteger()))
                .arg(Format::time(action.finishedAt.isValid() ? action.finishedAt
                                                              : QDateTime::currentDateTimeUtc())));
        showSelectedJob();
        return;
    }
    const auto type = actionTypeFromName(action.type);
    const bool changesDeadLetters
        = type == ActionType::PurgeDeadLetters || type == ActionType::RequeueDeadLetters;
    if (changesDeadLetters && action.targets.contains(m_cluster) && m_peeked)
        peek();
}

void DeadLetterPanel::showSelectedJob()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    if (!current.isValid()) {
        m_json->clear();
        return;
    }
    const QJsonObject job = m_model->rowAt(current.row()).job;
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(job).toJson(QJsonDocument::Indented)));
}

QStringList DeadLetterPanel::selectedJobIds() const
{
    QStringList ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const QModelIndex source = m_proxy->mapToSource(index);
        const QJsonObject& job = m_model->rowAt(source.row()).job;
        // Sidekiq names a job's id "jid".
        const QString id = job.value(u"id"_s).toString(job.value(u"jid"_s).toString());
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void DeadLetterPanel::requeue()
{
    QJsonObject preset {{u"queue"_s, u"original"_s}};
    const QStringList ids = selectedJobIds();
    if (!ids.isEmpty())
        preset.insert(u"ids"_s, QJsonArray::fromStringList(ids));
    m_actions.start(actionTypeName(ActionType::RequeueDeadLetters), {m_cluster}, withSet(preset));
}

void DeadLetterPanel::purge()
{
    m_actions.start(actionTypeName(ActionType::PurgeDeadLetters), {m_cluster}, withSet({}));
}

QJsonObject DeadLetterPanel::withSet(QJsonObject parameters) const
{
    if (!m_set.isEmpty())
        parameters.insert(u"set"_s, m_set);
    return parameters;
}

} // namespace qd::gui

#include "gui/ActionHistoryPane.h"

#include "core/audit/AuditLog.h"
#include "core/config/Config.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "gui/ActionHistoryModel.h"
#include "gui/ActionPresentation.h"
#include "gui/GuiSettings.h"
#include "gui/TableFilterProxy.h"
#include "gui/TableViewSetup.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qd::gui {

ActionHistoryPane::ActionHistoryPane(
    AuditLog* audit, Manager& manager, GuiSettings& settings, QWidget* parent)
    : QWidget(parent), m_audit(audit), m_manager(manager), m_settings(settings)
{
    setObjectName(u"actionHistory"_s);
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_cluster = new QComboBox(this);
    m_type = new QComboBox(this);
    m_status = new QComboBox(this);
    auto* text = new QLineEdit(this);
    text->setPlaceholderText(tr("Filter"));
    text->setClearButtonEnabled(true);
    m_note = new QLabel(this);
    bar->addWidget(m_cluster);
    bar->addWidget(m_type);
    bar->addWidget(m_status);
    bar->addWidget(text, 1);
    bar->addWidget(m_note);
    layout->addLayout(bar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"historySplitter"_s);
    m_model = new ActionHistoryModel(this);
    m_proxy = new TableFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_view = new QTableView(m_splitter);
    m_view->setObjectName(u"historyView"_s);
    m_view->setModel(m_proxy);
    TableViewSetup::apply(m_view);
    m_view->sortByColumn(ActionHistoryModel::Time, Qt::DescendingOrder);
    m_view->setColumnWidth(ActionHistoryModel::Time, 145);
    m_view->setColumnWidth(ActionHistoryModel::Type, 130);
    m_view->setColumnWidth(ActionHistoryModel::Status, 80);
    m_view->setColumnWidth(ActionHistoryModel::Targets, 130);
    m_view->setColumnWidth(ActionHistoryModel::Duration, 70);
    m_details = new QPlainTextEdit(m_splitter);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap); // one line per state change
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(
        tr("Select an action to see its parameters, state changes and results per cluster"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_settings.restoreSplitter(m_splitter);
    layout->addWidget(m_splitter, 1);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &ActionHistoryPane::refreshNow);
    for (QComboBox* combo : {m_cluster, m_type, m_status})
        connect(combo, &QComboBox::currentIndexChanged, this, &ActionHistoryPane::scheduleRefresh);
    connect(text, &QLineEdit::textChanged, m_proxy, &TableFilterProxy::setFilterText);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ActionHistoryPane::showDetails);
    // A new state change of the selected action updates its row in place: and its details.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &ActionHistoryPane::showDetails);
    connect(m_splitter, &QSplitter::splitterMoved, this,
        [this] { m_settings.saveSplitter(m_splitter); });
    connect(&m_manager, &Manager::clustersChanged, this, &ActionHistoryPane::rebuildFilters);
    rebuildFilters();
    refreshNow();
}

void ActionHistoryPane::rebuildFilters()
{
    const auto refill = [](QComboBox* combo, const QString& all, const QStringList& values,
                            const std::function<QString(const QString&)>& text) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(all, QString());
        for (const QString& value : values)
            combo->addItem(text(value), value);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    };
    refill(m_cluster, tr("All clusters"), m_manager.clusterNames(), [this](const QString& name) {
        const ClusterConfig* cluster = m_manager.config().cluster(name);
        return cluster ? cluster->displayLabel() : name;
    });
    refill(m_type, tr("All types"), knownActionTypes(),
        [](const QString& type) { return ActionPresentation::title(type); });
    refill(m_status, tr("All states"),
        {u"pending"_s, u"confirmed"_s, u"executing"_s, u"completed"_s, u"failed"_s, u"cancelled"_s,
            u"interrupted"_s},
        [](const QString& status) { return status; });
}

void ActionHistoryPane::scheduleRefresh()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void ActionHistoryPane::refreshNow()
{
    if (!m_audit) {
        m_note->setText(tr("No audit log"));
        return;
    }
    AuditQuery query;
    query.cluster = m_cluster->currentData().toString();
    query.type = m_type->currentData().toString();
    // Every state change of the matching actions: the state filter applies to an action's
    // latest state, which only the folded rows know. Four changes per action on average, so
    // this keeps about the last 2 000 actions.
    query.limit = 8000;
    try {
        const QList<AuditEntry> entries = m_audit->query(query);
        m_model->setEntries(entries, m_status->currentData().toString());
        m_note->setText(tr("%n action(s)", nullptr, m_model->rowCount()));
    } catch (const QueueDeckError& e) {
        m_note->setText(tr("Audit log unreadable: %1").arg(e.message()));
    }
}

void ActionHistoryPane::showDetails()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(m_model->rowAt(current.row()).details());
}

} // namespace qd::gui

// The cluster editor's Health tab: the settings every cluster shares (each rule's evidence
// times and thresholds, the worker window), kept apart from the cluster's own fields.
#include "core/engine/Manager.h"
#include "core/util/Duration.h"
#include "gui/ClusterEditorDialog.h"
#include "ui_ClusterEditorDialog.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace qd::gui {

const HealthThreshold* ClusterEditorDialog::thresholdAt(const QString& path)
{
    for (const HealthThreshold& threshold : healthThresholds()) {
        if (threshold.path() == path)
            return &threshold;
    }
    return nullptr;
}

QString ClusterEditorDialog::thresholdLabel(const HealthThreshold& threshold)
{
    if (threshold.kind == HealthThreshold::Kind::Polls)
        return tr("polls in a row");
    return threshold.key == u"critical" ? tr("critical above") : tr("warning above");
}

void ClusterEditorDialog::buildHealthTab()
{
    auto* page = new QWidget(m_ui->tabs);
    page->setObjectName(u"healthTab"_s);
    auto* form = new QFormLayout(page);
    auto* note = new QLabel(tr("How long each rule's condition must hold before it is reported "
                               "(\"for\"), and how long it must be gone before the report clears "
                               "(\"recover\"), for example 5s or 1m30s; then the figures a rule "
                               "compares against. These settings apply to every cluster."),
        page);
    note->setWordWrap(true);
    form->addRow(note);
    const std::pair<QString, QString> rules[] = {
        {u"unreachable"_s, tr("Unreachable")},
        {u"latency"_s, tr("Slow polls")},
        {u"no_live_workers"_s, tr("No live workers")},
        {u"dead_letters"_s, tr("Dead letters")},
        {u"dead_letters_growing"_s, tr("Dead letters growing")},
        {u"orphaned_processing"_s, tr("Orphaned processing lists")},
        {u"memory"_s, tr("Memory")},
        {u"backlog_growing"_s, tr("Backlog growing")},
    };
    const auto makeEdit = [this, page](const QString& path, const QString& placeholder) {
        auto* edit = new QLineEdit(page);
        edit->setObjectName(path);
        edit->setPlaceholderText(placeholder);
        m_healthEdits.insert(path, edit);
        return edit;
    };
    for (const auto& [rule, label] : rules) {
        auto* row = new QHBoxLayout;
        const QString path = u"health.rules."_s + rule;
        row->addWidget(new QLabel(tr("for"), page));
        row->addWidget(makeEdit(path + u".for"_s, u"0s"_s));
        row->addWidget(new QLabel(tr("recover"), page));
        row->addWidget(makeEdit(path + u".recover"_s, u"0s"_s));
        for (const HealthThreshold& threshold : healthThresholds()) {
            if (threshold.rule != rule)
                continue;
            row->addWidget(new QLabel(thresholdLabel(threshold), page));
            row->addWidget(makeEdit(threshold.path(), QString()));
        }
        form->addRow(label, row);
    }
    QLineEdit* window = makeEdit(u"health.worker_window"_s, tr("the heartbeat TTL"));
    window->setToolTip(tr("How long a worker seen alive counts as present after its heartbeat "
                          "is gone; empty or 0s: the cluster's heartbeat TTL"));
    form->addRow(tr("Worker window"), window);
    m_ui->tabs->addTab(page, tr("Health"));
}

void ClusterEditorDialog::loadHealth(const HealthConfig& health)
{
    for (const QString& rule : HealthConfig::timedRules()) {
        const HealthRuleTiming& timing = *health.timing(rule);
        const QString path = u"health.rules."_s + rule;
        m_healthEdits.value(path + u".for"_s)->setText(duration::format(timing.forDuration));
        m_healthEdits.value(path + u".recover"_s)->setText(duration::format(timing.recover));
    }
    for (const HealthThreshold& threshold : healthThresholds())
        m_healthEdits.value(threshold.path())->setText(threshold.text(health));
    m_healthEdits.value(u"health.worker_window"_s)
        ->setText(
            health.workerWindow.count() > 0 ? duration::format(health.workerWindow) : QString());
}

HealthConfig ClusterEditorDialog::health() const
{
    HealthConfig health = m_manager.config().health;
    for (const QString& rule : HealthConfig::timedRules()) {
        HealthRuleTiming& timing = *health.timing(rule);
        const QString path = u"health.rules."_s + rule;
        if (const auto value = duration::parse(m_healthEdits.value(path + u".for"_s)->text()))
            timing.forDuration = *value;
        if (const auto value = duration::parse(m_healthEdits.value(path + u".recover"_s)->text()))
            timing.recover = *value;
    }
    for (const HealthThreshold& threshold : healthThresholds())
        threshold.setText(health, m_healthEdits.value(threshold.path())->text());
    const QString window = m_healthEdits.value(u"health.worker_window"_s)->text().trimmed();
    if (window.isEmpty())
        health.workerWindow = Millis(0);
    else if (const auto value = duration::parse(window))
        health.workerWindow = *value;
    return health;
}

} // namespace qd::gui

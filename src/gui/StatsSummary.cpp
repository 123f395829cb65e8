#include "gui/StatsSummary.h"

#include "gui/Format.h"
#include "gui/HealthStyle.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qd::gui {

StatsSummary::StatsSummary(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* healthRow = new QHBoxLayout;
    m_healthDot = new QLabel(this);
    m_healthText = new QLabel(this);
    QFont bold = m_healthText->font();
    bold.setBold(true);
    m_healthText->setFont(bold);
    m_readOnly = new QLabel(tr("Read-only"), this);
    m_readOnly->setToolTip(tr("read_only is set for this cluster: every action is refused"));
    m_readOnly->setVisible(false);
    m_readOnly->setStyleSheet(
        u"QLabel { color: white; background: %1; border-radius: 4px; "
        "padding: 1px 6px; }"_s.arg(HealthStyle::color(Severity::Warning).name()));
    healthRow->addWidget(m_healthDot);
    healthRow->addWidget(m_healthText);
    healthRow->addStretch();
    healthRow->addWidget(m_readOnly);
    outer->addLayout(healthRow);
    m_issues = new QLabel(this);
    m_issues->setWordWrap(true);
    m_issues->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_issues);

    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(18);
    outer->addLayout(m_grid);
    int column = 0;
    addTile(u"queue_size"_s, tr("Queued"), column++);
    addTile(u"processing_count"_s, tr("Processing"), column++);
    addTile(u"completed_count"_s, tr("Completed"), column++);
    addTile(u"dead_letter_count"_s, tr("Dead letters"), column++);
    addTile(u"worker_count"_s, tr("Live workers"), column++);
    addTile(u"job_rate"_s, tr("Job rate"), column++);
    addTile(u"error_rate"_s, tr("Error rate"), column++);
    addTile(u"latency_ms"_s, tr("Latency"), column++);
    m_grid->setColumnStretch(column, 1);
    showStats(std::nullopt);
}

void StatsSummary::addTile(const QString& metric, const QString& caption, int column)
{
    auto* captionLabel = new QLabel(caption, this);
    QPalette muted = captionLabel->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::Disabled, QPalette::WindowText));
    captionLabel->setPalette(muted);
    auto* value = new QLabel(this);
    value->setObjectName(u"value_"_s + metric);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    big.setBold(true);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    captionLabel->setBuddy(value);
    m_grid->addWidget(captionLabel, 0, column);
    m_grid->addWidget(value, 1, column);
    m_values.insert(metric, value);
}

void StatsSummary::setValue(const QString& metric, const QString& text, const QString& tooltip)
{
    if (QLabel* label = m_values.value(metric)) {
        label->setText(text);
        label->setToolTip(tooltip);
    }
}

QString StatsSummary::valueText(const QString& metric) const
{
    const QLabel* label = m_values.value(metric);
    return label ? label->text() : QString();
}

void StatsSummary::showStats(const std::optional<ClusterStats>& stats)
{
    if (!stats) {
        for (QLabel* label : std::as_const(m_values))
            label->setText(Format::dash());
        return;
    }
    setValue(u"queue_size"_s, Format::count(stats->totalQueued()));
    setValue(u"processing_count"_s, Format::count(stats->processingCount));
    if (stats->completedKnown)
        setValue(u"completed_count"_s, Format::count(stats->completedCount));
    else
        setValue(u"completed_count"_s, tr("unknown"),
            tr("This queue system keeps no count of completed jobs (Celery: a success is a "
               "result in the result backend, and results expire)"));
    if (stats->deadLettersKnown)
        setValue(u"dead_letter_count"_s, Format::count(stats->deadLetterCount));
    else
        setValue(u"dead_letter_count"_s, tr("unknown"),
            tr("This queue system keeps its failures where one poll cannot count them "
               "(Celery: in the result backend, read a part per poll; unknown until a full pass "
               "has read results it can decode)"));
    if (stats->workerCount) {
        setValue(u"worker_count"_s, Format::count(*stats->workerCount),
            tr("%1 workers known, %2 orphaned")
                .arg(stats->workers.size())
                .arg(stats->orphanedWorkers().size()));
    } else {
        setValue(u"worker_count"_s, tr("unknown"),
            tr("The queue system does not show its workers on this Redis (BullMQ: CLIENT "
               "LIST is refused), so they cannot be counted"));
    }
    const QString unknownRate = tr("Rates need two polls");
    setValue(u"job_rate"_s, stats->ratesKnown ? Format::rate(stats->jobRate) : Format::dash(),
        stats->ratesKnown ? tr("Completed jobs per second") : unknownRate);
    setValue(u"error_rate"_s,
        stats->ratesKnown ? Format::percent(stats->errorRate) : Format::dash(),
        stats->ratesKnown ? tr("Share of finished jobs that went to the dead letters")
                          : unknownRate);
    setValue(u"latency_ms"_s, Format::latency(stats->latencyMs), tr("Wall time of the last poll"));
}

void StatsSummary::showHealth(const HealthReport& health, bool readOnly)
{
    m_healthDot->setPixmap(HealthStyle::dot(health.status).pixmap(16, 16));
    m_healthText->setText(HealthStyle::text(health.status));
    m_readOnly->setVisible(readOnly);
    QStringList lines;
    for (const HealthIssue& issue : health.issues) {
        lines.append(u"<span style=\"color:%1\">●</span> %2"_s.arg(
            HealthStyle::color(issue.severity).name(), issue.localMessage.toHtmlEscaped()));
    }
    m_issues->setText(lines.join(u"<br>"_s));
    m_issues->setVisible(!lines.isEmpty());
}

} // namespace qd::gui

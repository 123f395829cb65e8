#include "gui/StatusBarInfo.h"

#include "core/engine/Manager.h"
#include "gui/Format.h"
#include "gui/HealthStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

namespace qd::gui {

StatusBarInfo::StatusBarInfo(Manager& manager, QWidget* parent)
    : QWidget(parent), m_manager(manager)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    m_poll = new QLabel(this);
    m_poll->setObjectName(QStringLiteral("statusPoll"));
    m_latency = new QLabel(this);
    m_latency->setObjectName(QStringLiteral("statusLatency"));
    m_cost = new QLabel(this);
    m_cost->setObjectName(QStringLiteral("statusCost"));
    m_cost->setToolTip(tr("What the last poll of this cluster cost Redis and the network"));
    layout->addWidget(m_poll);
    layout->addWidget(m_latency);
    layout->addWidget(m_cost);
    // "3 s ago" has to move on its own between polls.
    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &StatusBarInfo::refresh);
    m_tick->start();
    connect(&m_manager, &Manager::statsUpdated, this, [this](const QString& cluster) {
        if (cluster == m_cluster)
            refresh();
    });
    connect(&m_manager, &Manager::healthUpdated, this, [this](const QString& cluster) {
        if (cluster == m_cluster)
            refresh();
    });
}

void StatusBarInfo::setCluster(const QString& cluster)
{
    m_cluster = cluster;
    refresh();
}

QString StatusBarInfo::pollText() const
{
    return m_poll->text();
}

QString StatusBarInfo::latencyText() const
{
    return m_latency->text();
}

QString StatusBarInfo::costText() const
{
    return m_cost->text();
}

void StatusBarInfo::refresh()
{
    if (m_cluster.isEmpty() || !m_manager.config().cluster(m_cluster)) {
        m_poll->clear();
        m_latency->clear();
        m_cost->clear();
        return;
    }
    const std::optional<ClusterStats> stats = m_manager.cachedStats(m_cluster);
    const std::optional<HealthReport> found = m_manager.findHealth(m_cluster);
    if (!found)
        return; // disabled a moment ago
    const HealthReport& health = *found;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!health.reachable && health.lastChecked.isValid()) {
        const HealthIssue* issue = health.issue(healthrule::Unreachable);
        m_poll->setText(tr("Last poll failed %1: %2")
                            .arg(Format::ago(health.lastChecked, now),
                                issue ? issue->localMessage
                                      : health.summary(HealthWords::Language::Translated)));
        m_poll->setStyleSheet(
            QStringLiteral("color: %1").arg(HealthStyle::color(HealthStatus::Unhealthy).name()));
    } else if (stats) {
        m_poll->setText(tr("Last poll %1 (%2)")
                            .arg(Format::time(stats->polledAt), Format::ago(stats->polledAt, now)));
        m_poll->setStyleSheet(QString());
    } else {
        m_poll->setText(tr("Waiting for the first poll…"));
        m_poll->setStyleSheet(QString());
    }
    if (!stats) {
        m_latency->clear();
        m_cost->clear();
        return;
    }
    m_latency->setText(tr("Latency %1").arg(Format::latency(stats->latencyMs)));
    const PollCost& cost = stats->cost;
    m_cost->setText(tr("Poll cost: %n round trip(s)", nullptr, int(cost.roundTrips)) + u", "
        + tr("%n command(s)", nullptr, int(cost.commands)) + u", "
        + tr("%1 sent, %2 received")
              .arg(Format::bytes(cost.bytesSent), Format::bytes(cost.bytesReceived)));
}

} // namespace qd::gui

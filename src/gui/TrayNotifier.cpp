#include "gui/TrayNotifier.h"

#include "core/engine/Manager.h"
#include "gui/HealthStyle.h"
#include "gui/Icons.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace qd::gui {

TrayNotifier::TrayNotifier(Manager& manager, QObject* parent) : QObject(parent), m_manager(manager)
{
    updateIcon();
    connect(&m_manager, &Manager::healthUpdated, this, &TrayNotifier::onHealthUpdated);
    connect(&m_manager, &Manager::clustersChanged, this, &TrayNotifier::updateIcon);
    connect(&m_manager.events(), &EventBus::published, this, &TrayNotifier::onEvent);
    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastCluster.isEmpty())
            Q_EMIT openClusterRequested(m_lastCluster);
    });
    connect(&m_tray, &QSystemTrayIcon::activated, this,
        [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT toggleWindowRequested();
        });
}

void TrayNotifier::setVisible(bool visible)
{
    m_tray.setVisible(visible && isAvailable());
}

QString TrayNotifier::labelOf(const QString& cluster) const
{
    const ClusterConfig* config = m_manager.config().cluster(cluster);
    return config ? config->displayLabel() : cluster;
}

QString TrayNotifier::toolTip() const
{
    QStringList lines {tr("QueueDeck")};
    int healthy = 0;
    for (const QString& name : m_manager.enabledClusters()) {
        const HealthStatus status = m_statuses.value(name, HealthStatus::Unknown);
        if (status == HealthStatus::Healthy)
            ++healthy;
        else
            lines.append(tr("%1: %2").arg(labelOf(name), HealthStyle::text(status)));
    }
    lines.insert(
        1, tr("%1 of %2 clusters healthy").arg(healthy).arg(m_manager.enabledClusters().size()));
    return lines.join(u'\n');
}

void TrayNotifier::onHealthUpdated(const QString& cluster)
{
    // Called after every poll of every cluster: only a changed status redraws anything.
    const std::optional<HealthReport> health = m_manager.findHealth(cluster);
    if (!health)
        return; // removed or disabled a moment ago
    const HealthStatus status = health->status;
    const auto known = m_statuses.constFind(cluster);
    if (known != m_statuses.cend() && *known == status && m_iconSet)
        return;
    m_statuses.insert(cluster, status);
    updateIcon();
}

void TrayNotifier::updateIcon()
{
    const QStringList enabled = m_manager.enabledClusters();
    m_statuses.removeIf([&enabled](const auto& it) { return !enabled.contains(it.key()); });
    HealthStatus worst = enabled.isEmpty() ? HealthStatus::Unknown : HealthStatus::Healthy;
    for (const QString& name : enabled)
        worst = HealthStyle::worse(worst, m_statuses.value(name, HealthStatus::Unknown));
    if (!m_iconSet || worst != m_worst)
        m_tray.setIcon(Icons::trayIcon(HealthStyle::color(worst)));
    m_iconSet = true;
    m_worst = worst;
    m_tray.setToolTip(toolTip());
}

void TrayNotifier::onEvent(const Event& event)
{
    const QString label = labelOf(event.cluster);
    if (event.type == events::kHealthChanged) {
        const QString status = event.data.value(u"status"_s).toString();
        const QString previous = event.data.value(u"previous"_s).toString();
        const QString subject = u"health/"_s + event.cluster;
        // The engine tells each transition once; a status told already (a repeated or replayed
        // event) is not news here either.
        const bool flapping = event.data.value(u"flapping"_s).toBool();
        if (!flapping && m_toldStatus.value(event.cluster) == status)
            return;
        m_toldStatus.insert(event.cluster, status);
        if (flapping) {
            const int changes = event.data.value(u"changes"_s).toInt();
            notify(event.cluster, subject + u"/flapping"_s, tr("%1 is flapping").arg(label),
                tr("Its health changed %n time(s) in a short while; further changes are not "
                   "notified until it is steady. Now: %1",
                    nullptr, changes)
                    .arg(HealthStyle::text(healthStatusFromName(status))),
                Severity::Warning);
            return;
        }
        // The event's text is the API's English; the window's language comes from the report.
        const std::optional<HealthReport> report = m_manager.findHealth(event.cluster);
        const QString body
            = report ? report->summary(HealthWords::Language::Translated) : event.message;
        if (status == u"unhealthy") {
            notify(
                event.cluster, subject, tr("%1 is unhealthy").arg(label), body, Severity::Critical);
        } else if (previous == u"unhealthy" && (status == u"healthy" || status == u"degraded")) {
            // A recovery ends the condition: the next failure may be told at once.
            m_throttle.reset(subject);
            notify(event.cluster, subject + u"/recovered"_s, tr("%1 recovered").arg(label), body,
                Severity::Info);
        }
        return;
    }
    if (event.type == events::kAnomalyDetected) {
        const auto severity = severityFromName(event.data.value(u"severity"_s).toString());
        if (!severity || *severity < Severity::Warning)
            return;
        notify(event.cluster,
            u"anomaly/"_s + event.cluster + u'/' + event.data.value(u"type"_s).toString() + u'/'
                + event.data.value(u"metric"_s).toString(),
            tr("Anomaly on %1").arg(label), event.message, *severity);
    }
}

void TrayNotifier::notify(const QString& cluster, const QString& subject, const QString& title,
    const QString& message, Severity severity)
{
    if (!m_enabled || !m_throttle.allow(subject, QDateTime::currentMSecsSinceEpoch()))
        return;
    QString text = message;
    if (const int held = m_throttle.takeSuppressed(); held > 0)
        text += u'\n' + tr("(%n more notification(s) held back)", nullptr, held);
    m_lastCluster = cluster;
    m_lastMessage = text;
    ++m_count;
    const auto icon = severity >= Severity::Error ? QSystemTrayIcon::Critical
        : severity == Severity::Warning           ? QSystemTrayIcon::Warning
                                                  : QSystemTrayIcon::Information;
    if (m_tray.isVisible())
        m_tray.showMessage(title, text, icon, 10000);
    Q_EMIT notified(cluster, title, text);
}

} // namespace qd::gui

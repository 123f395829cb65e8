#pragma once

#include "core/health/HealthStatus.h"
#include "core/util/Severity.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace qd::gui {

// How health and severity look everywhere in the window (tab dots, tray, summaries, anomaly
// lists), so that green, amber, red and grey mean the same thing in every corner.
class HealthStyle final {
    Q_DECLARE_TR_FUNCTIONS(HealthStyle)

public:
    static QColor color(HealthStatus status);
    static QColor color(Severity severity);
    static QString text(HealthStatus status); // "Healthy", translated
    static QString text(Severity severity);
    // A round dot of the status colour with a thin darker rim (readable on light and dark).
    static QIcon dot(HealthStatus status);
    static QIcon dot(Severity severity);
    static QIcon dot(const QColor& color);
    // The worse of two statuses for a summary (tray): Unhealthy > Degraded > Unknown > Healthy.
    static HealthStatus worse(HealthStatus a, HealthStatus b);
};

} // namespace qd::gui

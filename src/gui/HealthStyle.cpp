#include "gui/HealthStyle.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace qd::gui {

QColor HealthStyle::color(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy:
        return QColor(0x2e, 0x7d, 0x32);
    case HealthStatus::Degraded:
        return QColor(0xf5, 0x9e, 0x0b);
    case HealthStatus::Unhealthy:
        return QColor(0xd3, 0x2f, 0x2f);
    case HealthStatus::Unknown:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor HealthStyle::color(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QColor(0x19, 0x76, 0xd2);
    case Severity::Warning:
        return QColor(0xf5, 0x9e, 0x0b);
    case Severity::Error:
        return QColor(0xe6, 0x51, 0x00);
    case Severity::Critical:
        break;
    }
    return QColor(0xd3, 0x2f, 0x2f);
}

QString HealthStyle::text(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy:
        return tr("Healthy");
    case HealthStatus::Degraded:
        return tr("Degraded");
    case HealthStatus::Unhealthy:
        return tr("Unhealthy");
    case HealthStatus::Unknown:
        break;
    }
    return tr("Unknown");
}

QString HealthStyle::text(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return tr("Info");
    case Severity::Warning:
        return tr("Warning");
    case Severity::Error:
        return tr("Error");
    case Severity::Critical:
        break;
    }
    return tr("Critical");
}

QIcon HealthStyle::dot(const QColor& color)
{
    // Tables ask for a dot per cell and per paint: draw each colour once.
    static QHash<QRgb, QIcon> cache;
    const auto cached = cache.constFind(color.rgba());
    if (cached != cache.cend())
        return *cached;
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(color.darker(140), std::max(1.0, size / 12.0)));
        painter.setBrush(color);
        const qreal margin = size / 5.0;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        icon.addPixmap(pixmap);
    }
    cache.insert(color.rgba(), icon);
    return icon;
}

QIcon HealthStyle::dot(HealthStatus status)
{
    return dot(color(status));
}

QIcon HealthStyle::dot(Severity severity)
{
    return dot(color(severity));
}

HealthStatus HealthStyle::worse(HealthStatus a, HealthStatus b)
{
    const auto rank = [](HealthStatus s) {
        switch (s) {
        case HealthStatus::Healthy:
            return 0;
        case HealthStatus::Unknown:
            return 1;
        case HealthStatus::Degraded:
            return 2;
        case HealthStatus::Unhealthy:
            return 3;
        }
        return 1;
    };
    return rank(a) >= rank(b) ? a : b;
}

} // namespace qd::gui

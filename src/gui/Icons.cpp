#include "gui/Icons.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

#include <mutex>

// Q_INIT_RESOURCE must be used outside any namespace.
static void registerQueueDeckResources()
{
    Q_INIT_RESOURCE(queuedeck);
}

namespace qd::gui {
namespace {

QHash<QString, QIcon>& cache()
{
    static QHash<QString, QIcon> icons;
    return icons;
}

QByteArray readSvg(const QString& name)
{
    QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QPixmap render(const QByteArray& svg, int size)
{
    QSvgRenderer renderer(svg);
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    return pixmap;
}

QByteArray tinted(QByteArray svg, const QColor& color)
{
    return svg.replace("currentColor", color.name().toLatin1());
}

// Sizes a toolbar, a menu and a high-DPI screen ask for; QIcon picks the nearest.
constexpr int kSizes[] = {16, 24, 32, 48};

} // namespace

void Icons::ensureResources()
{
    static std::once_flag once;
    std::call_once(once, [] { registerQueueDeckResources(); });
}

QIcon Icons::icon(const QString& name)
{
    ensureResources();
    const auto found = cache().constFind(name);
    if (found != cache().cend())
        return *found;
    const QByteArray svg = readSvg(name);
    QIcon result;
    if (!svg.isEmpty()) {
        const QPalette palette = QApplication::palette();
        const QByteArray normal
            = tinted(svg, palette.color(QPalette::Active, QPalette::WindowText));
        const QByteArray disabled
            = tinted(svg, palette.color(QPalette::Disabled, QPalette::WindowText));
        for (const int size : kSizes) {
            result.addPixmap(render(normal, size), QIcon::Normal);
            result.addPixmap(render(disabled, size), QIcon::Disabled);
        }
    }
    cache().insert(name, result);
    return result;
}

QIcon Icons::appIcon()
{
    ensureResources();
    return QIcon(QStringLiteral(":/icons/queuedeck.svg"));
}

QIcon Icons::trayIcon(const QColor& tile)
{
    ensureResources();
    QByteArray svg = readSvg(QStringLiteral("tray"));
    svg.replace("@HEALTH@", tile.name().toLatin1());
    QIcon result;
    for (const int size : {16, 22, 24, 32, 48, 64})
        result.addPixmap(render(svg, size));
    return result;
}

void Icons::clearCache()
{
    cache().clear();
}

} // namespace qd::gui

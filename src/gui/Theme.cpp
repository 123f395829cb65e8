#include "gui/Theme.h"

#include "gui/Icons.h"

#include <QApplication>
#include <QStyle>

#include <optional>

namespace qd::gui {
namespace {

std::optional<QPalette>& systemPalette()
{
    static std::optional<QPalette> palette;
    return palette;
}

} // namespace

void Theme::captureSystemPalette()
{
    if (!systemPalette())
        systemPalette() = QApplication::palette();
}

void Theme::apply(GuiSettings::Theme theme)
{
    captureSystemPalette();
    switch (theme) {
    case GuiSettings::Theme::System:
        QApplication::setPalette(*systemPalette());
        break;
    case GuiSettings::Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case GuiSettings::Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
    Icons::clearCache();
}

bool Theme::isDark()
{
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::WindowText).lightness()
        > palette.color(QPalette::Window).lightness();
}

QColor Theme::highlightBackground()
{
    return isDark() ? QColor(0x7a, 0x4a, 0x00) : QColor(0xff, 0xe0, 0xa3);
}

QColor Theme::mutedText()
{
    return QApplication::palette().color(QPalette::Disabled, QPalette::WindowText);
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor muted(0x86, 0x8b, 0x93);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x40, 0x43));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    for (const QPalette::ColorRole role :
        {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, muted);
    }
    return p;
}

QPalette Theme::lightPalette()
{
    // The style's own palette is a neutral light one on every platform.
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x19, 0x76, 0xd2));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace qd::gui

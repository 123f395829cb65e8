#include "gui/GuiSettings.h"

#include <QSplitter>

using namespace Qt::StringLiterals;

namespace qd::gui {

QByteArray GuiSettings::geometry() const
{
    return m_settings.value(u"window/geometry"_s).toByteArray();
}

void GuiSettings::setGeometry(const QByteArray& geometry)
{
    m_settings.setValue(u"window/geometry"_s, geometry);
}

QByteArray GuiSettings::windowState() const
{
    return m_settings.value(u"window/state"_s).toByteArray();
}

void GuiSettings::setWindowState(const QByteArray& state)
{
    m_settings.setValue(u"window/state"_s, state);
}

QString GuiSettings::lastCluster() const
{
    return m_lastCluster ? *m_lastCluster : m_settings.value(u"window/lastCluster"_s).toString();
}

void GuiSettings::setLastCluster(const QString& cluster)
{
    m_lastCluster = cluster;
}

void GuiSettings::saveSplitter(const QSplitter* splitter)
{
    if (!splitter->objectName().isEmpty())
        m_splitters.insert(splitter->objectName(), splitter->saveState());
}

void GuiSettings::restoreSplitter(QSplitter* splitter) const
{
    QByteArray state = m_splitters.value(splitter->objectName());
    if (state.isEmpty())
        state = m_settings.value(u"splitters/"_s + splitter->objectName()).toByteArray();
    if (!state.isEmpty())
        splitter->restoreState(state);
}

void GuiSettings::sync()
{
    if (m_lastCluster)
        m_settings.setValue(u"window/lastCluster"_s, *m_lastCluster);
    for (auto it = m_splitters.cbegin(); it != m_splitters.cend(); ++it)
        m_settings.setValue(u"splitters/"_s + it.key(), it.value());
    m_lastCluster.reset();
    m_splitters.clear();
    m_settings.sync();
}

bool GuiSettings::closeToTray() const
{
    return m_settings.value(u"tray/closeToTray"_s, false).toBool();
}

void GuiSettings::setCloseToTray(bool enabled)
{
    m_settings.setValue(u"tray/closeToTray"_s, enabled);
}

bool GuiSettings::notificationsEnabled() const
{
    return m_settings.value(u"tray/notifications"_s, true).toBool();
}

void GuiSettings::setNotificationsEnabled(bool enabled)
{
    m_settings.setValue(u"tray/notifications"_s, enabled);
}

GuiSettings::Theme GuiSettings::theme() const
{
    const QString name = m_settings.value(u"view/theme"_s).toString();
    if (name == u"light")
        return Theme::Light;
    if (name == u"dark")
        return Theme::Dark;
    return Theme::System;
}

void GuiSettings::setTheme(Theme theme)
{
    const QString name = theme == Theme::Light ? u"light"_s
        : theme == Theme::Dark                 ? u"dark"_s
                                               : u"system"_s;
    m_settings.setValue(u"view/theme"_s, name);
}

int GuiSettings::peekCount() const
{
    return m_settings.value(u"deadLetters/peekCount"_s, 50).toInt();
}

void GuiSettings::setPeekCount(int count)
{
    m_settings.setValue(u"deadLetters/peekCount"_s, count);
}

QString GuiSettings::compareMetric() const
{
    return m_settings.value(u"compare/metric"_s, u"queue_size"_s).toString();
}

void GuiSettings::setCompareMetric(const QString& metric)
{
    m_settings.setValue(u"compare/metric"_s, metric);
}

} // namespace qd::gui

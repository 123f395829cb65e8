#pragma once

#include <QByteArray>
#include <QHash>
#include <QSettings>
#include <QString>

#include <optional>

class QSplitter;

namespace qd::gui {

// The desktop's own preferences (QSettings): window geometry and layout, the last active
// cluster, splitter positions, close-to-tray, theme, notifications. The config file holds what
// the engine needs; this holds only how one person likes the window.
class GuiSettings final {
public:
    enum class Theme { System, Light, Dark };

    GuiSettings() = default;
    ~GuiSettings() { sync(); }
    GuiSettings(const GuiSettings&) = delete;
    GuiSettings& operator=(const GuiSettings&) = delete;

    QByteArray geometry() const;
    void setGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    QString lastCluster() const;
    void setLastCluster(const QString& cluster);

    // Splitters are stored by objectName, so every splitter of the window can be restored.
    void saveSplitter(const QSplitter* splitter);
    void restoreSplitter(QSplitter* splitter) const;

    bool closeToTray() const;
    void setCloseToTray(bool enabled);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    Theme theme() const;
    void setTheme(Theme theme);
    int peekCount() const;
    void setPeekCount(int count);
    QString compareMetric() const;
    void setCompareMetric(const QString& metric);

    // Writes what is held in memory and flushes to disk (the window calls it when it closes).
    void sync();

private:
    QSettings m_settings;
    // What changes with every tab switch or splitter drag is kept here until sync(): QSettings
    // writes its file from the event loop after each change, and a disk write on every tab
    // switch is a stall the operator feels.
    std::optional<QString> m_lastCluster;
    QHash<QString, QByteArray> m_splitters;
};

} // namespace qd::gui

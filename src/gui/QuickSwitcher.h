#pragma once

#include "core/health/HealthStatus.h"

#include <QColor>
#include <QDialog>
#include <QList>
#include <QString>

#include <optional>

class QLineEdit;
class QListWidget;

namespace qd {
class Manager;
}

namespace qd::gui {

class ClusterTabBar;

// Ctrl+K: type a few letters of a cluster's label, name, group or endpoint host and press Enter
// to go there. With hundreds of clusters this is quicker than any tab bar or menu.
class QuickSwitcher final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickSwitcher)

public:
    struct Entry {
        QString cluster;
        QString label;
        QString group;
        QString host;
        QColor color;
        HealthStatus health = HealthStatus::Unknown;
    };

    explicit QuickSwitcher(QList<Entry> entries, QWidget* parent = nullptr);

    // The enabled clusters of the engine, with the health the tab bar shows.
    static QList<Entry> entriesFrom(const Manager& manager, const ClusterTabBar& tabs);
    // "redis.example:6379" -> "redis.example", "rediss://user@h:1/0" -> "h", unix paths as is.
    static QString hostOf(const QString& endpoint);
    // Whether every word of filter occurs in the entry (label, name, group, host), and how well:
    // lower is better (label prefix first); nullopt when it does not match.
    static std::optional<int> score(const Entry& entry, const QString& filter);

    QLineEdit* edit() const { return m_edit; }
    QListWidget* list() const { return m_list; }
    // The clusters listed now, best match first.
    QStringList shownClusters() const;

Q_SIGNALS:
    void clusterChosen(const QString& cluster);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refill(const QString& filter);
    void choose();

    QList<Entry> m_entries;
    QLineEdit* m_edit = nullptr;
    QListWidget* m_list = nullptr;
};

} // namespace qd::gui

#pragma once

#include "core/health/HealthStatus.h"

#include <QCoreApplication>

#include <functional>

class QMenu;

namespace qd {
class Manager;
}

namespace qd::gui {

class ClusterTabBar;

// The clusters as a menu grouped by the configuration's `group`: a submenu per group (its dot
// the worst health in it), ungrouped clusters after them. With a fleet the tab bar scrolls;
// this menu and the overview are how one gets to a cluster without scrolling it.
class ClusterMenu final {
    Q_DECLARE_TR_FUNCTIONS(ClusterMenu)

public:
    using Open = std::function<void(const QString& cluster)>;
    using HealthOf = std::function<HealthStatus(const QString& cluster)>;
    // Replaces the menu's entries. Health comes from the tab bar (what its dots show).
    static void fill(
        QMenu* menu, const Manager& manager, const ClusterTabBar& tabs, const Open& open);
    static void fill(QMenu* menu, const Manager& manager, const HealthOf& health, const Open& open);
};

} // namespace qd::gui

#include "gui/ClusterMenu.h"

#include "core/engine/Manager.h"
#include "gui/ClusterTabBar.h"
#include "gui/HealthStyle.h"

#include <QHash>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace qd::gui {

void ClusterMenu::fill(
    QMenu* menu, const Manager& manager, const ClusterTabBar& tabs, const Open& open)
{
    fill(
        menu, manager,
        [&tabs](const QString& name) {
            const int tab = tabs.indexOf(name);
            return tab >= 0 ? tabs.healthAt(tab) : HealthStatus::Unknown;
        },
        open);
}

void ClusterMenu::fill(
    QMenu* menu, const Manager& manager, const HealthOf& health, const Open& open)
{
    menu->clear();
    QStringList groups;
    QHash<QString, QStringList> members;
    for (const QString& name : manager.enabledClusters()) {
        const QString& group = manager.cluster(name).group;
        if (!members.contains(group) && !group.isEmpty())
            groups.append(group);
        members[group].append(name);
    }
    const auto addCluster = [&](QMenu* into, const QString& name) {
        QAction* action
            = into->addAction(HealthStyle::dot(health(name)), manager.cluster(name).displayLabel());
        action->setObjectName(u"menu_cluster_"_s + name);
        QObject::connect(action, &QAction::triggered, menu, [open, name] { open(name); });
    };
    for (const QString& group : std::as_const(groups)) {
        const QStringList& names = members.value(group);
        HealthStatus worst = HealthStatus::Healthy;
        for (const QString& name : names)
            worst = HealthStyle::worse(worst, health(name));
        QMenu* sub = menu->addMenu(HealthStyle::dot(worst),
            tr("%1 (%n cluster(s))", nullptr, int(names.size())).arg(group));
        sub->setObjectName(u"menu_group_"_s + group);
        for (const QString& name : names)
            addCluster(sub, name);
    }
    const QStringList ungrouped = members.value(QString());
    if (!groups.isEmpty() && !ungrouped.isEmpty())
        menu->addSection(tr("No group"));
    for (const QString& name : ungrouped)
        addCluster(menu, name);
}

} // namespace qd::gui

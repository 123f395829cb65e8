#include "gui/ClusterStack.h"

#include "core/engine/Manager.h"
#include "core/util/ColorNames.h"
#include "gui/ClusterMenu.h"
#include "gui/ClusterPage.h"
#include "gui/ClusterTabBar.h"
#include "gui/CompareView.h"
#include "gui/OverviewPage.h"

#include <QHBoxLayout>
#include <QMenu>
#include <QScopedValueRollback>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace qd::gui {

ClusterStack::ClusterStack(
    Manager& manager, ActionController& actions, GuiSettings& settings, QWidget* parent)
    : QWidget(parent), m_manager(manager), m_actions(actions), m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_tabs = new ClusterTabBar(this);
    m_tabs->setFocusPolicy(Qt::TabFocus);
    // Before the tabs: the overview and the clusters by group, which is how a fleet of
    // clusters is reached when the tabs no longer fit (docs/user-guide.md).
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    m_overviewButton = new QToolButton(this);
    m_overviewButton->setObjectName(QStringLiteral("overviewButton"));
    m_overviewButton->setText(tr("Overview"));
    m_overviewButton->setToolTip(tr("Every cluster on one page (0)"));
    m_overviewButton->setCheckable(true);
    m_overviewButton->setAutoRaise(true);
    m_groupsButton = new QToolButton(this);
    m_groupsButton->setObjectName(QStringLiteral("groupsButton"));
    m_groupsButton->setText(tr("Groups"));
    m_groupsButton->setToolTip(tr("The clusters by group"));
    m_groupsButton->setPopupMode(QToolButton::InstantPopup);
    m_groupsButton->setAutoRaise(true);
    m_groupsMenu = new QMenu(m_groupsButton);
    m_groupsButton->setMenu(m_groupsMenu);
    row->addWidget(m_overviewButton);
    row->addWidget(m_groupsButton);
    row->addWidget(m_tabs, 1);
    layout->addLayout(row);
    connect(m_overviewButton, &QToolButton::clicked, this, [this] {
        m_overviewButton->setChecked(isOverviewShown());
        Q_EMIT overviewRequested();
    });
    connect(m_groupsMenu, &QMenu::aboutToShow, this, [this] {
        ClusterMenu::fill(m_groupsMenu, m_manager, *m_tabs,
            [this](const QString& cluster) { Q_EMIT clusterRequested(cluster); });
    });
    // A click on a tab while the overview is shown opens that cluster, the current one too.
    connect(m_tabs, &QTabBar::tabBarClicked, this, [this](int index) {
        if (isOverviewShown() && index >= 0)
            Q_EMIT clusterRequested(m_tabs->clusterAt(index));
    });
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, &ClusterStack::onTabChanged);
    connect(&m_manager, &Manager::statsUpdated, this, &ClusterStack::onStatsUpdated);
    connect(&m_manager, &Manager::healthUpdated, this, &ClusterStack::onHealthUpdated);
    syncClusters();
    // Built now, behind the cluster pages, not on the first switch into it: building its
    // tables and chart took most of that switch (about 20 ms, more than a frame), and costs
    // start-up far less than it costs an operator waiting for the view.
    m_compare = new CompareView(m_manager, m_settings, m_stack);
    m_stack->addWidget(m_compare);
    connect(m_compare, &CompareView::clustersChosen, this, &ClusterStack::compareClustersChosen);
}

CompareView* ClusterStack::compareView()
{
    return m_compare;
}

ClusterPage* ClusterStack::page(const QString& cluster)
{
    if (ClusterPage* existing = m_pages.value(cluster))
        return existing;
    if (m_tabs->indexOf(cluster) < 0)
        return nullptr;
    auto* created = new ClusterPage(cluster, m_manager, m_actions, m_settings, m_stack);
    m_stack->addWidget(created);
    m_pages.insert(cluster, created);
    return created;
}

void ClusterStack::syncClusters()
{
    const QStringList enabled = m_manager.enabledClusters();
    // Pages of clusters that went (or were renamed) go; a page that stays catches up with an
    // edited configuration on the cluster's next poll.
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (!enabled.contains(it.key())) {
            delete it.value();
            it = m_pages.erase(it);
        } else {
            ++it;
        }
    }
    const QScopedValueRollback syncing(m_syncing, true);
    QList<ClusterTabBar::Tab> tabs;
    for (const QString& name : enabled) {
        const ClusterConfig& cluster = m_manager.cluster(name);
        tabs.append({name, cluster.displayLabel(),
            QColor(resolveColor(cluster.color).value_or(QStringLiteral("#9e9e9e"))),
            cluster.endpoint});
    }
    m_tabs->setTabs(tabs);
    for (const QString& name : enabled)
        onHealthUpdated(name);
    if (m_compare) // null only while the constructor runs
        m_compare->rebuildPicker();
    if (!isCompareShown())
        onTabChanged(m_tabs->currentIndex());
}

ClusterPage* ClusterStack::currentPage()
{
    return page(currentCluster());
}

QString ClusterStack::currentCluster() const
{
    return m_tabs->currentCluster();
}

bool ClusterStack::isCompareShown() const
{
    return m_stack->currentWidget() == m_compare;
}

OverviewPage* ClusterStack::overview()
{
    if (!m_overview) {
        m_overview = new OverviewPage(m_manager, m_stack);
        m_stack->addWidget(m_overview);
        m_overview->setSelectedClusters(m_tabs->selectedClusters());
        connect(m_tabs, &ClusterTabBar::selectionChanged, m_overview,
            &OverviewPage::setSelectedClusters);
        connect(
            m_overview, &OverviewPage::selectionToggled, m_tabs, &ClusterTabBar::toggleSelected);
        connect(m_overview, &OverviewPage::openRequested, this, &ClusterStack::clusterRequested);
        connect(m_overview, &OverviewPage::quickSwitchRequested, this,
            &ClusterStack::quickSwitchRequested);
        connect(m_stack, &QStackedWidget::currentChanged, this,
            [this] { m_overviewButton->setChecked(isOverviewShown()); });
    }
    return m_overview;
}

bool ClusterStack::isOverviewShown() const
{
    return m_overview && m_stack->currentWidget() == m_overview;
}

void ClusterStack::showOverview()
{
    OverviewPage* page = overview();
    m_stack->setCurrentWidget(page);
    page->view()->setFocus();
    if (page->currentCluster().isEmpty())
        page->setCurrentCluster(currentCluster());
}

QStringList ClusterStack::compareCandidates() const
{
    const QStringList selected = m_tabs->selectedClusters();
    if (selected.size() >= CompareModeConfig::kMinClusters)
        return selected.mid(0, CompareModeConfig::kMaxClusters);
    const QStringList enabled = m_manager.enabledClusters();
    const QStringList previous = m_manager.compareMode().clusters;
    const bool previousValid = previous.size() >= CompareModeConfig::kMinClusters
        && std::all_of(previous.cbegin(), previous.cend(),
            [&enabled](const QString& name) { return enabled.contains(name); });
    if (previousValid)
        return previous;
    QStringList chosen;
    const qsizetype start = std::max<qsizetype>(0, enabled.indexOf(currentCluster()));
    for (qsizetype i = 0; i < enabled.size() && chosen.size() < CompareModeConfig::kMaxClusters;
         ++i)
        chosen.append(enabled.at((start + i) % enabled.size()));
    return chosen;
}

void ClusterStack::showCluster(const QString& cluster)
{
    const int index = m_tabs->indexOf(cluster);
    if (index < 0)
        return;
    m_tabs->setCurrentIndex(index);
    showPages();
}

void ClusterStack::showPages()
{
    if (ClusterPage* current = currentPage())
        m_stack->setCurrentWidget(current);
}

void ClusterStack::showCompare(const QStringList& clusters)
{
    compareView()->setClusters(clusters);
    m_stack->setCurrentWidget(m_compare);
}

void ClusterStack::onTabChanged(int index)
{
    const QString cluster = m_tabs->clusterAt(index);
    if (cluster.isEmpty())
        return;
    if (!isCompareShown() && !(m_syncing && isOverviewShown()))
        m_stack->setCurrentWidget(page(cluster));
    Q_EMIT currentClusterChanged(cluster);
}

void ClusterStack::onStatsUpdated(const QString& cluster)
{
    // A page not built yet reads the cache when it is.
    if (ClusterPage* existing = m_pages.value(cluster))
        existing->refreshStats();
}

void ClusterStack::onHealthUpdated(const QString& cluster)
{
    const std::optional<HealthReport> health = m_manager.findHealth(cluster);
    if (!health)
        return; // removed or disabled a moment ago: the dot stays grey
    m_tabs->setHealth(cluster, health->status, health->summary(HealthWords::Language::Translated));
    if (ClusterPage* existing = m_pages.value(cluster))
        existing->refreshHealth();
}

} // namespace qd::gui

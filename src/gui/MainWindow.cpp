#include "gui/MainWindow.h"

#include "core/util/ColorNames.h"

#include <QFormLayout>
#include <QLabel>
#include <QTabBar>
#include <QTabWidget>

namespace qd::gui {

MainWindow::MainWindow(Config config, QWidget* parent)
    : QMainWindow(parent), m_config(std::move(config)), m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("QueueDeck"));
    setCentralWidget(m_tabs);
    buildTabs();
    resize(1100, 720);
}

void MainWindow::buildTabs()
{
    for (const ClusterConfig& cluster : std::as_const(m_config.clusters)) {
        if (!cluster.enabled)
            continue;
        auto* page = new QWidget(m_tabs);
        auto* form = new QFormLayout(page);
        form->addRow(tr("Endpoint:"), new QLabel(cluster.endpoint, page));
        form->addRow(tr("Mode:"), new QLabel(clusterModeName(cluster.mode), page));
        form->addRow(tr("Database:"), new QLabel(QString::number(cluster.db), page));
        const int index = m_tabs->addTab(page, cluster.displayLabel());
        m_tabs->tabBar()->setTabTextColor(
            index, QColor(resolveColor(cluster.color).value_or(QString())));
        if (cluster.name == m_config.defaultCluster)
            m_tabs->setCurrentIndex(index);
    }
}

} // namespace qd::gui

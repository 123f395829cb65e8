#include "api/controllers/RenderedStats.h"

#include "api/json/ClusterStatsJson.h"
#include "core/engine/Manager.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace qd::api {

RenderedStats::RenderedStats(Manager& manager, QObject* parent)
    : QObject(parent), m_manager(manager)
{
    connect(&manager, &Manager::statsUpdated, this, &RenderedStats::invalidate);
    connect(&manager, &Manager::clustersChanged, this, [this] {
        m_clusters.clear();
        m_all.clear();
    });
}

RenderedStats::~RenderedStats() = default;

void RenderedStats::invalidate(const QString& cluster)
{
    m_clusters.remove(cluster);
    m_all.clear();
}

QByteArray RenderedStats::cluster(const QString& name)
{
    auto it = m_clusters.find(name);
    if (it == m_clusters.end()) {
        const auto stats = m_manager.cachedStats(name);
        const QByteArray body = stats
            ? QJsonDocument(clusterStatsToJson(*stats)).toJson(QJsonDocument::Compact)
            : QByteArray();
        it = m_clusters.insert(name, body);
    }
    return *it;
}

QByteArray RenderedStats::all()
{
    if (m_all.isEmpty()) {
        const QMap<QString, ClusterStats> stats = m_manager.allStats();
        QJsonObject json;
        for (auto it = stats.cbegin(); it != stats.cend(); ++it)
            json.insert(it.key(), clusterStatsToJson(it.value()));
        m_all = QJsonDocument(json).toJson(QJsonDocument::Compact);
    }
    return m_all;
}

} // namespace qd::api

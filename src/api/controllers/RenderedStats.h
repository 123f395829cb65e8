#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>

namespace qd {
class Manager;
}

namespace qd::api {

// The JSON of GET /api/v1/stats, rendered once per poll instead of once per request: stats only
// change when a poll lands, and serializing twenty clusters costs far more than serving bytes.
// Entries are dropped when their cluster's stats change or the set of clusters does.
class RenderedStats final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RenderedStats)

public:
    explicit RenderedStats(Manager& manager, QObject* parent = nullptr);
    ~RenderedStats() override;

    // The body for one cluster (it must have stats; Manager::stats() is the caller's check).
    QByteArray cluster(const QString& name);
    // The body for every cluster, keyed by name.
    QByteArray all();

private:
    void invalidate(const QString& cluster);

    Manager& m_manager;
    QHash<QString, QByteArray> m_clusters;
    QByteArray m_all;
};

} // namespace qd::api

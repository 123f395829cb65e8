#include "gui/ClusterTabBar.h"

#include "gui/HealthStyle.h"

#include <QLabel>
#include <QPainter>
#include <QPainterPath>

namespace qd::gui {
namespace {

constexpr int kStripe = 4;
constexpr int kBadge = 14;

} // namespace

ClusterTabBar::ClusterTabBar(QWidget* parent) : QTabBar(parent)
{
    setObjectName(QStringLiteral("clusterTabBar"));
    setDrawBase(false);
    setExpanding(false);
    setElideMode(Qt::ElideRight);
    setUsesScrollButtons(true);
    setMovable(false);
    setIconSize(QSize(14, 14));
}

void ClusterTabBar::setTabs(const QList<Tab>& tabs)
{
    const QString current = currentCluster();
    QList<State> next;
    for (const Tab& tab : tabs) {
        State state {tab, HealthStatus::Unknown, {}, false};
        for (const State& old : std::as_const(m_states)) {
            if (old.tab.cluster == tab.cluster) {
                state.health = old.health;
                state.summary = old.summary;
                state.selected = old.selected;
            }
        }
        next.append(state);
    }
    const QStringList selectedBefore = selectedClusters();
    const QSignalBlocker blocker(this);
    while (count() > 0)
        removeTab(count() - 1);
    m_states = next;
    for (int i = 0; i < m_states.size(); ++i) {
        addTab(m_states.at(i).tab.label);
        updateTab(i);
    }
    const int keep = indexOf(current);
    setCurrentIndex(keep >= 0 ? keep : (count() > 0 ? 0 : -1));
    if (selectedClusters() != selectedBefore)
        Q_EMIT selectionChanged(selectedClusters());
}

int ClusterTabBar::indexOf(const QString& cluster) const
{
    for (int i = 0; i < m_states.size(); ++i) {
        if (m_states.at(i).tab.cluster == cluster)
            return i;
    }
    return -1;
}

QString ClusterTabBar::clusterAt(int index) const
{
    return index >= 0 && index < m_states.size() ? m_states.at(index).tab.cluster : QString();
}

QColor ClusterTabBar::colorAt(int index) const
{
    return index >= 0 && index < m_states.size() ? m_states.at(index).tab.color : QColor();
}

HealthStatus ClusterTabBar::healthAt(int index) const
{
    return index >= 0 && index < m_states.size() ? m_states.at(index).health
                                                 : HealthStatus::Unknown;
}

void ClusterTabBar::setHealth(const QString& cluster, HealthStatus status, const QString& summary)
{
    const int index = indexOf(cluster);
    if (index < 0)
        return;
    State& state = m_states[index];
    if (state.health == status && state.summary == summary)
        return;
    state.health = status;
    state.summary = summary;
    updateTab(index);
}

bool ClusterTabBar::isSelected(const QString& cluster) const
{
    const int index = indexOf(cluster);
    return index >= 0 && m_states.at(index).selected;
}

void ClusterTabBar::setSelected(const QString& cluster, bool selected)
{
    const int index = indexOf(cluster);
    if (index < 0 || m_states.at(index).selected == selected)
        return;
    m_states[index].selected = selected;
    updateTab(index);
    Q_EMIT selectionChanged(selectedClusters());
}

void ClusterTabBar::clearSelection()
{
    bool changed = false;
    for (int i = 0; i < m_states.size(); ++i) {
        if (m_states.at(i).selected) {
            m_states[i].selected = false;
            updateTab(i);
            changed = true;
        }
    }
    if (changed)
        Q_EMIT selectionChanged({});
}

QStringList ClusterTabBar::selectedClusters() const
{
    QStringList selected;
    for (const State& state : m_states) {
        if (state.selected)
            selected.append(state.tab.cluster);
    }
    return selected;
}

QPixmap ClusterTabBar::selectionBadge() const
{
    const qreal dpr = devicePixelRatioF();
    QPixmap pixmap(QSize(kBadge, kBadge) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF badge(0.5, 0.5, kBadge - 1, kBadge - 1);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    painter.drawEllipse(badge);
    QPainterPath check;
    check.moveTo(badge.left() + badge.width() * 0.27, badge.top() + badge.height() * 0.52);
    check.lineTo(badge.left() + badge.width() * 0.44, badge.top() + badge.height() * 0.70);
    check.lineTo(badge.left() + badge.width() * 0.74, badge.top() + badge.height() * 0.33);
    painter.setPen(QPen(palette().color(QPalette::HighlightedText), 1.8, Qt::SolidLine,
        Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(check);
    return pixmap;
}

void ClusterTabBar::updateTab(int index)
{
    const State& state = m_states.at(index);
    // The badge is a tab button, so the tab makes room for it instead of drawing over the label.
    QWidget* old = tabButton(index, QTabBar::RightSide);
    if (state.selected && !old) {
        auto* badge = new QLabel(this);
        badge->setObjectName(QStringLiteral("selectionBadge"));
        badge->setPixmap(selectionBadge());
        badge->setFixedSize(kBadge, kBadge);
        setTabButton(index, QTabBar::RightSide, badge);
    } else if (!state.selected && old) {
        setTabButton(index, QTabBar::RightSide, nullptr);
        old->deleteLater();
    }
    setTabIcon(index, HealthStyle::dot(state.health));
    setTabData(index, state.tab.cluster);
    QString tip = QStringLiteral("<b>%1</b><br>%2<br>%3")
                      .arg(state.tab.label.toHtmlEscaped(), state.tab.endpoint.toHtmlEscaped(),
                          HealthStyle::text(state.health));
    if (!state.summary.isEmpty() && state.health != HealthStatus::Healthy)
        tip += QStringLiteral(": ") + state.summary.toHtmlEscaped();
    if (index < 9)
        tip += QStringLiteral("<br>") + tr("Key %1 shows this cluster").arg(index + 1);
    if (state.selected)
        tip += QStringLiteral("<br>") + tr("Selected for the next action (Space)");
    setTabToolTip(index, tip);
    setAccessibleTabName(index,
        state.selected
            ? tr("%1, %2, selected").arg(state.tab.label, HealthStyle::text(state.health))
            : tr("%1, %2").arg(state.tab.label, HealthStyle::text(state.health)));
    update();
}

QSize ClusterTabBar::tabSizeHint(int index) const
{
    QSize size = QTabBar::tabSizeHint(index);
    // Room for the colour stripe under the label.
    return QSize(size.width(), size.height() + kStripe);
}

void ClusterTabBar::paintEvent(QPaintEvent* event)
{
    QTabBar::paintEvent(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < m_states.size(); ++i) {
        const State& state = m_states.at(i);
        const QRect rect = tabRect(i);
        const bool current = i == currentIndex();
        QColor stripe = state.tab.color;
        if (!current)
            stripe.setAlphaF(0.55f);
        painter.fillRect(QRect(rect.left() + 3, rect.bottom() - kStripe + 1, rect.width() - 6,
                             current ? kStripe : kStripe - 1),
            stripe);
    }
}

} // namespace qd::gui

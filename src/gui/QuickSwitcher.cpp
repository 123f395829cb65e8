#include "gui/QuickSwitcher.h"

#include "core/engine/Manager.h"
#include "core/util/ColorNames.h"
#include "gui/ClusterTabBar.h"
#include "gui/HealthStyle.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qd::gui {

QuickSwitcher::QuickSwitcher(QList<Entry> entries, QWidget* parent)
    : QDialog(parent), m_entries(std::move(entries))
{
    setObjectName(u"quickSwitcher"_s);
    setWindowTitle(tr("Go to cluster"));
    auto* layout = new QVBoxLayout(this);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(u"quickSwitcherFilter"_s);
    m_edit->setPlaceholderText(tr("Cluster label, name, group or host"));
    m_edit->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"quickSwitcherList"_s);
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus); // typing stays in the filter; arrows move the list
    layout->addWidget(m_edit);
    layout->addWidget(m_list, 1);
    resize(520, 420);

    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::textChanged, this, &QuickSwitcher::refill);
    connect(m_edit, &QLineEdit::returnPressed, this, &QuickSwitcher::choose);
    connect(m_list, &QListWidget::itemActivated, this, &QuickSwitcher::choose);
    connect(m_list, &QListWidget::itemClicked, this, &QuickSwitcher::choose);
    refill({});
}

QList<QuickSwitcher::Entry> QuickSwitcher::entriesFrom(
    const Manager& manager, const ClusterTabBar& tabs)
{
    QList<Entry> entries;
    for (const QString& name : manager.enabledClusters()) {
        const ClusterConfig& config = manager.cluster(name);
        const int tab = tabs.indexOf(name);
        entries.append({name, config.displayLabel(), config.group, hostOf(config.endpoint),
            QColor(resolveColor(config.color).value_or(u"#9e9e9e"_s)),
            tab >= 0 ? tabs.healthAt(tab) : HealthStatus::Unknown});
    }
    return entries;
}

QString QuickSwitcher::hostOf(const QString& endpoint)
{
    QString rest = endpoint.trimmed();
    if (rest.startsWith(u"unix://"))
        return rest.mid(7);
    if (const qsizetype scheme = rest.indexOf(u"://"); scheme >= 0)
        rest = rest.mid(scheme + 3);
    if (const qsizetype at = rest.lastIndexOf(u'@'); at >= 0)
        rest = rest.mid(at + 1);
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0)
        rest = rest.left(slash);
    if (rest.startsWith(u'[')) // [v6]:port
        return rest.mid(1, rest.indexOf(u']') - 1);
    if (const qsizetype colon = rest.lastIndexOf(u':'); colon >= 0)
        rest = rest.left(colon);
    return rest;
}

std::optional<int> QuickSwitcher::score(const Entry& entry, const QString& filter)
{
    const QStringList words = filter.split(u' ', Qt::SkipEmptyParts);
    const QString haystack
        = QStringList {entry.label, entry.cluster, entry.group, entry.host}.join(u'\n');
    for (const QString& word : words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return std::nullopt;
    }
    if (words.isEmpty())
        return 0;
    const QString& first = words.first();
    if (entry.label.startsWith(first, Qt::CaseInsensitive))
        return 0;
    if (entry.cluster.startsWith(first, Qt::CaseInsensitive))
        return 1;
    if (entry.label.contains(first, Qt::CaseInsensitive))
        return 2;
    return 3;
}

QStringList QuickSwitcher::shownClusters() const
{
    QStringList shown;
    for (int row = 0; row < m_list->count(); ++row)
        shown.append(m_list->item(row)->data(Qt::UserRole).toString());
    return shown;
}

void QuickSwitcher::refill(const QString& filter)
{
    struct Match {
        int score;
        qsizetype order;
    };
    QList<Match> matches;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (const std::optional<int> s = score(m_entries.at(i), filter))
            matches.append({*s, i});
    }
    std::stable_sort(matches.begin(), matches.end(),
        [](const Match& a, const Match& b) { return a.score < b.score; });
    m_list->clear();
    for (const Match& match : std::as_const(matches)) {
        const Entry& entry = m_entries.at(match.order);
        QStringList details;
        if (!entry.group.isEmpty())
            details.append(entry.group);
        details.append(entry.host);
        if (entry.label != entry.cluster)
            details.prepend(entry.cluster);
        auto* item = new QListWidgetItem(HealthStyle::dot(entry.health),
            u"%1    %2"_s.arg(entry.label, details.join(u" · "_s)), m_list);
        item->setData(Qt::UserRole, entry.cluster);
        item->setToolTip(HealthStyle::text(entry.health));
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void QuickSwitcher::choose()
{
    QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    const QString cluster = item->data(Qt::UserRole).toString();
    accept();
    Q_EMIT clusterChosen(cluster);
}

bool QuickSwitcher::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown
            || key == Qt::Key_PageUp) {
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace qd::gui

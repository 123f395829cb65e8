// Compare mode against real servers: C shows two to four clusters side by side with deltas,
// highlights the cell beyond delta_threshold and leaves the others plain, charts one line per
// cluster in its colour, exports CSV and JSON, and follows the engine's compare mode (what
// PUT /api/v1/ui/compare changes).

#include "GuiHarness.h"
#include "core/util/ColorNames.h"
#include "gui/AnomalyTableModel.h"
#include "gui/ClusterTabBar.h"
#include "gui/CompareTableModel.h"
#include "gui/CompareView.h"
#include "gui/KeyedTableModel.h"
#include "gui/TrendChart.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QSplitter>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::CompareTableModel;

namespace {

// The row of a metric in a compare model, or -1.
int rowOf(const CompareTableModel* model, const QString& metric)
{
    return model->rowOf(metric);
}

} // namespace

class TestCompareView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestCompareView"_s);
        m_servers = startServers(3);
        // production: 100 queued; staging: 600 queued (far beyond 10 % and the 50-job floor);
        // eu: 110 queued. Dead letters: 3 against 4 (below the floor: never highlighted).
        fill(*m_servers[0], u"jobqueue:high_priority"_s, 100);
        fill(*m_servers[1], u"jobqueue:high_priority"_s, 600);
        fill(*m_servers[2], u"jobqueue:high_priority"_s, 110);
        fill(*m_servers[0], u"jobqueue:dead_letter"_s, 3);
        fill(*m_servers[1], u"jobqueue:dead_letter"_s, 4);
    }

    void init() { QSettings().clear(); }

    void keyCShowsDeltasAndHighlightsBeyondThreshold()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        waitForPolls(h);
        // Two clusters chosen with Space, then C.
        QTest::keyClick(&h.window(), Qt::Key_Space);
        QTest::keyClick(&h.window(), Qt::Key_2);
        QTest::keyClick(&h.window(), Qt::Key_Space);
        QCOMPARE(
            h.window().tabBar()->selectedClusters(), QStringList({u"production"_s, u"staging"_s}));
        QTest::keyClick(&h.window(), Qt::Key_C);
        QVERIFY(h.window().isCompareShown());
        QVERIFY(h.manager().compareMode().enabled);
        gui::CompareView* view = h.window().compareView();
        QCOMPARE(view->clusters(), QStringList({u"production"_s, u"staging"_s}));

        const CompareTableModel* jobs = view->jobsModel();
        QTRY_VERIFY(rowOf(jobs, u"queue_size"_s) >= 0);
        const int queued = rowOf(jobs, u"queue_size"_s);
        const int production = jobs->columnOf(u"production"_s);
        const int staging = jobs->columnOf(u"staging"_s);
        QCOMPARE(jobs->headerData(production, Qt::Horizontal, Qt::DisplayRole).toString(),
            u"Production"_s);
        QCOMPARE(jobs->index(queued, production).data().toString(), u"100"_s);
        QCOMPARE(jobs->index(queued, staging).data().toString(), u"600"_s);
        QCOMPARE(jobs->index(queued, jobs->deltaColumn()).data().toString(), u"500"_s);
        // A pair that differs enough has both sides marked, and only those cells.
        QVERIFY(jobs->index(queued, staging).data(gui::HighlightRole).toBool());
        QVERIFY(jobs->index(queued, production).data(gui::HighlightRole).toBool());
        QVERIFY(jobs->index(queued, staging).data(Qt::BackgroundRole).isValid());
        const int dead = rowOf(jobs, u"dead_letter_count"_s);
        QCOMPARE(jobs->index(dead, jobs->deltaColumn()).data().toString(), u"1"_s);
        QVERIFY(!jobs->index(dead, staging).data(gui::HighlightRole).toBool());
        QVERIFY(!jobs->index(dead, staging).data(Qt::BackgroundRole).isValid());
        // The per-queue row too.
        const int high = rowOf(jobs, u"queue_size:high"_s);
        QVERIFY(high >= 0);
        QVERIFY(jobs->index(high, staging).data(gui::HighlightRole).toBool());
        // Workers side by side as well.
        QVERIFY(view->workersModel()->rowOf(u"worker_count"_s) >= 0);

        // The chart has one line per cluster, in the cluster's colour, with the polls so far.
        gui::TrendChart* chart = view->chart();
        QCOMPARE(chart->metric(), u"queue_size"_s);
        QLineSeries* series = chart->seriesOf(u"staging"_s);
        QVERIFY(series);
        QCOMPARE(series->pen().color(), QColor(*resolveColor(u"orange"_s)));
        QTRY_VERIFY(series->count() >= 2);
        QCOMPARE(series->at(series->count() - 1).y(), 600.0);
        QVERIFY(chart->hoverText(u"staging"_s, series->at(0)).contains(u"600"_s));

        // C again: back to the cluster pages.
        QTest::keyClick(&h.window(), Qt::Key_C);
        QVERIFY(!h.window().isCompareShown());
        QVERIFY(!h.manager().compareMode().enabled);
    }

    void threeClustersHighlightTheOutlierOnly()
    {
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        waitForPolls(h);
        QTest::keyClick(&h.window(), Qt::Key_C); // nothing selected: current and the next ones
        gui::CompareView* view = h.window().compareView();
        QCOMPARE(view->clusters(), QStringList({u"production"_s, u"staging"_s, u"eu"_s}));
        const CompareTableModel* jobs = view->jobsModel();
        QTRY_VERIFY(rowOf(jobs, u"queue_size"_s) >= 0);
        const int queued = rowOf(jobs, u"queue_size"_s);
        QVERIFY(
            jobs->index(queued, jobs->columnOf(u"staging"_s)).data(gui::HighlightRole).toBool());
        QVERIFY(!jobs->index(queued, jobs->columnOf(u"production"_s))
                     .data(gui::HighlightRole)
                     .toBool());
        QVERIFY(!jobs->index(queued, jobs->columnOf(u"eu"_s)).data(gui::HighlightRole).toBool());
        // The deviation is also an anomaly with a severity.
        QTRY_VERIFY(view->anomaliesModel()->rowCount() >= 1);
        bool stagingListed = false;
        for (const Anomaly& anomaly : view->anomaliesModel()->rows())
            stagingListed = stagingListed || anomaly.cluster == u"staging";
        QVERIFY(stagingListed);
        h.window().resize(1280, 860);
        QTest::qWait(3000); // a few seconds of trend
        saveScreenshot(&h.window(), u"compare-view"_s);

        // Export: the same numbers as the table.
        const QByteArray csv = view->exporter().toCsv();
        QVERIFY(csv.startsWith("section,metric,unit,Production,Staging,EU,delta,highlighted\r\n"));
        QVERIFY(csv.contains("jobs,queue_size,jobs,100,600,110,500,staging\r\n"));
        const QJsonObject json = QJsonDocument::fromJson(view->exporter().toJson()).object();
        QCOMPARE(json[u"clusters"_s].toArray().size(), 3);
        const QJsonObject metric = json[u"metrics"_s][u"queue_size"_s].toObject();
        QCOMPARE(metric[u"delta"_s].toDouble(), 500.0);
        QCOMPARE(metric[u"values"_s][u"staging"_s].toDouble(), 600.0);
        QCOMPARE(metric[u"highlighted"_s].toArray(), QJsonArray({u"staging"_s}));
        QVERIFY(json[u"anomalies"_s].toArray().size() >= 1);
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(u"compare.csv"_s);
        QVERIFY2(view->exporter().write(path, gui::CompareExporter::Format::Csv, &error),
            qPrintable(error));
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll().contains("queue_size"));

        // Ticking a chip compares another set (the window asks the engine).
        auto* euChip = view->findChild<QToolButton*>(u"chip_eu"_s);
        QVERIFY(euChip);
        euChip->click();
        QTRY_COMPARE(
            h.manager().compareMode().clusters, QStringList({u"production"_s, u"staging"_s}));
        QCOMPARE(view->clusters(), QStringList({u"production"_s, u"staging"_s}));
    }

    void startsInCompareModeFromTheConfig()
    {
        // The API specification's compare_mode: the window opens on the compare view of those
        // clusters.
        GuiHarness h(clusters(), u"production"_s);
        h.config().compareMode.enabled = true;
        h.config().compareMode.clusters = {u"staging"_s, u"eu"_s};
        h.open();
        QVERIFY(h.manager().compareMode().enabled);
        QVERIFY(h.window().isCompareShown());
        QCOMPARE(h.window().compareView()->clusters(), QStringList({u"staging"_s, u"eu"_s}));
        QVERIFY(h.window().findAction(u"action_compare"_s)->isChecked());
    }

    void followsTheEnginesCompareMode()
    {
        // What PUT /api/v1/ui/compare does: the engine changes, the window follows.
        GuiHarness h(clusters(), u"production"_s);
        h.open();
        h.manager().setCompareMode(true, {u"eu"_s, u"staging"_s});
        QVERIFY(h.window().isCompareShown());
        QCOMPARE(h.window().compareView()->clusters(), QStringList({u"eu"_s, u"staging"_s}));
        QVERIFY(h.window().findAction(u"action_compare"_s)->isChecked());
        h.manager().setCompareMode(false, {});
        QVERIFY(!h.window().isCompareShown());
        // Keys 1–9 leave compare mode for that cluster's page.
        h.manager().setCompareMode(true, {u"eu"_s, u"staging"_s});
        QTest::keyClick(&h.window(), Qt::Key_3);
        QVERIFY(!h.window().isCompareShown());
        QCOMPARE(h.window().tabBar()->currentCluster(), u"eu"_s);
    }

    void manyClustersKeepTheWindowItsSize()
    {
        // Forty clusters (all on one server): their chips must not make the view wider than
        // the window, nor the window grow when compare mode first shows it.
        QList<GuiHarness::Cluster> many;
        for (int i = 1; i <= 40; ++i) {
            const QString name = u"cluster-%1"_s.arg(i, 2, 10, QLatin1Char('0'));
            many.append({name, u"Cluster %1"_s.arg(i), u"teal"_s, m_servers[0]->endpoint()});
        }
        GuiHarness h(many);
        h.open();
        h.window().resize(1000, 700);
        QTRY_COMPARE(h.window().size(), QSize(1000, 700));
        gui::CompareView* view = h.window().compareView();
        QVERIFY(view->minimumSizeHint().width() < 1000);

        QTest::keyClick(&h.window(), Qt::Key_C);
        QVERIFY(h.window().isCompareShown());
        QTest::qWait(50);
        QCOMPARE(h.window().size(), QSize(1000, 700));

        // The chips that do not fit scroll into view when they get the focus (with two chosen,
        // as four would leave the others disabled).
        h.manager().setCompareMode(true, {u"cluster-01"_s, u"cluster-02"_s});
        auto* last = view->findChild<QToolButton*>(u"chip_cluster-40"_s);
        QVERIFY(last);
        QVERIFY(last->visibleRegion().isEmpty());
        QApplication::setActiveWindow(&h.window());
        last->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(!last->visibleRegion().isEmpty());
    }

private:
    static void fill(RedisServer& server, const QString& key, int count)
    {
        QStringList args {u"RPUSH"_s, key};
        for (int i = 0; i < count; ++i)
            args.append(jobJson(key.section(u':', 1) + QString::number(i)));
        server.cli(args);
    }

    static void waitForPolls(GuiHarness& h)
    {
        for (const QString& name : h.manager().enabledClusters())
            QTRY_VERIFY_WITH_TIMEOUT(h.manager().cachedStats(name).has_value(), 5000);
    }

    QList<GuiHarness::Cluster> clusters() const { return threeClusters(m_servers); }

    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestCompareView)
#include "TestCompareView.moc"

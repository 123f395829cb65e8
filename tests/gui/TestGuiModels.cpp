// The window's building blocks with plain data: keyed table updates keep selection and
// persistent indexes, sorting and filtering, the notification throttle, exports, the
// shortcuts list, the confirmation dialog's typed check, the translations.

#include "core/compare/CompareResult.h"
#include "core/engine/Manager.h"
#include "gui/CompareExporter.h"
#include "gui/ConfirmationDialog.h"
#include "gui/DeadLetterModel.h"
#include "gui/NotificationThrottle.h"
#include "gui/QueueTableModel.h"
#include "gui/TableFilterProxy.h"
#include "gui/TrayNotifier.h"
#include "gui/TrendChart.h"
#include "gui/TrendPeaks.h"
#include "gui/WorkerTableModel.h"

#include <QChart>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QTranslator>
#include <QXmlStreamReader>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::gui;

namespace {

WorkerStat worker(const QString& id, qint64 processing, bool beating)
{
    WorkerStat w;
    w.id = id;
    w.processingLength = processing;
    if (beating) {
        w.heartbeatTtlMs = 25'000;
        w.heartbeatAgeMs = 5'000;
    }
    return w;
}

} // namespace

class TestGuiModels final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keyedUpdatesKeepSelectionAndPersistentIndexes()
    {
        WorkerTableModel model;
        model.replaceRows(
            {worker(u"a"_s, 1, true), worker(u"b"_s, 0, true), worker(u"c"_s, 2, false)});
        QTableView view;
        TableFilterProxy proxy;
        proxy.setSourceModel(&model);
        view.setModel(&proxy);
        view.selectRow(1);
        const QPersistentModelIndex kept(model.index(1, 0));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // a leaves, b changes, c stays, d arrives.
        model.replaceRows(
            {worker(u"b"_s, 3, true), worker(u"c"_s, 2, false), worker(u"d"_s, 0, true)});
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 1);
        QVERIFY(kept.isValid());
        QCOMPARE(kept.data().toString(), u"b"_s);
        QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
        QCOMPARE(view.selectionModel()->selectedRows().first().data().toString(), u"b"_s);
        QCOMPARE(model.rowCount(), 3);
        // The same rows again: no change signalled at all.
        changed.clear();
        model.replaceRows(model.rows());
        QCOMPARE(changed.count(), 0);
        // Orphaned: processing without a heartbeat.
        QVERIFY(model.index(model.rowOf(u"c"_s), 0).data(HighlightRole).toBool());
    }

    void sortsNumbersAsNumbersAndFilters()
    {
        QueueTableModel model;
        model.replaceRows({{u"high"_s, u"jobqueue:high_priority"_s, 900, false, 1.5, {}},
            {u"low"_s, u"jobqueue:low_priority"_s, 10000, true, -2.0, {1, 2, 3}},
            {u"bulk"_s, u"jobqueue:bulk"_s, 80, false, std::nullopt, {}}});
        TableFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(QueueTableModel::Size, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"low"_s);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"bulk"_s);
        proxy.setFilterText(u"PRIORITY"_s);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText({});
        proxy.setPredicate([](const QAbstractItemModel& m, int row) {
            return m.index(row, QueueTableModel::Paused).data().toString() == u"Paused";
        });
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(model.index(1, QueueTableModel::Rate).data().toString(), u"-2.00/s"_s);
        QCOMPARE(model.index(0, QueueTableModel::Rate).data().toString(), u"+1.50/s"_s);
        QCOMPARE(model.index(1, QueueTableModel::Trend).data(TrendRole).value<QList<double>>(),
            QList<double>({1, 2, 3}));
    }

    void trendPeaksKeepSpikesAndEnds()
    {
        QList<TrendSample> samples;
        for (qint64 i = 0; i < 3600; ++i)
            samples.append({1000 * i, i == 1234 ? 99.0 : 1.0});
        const QList<TrendSample> peaks = gui::trendPeaks(samples, 120);
        QCOMPARE(peaks.size(), 120);
        QCOMPARE(peaks.last().atMs, samples.last().atMs); // the line reaches the newest sample
        const auto spike = std::max_element(peaks.cbegin(), peaks.cend(),
            [](const TrendSample& a, const TrendSample& b) { return a.value < b.value; });
        QCOMPARE(spike->value, 99.0); // one second's spike in an hour stays visible
        QVERIFY(spike->atMs >= 1234'000 && spike->atMs < 1234'000 + 30'000);
        const QList<TrendSample> few(samples.cbegin(), samples.cbegin() + 50);
        QCOMPARE(gui::trendPeaks(few, 120), few); // short series unchanged
    }

    void trendChartValueAxisHasRoundLabels()
    {
        const auto expect = [](double wanted, double top, int ticks) {
            const gui::TrendChart::ValueScale scale = gui::TrendChart::niceScale(wanted);
            return qFuzzyCompare(scale.top, top) && scale.ticks == ticks;
        };
        QVERIFY(expect(110, 125, 6)); // 0, 25, ..., 125
        QVERIFY(expect(37, 40, 5)); // 0, 10, 20, 30, 40
        QVERIFY(expect(1, 1, 6)); // 0, 0.2, ..., 1
        QVERIFY(expect(1.1, 1.25, 6)); // 0, 0.25, ..., 1.25
        QVERIFY(expect(0.011, 0.0125, 6));
        QVERIFY(expect(6.6e6, 8e6, 5)); // 0, 2e6, ..., 8e6
        QVERIFY(expect(0, 1, 6)); // never an empty or inverted axis
        QVERIFY(expect(std::numeric_limits<double>::quiet_NaN(), 1, 6));
        for (double wanted = 0.003; wanted < 1e9; wanted *= 1.37) {
            const gui::TrendChart::ValueScale scale = gui::TrendChart::niceScale(wanted);
            QVERIFY2(scale.top >= wanted && scale.top <= wanted * 1.4 * (1 + 1e-9),
                qPrintable(QString::number(wanted)));
            QVERIFY(scale.ticks >= 4 && scale.ticks <= 6);
            // Each label is a whole number of steps, each step 1, 2, 2.5 or 5 times 10^k.
            const double step = scale.top / (scale.ticks - 1);
            const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
            constexpr std::array kMantissas {1.0, 2.0, 2.5, 5.0};
            QVERIFY2(std::any_of(kMantissas.cbegin(), kMantissas.cend(),
                         [mantissa](double m) { return qFuzzyCompare(m, mantissa); }),
                qPrintable(QString::number(step)));
        }
    }

    void trendChartDrawsAPointEveryOtherPixel()
    {
        // An hour of one-second samples for two clusters, the second with one spike.
        TrendStore trends(3600);
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
        for (int i = 0; i < 3600; ++i) {
            for (const QString& name : {u"a"_s, u"b"_s}) {
                ClusterStats stats;
                stats.clusterName = name;
                stats.polledAt = start.addSecs(i);
                stats.processingCount = name == u"b" && i == 2000 ? 500 : 10 + i % 7;
                trends.record(stats);
            }
        }
        gui::TrendChart chart(trends);
        chart.resize(700, 300);
        chart.setMetric(u"processing_count"_s);
        chart.setLines({{u"a"_s, u"A"_s, Qt::red}, {u"b"_s, u"B"_s, Qt::blue}});
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const auto fits = [&chart](const QLineSeries* series) {
            const double pixels = chart.chart()->plotArea().width();
            return pixels > 100 && series->count() <= qsizetype(pixels / 2) + 1
                && series->count() >= qsizetype(pixels / 2 * 0.5);
        };
        QTRY_VERIFY(fits(chart.seriesOf(u"a"_s)));
        const qsizetype narrow = chart.seriesOf(u"a"_s)->count();
        QVERIFY(narrow < 600);
        // The spike survives the thinning, and so does the newest sample.
        const QList<QPointF> b = chart.seriesOf(u"b"_s)->points();
        QCOMPARE(std::max_element(b.cbegin(), b.cend(),
                     [](const QPointF& x, const QPointF& y) { return x.y() < y.y(); })
                     ->y(),
            500.0);
        QCOMPARE(qint64(b.last().x()), start.addSecs(3599).toMSecsSinceEpoch());

        // Twice as wide: more points, still about one every other pixel.
        chart.resize(1400, 300);
        QTRY_VERIFY(chart.seriesOf(u"a"_s)->count() > narrow * 3 / 2);
        QTRY_VERIFY(fits(chart.seriesOf(u"a"_s)));
    }

    void throttleLimitsRepeatsAndBursts()
    {
        NotificationThrottle throttle(60'000, 3, 10'000);
        QVERIFY(throttle.allow(u"health/a"_s, 0));
        QVERIFY(!throttle.allow(u"health/a"_s, 1000)); // same subject within the cooldown
        QVERIFY(throttle.allow(u"health/b"_s, 1000));
        QVERIFY(throttle.allow(u"health/c"_s, 2000));
        QVERIFY(!throttle.allow(u"health/d"_s, 3000)); // burst of three per window
        QCOMPARE(throttle.takeSuppressed(), 2);
        QCOMPARE(throttle.takeSuppressed(), 0);
        QVERIFY(throttle.allow(u"health/d"_s, 12'000)); // window moved on
        throttle.reset(u"health/a"_s);
        QVERIFY(throttle.allow(u"health/a"_s, 12'500)); // recovered: may tell again
        QVERIFY(!throttle.allow(u"health/b"_s, 30'000)); // still cooling down
        QVERIFY(throttle.allow(u"health/b"_s, 61'000));
    }

    void exportsKeepTheNumbers()
    {
        CompareResult result;
        result.clusters = {u"prod"_s, u"stage"_s};
        result.metrics.append(CompareMetric {u"queue_size"_s, {{u"prod"_s, 475}, {u"stage"_s, 125}},
            350, u"jobs"_s, {u"prod"_s, u"stage"_s}});
        result.anomalies.append(Anomaly {u"deviation"_s, u"prod"_s, u"queue_size"_s,
            u"queue_size of prod, a \"big\" one"_s, 475, 300, Severity::Warning});
        const CompareExporter exporter(result, {{u"prod"_s, u"Production, EU"_s}},
            QDateTime(QDate(2025, 1, 14), QTime(10, 30), Qt::UTC));
        QCOMPARE(exporter.toCsv(),
            QByteArray("section,metric,unit,\"Production, EU\",stage,delta,highlighted\r\n"
                       "jobs,queue_size,jobs,475,125,350,prod stage\r\n"));
        const QJsonObject json = QJsonDocument::fromJson(exporter.toJson()).object();
        QCOMPARE(json[u"metrics"_s][u"queue_size"_s][u"unit"_s].toString(), u"jobs"_s);
        QCOMPARE(json[u"anomalies"_s][0][u"severity"_s].toString(), u"warning"_s);
        QCOMPARE(json[u"exported_at"_s].toString(), u"2025-01-14T10:30:00.000Z"_s);
    }

    void deadLettersReadPeekResults()
    {
        DeadLetterModel model;
        model.setJobs(QJsonArray {QJsonObject {{u"id"_s, u"j1"_s}, {u"retries"_s, 3}},
            QJsonObject {{u"raw"_s, u"not json"_s}}, QJsonObject {{u"id"_s, u"j1"_s}}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, DeadLetterModel::Retries).data().toString(), u"3"_s);
        QCOMPARE(model.index(1, DeadLetterModel::Id).data().toString(), u"not json"_s);
        QVERIFY(model.rowAt(0).key != model.rowAt(2).key); // the same id twice: two rows
    }

    void confirmationWantsTheClusterNameForOneTarget()
    {
        ConfirmationDialog::Options options;
        options.type = u"purge_dlq"_s;
        options.targets = {ActionTarget {u"prod"_s, u"Production"_s, Qt::green, u"h:1"_s, {}}};
        options.typedConfirmation = true;
        ConfirmationDialog dialog(options,
            [](const QString&, const QJsonObject&) { return u"Deletes 3 dead letters"_s; });
        QCOMPARE(dialog.expectedConfirmation(), u"prod"_s);
        QVERIFY(!dialog.runButton()->isEnabled());
        QSignalSpy run(&dialog, &ConfirmationDialog::runRequested);
        QTest::keyClicks(dialog.confirmationEdit(), u"Production"_s); // the label is not the name
        QVERIFY(!dialog.runButton()->isEnabled());
        dialog.confirmationEdit()->setText(u"prod"_s);
        QVERIFY(dialog.runButton()->isEnabled());
        dialog.runButton()->click();
        QCOMPARE(run.count(), 1);
    }

    void trayNotifiesTransitionsNotEveryPoll()
    {
        Config config;
        ClusterConfig cluster;
        cluster.name = u"eu"_s;
        cluster.label = u"EU"_s;
        cluster.color = u"blue"_s;
        cluster.endpoint = u"127.0.0.1:1"_s;
        config.clusters = {cluster};
        Manager manager(config);
        TrayNotifier tray(manager);
        QSignalSpy notified(&tray, &TrayNotifier::notified);
        const auto health = [](const QString& status, const QString& previous) {
            Event event;
            event.type = events::kHealthChanged;
            event.cluster = u"eu"_s;
            event.message = u"EU is "_s + status;
            event.data = {{u"status"_s, status}, {u"previous"_s, previous}};
            return event;
        };
        tray.onEvent(health(u"unhealthy"_s, u"healthy"_s));
        QCOMPARE(notified.count(), 1);
        QCOMPARE(notified.at(0).at(1).toString(), u"EU is unhealthy"_s);
        QCOMPARE(tray.lastCluster(), u"eu"_s);
        tray.onEvent(health(u"degraded"_s, u"unhealthy"_s)); // recovered
        QCOMPARE(notified.count(), 2);
        QCOMPARE(notified.at(1).at(1).toString(), u"EU recovered"_s);
        tray.onEvent(health(u"unhealthy"_s, u"degraded"_s)); // flapping: told again at once
        QCOMPARE(notified.count(), 3);
        tray.onEvent(health(u"unhealthy"_s, u"degraded"_s)); // the burst limit holds it back
        QCOMPARE(notified.count(), 3);
        // Anomalies: warning and critical only.
        Event anomaly;
        anomaly.type = events::kAnomalyDetected;
        anomaly.cluster = u"eu"_s;
        anomaly.data = {{u"severity"_s, u"info"_s}, {u"type"_s, u"deviation"_s}};
        tray.onEvent(anomaly);
        QCOMPARE(notified.count(), 3);
        // Off means off.
        tray.setNotificationsEnabled(false);
        tray.onEvent(health(u"unhealthy"_s, u"healthy"_s));
        QCOMPARE(notified.count(), 3);
    }

    void germanTranslationIsComplete()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/queuedeck_de.qm"_s));
        QCOMPARE(german.translate("qd::gui::MainWindow", "&Compare clusters"),
            u"Cluster &vergleichen"_s);
        QVERIFY(!german.translate("HealthStyle", "Unhealthy").isEmpty());
    }

    void catalogues_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("English") << u"queuedeck_en.ts"_s;
        QTest::newRow("German") << u"queuedeck_de.ts"_s;
    }
    // The build runs lupdate over every GUI source, so a string added to the window without a
    // German translation shows up here as "unfinished" and fails this test.
    void catalogues()
    {
        QFETCH(QString, file);
        const QString path = qEnvironmentVariable("QD_SOURCE_DIR") + u"/translations/"_s + file;
        QFile ts(path);
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(path));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList untranslated;
        QStringList stale;
        QString context;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"name")
                context = xml.readElementText();
            else if (xml.name() == u"message")
                ++messages;
            else if (xml.name() == u"source")
                source = xml.readElementText();
            else if (xml.name() == u"translation") {
                const QString type = xml.attributes().value(u"type"_s).toString();
                if (type == u"vanished" || type == u"obsolete")
                    stale.append(context + u": "_s + source);
                // English is the source language: its catalogue needs no translations.
                else if (file.contains(u"_de"_s) && type == u"unfinished")
                    untranslated.append(context + u": "_s + source);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 300);
        QVERIFY2(untranslated.isEmpty(),
            qPrintable(u"not translated: "_s + untranslated.join(u" | "_s)));
        QVERIFY2(stale.isEmpty(), qPrintable(u"no longer used: "_s + stale.join(u" | "_s)));
        if (file.contains(u"_de"_s)) {
            QFile english(path.left(path.size() - 5) + u"en.ts"_s);
            QVERIFY(english.open(QIODevice::ReadOnly));
            QCOMPARE(messages, int(english.readAll().count("<message")));
        }
    }
};

QTEST_MAIN(TestGuiModels)
#include "TestGuiModels.moc"

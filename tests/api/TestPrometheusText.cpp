// The /metrics gauges are written by PrometheusText instead of prometheus-cpp's registry (the
// registry cost 250-300 ms of CPU per scrape of 2 000 clusters). Here both write the same
// families, samples and awkward values, and each series must come out with the same value;
// TestApiMetrics has promtool check a whole scrape.

#include "api/metrics/PrometheusText.h"

#include <QMap>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

using qd::api::PrometheusText;

namespace {

struct Series {
    std::string cluster;
    std::string queue;
    double value;
};

// Names that need escaping, and values of every shape a gauge takes.
const std::vector<Series> kSeries {
    {"production", "high", 3},
    {"production", "quoted \"name\"", 0.25},
    {"back\\slash", "line\nbreak", 1e21},
    {"eu-west", "tiny", 1.0 / 3.0},
    {"eu-west", "negative", -17.5},
    {"eu-west", "big", 9007199254740993.0},
    {"staging", "nan", std::numeric_limits<double>::quiet_NaN()},
    {"staging", "inf", std::numeric_limits<double>::infinity()},
    {"staging", "-inf", -std::numeric_limits<double>::infinity()},
};

// Every sample line as "name{labels}" -> its value; labels in the order written.
QMap<QByteArray, double> samples(const std::string& text, QByteArrayList* headers)
{
    QMap<QByteArray, double> out;
    for (const QByteArray& line : QByteArray::fromStdString(text).split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith('#')) {
            headers->append(line);
            continue;
        }
        const qsizetype space = line.lastIndexOf(' ');
        const QByteArray value = line.mid(space + 1);
        double parsed = 0;
        if (value == "NaN" || value == "Nan")
            parsed = std::numeric_limits<double>::quiet_NaN();
        else if (value == "+Inf")
            parsed = std::numeric_limits<double>::infinity();
        else if (value == "-Inf")
            parsed = -std::numeric_limits<double>::infinity();
        else
            parsed = value.toDouble();
        out.insert(line.left(space), parsed);
    }
    return out;
}

} // namespace

class TestPrometheusText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesWhatPrometheusCppWrites()
    {
        prometheus::Registry registry;
        auto& gauge = prometheus::BuildGauge()
                          .Name("qd_queue_length")
                          .Help("Jobs waiting")
                          .Register(registry);
        auto& counter
            = prometheus::BuildCounter().Name("qd_things_total").Help("Things").Register(registry);
        PrometheusText text;
        PrometheusText::Family& ours = text.gauge("qd_queue_length", "Jobs waiting");
        PrometheusText::Family& ourCounter = text.counter("qd_things_total", "Things");
        for (const Series& s : kSeries) {
            gauge.Add({{"cluster", s.cluster}, {"queue", s.queue}}).Set(s.value);
            ours.add({{"cluster", s.cluster}, {"queue", s.queue}}, s.value);
        }
        counter.Add({}).Increment(42);
        ourCounter.add({}, 42);

        QByteArrayList theirHeaders;
        QByteArrayList ourHeaders;
        const auto theirs
            = samples(prometheus::TextSerializer().Serialize(registry.Collect()), &theirHeaders);
        const auto mine = samples(text.text(), &ourHeaders);
        // Families may come in any order; each keeps its HELP and TYPE lines.
        std::sort(ourHeaders.begin(), ourHeaders.end());
        std::sort(theirHeaders.begin(), theirHeaders.end());
        QCOMPARE(ourHeaders, theirHeaders);
        QCOMPARE(mine.keys(), theirs.keys());
        for (auto it = theirs.cbegin(); it != theirs.cend(); ++it) {
            const double a = it.value();
            const double b = mine.value(it.key());
            if (std::isnan(a)) {
                QVERIFY2(std::isnan(b), it.key().constData());
                continue;
            }
            // prometheus-cpp prints 16 significant digits, we print the shortest exact text.
            QVERIFY2(a == b || std::abs(a - b) <= 1e-15 * std::abs(a), it.key().constData());
        }
    }

    void helpIsEscapedAsTheFormatSays()
    {
        // "\\" and "\n" in HELP text (prometheus-cpp 1.0 leaves a backslash as it is).
        PrometheusText text;
        text.gauge("qd_x", "a \\ b\nc").add({}, 1);
        QCOMPARE(text.text(), std::string("# HELP qd_x a \\\\ b\\nc\n# TYPE qd_x gauge\nqd_x 1\n"));
    }

    void shortestExactValues()
    {
        std::string out;
        for (const double v : {3.0, 0.1, 1.0 / 3.0, 1e21, -0.0, 12345678901234.0}) {
            out.clear();
            PrometheusText::appendValue(out, v);
            QCOMPARE(QByteArray::fromStdString(out).toDouble(), v);
        }
        out.clear();
        PrometheusText::appendValue(out, 3.0);
        QCOMPARE(out, std::string("3"));
    }
};

QTEST_APPLESS_MAIN(TestPrometheusText)
#include "TestPrometheusText.moc"

#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace qd::gui {

// Numbers, sizes, durations and metric names as the window shows them: localised, translated,
// and the same in every table, tooltip and export header.
class Format final {
    Q_DECLARE_TR_FUNCTIONS(Format)

public:
    static QString count(qint64 value);
    static QString number(double value, int decimals = 1);
    static QString rate(double perSecond); // "12.5/s"
    static QString percent(double ratio); // 0.042 -> "4.2 %"
    static QString bytes(qint64 bytes);
    static QString latency(double ms); // "0.42 ms", "1.3 s"
    static QString age(qint64 ms); // "12 s", "3 min 4 s"
    static QString optionalAge(const std::optional<qint64>& ms); // "—" without a value
    static QString time(const QDateTime& utc); // local time of day
    static QString ago(const QDateTime& utc, const QDateTime& now);

    // Metric names of the compare result and the trend store, for people.
    static QString metricTitle(const QString& metric);
    // A metric's value with its unit ("475", "12.5/s", "4.2 %", "3.1 ms").
    static QString metricValue(const QString& metric, double value);
    static QString dash() { return QStringLiteral("—"); }
};

} // namespace qd::gui

#include "core/util/Duration.h"

#include <QCoreApplication>

#include <cmath>

namespace qd::duration {
namespace {

struct Unit {
    QStringView suffix;
    double millis;
};

// Longest suffix first so "ms" is not read as "m" followed by garbage.
constexpr Unit kUnits[] = {
    {u"ms", 1.0},
    {u"us", 0.001},
    {u"h", 3'600'000.0},
    {u"m", 60'000.0},
    {u"s", 1'000.0},
};

bool fail(QString* error, const QString& reason)
{
    if (error)
        *error = reason;
    return false;
}

} // namespace

std::optional<Millis> parse(QStringView text, QString* error)
{
    const QString example
        = QStringLiteral(" (use a string such as \"250ms\", \"5s\" or \"1m30s\")");
    if (text.isEmpty()) {
        fail(error, QStringLiteral("empty duration") + example);
        return std::nullopt;
    }
    double total = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype numberStart = pos;
        while (pos < text.size() && (text[pos].isDigit() || text[pos] == u'.'))
            ++pos;
        if (pos == numberStart) {
            fail(error, QStringLiteral("\"%1\" is not a duration").arg(text) + example);
            return std::nullopt;
        }
        bool ok = false;
        const double number = text.mid(numberStart, pos - numberStart).toDouble(&ok);
        if (!ok) {
            fail(error, QStringLiteral("\"%1\" is not a duration").arg(text) + example);
            return std::nullopt;
        }
        const Unit* unit = nullptr;
        for (const Unit& candidate : kUnits) {
            if (text.mid(pos).startsWith(candidate.suffix)) {
                unit = &candidate;
                break;
            }
        }
        if (!unit) {
            const QString reason = pos == text.size()
                ? QStringLiteral("\"%1\" has no unit").arg(text)
                : QStringLiteral("\"%1\" has an unknown unit").arg(text);
            fail(error, reason + example);
            return std::nullopt;
        }
        pos += unit->suffix.size();
        total += number * unit->millis;
    }
    // A day of milliseconds fits easily; a year of them too. Refuse absurd values instead of
    // overflowing the integer count.
    if (total > 365.0 * 24 * 3'600'000.0) {
        fail(error, QStringLiteral("\"%1\" is longer than a year").arg(text));
        return std::nullopt;
    }
    return Millis(static_cast<Millis::rep>(std::llround(total)));
}

QString format(Millis value)
{
    auto ms = value.count();
    if (ms == 0)
        return QStringLiteral("0s");
    QString out;
    if (ms < 0) {
        out += u'-';
        ms = -ms;
    }
    const auto hours = ms / 3'600'000;
    ms %= 3'600'000;
    const auto minutes = ms / 60'000;
    ms %= 60'000;
    const auto seconds = ms / 1'000;
    ms %= 1'000;
    if (hours)
        out += QString::number(hours) + u'h';
    if (minutes)
        out += QString::number(minutes) + u'm';
    if (ms == 0) {
        if (seconds)
            out += QString::number(seconds) + u's';
    } else if (seconds) {
        // "1.5s" reads better than "1s500ms" and parses back to the same value.
        out += QString::number(static_cast<double>(seconds) + static_cast<double>(ms) / 1000.0)
            + u's';
    } else {
        out += QString::number(ms) + QStringLiteral("ms");
    }
    return out;
}

} // namespace qd::duration

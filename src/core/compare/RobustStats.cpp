#include "core/compare/RobustStats.h"

#include <algorithm>
#include <cmath>

namespace qd::robust {

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values.at(middle);
    return (values.at(middle - 1) + values.at(middle)) / 2;
}

Spread spreadOf(const QList<double>& values)
{
    Spread spread;
    spread.count = values.size();
    spread.median = median(values);
    QList<double> deviations;
    deviations.reserve(values.size());
    for (double value : values)
        deviations.append(std::abs(value - spread.median));
    spread.scale = kMadToSigma * median(deviations);
    return spread;
}

} // namespace qd::robust

#pragma once

#include <QList>

// Location and spread that a single wild value cannot drag: the median and the median
// absolute deviation (MAD), where the mean and standard deviation would follow the outlier.
namespace qd::robust {

// MAD times this estimates the standard deviation of normally distributed data.
inline constexpr double kMadToSigma = 1.4826;

double median(QList<double> values); // 0 for no values

struct Spread {
    double median = 0;
    double scale = 0; // kMadToSigma * MAD; 0 when more than half the values are equal
    qsizetype count = 0;
};

Spread spreadOf(const QList<double>& values);

} // namespace qd::robust

#include "core/compare/Anomaly.h"

namespace qd {

QString Anomaly::key() const
{
    QString joined = type + u'/' + cluster + u'/' + metric;
    return joined;
}

} // namespace qd

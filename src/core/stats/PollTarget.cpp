#include "core/stats/PollTarget.h"

#include "core/errors/Errors.h"

namespace qd {

PollFailure PollTarget::failure(const QString& message, Severity severity, const QString& kind)
{
    PollFailure f;
    f.message = message;
    f.severity = severity;
    f.kind = kind;
    f.at = QDateTime::currentDateTimeUtc();
    return f;
}

PollFailure PollTarget::describeFailure(std::exception_ptr error) const
{
    try {
        std::rethrow_exception(error);
    } catch (const QueueDeckError& e) {
        return failure(e.message(), e.severity());
    } catch (const std::exception& e) {
        return failure(QString::fromUtf8(e.what()), Severity::Error);
    } catch (...) {
        return failure(QStringLiteral("unknown failure"), Severity::Error);
    }
}

} // namespace qd

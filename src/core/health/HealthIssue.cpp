#include "core/health/HealthIssue.h"

#include <QCoreApplication>

#include <limits>

namespace qd {

namespace {

// The English form of a "one|other" source for `count`, %n replaced.
QString englishForm(const char* source, qint64 count)
{
    const QString text = QString::fromUtf8(source);
    const qsizetype bar = text.indexOf(u'|');
    const QString form = bar < 0 ? text : count == 1 ? text.left(bar) : text.mid(bar + 1);
    return QString(form).replace(QStringLiteral("%n"), QString::number(count));
}

} // namespace

QString HealthWords::operator()(const char* source) const
{
    if (m_language == Language::English)
        return QString::fromUtf8(source);
    return QCoreApplication::translate(kContext, source);
}

QString HealthWords::operator()(const char* source, qint64 count) const
{
    if (m_language == Language::Translated && count <= std::numeric_limits<int>::max()) {
        // Without a translation Qt hands the source back, both forms and all.
        const QString text = QCoreApplication::translate(kContext, source, nullptr, int(count));
        if (!text.contains(u'|'))
            return text;
    }
    return englishForm(source, count);
}

HealthIssue HealthWords::issue(
    QStringView rule, Severity severity, const std::function<QString(const HealthWords&)>& build)
{
    return HealthIssue {rule.toString(), severity, build(HealthWords(Language::English)),
        build(HealthWords(Language::Translated))};
}

} // namespace qd

#include "gui/BuildInfo.h"

#include <QStringList>
#include <QSysInfo>

namespace qd::gui {

QString BuildInfo::version()
{
    return QStringLiteral(QD_VERSION);
}

QString BuildInfo::compiler()
{
#if defined(__clang__)
    return QStringLiteral("Clang %1.%2.%3")
        .arg(__clang_major__)
        .arg(__clang_minor__)
        .arg(__clang_patchlevel__);
#elif defined(__GNUC__)
    return QStringLiteral("GCC %1.%2.%3")
        .arg(__GNUC__)
        .arg(__GNUC_MINOR__)
        .arg(__GNUC_PATCHLEVEL__);
#elif defined(_MSC_VER)
    return QStringLiteral("MSVC %1").arg(_MSC_VER);
#else
    return tr("unknown compiler");
#endif
}

QString BuildInfo::buildType()
{
#ifdef NDEBUG
    return tr("release");
#else
    return tr("debug (assertions on)");
#endif
}

QString BuildInfo::qtVersions()
{
    return tr("built with Qt %1, running with Qt %2")
        .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

QString BuildInfo::platform()
{
    return QStringLiteral("%1 (%2)").arg(QSysInfo::prettyProductName(), QSysInfo::buildAbi());
}

QString BuildInfo::summary()
{
    return QStringList {tr("Version: %1").arg(version()), tr("Build: %1").arg(buildType()),
        tr("Compiler: %1, C++%2").arg(compiler()).arg(__cplusplus / 100 % 100),
        tr("Qt: %1").arg(qtVersions()), tr("Platform: %1").arg(platform())}
        .join(QLatin1Char('\n'));
}

} // namespace qd::gui

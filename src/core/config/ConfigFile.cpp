#include "core/config/ConfigFile.h"

#include "core/config/ConfigWriter.h"
#include "core/config/PasswordStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace qd {
namespace {
constexpr qint64 kMaxConfigBytes = 16 << 20;
}

ConfigFile::ConfigFile(QString path) : m_path(std::move(path))
{
}

QString ConfigFile::defaultPath()
{
    // GenericConfigLocation honours $XDG_CONFIG_HOME and falls back to ~/.config.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/queuedeck/config.json");
}

Config ConfigFile::builtInDefault()
{
    Config config;
    ClusterConfig local;
    local.name = QStringLiteral("local");
    local.label = QStringLiteral("Local");
    local.color = QStringLiteral("blue");
    local.endpoint = QStringLiteral("127.0.0.1:6379");
    config.clusters.append(local);
    config.defaultCluster = local.name;
    return config;
}

bool ConfigFile::exists() const
{
    return QFileInfo::exists(m_path);
}

ConfigReadResult ConfigFile::load(bool allowMissing)
{
    ConfigReadResult result;
    QFile file(m_path);
    if (!file.exists() && allowMissing) {
        m_loadFailed = false;
        result.config = builtInDefault();
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.issues.append({ConfigIssue::Severity::Error, QString(),
            QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString())});
        m_loadFailed = true;
        return result;
    }
    if (file.size() > kMaxConfigBytes) {
        result.issues.append({ConfigIssue::Severity::Error, QString(),
            QStringLiteral("%1 is larger than %2 MiB; not a QueueDeck config")
                .arg(m_path)
                .arg(kMaxConfigBytes >> 20)});
        m_loadFailed = true;
        return result;
    }
    result = ConfigReader::read(file.readAll());
    m_loadFailed = !result.ok();
    if (!m_loadFailed)
        resolveKeychainPasswords(result);
    return result;
}

void ConfigFile::resolveKeychainPasswords(ConfigReadResult& result)
{
    PasswordStore* store = PasswordStore::installed();
    if (!store)
        return; // validation has already refused such clusters
    for (qsizetype i = 0; i < result.config.clusters.size(); ++i) {
        ClusterConfig& cluster = result.config.clusters[i];
        if (!cluster.passwordKeychain)
            continue;
        QString error;
        if (const std::optional<QString> password = store->read(cluster.name, &error)) {
            cluster.password = *password;
            continue;
        }
        // A warning, not an error: the other clusters still work, and the editor can store
        // the password again.
        result.issues.append({ConfigIssue::Severity::Warning,
            QStringLiteral("clusters[%1].password_keychain").arg(i),
            QStringLiteral("no password for \"%1\" in the system keychain (%2); it connects "
                           "without one")
                .arg(cluster.name, error)});
    }
}

bool ConfigFile::save(const Config& config, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_loadFailed)
        return fail(
            QStringLiteral("%1 failed to load; fix it by hand first, it will not be overwritten")
                .arg(m_path));
    const QList<ConfigIssue> issues = config.validate();
    if (hasErrors(issues)) {
        QStringList lines;
        for (const ConfigIssue& issue : issues) {
            if (issue.isError())
                lines.append(issue.toString());
        }
        return fail(QStringLiteral("not saved, the configuration is invalid: ")
            + lines.join(QStringLiteral("; ")));
    }
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create folder %1").arg(info.absolutePath()));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    // The file can hold passwords and tokens: owner-only, whatever the umask says.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(ConfigWriter::toJson(config)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString()));
    return true;
}

} // namespace qd

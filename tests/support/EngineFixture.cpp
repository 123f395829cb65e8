#include "support/EngineFixture.h"

#include "core/audit/AuditLog.h"
#include "core/config/ConfigFile.h"
#include "core/config/ConfigWriter.h"
#include "core/engine/ActionEngine.h"
#include "core/engine/Manager.h"

#include <QFile>
#include <QJsonDocument>

namespace qd::test {

EngineFixture::EngineFixture(Config config) : m_config(std::move(config))
{
}

EngineFixture::~EngineFixture()
{
    if (m_actions)
        m_actions->waitForIdle();
    m_actions.reset();
    m_manager.reset();
    m_audit.reset();
}

bool EngineFixture::build(QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (m_config.audit.path.isEmpty())
        m_config.audit.path = filePath(QStringLiteral("audit.sqlite"));
    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(ConfigWriter::toJson(m_config)).toJson()) < 0) {
        *error = QStringLiteral("cannot write ") + configPath();
        return false;
    }
    file.close();
    m_file = std::make_unique<ConfigFile>(configPath());
    const ConfigReadResult loaded = m_file->load(false);
    if (!loaded.ok()) {
        QStringList lines;
        for (const ConfigIssue& issue : loaded.issues)
            lines.append(issue.toString());
        *error = lines.join(u'\n');
        return false;
    }
    m_manager = std::make_unique<Manager>(loaded.config);
    m_manager->setConfigFile(m_file.get());
    m_audit = std::make_unique<AuditLog>(loaded.config.audit.path);
    m_actions = std::make_unique<ActionEngine>(*m_manager, m_audit.get());
    return true;
}

} // namespace qd::test

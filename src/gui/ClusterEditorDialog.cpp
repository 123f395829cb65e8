#include "gui/ClusterEditorDialog.h"

#include "core/config/ConfigValidator.h"
#include "core/config/PasswordStore.h"
#include "core/engine/Manager.h"
#include "core/errors/Errors.h"
#include "core/util/ColorNames.h"
#include "gui/Format.h"
#include "gui/HealthStyle.h"
#include "gui/Icons.h"
#include "gui/QueueSystemSection.h"
#include "ui_ClusterEditorDialog.h"

#include <QColorDialog>
#include <QCompleter>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

const QString kPath = u"cluster"_s;

const QStringList& colorSuggestions()
{
    static const QStringList names {u"green"_s, u"blue"_s, u"orange"_s, u"purple"_s, u"teal"_s,
        u"red"_s, u"indigo"_s, u"brown"_s, u"magenta"_s, u"cyan"_s, u"yellow"_s, u"slategray"_s};
    return names;
}

} // namespace

ClusterEditorDialog::ClusterEditorDialog(Manager& manager, QString existing, QWidget* parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_existing(std::move(existing))
    , m_ui(std::make_unique<Ui::ClusterEditorDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"clusterEditor"_s);
    m_ui->modeCombo->addItem(tr("Standalone"), u"standalone"_s);
    m_ui->modeCombo->addItem(tr("Redis Cluster"), u"cluster"_s);
    m_ui->modeCombo->addItem(tr("Sentinel"), u"sentinel"_s);
    for (const QString& name : colorSuggestions()) {
        m_ui->colorCombo->addItem(
            HealthStyle::dot(QColor(resolveColor(name).value_or(QString()))), name, name);
    }
    m_ui->queuesTable->setHorizontalHeaderLabels({tr("Name"), tr("Redis key")});
    m_ui->queuesTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->queuesTable->verticalHeader()->setVisible(false);
    m_ui->queuesTable->setMinimumHeight(110);
    m_ui->testProgress->setVisible(false);
    m_ui->testButton->setIcon(Icons::icon(u"connection"_s));
    m_ui->passwordEdit->setClearButtonEnabled(true);
    m_queueSystem = new QueueSystemSection(*m_ui->queueForm,
        {m_ui->queuesTable, m_ui->queueButtons, m_ui->completedEdit, m_ui->deadLetterEdit,
            m_ui->processingPatternEdit, m_ui->heartbeatPatternEdit, m_ui->pausePrefixEdit,
            m_ui->scanCountSpin, m_ui->maxRetriesSpin, m_ui->heartbeatTtlEdit},
        this);
    // The groups already in use, so that "production" is not typed as "Production" once.
    QStringList groups;
    for (const ClusterConfig& other : m_manager.config().clusters) {
        if (!other.group.isEmpty() && !groups.contains(other.group))
            groups.append(other.group);
    }
    auto* groupCompleter = new QCompleter(groups, this);
    groupCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_ui->groupEdit->setCompleter(groupCompleter);

    if (m_existing.isEmpty()) {
        setWindowTitle(tr("Add cluster"));
        ClusterConfig fresh;
        QStringList used;
        for (const ClusterConfig& c : m_manager.config().clusters)
            used.append(c.color);
        fresh.color = colorSuggestions().first();
        for (const QString& name : colorSuggestions()) {
            if (!used.contains(name)) {
                fresh.color = name;
                break;
            }
        }
        load(fresh);
    } else {
        m_original = m_manager.cluster(m_existing);
        setWindowTitle(tr("Edit cluster %1").arg(m_original.displayLabel()));
        load(m_original);
    }
    buildHealthTab();
    loadHealth(m_manager.config().health);
    connectFields();
    validate();
    m_ui->nameEdit->setFocus();
}

ClusterEditorDialog::~ClusterEditorDialog() = default;

void ClusterEditorDialog::load(const ClusterConfig& c)
{
    m_loading = true;
    m_ui->nameEdit->setText(c.name);
    m_ui->labelEdit->setText(c.label);
    // The item too, not only the text: the combo shows the item's colour dot.
    if (const int item = m_ui->colorCombo->findData(c.color); item >= 0)
        m_ui->colorCombo->setCurrentIndex(item);
    m_ui->colorCombo->setEditText(c.color);
    m_ui->groupEdit->setText(c.group);
    m_ui->enabledCheck->setChecked(c.enabled);
    m_ui->readOnlyCheck->setChecked(c.readOnly);
    m_ui->endpointEdit->setText(c.endpoint);
    m_ui->modeCombo->setCurrentIndex(m_ui->modeCombo->findData(clusterModeName(c.mode)));
    m_ui->seedsEdit->setPlainText(c.seeds.join(u'\n'));
    m_ui->sentinelMasterEdit->setText(c.sentinelMaster);
    m_ui->dbSpin->setValue(c.db);
    m_ui->usernameEdit->setText(c.username);
    m_ui->passwordEdit->setText(c.password);
    m_ui->passwordEnvEdit->setText(c.passwordEnv);
    m_ui->passwordKeychainCheck->setChecked(c.passwordKeychain);
    m_ui->tlsEnabledCheck->setChecked(c.tls.enabled);
    m_ui->caFileEdit->setText(c.tls.caFile);
    m_ui->certFileEdit->setText(c.tls.certFile);
    m_ui->keyFileEdit->setText(c.tls.keyFile);
    m_ui->serverNameEdit->setText(c.tls.serverName);
    m_ui->insecureCheck->setChecked(c.tls.insecureSkipVerify);
    const QueueSystemConfig& qs = c.queueSystem;
    m_ui->queuesTable->setRowCount(0);
    for (const QueueKey& queue : qs.queues)
        addQueueRow(queue.name, queue.key);
    m_ui->completedEdit->setText(qs.completedKey);
    m_ui->deadLetterEdit->setText(qs.deadLetterKey);
    m_ui->processingPatternEdit->setText(qs.processingPattern);
    m_ui->heartbeatPatternEdit->setText(qs.heartbeatPattern);
    m_ui->pausePrefixEdit->setText(qs.pausePrefix);
    m_ui->scanCountSpin->setValue(qs.scanCount);
    m_ui->maxRetriesSpin->setValue(qs.maxRetries);
    m_ui->heartbeatTtlEdit->setText(duration::format(qs.heartbeatTtl));
    m_queueSystem->load(qs);
    m_loading = false;
    updateModeFields();
}

void ClusterEditorDialog::addQueueRow(const QString& name, const QString& key)
{
    const int row = m_ui->queuesTable->rowCount();
    m_ui->queuesTable->insertRow(row);
    m_ui->queuesTable->setItem(row, 0, new QTableWidgetItem(name));
    m_ui->queuesTable->setItem(row, 1, new QTableWidgetItem(key));
}

void ClusterEditorDialog::replaceQueueRows(const QList<QueueKey>& queues)
{
    m_ui->queuesTable->setRowCount(0);
    for (const QueueKey& queue : queues)
        addQueueRow(queue.name, queue.key);
}

void ClusterEditorDialog::connectFields()
{
    const auto changed = [this] {
        if (!m_loading)
            validate();
    };
    for (QLineEdit* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textChanged, this, changed);
    for (QCheckBox* check : findChildren<QCheckBox*>())
        connect(check, &QCheckBox::toggled, this, changed);
    for (QSpinBox* spin : findChildren<QSpinBox*>())
        connect(spin, &QSpinBox::valueChanged, this, changed);
    connect(m_ui->seedsEdit, &QPlainTextEdit::textChanged, this, changed);
    connect(m_ui->colorCombo, &QComboBox::currentTextChanged, this, changed);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, [this, changed] {
        updateModeFields();
        changed();
    });
    connect(m_ui->queuesTable, &QTableWidget::itemChanged, this, changed);
    connect(m_queueSystem, &QueueSystemSection::changed, this, changed);
    connect(m_queueSystem, &QueueSystemSection::queuesSuggested, this,
        &ClusterEditorDialog::replaceQueueRows);
    connect(m_queueSystem, &QueueSystemSection::detectRequested, this,
        [this] { m_queueSystem->detect(cluster(), m_manager.config().polling.timeout); });
    connect(m_ui->addQueueButton, &QPushButton::clicked, this, [this] {
        addQueueRow({}, {});
        m_ui->queuesTable->setCurrentCell(m_ui->queuesTable->rowCount() - 1, 0);
        m_ui->queuesTable->editItem(m_ui->queuesTable->currentItem());
        validate();
    });
    connect(m_ui->removeQueueButton, &QPushButton::clicked, this, [this] {
        if (m_ui->queuesTable->currentRow() >= 0)
            m_ui->queuesTable->removeRow(m_ui->queuesTable->currentRow());
        validate();
    });
    connect(m_ui->caFileButton, &QToolButton::clicked, this,
        [this] { chooseFile(m_ui->caFileEdit, tr("CA certificates")); });
    connect(m_ui->certFileButton, &QToolButton::clicked, this,
        [this] { chooseFile(m_ui->certFileEdit, tr("Client certificate")); });
    connect(m_ui->keyFileButton, &QToolButton::clicked, this,
        [this] { chooseFile(m_ui->keyFileEdit, tr("Client key")); });
    connect(m_ui->colorButton, &QToolButton::clicked, this, &ClusterEditorDialog::chooseColor);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ClusterEditorDialog::testConnection);
    connect(&m_tester, &ConnectionTester::finished, this, &ClusterEditorDialog::onTestFinished);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ClusterEditorDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ClusterEditorDialog::updateModeFields()
{
    const QString mode = m_ui->modeCombo->currentData().toString();
    m_ui->sentinelMasterEdit->setEnabled(mode == u"sentinel");
    m_ui->seedsEdit->setEnabled(mode != u"standalone");
    m_ui->dbSpin->setEnabled(mode != u"cluster");
}

ClusterConfig ClusterEditorDialog::cluster() const
{
    ClusterConfig c = m_original;
    c.name = m_ui->nameEdit->text().trimmed();
    c.label = m_ui->labelEdit->text().trimmed();
    c.color = m_ui->colorCombo->currentText().trimmed();
    c.group = m_ui->groupEdit->text().trimmed();
    c.enabled = m_ui->enabledCheck->isChecked();
    c.readOnly = m_ui->readOnlyCheck->isChecked();
    c.endpoint = m_ui->endpointEdit->text().trimmed();
    const QString mode = m_ui->modeCombo->currentData().toString();
    c.mode = mode == u"cluster" ? ClusterMode::Cluster
        : mode == u"sentinel"   ? ClusterMode::Sentinel
                                : ClusterMode::Standalone;
    c.seeds.clear();
    for (const QString& seed :
        m_ui->seedsEdit->toPlainText().split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts))
        c.seeds.append(seed);
    c.sentinelMaster = m_ui->sentinelMasterEdit->text().trimmed();
    c.db = m_ui->dbSpin->value();
    c.username = m_ui->usernameEdit->text().trimmed();
    c.password = m_ui->passwordEdit->text();
    c.passwordEnv = m_ui->passwordEnvEdit->text().trimmed();
    c.passwordKeychain = m_ui->passwordKeychainCheck->isChecked();
    c.tls.enabled = m_ui->tlsEnabledCheck->isChecked();
    c.tls.caFile = m_ui->caFileEdit->text().trimmed();
    c.tls.certFile = m_ui->certFileEdit->text().trimmed();
    c.tls.keyFile = m_ui->keyFileEdit->text().trimmed();
    c.tls.serverName = m_ui->serverNameEdit->text().trimmed();
    c.tls.insecureSkipVerify = m_ui->insecureCheck->isChecked();
    QueueSystemConfig& qs = c.queueSystem;
    qs.queues.clear();
    for (int row = 0; row < m_ui->queuesTable->rowCount(); ++row) {
        const QTableWidgetItem* name = m_ui->queuesTable->item(row, 0);
        const QTableWidgetItem* key = m_ui->queuesTable->item(row, 1);
        qs.queues.append(QueueKey {
            name ? name->text().trimmed() : QString(), key ? key->text().trimmed() : QString()});
    }
    qs.completedKey = m_ui->completedEdit->text().trimmed();
    qs.deadLetterKey = m_ui->deadLetterEdit->text().trimmed();
    qs.processingPattern = m_ui->processingPatternEdit->text().trimmed();
    qs.heartbeatPattern = m_ui->heartbeatPatternEdit->text().trimmed();
    qs.pausePrefix = m_ui->pausePrefixEdit->text();
    qs.scanCount = m_ui->scanCountSpin->value();
    qs.maxRetries = m_ui->maxRetriesSpin->value();
    if (const auto ttl = duration::parse(m_ui->heartbeatTtlEdit->text().trimmed()))
        qs.heartbeatTtl = *ttl;
    m_queueSystem->apply(qs);
    return c;
}

QWidget* ClusterEditorDialog::fieldFor(const QString& path) const
{
    // "cluster.queue_system.queues[1].key" -> "queue_system.queues"
    QString field = path.startsWith(kPath + u'.') ? path.mid(kPath.size() + 1) : path;
    field.remove(QRegularExpression(u"\\[\\d+\\].*$"_s));
    static const QHash<QString, QString> widgets {{u"name"_s, u"nameEdit"_s},
        {u"label"_s, u"labelEdit"_s}, {u"color"_s, u"colorCombo"_s}, {u"group"_s, u"groupEdit"_s},
        {u"endpoint"_s, u"endpointEdit"_s}, {u"mode"_s, u"modeCombo"_s},
        {u"seeds"_s, u"seedsEdit"_s}, {u"sentinel_master"_s, u"sentinelMasterEdit"_s},
        {u"db"_s, u"dbSpin"_s}, {u"username"_s, u"usernameEdit"_s},
        {u"password"_s, u"passwordEdit"_s}, {u"password_env"_s, u"passwordEnvEdit"_s},
        {u"password_keychain"_s, u"passwordKeychainCheck"_s}, {u"tls"_s, u"tlsEnabledCheck"_s},
        {u"tls.enabled"_s, u"tlsEnabledCheck"_s}, {u"tls.ca_file"_s, u"caFileEdit"_s},
        {u"tls.cert_file"_s, u"certFileEdit"_s}, {u"tls.key_file"_s, u"keyFileEdit"_s},
        {u"tls.server_name"_s, u"serverNameEdit"_s},
        {u"tls.insecure_skip_verify"_s, u"insecureCheck"_s},
        {u"queue_system.queues"_s, u"queuesTable"_s},
        {u"queue_system.completed"_s, u"completedEdit"_s},
        {u"queue_system.dead_letter"_s, u"deadLetterEdit"_s},
        {u"queue_system.processing_pattern"_s, u"processingPatternEdit"_s},
        {u"queue_system.heartbeat_pattern"_s, u"heartbeatPatternEdit"_s},
        {u"queue_system.pause_prefix"_s, u"pausePrefixEdit"_s},
        {u"queue_system.scan_count"_s, u"scanCountSpin"_s},
        {u"queue_system.max_retries"_s, u"maxRetriesSpin"_s},
        {u"queue_system.heartbeat_ttl"_s, u"heartbeatTtlEdit"_s}};
    if (path.startsWith(u"health.")) {
        // A threshold the file keeps in the flat form is edited in its rule's row.
        for (const HealthThreshold& threshold : healthThresholds()) {
            if (path == threshold.flatPath())
                return m_healthEdits.value(threshold.path());
        }
        return m_healthEdits.value(path);
    }
    // The queue system's own fields, and which widget edits "queues", are the section's.
    static const QString queueSystem = u"queue_system."_s;
    if (field.startsWith(queueSystem)) {
        if (QWidget* own = m_queueSystem->fieldFor(QStringView(field).sliced(queueSystem.size())))
            return own;
    }
    const QString name = widgets.value(field);
    return name.isEmpty() ? nullptr : findChild<QWidget*>(name);
}

void ClusterEditorDialog::validate()
{
    const ClusterConfig c = cluster();
    m_issues = ConfigValidator::validateCluster(c, kPath);
    const bool renamedOrNew = m_existing.isEmpty() || c.name != m_existing;
    if (renamedOrNew && !c.name.isEmpty() && m_manager.config().cluster(c.name))
        m_issues.append({ConfigIssue::Severity::Error, kPath + u".name"_s,
            tr("a cluster named \"%1\" already exists").arg(c.name)});
    if (c.passwordKeychain && c.password.isEmpty())
        m_issues.append({ConfigIssue::Severity::Error, kPath + u".password"_s,
            tr("type the password to keep in the system keychain")});
    QString ttlError;
    if (!duration::parse(m_ui->heartbeatTtlEdit->text().trimmed(), &ttlError))
        m_issues.append(
            {ConfigIssue::Severity::Error, kPath + u".queue_system.heartbeat_ttl"_s, ttlError});
    m_issues.append(m_queueSystem->inputIssues(kPath + u".queue_system"_s));
    for (auto it = m_healthEdits.cbegin(); it != m_healthEdits.cend(); ++it) {
        const QString text = it.value()->text().trimmed();
        if (const HealthThreshold* threshold = thresholdAt(it.key())) {
            HealthConfig scratch;
            if (const std::optional<QString> error = threshold->setText(scratch, text))
                m_issues.append({ConfigIssue::Severity::Error, it.key(), *error});
            continue;
        }
        QString error;
        if ((!text.isEmpty() || it.key() != u"health.worker_window")
            && !duration::parse(text, &error))
            m_issues.append({ConfigIssue::Severity::Error, it.key(), error});
    }
    // The engine's own rules for the health block, with the same JSON paths.
    Config withHealth = m_manager.config();
    withHealth.health = health();
    for (const ConfigIssue& issue : withHealth.validate()) {
        if (issue.path.startsWith(u"health."))
            m_issues.append(issue);
    }

    unmarkAll();
    QStringList lines;
    for (const ConfigIssue& issue : std::as_const(m_issues)) {
        const QColor color
            = HealthStyle::color(issue.isError() ? Severity::Error : Severity::Warning);
        lines.append(u"<span style=\"color:%1\">%2</span>"_s.arg(
            color.name(), issue.toString().toHtmlEscaped()));
        if (QWidget* field = fieldFor(issue.path); field && issue.isError())
            mark(field, issue.message);
    }
    m_ui->issuesLabel->setText(lines.join(u"<br>"_s));
    m_ui->issuesLabel->setVisible(!lines.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(!hasErrors(m_issues));
}

void ClusterEditorDialog::mark(QWidget* field, const QString& message)
{
    // A field with two problems (two empty names in one list) keeps its own tooltip to restore.
    if (!m_marked.contains(field))
        m_marked.insert(field, field->toolTip());
    field->setProperty("invalid", true);
    field->setStyleSheet(
        u"border: 1px solid %1;"_s.arg(HealthStyle::color(Severity::Critical).name()));
    field->setToolTip(message);
    // The tab holding the field gets a red dot, so a problem on another tab is not missed.
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        if (m_ui->tabs->widget(i)->isAncestorOf(field))
            m_ui->tabs->setTabIcon(i, HealthStyle::dot(Severity::Critical));
    }
}

void ClusterEditorDialog::unmarkAll()
{
    for (auto it = m_marked.cbegin(); it != m_marked.cend(); ++it) {
        it.key()->setProperty("invalid", false);
        it.key()->setStyleSheet(QString());
        it.key()->setToolTip(it.value());
    }
    m_marked.clear();
    for (int i = 0; i < m_ui->tabs->count(); ++i)
        m_ui->tabs->setTabIcon(i, QIcon());
}

bool ClusterEditorDialog::isMarked(const QWidget* field) const
{
    return field && field->property("invalid").toBool();
}

void ClusterEditorDialog::chooseFile(QLineEdit* edit, const QString& title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

void ClusterEditorDialog::chooseColor()
{
    const QColor current(resolveColor(m_ui->colorCombo->currentText()).value_or(u"#2e7d32"_s));
    const QColor chosen = QColorDialog::getColor(current, this, tr("Cluster colour"));
    if (chosen.isValid())
        m_ui->colorCombo->setEditText(chosen.name());
}

QString ClusterEditorDialog::testResultText() const
{
    return m_ui->testResult->text();
}

void ClusterEditorDialog::testConnection()
{
    if (m_tester.isRunning())
        return;
    m_ui->testButton->setEnabled(false);
    m_ui->testProgress->setVisible(true);
    m_ui->testResult->setText(tr("Connecting to %1…").arg(m_ui->endpointEdit->text().trimmed()));
    m_tester.start(cluster(), m_manager.config().polling.timeout);
}

void ClusterEditorDialog::onTestFinished(const ConnectionTester::Result& result)
{
    m_ui->testButton->setEnabled(true);
    m_ui->testProgress->setVisible(false);
    if (result.ok) {
        m_ui->testResult->setText(
            tr("<span style=\"color:%1\">Connected.</span> PING answered in %2 (first one, "
               "with connecting: %3).")
                .arg(HealthStyle::color(HealthStatus::Healthy).name(),
                    Format::latency(result.pingMs), Format::latency(result.connectMs)));
    } else {
        m_ui->testResult->setText(u"<span style=\"color:%1\">%2</span>"_s.arg(
            HealthStyle::color(Severity::Critical).name(),
            tr("Failed: %1").arg(result.error).toHtmlEscaped()));
    }
}

void ClusterEditorDialog::showSaveError(QWidget* field, const QString& message)
{
    if (field)
        mark(field, message);
    m_ui->issuesLabel->setText(u"<span style=\"color:%1\">%2</span>"_s.arg(
        HealthStyle::color(Severity::Critical).name(), message.toHtmlEscaped()));
    m_ui->issuesLabel->setVisible(true);
}

bool ClusterEditorDialog::storeInKeychain(const ClusterConfig& c)
{
    PasswordStore* store = PasswordStore::installed();
    if (!store) {
        showSaveError(m_ui->passwordKeychainCheck, tr("No system keychain is available."));
        return false;
    }
    // The keychain may ask the user to unlock it first; nothing here may be clicked twice.
    setEnabled(false);
    QString error;
    const bool stored = store->write(c.name, c.password, &error);
    setEnabled(true);
    if (!stored)
        showSaveError(m_ui->passwordKeychainCheck,
            tr("The password could not be stored in the system keychain: %1").arg(error));
    return stored;
}

void ClusterEditorDialog::forgetOldKeychainEntry(const ClusterConfig& saved)
{
    if (!m_original.passwordKeychain || (saved.passwordKeychain && saved.name == m_existing))
        return;
    // Renamed, or the password moved back to the file: the old entry would only linger.
    if (PasswordStore* store = PasswordStore::installed())
        store->remove(m_existing, nullptr);
}

bool ClusterEditorDialog::save()
{
    validate();
    if (hasErrors(m_issues))
        return false;
    const ClusterConfig c = cluster();
    // The keychain first: a config naming a keychain entry that was never written would have
    // the cluster connect without its password.
    if (c.passwordKeychain && !storeInKeychain(c))
        return false;
    try {
        if (m_existing.isEmpty())
            m_manager.addCluster(c);
        else
            m_manager.updateCluster(m_existing, c);
    } catch (const ClusterError& e) {
        showSaveError(fieldFor(kPath + u'.' + e.field()), e.message());
        return false;
    }
    try {
        m_manager.setHealthConfig(health());
    } catch (const ClusterError& e) {
        showSaveError(m_ui->tabs->findChild<QWidget*>(u"healthTab"_s), e.message());
        return false;
    }
    forgetOldKeychainEntry(c);
    Q_EMIT saved(c.name);
    accept();
    return true;
}

} // namespace qd::gui

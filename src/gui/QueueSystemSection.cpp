#include "gui/QueueSystemSection.h"

#include "core/redis/ConnectionError.h"
#include "core/redis/RedisClient.h"
#include "gui/HealthStyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPromise>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTextDocumentFragment>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

// Detection gets its own thread: a slow server must not hold one the engine polls with.
QThreadPool& detectorPool()
{
    static QThreadPool pool;
    pool.setMaxThreadCount(1);
    return pool;
}

// Product names, the same in every language.
QString displayName(const QString& type)
{
    static const QHash<QString, QString> names {
        {u"go-redis-work-queue"_s, u"go-redis-work-queue"_s}, {u"sidekiq"_s, u"Sidekiq"_s},
        {u"bullmq"_s, u"BullMQ"_s}, {u"rq"_s, u"RQ"_s}, {u"celery"_s, u"Celery"_s}};
    return names.value(type, type);
}

QString describe(const SystemFinding& f)
{
    if (f.scope.isEmpty())
        return displayName(f.system);
    return f.system == u"sidekiq"_s
        ? QueueSystemSection::tr("%1, namespace \"%2\"").arg(displayName(f.system), f.scope)
        : QueueSystemSection::tr("%1, prefix \"%2\"").arg(displayName(f.system), f.scope);
}

// Celery's queue names as typed, comma-separated as Celery's own -Q option takes them. An
// empty entry is kept, for the validator to name it; an empty field is an empty list.
QStringList queueNames(const QString& text)
{
    if (text.trimmed().isEmpty())
        return {};
    QStringList names = text.split(u',');
    for (QString& name : names)
        name = name.trimmed();
    return names;
}

void setRowVisible(QFormLayout& form, QObject* row, bool visible)
{
    if (auto* widget = qobject_cast<QWidget*>(row))
        form.setRowVisible(widget, visible);
    else if (auto* layout = qobject_cast<QLayout*>(row))
        form.setRowVisible(layout, visible);
}

} // namespace

QueueSystemSection::QueueSystemSection(
    QFormLayout& form, QList<QObject*> goRedisFields, QWidget* parent)
    : QObject(parent), m_form(form), m_goRedisFields(std::move(goRedisFields))
{
    m_type = new QComboBox(parent);
    m_type->setObjectName(u"queueSystemCombo"_s);
    auto* model = qobject_cast<QStandardItemModel*>(m_type->model());
    for (const QueueSystemType system : allQueueSystemTypes()) {
        const QString type = queueSystemTypeName(system);
        m_type->addItem(displayName(type), type);
        if (!typeSupported(type)) {
            QStandardItem* item = model->item(m_type->count() - 1);
            item->setEnabled(false);
            item->setToolTip(tr("Not supported by this version yet"));
        }
    }
    m_detectButton = new QPushButton(tr("&Detect"), parent);
    m_detectButton->setObjectName(u"detectButton"_s);
    m_detectButton->setToolTip(
        tr("Read the database at the endpoint (nothing is written) and suggest its queue system"));
    auto* typeRow = new QHBoxLayout;
    typeRow->addWidget(m_type, 1);
    typeRow->addWidget(m_detectButton);
    auto* typeLabel = new QLabel(tr("Queue s&ystem:"), parent);
    typeLabel->setBuddy(m_type);

    m_result = new QLabel(parent);
    m_result->setObjectName(u"detectResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText); // every text set below is escaped HTML
    m_result->setVisible(false);

    m_choiceRow = new QWidget(parent);
    auto* choiceLayout = new QHBoxLayout(m_choiceRow);
    choiceLayout->setContentsMargins(0, 0, 0, 0);
    m_choice = new QComboBox(m_choiceRow);
    m_choice->setObjectName(u"detectChoice"_s);
    m_applyButton = new QPushButton(tr("&Use this"), m_choiceRow);
    m_applyButton->setObjectName(u"applyDetectedButton"_s);
    choiceLayout->addWidget(m_choice, 1);
    choiceLayout->addWidget(m_applyButton);
    m_choiceRow->setVisible(false);

    m_form.insertRow(0, typeLabel, typeRow);
    m_form.insertRow(1, m_result);
    m_form.insertRow(2, m_choiceRow);
    m_nextRow = 3;

    // One row per queue_system field, in the order of the configuration reference.
    m_namespace = addLineRow(u"sidekiqNamespaceEdit"_s, tr("&Namespace:"),
        tr("The redis-namespace prefix of the Sidekiq application, without the trailing ':'; "
           "empty when it uses none"),
        {QueueSystemType::Sidekiq});
    m_namespace->setPlaceholderText(tr("none"));
    m_prefix = addLineRow(u"bullmqPrefixEdit"_s, tr("Key &prefix:"),
        tr("The prefix option the application gives BullMQ's queues and workers (\"bull\" by "
           "default), without a trailing ':'; it may contain ':' and a {hash tag}"),
        {QueueSystemType::BullMQ});
    m_celeryQueues = addLineRow(u"celeryQueuesEdit"_s, tr("&Queues:"),
        tr("Queue names, separated by commas, shown even when kombu's bindings do not name "
           "them (Celery's default queue is \"celery\")"),
        {QueueSystemType::Celery});
    m_celeryQueues->setPlaceholderText(tr("only those the bindings name"));
    m_resultBackendDb = new QSpinBox(m_form.parentWidget());
    m_resultBackendDb->setObjectName(u"celeryResultBackendDbSpin"_s);
    // As far as the cluster's own database field goes; -1 reads "the broker's".
    m_resultBackendDb->setRange(-1, 9999);
    m_resultBackendDb->setSpecialValueText(tr("the broker's"));
    m_resultBackendDb->setToolTip(
        tr("The database of Celery's Redis result backend, when it is not the broker's"));
    auto* resultBackendLabel = new QLabel(tr("Result &backend database:"), m_form.parentWidget());
    resultBackendLabel->setBuddy(m_resultBackendDb);
    addRow(resultBackendLabel, m_resultBackendDb, {QueueSystemType::Celery});
    m_visibilityTimeout = addLineRow(u"celeryVisibilityTimeoutEdit"_s, tr("&Visibility timeout:"),
        tr("The broker's visibility_timeout transport option (kombu's default is 1h): held "
           "messages older than this are about to be delivered again"),
        {QueueSystemType::Celery});
    m_globalKeyPrefix = addLineRow(u"celeryGlobalKeyPrefixEdit"_s, tr("&Global key prefix:"),
        tr("The broker's global_keyprefix transport option: put before every key kombu writes "
           "and every event channel; empty when the application sets none"),
        {QueueSystemType::Celery});
    m_globalKeyPrefix->setPlaceholderText(tr("none"));
    m_discoveryInterval = addLineRow(u"discoveryIntervalEdit"_s, tr("D&iscovery interval:"),
        tr("How often the list of queues is read again, in a round trip of its own; the polls "
           "in between reuse it"),
        {QueueSystemType::BullMQ, QueueSystemType::Celery});

    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    for (const SystemRow& row : std::as_const(m_systemRows)) {
        if (auto* edit = qobject_cast<QLineEdit*>(row.field))
            connect(edit, &QLineEdit::textChanged, this, &QueueSystemSection::changed);
    }
    connect(m_resultBackendDb, &QSpinBox::valueChanged, this, &QueueSystemSection::changed);
    connect(m_applyButton, &QPushButton::clicked, this, &QueueSystemSection::applyChosen);
    connect(m_detectButton, &QPushButton::clicked, this, &QueueSystemSection::detectRequested);
    connect(m_choice, &QComboBox::currentIndexChanged, this, [this] {
        const int index = m_choice->currentData().toInt();
        m_applyButton->setEnabled(
            index >= 0 && index < m_findings.size() && typeSupported(m_findings.at(index).system));
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        m_detecting = false;
        m_detectButton->setEnabled(true);
        if (m_watcher.future().resultCount() > 0)
            onDetected(m_watcher.result());
    });
    updateVisibility();
}

QueueSystemSection::~QueueSystemSection()
{
    // A detection still running finishes on the pool; nobody is told about its result.
    m_watcher.disconnect();
}

QLineEdit* QueueSystemSection::addLineRow(const QString& objectName, const QString& label,
    const QString& toolTip, QList<QueueSystemType> systems)
{
    auto* edit = new QLineEdit(m_form.parentWidget());
    edit->setObjectName(objectName);
    edit->setToolTip(toolTip);
    auto* title = new QLabel(label, m_form.parentWidget());
    title->setBuddy(edit);
    addRow(title, edit, std::move(systems));
    return edit;
}

void QueueSystemSection::addRow(QLabel* label, QWidget* field, QList<QueueSystemType> systems)
{
    m_form.insertRow(m_nextRow++, label, field);
    m_systemRows.append({field, std::move(systems)});
}

void QueueSystemSection::load(const QueueSystemConfig& config)
{
    m_type->setCurrentIndex(m_type->findData(queueSystemTypeName(config.type)));
    m_namespace->setText(config.sidekiqNamespace);
    m_prefix->setText(config.bullmqPrefix);
    m_celeryQueues->setText(config.celeryQueues.join(u", "_s));
    m_resultBackendDb->setValue(config.celeryResultBackendDb.value_or(-1));
    m_visibilityTimeout->setText(duration::format(config.celeryVisibilityTimeout));
    m_globalKeyPrefix->setText(config.celeryGlobalKeyPrefix);
    m_discoveryInterval->setText(duration::format(config.discoveryInterval));
    updateVisibility();
}

void QueueSystemSection::apply(QueueSystemConfig& config) const
{
    const std::optional<QueueSystemType> type = currentType();
    if (!type)
        return;
    config.type = *type;
    // Only the chosen system's rows: a value left in another system's row is not its field.
    if (shown(m_namespace))
        config.sidekiqNamespace = m_namespace->text().trimmed();
    if (shown(m_prefix))
        config.bullmqPrefix = m_prefix->text().trimmed();
    if (shown(m_celeryQueues))
        config.celeryQueues = queueNames(m_celeryQueues->text());
    if (shown(m_resultBackendDb)) {
        const int db = m_resultBackendDb->value();
        config.celeryResultBackendDb = db < 0 ? std::nullopt : std::optional<int>(db);
    }
    // As typed: white space around a prefix is the validator's to flag, not ours to drop.
    if (shown(m_globalKeyPrefix))
        config.celeryGlobalKeyPrefix = m_globalKeyPrefix->text();
    // A duration that does not parse keeps the value it had; inputIssues() reports it.
    if (const auto timeout = duration::parse(m_visibilityTimeout->text().trimmed());
        timeout && shown(m_visibilityTimeout))
        config.celeryVisibilityTimeout = *timeout;
    if (const auto interval = duration::parse(m_discoveryInterval->text().trimmed());
        interval && shown(m_discoveryInterval))
        config.discoveryInterval = *interval;
}

QWidget* QueueSystemSection::fieldFor(QStringView field) const
{
    if (field == u"type")
        return m_type;
    const std::pair<QStringView, QWidget*> fields[] {{u"namespace", m_namespace},
        {u"prefix", m_prefix}, {u"queues", m_celeryQueues},
        {u"result_backend_db", m_resultBackendDb}, {u"visibility_timeout", m_visibilityTimeout},
        {u"global_keyprefix", m_globalKeyPrefix}, {u"discovery_interval", m_discoveryInterval}};
    for (const auto& [name, widget] : fields) {
        // go-redis-work-queue's queues are the editor's table.
        if (name == field)
            return name == u"queues" && !shown(widget) ? nullptr : widget;
    }
    return nullptr;
}

QList<ConfigIssue> QueueSystemSection::inputIssues(const QString& path) const
{
    QList<ConfigIssue> issues;
    for (const auto& [edit, field] : {std::pair {m_visibilityTimeout, "visibility_timeout"},
             std::pair {m_discoveryInterval, "discovery_interval"}}) {
        QString error;
        if (shown(edit) && !duration::parse(edit->text().trimmed(), &error))
            issues.append(
                {ConfigIssue::Severity::Error, path + u'.' + QLatin1StringView(field), error});
    }
    return issues;
}

std::optional<QueueSystemType> QueueSystemSection::currentType() const
{
    return queueSystemTypeFromName(m_type->currentData().toString());
}

bool QueueSystemSection::shown(const QWidget* field) const
{
    const std::optional<QueueSystemType> type = currentType();
    for (const SystemRow& row : m_systemRows) {
        if (row.field == field)
            return type && row.systems.contains(*type);
    }
    return false;
}

bool QueueSystemSection::typeSupported(const QString& type)
{
    const auto parsed = queueSystemTypeFromName(type);
    return parsed && queueSystemSupported(*parsed);
}

void QueueSystemSection::updateVisibility()
{
    for (const SystemRow& row : std::as_const(m_systemRows))
        m_form.setRowVisible(row.field, shown(row.field));
    const bool goRedis = currentType() == QueueSystemType::GoRedisWorkQueue;
    for (QObject* row : std::as_const(m_goRedisFields))
        setRowVisible(m_form, row, goRedis);
}

void QueueSystemSection::detect(const ClusterConfig& connection, Millis timeout)
{
    if (m_detecting)
        return;
    m_detecting = true;
    m_detectButton->setEnabled(false);
    m_choiceRow->setVisible(false);
    m_result->setVisible(true);
    m_result->setText(tr("Reading %1…").arg(connection.endpoint.toHtmlEscaped()));
    auto promise = std::make_shared<QPromise<Outcome>>();
    m_watcher.setFuture(promise->future());
    promise->start();
    detectorPool().start([promise, connection, timeout] {
        promise->addResult(run(connection, timeout));
        promise->finish();
    });
}

QueueSystemSection::Outcome QueueSystemSection::run(const ClusterConfig& connection, Millis timeout)
{
    Outcome outcome;
    try {
        const std::unique_ptr<redis::RedisClient> client
            = redis::RedisClient::create(connection, timeout);
        outcome.report = SystemDetector::detect(*client, SystemDetector::Limits {});
    } catch (const redis::ConnectionError& e) {
        outcome.error = e.message();
    } catch (const std::exception& e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    return outcome;
}

QString QueueSystemSection::detectResultText() const
{
    return QTextDocumentFragment::fromHtml(m_result->text()).toPlainText();
}

void QueueSystemSection::onDetected(const Outcome& outcome)
{
    m_findings.clear();
    m_choice->clear();
    if (!outcome.error.isEmpty()) {
        m_result->setText(u"<span style=\"color:%1\">%2</span>"_s.arg(
            HealthStyle::color(Severity::Critical).name(),
            tr("Detection failed: %1").arg(outcome.error).toHtmlEscaped()));
        return;
    }
    const DetectionReport& report = outcome.report;
    const QString scanned = report.complete
        ? tr("%n key(s) read.", nullptr, int(report.keysScanned))
        : tr("Only %n key(s) read: the database is larger than one look.", nullptr,
            int(report.keysScanned));
    if (report.findings.isEmpty()) {
        m_result->setText(tr("No queue system found. %1").arg(scanned));
        return;
    }
    QStringList found;
    auto* model = qobject_cast<QStandardItemModel*>(m_choice->model());
    for (const SystemFinding& f : report.findings) {
        found.append(describe(f));
        m_choice->addItem(describe(f), int(m_findings.size()));
        QStandardItem* item = model->item(m_choice->count() - 1);
        item->setToolTip(f.evidence.join(u", "_s));
        if (!typeSupported(f.system)) {
            item->setEnabled(false);
            item->setText(tr("%1 (not supported by this version yet)").arg(describe(f)));
        }
        m_findings.append(f);
    }
    m_result->setText(tr("Found: %1. %2").arg(found.join(u"; "_s), scanned).toHtmlEscaped());
    // The first finding this version can read is offered first.
    for (int i = 0; i < m_choice->count(); ++i) {
        if (model->item(i)->isEnabled()) {
            m_choice->setCurrentIndex(i);
            break;
        }
    }
    m_applyButton->setEnabled(model->item(m_choice->currentIndex())->isEnabled());
    m_choiceRow->setVisible(true);
}

bool QueueSystemSection::applyChosen()
{
    const int index = m_choice->currentData().toInt();
    if (m_choice->count() == 0 || index < 0 || index >= m_findings.size())
        return false;
    const SystemFinding& f = m_findings.at(index);
    if (!typeSupported(f.system))
        return false;
    m_type->setCurrentIndex(m_type->findData(f.system));
    // The suggestion leaves out what is the default: no namespace, BullMQ's "bull".
    if (f.system == u"sidekiq"_s)
        m_namespace->setText(f.suggestion.value(u"namespace"_s).toString());
    if (f.system == u"bullmq"_s)
        m_prefix->setText(
            f.suggestion.value(u"prefix"_s).toString(QueueSystemConfig().bullmqPrefix));
    const QJsonArray queues = f.suggestion.value(u"queues"_s).toArray();
    if (!queues.isEmpty()) {
        QList<QueueKey> keys;
        for (const QJsonValue& queue : queues) {
            keys.append({queue.toObject().value(u"name"_s).toString(),
                queue.toObject().value(u"key"_s).toString()});
        }
        Q_EMIT queuesSuggested(keys);
    }
    m_result->setText(tr("Using %1.").arg(describe(f)).toHtmlEscaped());
    m_choiceRow->setVisible(false);
    Q_EMIT changed();
    return true;
}

} // namespace qd::gui

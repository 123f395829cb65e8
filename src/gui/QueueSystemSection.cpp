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

    m_namespace = new QLineEdit(parent);
    m_namespace->setObjectName(u"sidekiqNamespaceEdit"_s);
    m_namespace->setPlaceholderText(tr("none"));
    m_namespace->setToolTip(tr("The redis-namespace prefix of the Sidekiq application, without "
                               "the trailing ':'; empty when it uses none"));
    m_namespaceLabel = new QLabel(tr("&Namespace:"), parent);
    m_namespaceLabel->setBuddy(m_namespace);

    m_form.insertRow(0, typeLabel, typeRow);
    m_form.insertRow(1, m_result);
    m_form.insertRow(2, m_choiceRow);
    m_form.insertRow(3, m_namespaceLabel, m_namespace);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_namespace, &QLineEdit::textChanged, this, &QueueSystemSection::changed);
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

void QueueSystemSection::load(const QueueSystemConfig& config)
{
    m_type->setCurrentIndex(m_type->findData(queueSystemTypeName(config.type)));
    m_namespace->setText(config.sidekiqNamespace);
    updateVisibility();
}

void QueueSystemSection::apply(QueueSystemConfig& config) const
{
    if (const auto type = queueSystemTypeFromName(m_type->currentData().toString()))
        config.type = *type;
    config.sidekiqNamespace = m_namespace->text().trimmed();
}

bool QueueSystemSection::typeSupported(const QString& type)
{
    const auto parsed = queueSystemTypeFromName(type);
    return parsed && queueSystemSupported(*parsed);
}

void QueueSystemSection::updateVisibility()
{
    const QString type = m_type->currentData().toString();
    const bool sidekiq = type == u"sidekiq"_s;
    m_form.setRowVisible(m_namespace, sidekiq);
    for (QObject* row : std::as_const(m_goRedisFields))
        setRowVisible(m_form, row, type == u"go-redis-work-queue"_s);
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
    m_namespace->setText(f.suggestion.value(u"namespace"_s).toString());
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

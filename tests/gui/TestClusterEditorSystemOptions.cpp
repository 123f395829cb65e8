// The cluster editor's options of each queue system (BullMQ's prefix; Celery's queues, result
// backend database and visibility timeout; the discovery interval of both): each row shows for
// its own system only, a value the engine would refuse is marked with the config validator's
// own message and keeps Save closed, and every field survives the trip from the file through
// the editor and back through the config writer and reader.

#include "core/config/ConfigReader.h"
#include "core/config/ConfigValidator.h"
#include "core/config/ConfigWriter.h"
#include "core/engine/Manager.h"
#include "gui/ClusterEditorDialog.h"
#include "gui/QueueSystemSection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;
using qd::gui::ClusterEditorDialog;

namespace {

// A file with one cluster of each kind the options concern; the Sidekiq one also carries a
// BullMQ prefix (a warning when read), which an edit must not drop.
const QByteArray kFile = R"({"clusters": [
  {"name": "jobs", "color": "green", "endpoint": "127.0.0.1:1",
   "queue_system": {"type": "bullmq", "prefix": "app:{jobs}", "discovery_interval": "30s"}},
  {"name": "tasks", "color": "green", "endpoint": "127.0.0.1:1",
   "queue_system": {"type": "celery", "queues": ["celery", "reports"], "result_backend_db": 2,
                    "visibility_timeout": "2h", "global_keyprefix": "qd_",
                    "discovery_interval": "5s"}},
  {"name": "plain", "color": "green", "endpoint": "127.0.0.1:1",
   "queue_system": {"type": "celery"}},
  {"name": "shop", "color": "green", "endpoint": "127.0.0.1:1",
   "queue_system": {"type": "sidekiq", "namespace": "shop", "prefix": "stray"}}
]})";

Config fileConfig()
{
    const ConfigReadResult read = ConfigReader::read(kFile);
    if (!read.ok())
        qFatal("the test's config does not load");
    return read.config;
}

// The message the config validator gives at path for cluster, or empty when it gives none.
QString validatorMessage(const ClusterConfig& cluster, const QString& path)
{
    for (const ConfigIssue& issue : ConfigValidator::validateCluster(cluster, u"cluster"_s)) {
        if (issue.path == path)
            return issue.message;
    }
    return {};
}

// The cluster as the file writer puts it and the reader takes it back.
ClusterConfig throughTheFile(const Config& config, const QString& name)
{
    const QByteArray json = QJsonDocument(ConfigWriter::toJson(config)).toJson();
    const ConfigReadResult read = ConfigReader::read(json);
    if (!read.ok())
        qWarning("the written config does not load: %s", json.constData());
    const ClusterConfig* cluster = read.config.cluster(name);
    return cluster ? *cluster : ClusterConfig();
}

} // namespace

class TestClusterEditorSystemOptions final : public QObject {
    Q_OBJECT

    template <typename T>
    static T* field(const ClusterEditorDialog& editor, const QString& name)
    {
        auto* widget = editor.findChild<T*>(name);
        if (!widget)
            qWarning("no %s in the editor", qPrintable(name));
        return widget;
    }

    static void choose(const ClusterEditorDialog& editor, const QString& type)
    {
        auto* combo = field<QComboBox>(editor, u"queueSystemCombo"_s);
        combo->setCurrentIndex(combo->findData(type));
    }

    static QPushButton* saveButton(const ClusterEditorDialog& editor)
    {
        return editor.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
    }

private Q_SLOTS:
    void eachSystemShowsItsOwnRows()
    {
        Manager manager(fileConfig());
        ClusterEditorDialog editor(manager, QString());
        const QWidget* page = editor.findChild<QWidget*>(u"queuePage"_s);
        const auto* form = editor.findChild<QFormLayout*>(u"queueForm"_s);
        QVERIFY(page && form);
        const QStringList rows {u"sidekiqNamespaceEdit"_s, u"bullmqPrefixEdit"_s,
            u"celeryQueuesEdit"_s, u"celeryResultBackendDbSpin"_s, u"celeryVisibilityTimeoutEdit"_s,
            u"celeryGlobalKeyPrefixEdit"_s, u"discoveryIntervalEdit"_s, u"completedEdit"_s};
        const QHash<QString, QStringList> expected {
            {u"go-redis-work-queue"_s, {u"completedEdit"_s}},
            {u"sidekiq"_s, {u"sidekiqNamespaceEdit"_s}},
            {u"bullmq"_s, {u"bullmqPrefixEdit"_s, u"discoveryIntervalEdit"_s}}, {u"rq"_s, {}},
            {u"celery"_s,
                {u"celeryQueuesEdit"_s, u"celeryResultBackendDbSpin"_s,
                    u"celeryVisibilityTimeoutEdit"_s, u"celeryGlobalKeyPrefixEdit"_s,
                    u"discoveryIntervalEdit"_s}}};
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            choose(editor, it.key());
            for (const QString& row : rows) {
                QWidget* widget = field<QWidget>(editor, row);
                QVERIFY(widget);
                QVERIFY2(widget->isVisibleTo(page) == it.value().contains(row),
                    qPrintable(QString(it.key() + u": "_s + row)));
                // The row's label goes with its field.
                QWidget* label = form->labelForField(widget);
                QVERIFY(label);
                QCOMPARE(label->isVisibleTo(page), widget->isVisibleTo(page));
            }
        }
        // A new cluster starts from the defaults.
        choose(editor, u"celery"_s);
        QCOMPARE(field<QLineEdit>(editor, u"celeryQueuesEdit"_s)->text(), u"celery"_s);
        QCOMPARE(
            field<QSpinBox>(editor, u"celeryResultBackendDbSpin"_s)->text(), u"the broker's"_s);
        QCOMPARE(field<QLineEdit>(editor, u"celeryVisibilityTimeoutEdit"_s)->text(), u"1h"_s);
        QCOMPARE(field<QLineEdit>(editor, u"celeryGlobalKeyPrefixEdit"_s)->text(), QString());
        QCOMPARE(field<QLineEdit>(editor, u"discoveryIntervalEdit"_s)->text(), u"10s"_s);
        choose(editor, u"bullmq"_s);
        QCOMPARE(field<QLineEdit>(editor, u"bullmqPrefixEdit"_s)->text(), u"bull"_s);
    }

    void badValuesAreMarkedWithTheValidatorsMessage()
    {
        Manager manager(fileConfig());
        ClusterEditorDialog editor(manager, u"jobs"_s);
        QPushButton* save = saveButton(editor);
        auto* prefix = field<QLineEdit>(editor, u"bullmqPrefixEdit"_s);
        auto* discovery = field<QLineEdit>(editor, u"discoveryIntervalEdit"_s);
        QVERIFY(save->isEnabled());

        // BullMQ's prefix with a trailing ':'.
        prefix->setText(u"app:"_s);
        QVERIFY(editor.isMarked(prefix));
        QVERIFY(!save->isEnabled());
        const QString message
            = validatorMessage(editor.cluster(), u"cluster.queue_system.prefix"_s);
        QVERIFY(!message.isEmpty());
        QCOMPARE(prefix->toolTip(), message);
        prefix->setText(u"app"_s);
        QVERIFY(!editor.isMarked(prefix));
        QVERIFY(save->isEnabled());
        // On Redis Cluster an empty {hash tag} is refused, on the prefix too.
        prefix->setText(u"app:{}"_s);
        QVERIFY(!editor.isMarked(prefix)); // standalone: no slot rule
        field<QComboBox>(editor, u"modeCombo"_s)->setCurrentIndex(1);
        QVERIFY(editor.isMarked(prefix));
        QCOMPARE(prefix->toolTip(),
            validatorMessage(editor.cluster(), u"cluster.queue_system.prefix"_s));
        prefix->setText(u"app:{jobs}"_s);
        QVERIFY(!editor.isMarked(prefix));
        field<QComboBox>(editor, u"modeCombo"_s)->setCurrentIndex(0);

        // The discovery interval: a duration, and greater than 0.
        discovery->setText(u"soon"_s);
        QVERIFY(editor.isMarked(discovery));
        QVERIFY(!save->isEnabled());
        QString parseError;
        QVERIFY(!duration::parse(u"soon", &parseError));
        QCOMPARE(discovery->toolTip(), parseError);
        discovery->setText(u"0s"_s);
        QVERIFY(editor.isMarked(discovery));
        QCOMPARE(discovery->toolTip(),
            validatorMessage(editor.cluster(), u"cluster.queue_system.discovery_interval"_s));
        QVERIFY(!save->isEnabled());
        discovery->setText(u"1m"_s);
        QVERIFY(save->isEnabled());

        // Celery: an empty queue name among the others, a visibility timeout of 0.
        choose(editor, u"celery"_s);
        auto* queues = field<QLineEdit>(editor, u"celeryQueuesEdit"_s);
        auto* visibility = field<QLineEdit>(editor, u"celeryVisibilityTimeoutEdit"_s);
        auto* goRedisQueues = field<QWidget>(editor, u"queuesTable"_s);
        QVERIFY(save->isEnabled());
        const QString queuesHelp = queues->toolTip();
        QVERIFY(queuesHelp.contains(u"commas"_s));
        queues->setText(u"celery, , reports"_s);
        QVERIFY(editor.isMarked(queues));
        QVERIFY(!editor.isMarked(goRedisQueues));
        QCOMPARE(queues->toolTip(),
            validatorMessage(editor.cluster(), u"cluster.queue_system.queues[1]"_s));
        QVERIFY(!save->isEnabled());
        queues->setText(u",celery,,"_s); // three empty names on one field
        QVERIFY(editor.isMarked(queues));
        queues->setText(u"celery, reports"_s);
        QVERIFY(!editor.isMarked(queues));
        QCOMPARE(queues->toolTip(), queuesHelp);
        QVERIFY(save->isEnabled());
        visibility->setText(u"0s"_s);
        QVERIFY(editor.isMarked(visibility));
        QCOMPARE(visibility->toolTip(),
            validatorMessage(editor.cluster(), u"cluster.queue_system.visibility_timeout"_s));
        QVERIFY(!save->isEnabled());
        QVERIFY(!editor.save());
        // A value typed for another system is not that system's field: BullMQ saves.
        choose(editor, u"bullmq"_s);
        QVERIFY(!editor.isMarked(visibility));
        QVERIFY(save->isEnabled());
        QCOMPARE(editor.cluster().queueSystem.celeryVisibilityTimeout,
            QueueSystemConfig().celeryVisibilityTimeout);
        choose(editor, u"celery"_s);
        visibility->setText(u"90m"_s);
        QVERIFY(!editor.isMarked(visibility));
        QVERIFY(save->isEnabled());
        // A key prefix with white space around it: kept as typed, and flagged.
        auto* keyPrefix = field<QLineEdit>(editor, u"celeryGlobalKeyPrefixEdit"_s);
        keyPrefix->setText(u" qd_"_s);
        QVERIFY(editor.isMarked(keyPrefix));
        QCOMPARE(keyPrefix->toolTip(),
            validatorMessage(editor.cluster(), u"cluster.queue_system.global_keyprefix"_s));
        QVERIFY(!save->isEnabled());
        keyPrefix->setText(u"qd_"_s);
        QVERIFY(!editor.isMarked(keyPrefix));
        QVERIFY(save->isEnabled());
    }

    void valuesRoundTripThroughTheEditorAndTheFile()
    {
        const Config loaded = fileConfig();
        Manager manager(loaded);
        // Opened and saved untouched, every cluster is the same, field by field.
        for (const ClusterConfig& original : loaded.clusters) {
            ClusterEditorDialog editor(manager, original.name);
            QCOMPARE(editor.cluster(), original);
            QCOMPARE(ConfigWriter::clusterToJson(editor.cluster()),
                ConfigWriter::clusterToJson(original));
            QVERIFY2(editor.save(), qPrintable(original.name));
            QCOMPARE(*manager.config().cluster(original.name), original);
        }
        QCOMPARE(throughTheFile(manager.config(), u"shop"_s).queueSystem.bullmqPrefix, u"stray"_s);

        // The fields show what the file says.
        {
            ClusterEditorDialog editor(manager, u"tasks"_s);
            QCOMPARE(field<QLineEdit>(editor, u"celeryQueuesEdit"_s)->text(), u"celery, reports"_s);
            QCOMPARE(field<QSpinBox>(editor, u"celeryResultBackendDbSpin"_s)->value(), 2);
            QCOMPARE(field<QLineEdit>(editor, u"celeryVisibilityTimeoutEdit"_s)->text(), u"2h"_s);
            QCOMPARE(field<QLineEdit>(editor, u"celeryGlobalKeyPrefixEdit"_s)->text(), u"qd_"_s);
            QCOMPARE(field<QLineEdit>(editor, u"discoveryIntervalEdit"_s)->text(), u"5s"_s);
            // Edited: another list of queues, the broker's database for results, other times.
            field<QLineEdit>(editor, u"celeryQueuesEdit"_s)->setText(u" mail,billing , celery"_s);
            field<QSpinBox>(editor, u"celeryResultBackendDbSpin"_s)->setValue(-1);
            field<QLineEdit>(editor, u"celeryVisibilityTimeoutEdit"_s)->setText(u"45m"_s);
            field<QLineEdit>(editor, u"celeryGlobalKeyPrefixEdit"_s)->setText(u"eu:"_s);
            field<QLineEdit>(editor, u"discoveryIntervalEdit"_s)->setText(u"1m30s"_s);
            QVERIFY(editor.save());
        }
        const QueueSystemConfig tasks = throughTheFile(manager.config(), u"tasks"_s).queueSystem;
        QCOMPARE(tasks.type, QueueSystemType::Celery);
        QCOMPARE(tasks.celeryQueues, (QStringList {u"mail"_s, u"billing"_s, u"celery"_s}));
        QVERIFY(!tasks.celeryResultBackendDb);
        QCOMPARE(tasks.celeryVisibilityTimeout, Millis(45 * 60 * 1000));
        QCOMPARE(tasks.celeryGlobalKeyPrefix, u"eu:"_s);
        QCOMPARE(tasks.discoveryInterval, Millis(90000));
        QCOMPARE(manager.config().cluster(u"tasks"_s)->queueSystem, tasks);

        // No queues of its own: only those kombu's bindings name, and it stays that way.
        {
            ClusterEditorDialog editor(manager, u"plain"_s);
            QCOMPARE(field<QSpinBox>(editor, u"celeryResultBackendDbSpin"_s)->value(), -1);
            field<QLineEdit>(editor, u"celeryQueuesEdit"_s)->clear();
            field<QSpinBox>(editor, u"celeryResultBackendDbSpin"_s)->setValue(0);
            QVERIFY(editor.save());
        }
        const QueueSystemConfig plain = throughTheFile(manager.config(), u"plain"_s).queueSystem;
        QVERIFY(plain.celeryQueues.isEmpty());
        QCOMPARE(plain.celeryResultBackendDb, std::optional<int>(0));
        {
            ClusterEditorDialog editor(manager, u"plain"_s);
            QVERIFY(field<QLineEdit>(editor, u"celeryQueuesEdit"_s)->text().isEmpty());
            QCOMPARE(editor.cluster(), *manager.config().cluster(u"plain"_s));
        }

        // BullMQ: the prefix and the interval.
        {
            ClusterEditorDialog editor(manager, u"jobs"_s);
            QCOMPARE(field<QLineEdit>(editor, u"bullmqPrefixEdit"_s)->text(), u"app:{jobs}"_s);
            QCOMPARE(field<QLineEdit>(editor, u"discoveryIntervalEdit"_s)->text(), u"30s"_s);
            field<QLineEdit>(editor, u"bullmqPrefixEdit"_s)->setText(u"eu:queues"_s);
            field<QLineEdit>(editor, u"discoveryIntervalEdit"_s)->setText(u"2m"_s);
            // Typed into Celery's rows, then BullMQ again: Celery's fields are not written.
            choose(editor, u"celery"_s);
            field<QLineEdit>(editor, u"celeryQueuesEdit"_s)->setText(u"other"_s);
            choose(editor, u"bullmq"_s);
            QVERIFY(editor.save());
        }
        const QueueSystemConfig jobs = throughTheFile(manager.config(), u"jobs"_s).queueSystem;
        QCOMPARE(jobs.type, QueueSystemType::BullMQ);
        QCOMPARE(jobs.bullmqPrefix, u"eu:queues"_s);
        QCOMPARE(jobs.discoveryInterval, Millis(120000));
        QCOMPARE(jobs.celeryQueues, QueueSystemConfig().celeryQueues);
        QCOMPARE(manager.config().cluster(u"jobs"_s)->queueSystem, jobs);

        // Sidekiq: its namespace; the stray prefix of the file is still there.
        {
            ClusterEditorDialog editor(manager, u"shop"_s);
            QCOMPARE(field<QLineEdit>(editor, u"sidekiqNamespaceEdit"_s)->text(), u"shop"_s);
            field<QLineEdit>(editor, u"sidekiqNamespaceEdit"_s)->setText(u"store"_s);
            QVERIFY(editor.save());
        }
        const QueueSystemConfig shop = throughTheFile(manager.config(), u"shop"_s).queueSystem;
        QCOMPARE(shop.sidekiqNamespace, u"store"_s);
        QCOMPARE(shop.bullmqPrefix, u"stray"_s);
    }
};

QTEST_MAIN(TestClusterEditorSystemOptions)
#include "TestClusterEditorSystemOptions.moc"

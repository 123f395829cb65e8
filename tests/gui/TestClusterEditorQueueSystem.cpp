// The cluster editor's queue-system section against real servers: the type combo shows the
// fields of the chosen system only, a Sidekiq cluster with a namespace is saved as such, and
// Detect reads the database being edited in the background, lists what it found (systems
// this version cannot read greyed out) and applies the chosen suggestion to the fields (a
// Sidekiq namespace, a BullMQ prefix, go-redis-work-queue's queues).

#include "GuiHarness.h"
#include "core/config/ConfigReader.h"
#include "gui/ClusterEditorDialog.h"
#include "gui/QueueSystemSection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ClusterEditorDialog;

class TestClusterEditorQueueSystem final : public QObject {
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;

    // Opens the editor for a new cluster on the queue-system tab.
    ClusterEditorDialog* openNewClusterEditor(GuiHarness& h)
    {
        QTest::keyClick(&h.window(), Qt::Key_N, Qt::ControlModifier);
        auto* editor = h.window().findChild<ClusterEditorDialog*>();
        if (!editor)
            return nullptr;
        auto* tabs = editor->findChild<QTabWidget*>(u"tabs"_s);
        tabs->setCurrentWidget(editor->findChild<QWidget*>(u"queuePage"_s));
        return editor;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestClusterEditorQueueSystem"_s);
        m_servers = startServers(4);
        // Server 1: Sidekiq under a namespace, a BullMQ queue and RQ, side by side.
        RedisServer& mixed = *m_servers[1];
        mixed.cli({u"SADD"_s, u"shop:queues"_s, u"default"_s});
        mixed.cli({u"LPUSH"_s, u"shop:queue:default"_s, u"{\"class\":\"A\",\"jid\":\"1\"}"_s});
        mixed.cli({u"SET"_s, u"shop:stat:processed"_s, u"4"_s});
        mixed.cli({u"HSET"_s, u"bull:mail:meta"_s, u"paused"_s, u"0"_s});
        // And RQ, which this version cannot read yet.
        mixed.cli({u"SADD"_s, u"rq:queues"_s, u"rq:queue:default"_s});
        // Server 2: go-redis-work-queue with a queue of its own name.
        m_servers[2]->cli({u"LPUSH"_s, u"jobqueue:urgent"_s, jobJson(u"u1"_s)});
        // Server 3: BullMQ under a prefix of its own, with a ':' in it.
        m_servers[3]->cli({u"HSET"_s, u"jobs:eu:mail:meta"_s, u"opts.maxLenEvents"_s, u"10000"_s});
        m_servers[3]->cli({u"SET"_s, u"jobs:eu:mail:id"_s, u"3"_s});
    }

    void theTypeShowsItsOwnFieldsAndIsSaved()
    {
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_servers[0]->endpoint()}});
        h.open();
        ClusterEditorDialog* editor = openNewClusterEditor(h);
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        auto* type = editor->findChild<QComboBox*>(u"queueSystemCombo"_s);
        auto* ns = editor->findChild<QLineEdit*>(u"sidekiqNamespaceEdit"_s);
        auto* completed = editor->findChild<QLineEdit*>(u"completedEdit"_s);
        auto* queues = editor->findChild<QTableWidget*>(u"queuesTable"_s);
        QVERIFY(type && ns && completed && queues);

        // A new cluster is go-redis-work-queue: its key fields, no namespace.
        QCOMPARE(type->currentData().toString(), u"go-redis-work-queue"_s);
        QVERIFY(completed->isVisible());
        QVERIFY(queues->isVisible());
        QVERIFY(!ns->isVisible());
        // Types this version cannot read are listed but cannot be chosen.
        auto* model = qobject_cast<QStandardItemModel*>(type->model());
        QVERIFY(model->item(type->findData(u"sidekiq"_s))->isEnabled());
        QVERIFY(model->item(type->findData(u"bullmq"_s))->isEnabled());
        QVERIFY(model->item(type->findData(u"rq"_s))->isEnabled());

        type->setCurrentIndex(type->findData(u"sidekiq"_s));
        QVERIFY(ns->isVisible());
        QVERIFY(!completed->isVisible());
        QVERIFY(!queues->isVisible());
        QTest::keyClicks(ns, u"shop"_s);
        editor->findChild<QLineEdit*>(u"nameEdit"_s)->setText(u"sidekiq"_s);
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_servers[1]->endpoint());
        QCOMPARE(editor->cluster().queueSystem.type, QueueSystemType::Sidekiq);
        QCOMPARE(editor->cluster().queueSystem.sidekiqNamespace, u"shop"_s);
        // The engine's validation accepts it: Save is open.
        QVERIFY2(!hasErrors(editor->issues()),
            qPrintable(editor->findChild<QLabel*>(u"issuesLabel"_s)->text()));
        QVERIFY(
            editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->isEnabled());
        // Sidekiq on Redis Cluster is refused, on the type field.
        editor->findChild<QComboBox*>(u"modeCombo"_s)->setCurrentIndex(1);
        QVERIFY(editor->isMarked(type));
        editor->findChild<QComboBox*>(u"modeCombo"_s)->setCurrentIndex(0);
        QVERIFY(!editor->isMarked(type));
        // Back to go-redis-work-queue: its fields return, the namespace is not kept.
        type->setCurrentIndex(type->findData(u"go-redis-work-queue"_s));
        QVERIFY(completed->isVisible());
        QVERIFY(!ns->isVisible());
        QCOMPARE(editor->cluster().queueSystem.type, QueueSystemType::GoRedisWorkQueue);
        editor->reject();
    }

    void detectOffersWhatItFoundAndAppliesIt()
    {
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_servers[0]->endpoint()}});
        h.open();
        ClusterEditorDialog* editor = openNewClusterEditor(h);
        QVERIFY(editor);
        const QByteArray digest = m_servers[1]->cli({u"DBSIZE"_s});
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_servers[1]->endpoint());
        gui::QueueSystemSection& section = editor->queueSystem();
        editor->findChild<QPushButton*>(u"detectButton"_s)->click();
        QVERIFY(section.isDetecting());
        QTRY_VERIFY_WITH_TIMEOUT(!section.isDetecting(), 10000);
        QVERIFY2(section.detectResultText().contains(u"Sidekiq, namespace \"shop\""_s),
            qPrintable(section.detectResultText()));
        QVERIFY(section.detectResultText().contains(u"BullMQ"_s));
        QCOMPARE(m_servers[1]->cli({u"DBSIZE"_s}), digest);

        auto* choice = editor->findChild<QComboBox*>(u"detectChoice"_s);
        auto* apply = editor->findChild<QPushButton*>(u"applyDetectedButton"_s);
        QVERIFY(choice->isVisible());
        QCOMPARE(choice->count(), 3);
        auto* model = qobject_cast<QStandardItemModel*>(choice->model());
        // Sidekiq first (offered), BullMQ and RQ offered too.
        QCOMPARE(choice->currentIndex(), 0);
        QVERIFY2(model->item(0)->text().contains(u"Sidekiq"_s), qPrintable(model->item(0)->text()));
        for (int i = 1; i < choice->count(); ++i) {
            const QString text = model->item(i)->text();
            if (text.contains(u"BullMQ"_s) || text.contains(u"RQ"_s))
                QVERIFY2(model->item(i)->isEnabled(), qPrintable(text));
            else
                QVERIFY2(!model->item(i)->isEnabled() && text.contains(u"not supported"_s),
                    qPrintable(text));
        }
        QVERIFY(apply->isEnabled());
        saveScreenshot(editor, u"cluster-editor-detect"_s);
        apply->click();
        QCOMPARE(editor->findChild<QComboBox*>(u"queueSystemCombo"_s)->currentData().toString(),
            u"sidekiq"_s);
        QCOMPARE(editor->findChild<QLineEdit*>(u"sidekiqNamespaceEdit"_s)->text(), u"shop"_s);
        QVERIFY(!choice->isVisible());

        // A go-redis-work-queue database with a queue of its own: the queue rows follow.
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_servers[2]->endpoint());
        editor->findChild<QPushButton*>(u"detectButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!section.isDetecting(), 10000);
        QVERIFY(section.applyChosen());
        QCOMPARE(editor->cluster().queueSystem.type, QueueSystemType::GoRedisWorkQueue);
        auto* queues = editor->findChild<QTableWidget*>(u"queuesTable"_s);
        QCOMPARE(queues->rowCount(), 1);
        QCOMPARE(queues->item(0, 0)->text(), u"urgent"_s);
        QCOMPARE(queues->item(0, 1)->text(), u"jobqueue:urgent"_s);
        QVERIFY(queues->isVisible());

        // Nothing listening: the reason, and nothing to apply.
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)
            ->setText(u"127.0.0.1:%1"_s.arg(freeLoopbackPort()));
        editor->findChild<QPushButton*>(u"detectButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!section.isDetecting(), 10000);
        QVERIFY2(section.detectResultText().contains(u"refused"_s, Qt::CaseInsensitive),
            qPrintable(section.detectResultText()));
        QVERIFY(!section.applyChosen());
        editor->reject();
    }

    void detectFillsBullMqsPrefix()
    {
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_servers[0]->endpoint()}});
        h.open();
        ClusterEditorDialog* editor = openNewClusterEditor(h);
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        auto* prefix = editor->findChild<QLineEdit*>(u"bullmqPrefixEdit"_s);
        auto* discovery = editor->findChild<QLineEdit*>(u"discoveryIntervalEdit"_s);
        QVERIFY(prefix && discovery);
        QVERIFY(!prefix->isVisible());
        QCOMPARE(prefix->text(), u"bull"_s);
        editor->findChild<QLineEdit*>(u"nameEdit"_s)->setText(u"jobs"_s);
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_servers[3]->endpoint());
        gui::QueueSystemSection& section = editor->queueSystem();
        editor->findChild<QPushButton*>(u"detectButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!section.isDetecting(), 10000);
        QVERIFY2(section.detectResultText().contains(u"BullMQ, prefix \"jobs:eu\""_s),
            qPrintable(section.detectResultText()));
        QVERIFY(section.applyChosen());
        QCOMPARE(editor->cluster().queueSystem.type, QueueSystemType::BullMQ);
        QVERIFY(prefix->isVisible());
        QVERIFY(discovery->isVisible());
        QCOMPARE(prefix->text(), u"jobs:eu"_s);
        QCOMPARE(editor->cluster().queueSystem.bullmqPrefix, u"jobs:eu"_s);
        QVERIFY2(!hasErrors(editor->issues()),
            qPrintable(editor->findChild<QLabel*>(u"issuesLabel"_s)->text()));
        saveScreenshot(editor, u"cluster-editor-bullmq"_s);
        QVERIFY(editor->save());
        QCOMPARE(h.manager().config().cluster(u"jobs"_s)->queueSystem.bullmqPrefix, u"jobs:eu"_s);
        // The engine reads the queue under that prefix.
        QTRY_VERIFY_WITH_TIMEOUT(h.manager().cachedStats(u"jobs"_s).has_value()
                && h.manager().cachedStats(u"jobs"_s)->queues.size() == 1,
            5000);
        QCOMPARE(h.manager().cachedStats(u"jobs"_s)->queues.first().name, u"mail"_s);
    }
};

QTEST_MAIN(TestClusterEditorQueueSystem)
#include "TestClusterEditorQueueSystem.moc"

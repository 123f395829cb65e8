// The cluster editor against real servers: a new cluster is validated as it is typed (the
// field at fault marked), "Test connection" answers in the background with the latency or the
// exact error, and Save adds a tab at once and writes the config file; editing applies too.

#include "GuiHarness.h"
#include "core/config/ConfigReader.h"
#include "gui/ClusterEditorDialog.h"
#include "gui/ClusterTabBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ClusterEditorDialog;

class TestClusterEditor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestClusterEditor"_s);
        m_servers = startServers(2);
        m_servers[1]->cli({u"LPUSH"_s, u"jobqueue:low_priority"_s, jobJson(u"x"_s)});
    }

    void addsAClusterThatAppearsAsANewTab()
    {
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_servers[0]->endpoint()}});
        h.open();
        QCOMPARE(h.window().tabBar()->count(), 1);
        QTest::keyClick(&h.window(), Qt::Key_N, Qt::ControlModifier);
        auto* editor = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        auto* name = editor->findChild<QLineEdit*>(u"nameEdit"_s);
        auto* label = editor->findChild<QLineEdit*>(u"labelEdit"_s);
        auto* endpoint = editor->findChild<QLineEdit*>(u"endpointEdit"_s);
        QPushButton* save = editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);

        // Empty name and endpoint: marked in place, Save locked.
        QVERIFY(editor->isMarked(name));
        QVERIFY(editor->isMarked(endpoint));
        QVERIFY(!save->isEnabled());
        QTest::keyClicks(name, u"staging"_s);
        QVERIFY(!editor->isMarked(name));
        QTest::keyClicks(endpoint, u"not a host:port:99"_s);
        QVERIFY(editor->isMarked(endpoint));
        QVERIFY(!endpoint->toolTip().isEmpty());
        // A name that exists is refused on the name field.
        name->setText(u"production"_s);
        QVERIFY(editor->isMarked(name));
        name->setText(u"staging"_s);

        // Test connection against a port nobody listens on: the exact error, in the background.
        const quint16 closed = freeLoopbackPort();
        endpoint->setText(u"127.0.0.1:%1"_s.arg(closed));
        QVERIFY(!editor->isMarked(endpoint));
        editor->testConnection();
        QVERIFY(editor->isTesting());
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isTesting(), 5000);
        QVERIFY2(editor->testResultText().contains(u"refused"_s, Qt::CaseInsensitive),
            qPrintable(editor->testResultText()));

        // And against the real server: the latency.
        endpoint->setText(m_servers[1]->endpoint());
        QTest::keyClicks(label, u"Staging"_s);
        editor->findChild<QComboBox*>(u"colorCombo"_s)->setEditText(u"orange"_s);
        editor->findChild<QPushButton*>(u"testButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(editor->testResultText().contains(u"Connected"_s), 5000);
        QVERIFY(editor->testResultText().contains(u"ms"_s));

        // Save: a new tab without a restart, polled, and the config file holds it.
        QVERIFY(save->isEnabled());
        save->click();
        QTRY_VERIFY(!h.window().findChild<ClusterEditorDialog*>());
        QCOMPARE(h.window().tabBar()->count(), 2);
        QCOMPARE(h.window().tabBar()->clusterAt(1), u"staging"_s);
        QCOMPARE(h.window().tabBar()->currentCluster(), u"staging"_s);
        QTRY_VERIFY_WITH_TIMEOUT(h.manager().cachedStats(u"staging"_s).has_value(), 5000);
        QCOMPARE(h.manager().cachedStats(u"staging"_s)->totalQueued(), 1);
        QFile file(h.configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ConfigReadResult saved = ConfigReader::read(file.readAll());
        QVERIFY(saved.ok());
        QVERIFY(saved.config.cluster(u"staging"_s));
        QCOMPARE(saved.config.cluster(u"staging"_s)->color, u"orange"_s);
        // Key 2 reaches the new tab.
        QTest::keyClick(&h.window(), Qt::Key_1);
        QTest::keyClick(&h.window(), Qt::Key_2);
        QCOMPARE(h.window().tabBar()->currentCluster(), u"staging"_s);
    }

    void editsApplyWithoutRestart()
    {
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_servers[0]->endpoint()},
            {u"staging"_s, u"Staging"_s, u"orange"_s, m_servers[0]->endpoint()}});
        h.open();
        QTest::keyClick(&h.window(), Qt::Key_2);
        QTest::keyClick(&h.window(), Qt::Key_E, Qt::ControlModifier);
        auto* editor = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(editor);
        QCOMPARE(editor->findChild<QLineEdit*>(u"nameEdit"_s)->text(), u"staging"_s);
        editor->findChild<QLineEdit*>(u"labelEdit"_s)->setText(u"Staging EU"_s);
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_servers[1]->endpoint());
        // A TLS file that does not exist is marked on its own field.
        editor->findChild<QCheckBox*>(u"tlsEnabledCheck"_s)->setChecked(true);
        auto* ca = editor->findChild<QLineEdit*>(u"caFileEdit"_s);
        ca->setText(u"/nonexistent/ca.pem"_s);
        QVERIFY(editor->isMarked(ca));
        QVERIFY(!editor->save());
        ca->clear();
        editor->findChild<QCheckBox*>(u"tlsEnabledCheck"_s)->setChecked(false);
        QVERIFY(editor->save());
        QCOMPARE(h.window().tabBar()->tabText(1), u"Staging EU"_s);
        QTRY_VERIFY_WITH_TIMEOUT(h.manager().cachedStats(u"staging"_s).has_value()
                && h.manager().cachedStats(u"staging"_s)->totalQueued() == 1,
            5000);
    }

private:
    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<RedisServer>> m_servers;
};

QTEST_MAIN(TestClusterEditor)
#include "TestClusterEditor.moc"

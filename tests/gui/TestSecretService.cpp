// Passwords in a real system keychain: QueueDeck's KeychainPasswordStore (qtkeychain) against
// gnome-keyring's Secret Service, the keychain of a Linux desktop. TestKeychainPassword covers
// the editor and start-up flows against an in-memory store; this test repeats the parts that
// depend on the keychain itself with the real one:
//  - what QueueDeck writes is in the Secret Service, where another program (secret-tool) finds
//    it under QueueDeck's service name, and in no file of QueueDeck's;
//  - the cluster editor saves a password there, and the real `queuedeck` desktop binary, started
//    later as its own process, reads it back at start-up and authenticates with it;
//  - removing the cluster removes its entry.
//
// ctest runs it through tests/support/with-secret-service.sh, which starts gnome-keyring on a
// private D-Bus session bus with a throwaway home; it refuses to run anywhere else, so it can
// never write to a developer's own keyring or pass without a keychain.

#include "GuiHarness.h"
#include "HttpClient.h"
#include "ServerProcess.h"
#include "core/config/PasswordStore.h"
#include "gui/ClusterEditorDialog.h"
#include "gui/ClusterTabBar.h"
#include "gui/KeychainPasswordStore.h"
#include "gui/MessageBox.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QScopeGuard>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ClusterEditorDialog;
using qd::gui::KeychainPasswordStore;

namespace {

const QString kPassword = u"Ss-R3al-k3ychain-9w"_s;
const QString kToken = u"secret-service-test-token"_s;

// What the Secret Service holds for a cluster, asked through libsecret's own command-line tool
// under qtkeychain's attributes (server = service name, user = key): an independent reader,
// so the test does not only trust the code it tests. Empty when there is no such entry.
QString secretToolLookup(const QString& cluster)
{
    QProcess tool;
    tool.start(u"secret-tool"_s,
        {u"lookup"_s, u"server"_s, KeychainPasswordStore::service(), u"user"_s,
            KeychainPasswordStore::keyOf(cluster)});
    if (!tool.waitForFinished(10000))
        qFatal("secret-tool did not answer: %s", qPrintable(tool.errorString()));
    return tool.exitCode() == 0 ? QString::fromUtf8(tool.readAllStandardOutput()) : QString();
}

// Every file under dir whose bytes contain needle.
QStringList filesContaining(const QString& dir, const QByteArray& needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readFileBytes(path).contains(needle))
            found << path;
    }
    return found;
}

} // namespace

class TestSecretService final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("QD_SECRET_SERVICE") != u"gnome-keyring")
            QFAIL("run this test through tests/support/with-secret-service.sh (ctest does)");
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestSecretService"_s);
        m_plain = RedisServer::start();
        QVERIFY(m_plain);
        RedisServerOptions secured;
        secured.password = kPassword;
        QString error;
        m_secured = RedisServer::start(secured, &error);
        QVERIFY2(m_secured, qPrintable(error));
    }

    void cleanup() { PasswordStore::install(nullptr); }

    void storeRoundTrip()
    {
        KeychainPasswordStore store;
        const QString cluster = u"round-trip"_s;
        const auto forget = qScopeGuard([&store, &cluster] { store.remove(cluster, nullptr); });
        QString error;
        QVERIFY2(store.write(cluster, kPassword, &error), qPrintable(error));
        QCOMPARE(secretToolLookup(cluster), kPassword);

        // A second store (a later run of the app) reads it; a new write replaces it.
        KeychainPasswordStore later;
        QCOMPARE(later.read(cluster, &error).value_or(QString()), kPassword);
        const QString changed = kPassword + u"-rotated"_s;
        QVERIFY2(later.write(cluster, changed, &error), qPrintable(error));
        QCOMPARE(store.read(cluster, &error).value_or(QString()), changed);
        QCOMPARE(secretToolLookup(cluster), changed);

        // Entries are per cluster.
        QString otherError;
        QVERIFY(!store.read(u"another"_s, &otherError));
        QVERIFY2(otherError.contains(u"no entry in the system keychain"_s), qPrintable(otherError));

        QVERIFY2(store.remove(cluster, &error), qPrintable(error));
        QVERIFY(secretToolLookup(cluster).isEmpty());
        QString readError;
        QVERIFY(!store.read(cluster, &readError));
        QVERIFY2(readError.contains(u"no entry in the system keychain"_s), qPrintable(readError));
        QVERIFY(store.remove(cluster, &error)); // gone already: not an error
    }

    void editorSavesAndTheDesktopReadsItBack()
    {
        KeychainPasswordStore keychain;
        PasswordStore::install(&keychain);
        const auto forget = qScopeGuard([&keychain] { keychain.remove(u"secure"_s, nullptr); });

        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_plain->endpoint()}});
        h.open();
        QTest::keyClick(&h.window(), Qt::Key_N, Qt::ControlModifier);
        auto* editor = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(editor);
        QTest::keyClicks(editor->findChild<QLineEdit*>(u"nameEdit"_s), u"secure"_s);
        QTest::keyClicks(editor->findChild<QLineEdit*>(u"labelEdit"_s), u"Secure"_s);
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_secured->endpoint());
        editor->findChild<QCheckBox*>(u"passwordKeychainCheck"_s)->setChecked(true);
        QTest::keyClicks(editor->findChild<QLineEdit*>(u"passwordEdit"_s), kPassword);
        QVERIFY(editor->save());

        // In the Secret Service, and in no file this process wrote.
        QCOMPARE(secretToolLookup(u"secure"_s), kPassword);
        const QByteArray config = readFileBytes(h.configPath());
        QVERIFY(QJsonDocument::fromJson(config)[u"clusters"_s][1][u"password_keychain"_s].toBool());
        QCOMPARE(
            filesContaining(QFileInfo(h.configPath()).path(), kPassword.toUtf8()), QStringList());
        QCOMPARE(filesContaining(m_settingsDir.path(), kPassword.toUtf8()), QStringList());
        QTRY_COMPARE_WITH_TIMEOUT(h.window().tabBar()->healthAt(1), HealthStatus::Healthy, 8000);

        // The real desktop binary, a process of its own, reads the keychain at start-up and
        // authenticates with what it found (the server refuses anyone without it).
        QTemporaryDir dir;
        QJsonObject desktopConfig = QJsonDocument::fromJson(config).object();
        desktopConfig.insert(u"api"_s, QJsonObject {{u"token"_s, kToken}});
        desktopConfig.insert(
            u"audit"_s, QJsonObject {{u"path"_s, dir.filePath(u"audit.sqlite"_s)}});
        const QString path = writeServerConfig(dir.path(), desktopConfig);
        QProcessEnvironment env;
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"xdg-config"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        ServerProcess desktop(path, u"127.0.0.1:0"_s, dir.filePath(u"xdg-data"_s), env);
        const quint16 port = desktop.waitForPort(20000);
        QVERIFY2(port != 0, desktop.err().constData());
        HttpClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        client.setToken(kToken.toUtf8());
        QJsonObject report;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (report = client.get(u"/api/v1/health?cluster=secure"_s).object())[u"reachable"_s]
                    .toBool()
                && report[u"stats_at"_s].isString(),
            QJsonDocument(report).toJson().constData(), 10000);
        QVERIFY2(!desktop.err().contains("password_keychain"), desktop.err().constData());
        QCOMPARE(filesContaining(dir.path(), kPassword.toUtf8()), QStringList());

        // Removing the cluster removes its entry.
        gui::MessageBox::setNextAnswer(QMessageBox::Yes);
        h.window().removeCluster(u"secure"_s);
        QVERIFY(secretToolLookup(u"secure"_s).isEmpty());
    }

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<RedisServer> m_plain;
    std::unique_ptr<RedisServer> m_secured;
};

QTEST_MAIN(TestSecretService)
#include "TestSecretService.moc"

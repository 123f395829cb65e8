// Passwords kept in the system keychain, in the desktop. The cluster editor writes the
// password to the keychain and not to the config file, which only says "password_keychain";
// the engine still connects with it; the desktop's start-up reads it back before the first
// poll; the headless server refuses such a cluster with a clear error; and a password typed
// into the editor is never readable in any widget, the saved file or a screenshot.
//
// The window is driven against an in-memory PasswordStore (the same interface the real
// KeychainPasswordStore implements), which can be told to fail like a locked keychain.
// TestSecretService repeats the keychain-dependent parts against a real Secret Service;
// realKeychainAnswersOrSaysWhy here checks the real store where there is none (no session bus).

#include "GuiHarness.h"
#include "app/EngineHost.h"
#include "core/config/PasswordStore.h"
#include "gui/ClusterEditorDialog.h"
#include "gui/ClusterTabBar.h"
#include "gui/KeychainPasswordStore.h"
#include "gui/MessageBox.h"
#include "support/ChildProcess.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextEdit>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;
using qd::gui::ClusterEditorDialog;

namespace {

const QString kMarker = u"Kc-M4rker-7f3q"_s;

// The keychain, in memory; can be told to fail like a locked keychain does.
class MemoryKeychain final : public PasswordStore {
public:
    std::optional<QString> read(const QString& cluster, QString* error) override
    {
        if (const auto it = passwords.constFind(cluster); it != passwords.cend())
            return *it;
        *error = u"no such entry"_s;
        return std::nullopt;
    }
    bool write(const QString& cluster, const QString& password, QString* error) override
    {
        if (!failure.isEmpty()) {
            *error = failure;
            return false;
        }
        passwords.insert(cluster, password);
        return true;
    }
    bool remove(const QString& cluster, QString*) override
    {
        passwords.remove(cluster);
        return true;
    }

    QHash<QString, QString> passwords;
    QString failure;
};

// Every text a person could read on root and its children: labels, buttons, what line edits
// display (bullets for passwords), titles, tool tips, combo items, tabs, table cells.
QStringList visibleTexts(QWidget* root)
{
    QStringList texts;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : std::as_const(widgets)) {
        texts << w->windowTitle() << w->toolTip() << w->statusTip() << w->accessibleName();
        if (auto* edit = qobject_cast<QLineEdit*>(w))
            texts << edit->displayText() << edit->placeholderText();
        else if (auto* label = qobject_cast<QLabel*>(w))
            texts << label->text();
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            texts << button->text();
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(w))
            texts << plain->toPlainText();
        else if (auto* rich = qobject_cast<QTextEdit*>(w))
            texts << rich->toPlainText();
        else if (auto* status = qobject_cast<QStatusBar*>(w))
            texts << status->currentMessage();
        if (auto* combo = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        } else if (auto* tabs = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i) << tabs->tabToolTip(i);
        } else if (auto* view = qobject_cast<QAbstractItemView*>(w); view && view->model()) {
            const QAbstractItemModel* model = view->model();
            for (int row = 0; row < std::min(model->rowCount(), 500); ++row) {
                for (int column = 0; column < model->columnCount(); ++column) {
                    const QModelIndex index = model->index(row, column);
                    texts << index.data().toString() << index.data(Qt::ToolTipRole).toString();
                }
            }
        }
    }
    return texts;
}

bool anyContains(const QStringList& texts, const QString& needle)
{
    return std::any_of(texts.cbegin(), texts.cend(),
        [&needle](const QString& text) { return text.contains(needle); });
}

} // namespace

class TestKeychainPassword final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir);
        QCoreApplication::setApplicationName(u"TestKeychainPassword"_s);
        m_plain = RedisServer::start();
        QVERIFY(m_plain);
        RedisServerOptions secured;
        secured.password = kMarker;
        QString error;
        m_secured = RedisServer::start(secured, &error);
        QVERIFY2(m_secured, qPrintable(error));
    }

    void init() { QSettings().clear(); }
    void cleanup() { PasswordStore::install(nullptr); }

    void editorKeepsThePasswordInTheKeychain()
    {
        MemoryKeychain keychain;
        PasswordStore::install(&keychain);
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_plain->endpoint()}});
        h.open();
        QTest::keyClick(&h.window(), Qt::Key_N, Qt::ControlModifier);
        auto* editor = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(editor);
        QTest::keyClicks(editor->findChild<QLineEdit*>(u"nameEdit"_s), u"secure"_s);
        QTest::keyClicks(editor->findChild<QLineEdit*>(u"labelEdit"_s), u"Secure"_s);
        editor->findChild<QLineEdit*>(u"endpointEdit"_s)->setText(m_secured->endpoint());
        auto* password = editor->findChild<QLineEdit*>(u"passwordEdit"_s);
        auto* inKeychain = editor->findChild<QCheckBox*>(u"passwordKeychainCheck"_s);
        QVERIFY(password && inKeychain);
        // Keychain chosen, no password yet: marked, Save locked.
        inKeychain->setChecked(true);
        QVERIFY(editor->isMarked(password));
        QTest::keyClicks(password, kMarker);
        QVERIFY(!editor->isMarked(password));

        // Typed, but never shown: bullets in the field, nowhere else in the dialog either.
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(!password->displayText().contains(kMarker));
        QVERIFY(!anyContains(visibleTexts(editor), kMarker));
        editor->findChild<QTabWidget*>(u"tabs"_s)->setCurrentIndex(1); // Connection
        editor->resize(720, 560);
        const QString shot = saveScreenshot(editor, u"cluster-editor"_s);
        QVERIFY(QFileInfo::exists(shot));

        // A keychain that refuses (locked, no service): nothing is saved, the reason is shown.
        keychain.failure = u"the keychain is locked"_s;
        QVERIFY(!editor->save());
        QVERIFY(editor->isMarked(inKeychain));
        QVERIFY(anyContains(visibleTexts(editor), u"the keychain is locked"_s));
        QCOMPARE(h.window().tabBar()->count(), 1);
        QVERIFY(!h.manager().config().cluster(u"secure"_s));
        keychain.failure.clear();

        // Saved: the keychain holds the password, the file only the mark.
        QVERIFY(editor->save());
        QCOMPARE(keychain.passwords.value(u"secure"_s), kMarker);
        const QByteArray file = readFileBytes(h.configPath());
        QVERIFY(!file.isEmpty());
        QVERIFY(!file.contains(kMarker.toUtf8()));
        const QJsonArray clusters = QJsonDocument::fromJson(file)[u"clusters"_s].toArray();
        QCOMPARE(clusters.size(), 2);
        QCOMPARE(clusters[1][u"name"_s].toString(), u"secure"_s);
        QVERIFY(clusters[1][u"password_keychain"_s].toBool());
        QVERIFY(!clusters[1].toObject().contains(u"password"_s));
        // The engine authenticates with it (the server requires it) from the new tab on.
        QCOMPARE(h.window().tabBar()->clusterAt(1), u"secure"_s);
        QTRY_COMPARE_WITH_TIMEOUT(h.window().tabBar()->healthAt(1), HealthStatus::Healthy, 8000);
        QVERIFY(h.manager().cachedStats(u"secure"_s).has_value());
        QVERIFY(!anyContains(visibleTexts(&h.window()), kMarker));

        // Edited back to a password in the file: the keychain entry goes.
        QTRY_VERIFY(!h.window().findChild<ClusterEditorDialog*>());
        h.window().openClusterEditor(u"secure"_s);
        auto* again = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(again);
        auto* againPassword = again->findChild<QLineEdit*>(u"passwordEdit"_s);
        QCOMPARE(againPassword->echoMode(), QLineEdit::Password);
        QVERIFY(again->findChild<QCheckBox*>(u"passwordKeychainCheck"_s)->isChecked());
        QVERIFY(!anyContains(visibleTexts(again), kMarker));
        again->findChild<QCheckBox*>(u"passwordKeychainCheck"_s)->setChecked(false);
        QVERIFY(again->save());
        QVERIFY(!keychain.passwords.contains(u"secure"_s));
        QVERIFY(readFileBytes(h.configPath()).contains(kMarker.toUtf8())); // the operator's choice

        // Back to the keychain, then removed: the entry does not outlive the cluster.
        QTRY_VERIFY(!h.window().findChild<ClusterEditorDialog*>());
        h.window().openClusterEditor(u"secure"_s);
        auto* third = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(third);
        third->findChild<QCheckBox*>(u"passwordKeychainCheck"_s)->setChecked(true);
        QVERIFY(third->save());
        QVERIFY(!readFileBytes(h.configPath()).contains(kMarker.toUtf8()));
        QCOMPARE(keychain.passwords.value(u"secure"_s), kMarker);
        gui::MessageBox::setNextAnswer(QMessageBox::Yes);
        h.window().removeCluster(u"secure"_s);
        QVERIFY(!keychain.passwords.contains(u"secure"_s));
    }

    void withoutAKeychainTheEditorRefuses()
    {
        QVERIFY(!PasswordStore::installed());
        GuiHarness h({{u"production"_s, u"Production"_s, u"green"_s, m_plain->endpoint()}});
        h.open();
        h.window().openClusterEditor(u"production"_s);
        auto* editor = h.window().findChild<ClusterEditorDialog*>();
        QVERIFY(editor);
        auto* inKeychain = editor->findChild<QCheckBox*>(u"passwordKeychainCheck"_s);
        editor->findChild<QLineEdit*>(u"passwordEdit"_s)->setText(u"whatever"_s);
        inKeychain->setChecked(true);
        QVERIFY(editor->isMarked(inKeychain));
        QVERIFY(inKeychain->toolTip().contains(u"system keychain"_s));
        QVERIFY(
            !editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->isEnabled());
        QVERIFY(!editor->save());
    }

    void desktopReadsTheKeychainBeforeConnecting()
    {
        QTemporaryDir dir;
        const QString path = writeKeychainConfig(dir);
        MemoryKeychain keychain;
        keychain.passwords.insert(u"secure"_s, kMarker);
        PasswordStore::install(&keychain);
        app::CommandLineOptions options;
        options.configPath = path;
        options.configGiven = true;
        // GuiMain.cpp's order: the keychain is installed, then the engine is built and started.
        {
            app::EngineHost host;
            QVERIFY2(host.open(options), qPrintable(host.error()));
            QCOMPARE(host.manager().cluster(u"secure"_s).effectivePassword(), kMarker);
            gui::MainWindow window(host.manager(), host.actions(), &host.audit());
            host.start();
            window.show();
            QTRY_COMPARE_WITH_TIMEOUT(window.tabBar()->healthAt(0), HealthStatus::Healthy, 8000);
            QVERIFY(host.manager().cachedStats(u"secure"_s).has_value());
            window.close();
            host.shutdown();
        }

        // Nothing in the keychain: the desktop still starts, says which cluster lacks it.
        keychain.passwords.clear();
        app::EngineHost bare;
        QVERIFY(bare.open(options));
        bool warned = false;
        for (const ConfigIssue& issue : bare.issues())
            warned = warned || (issue.path == u"clusters[0].password_keychain" && !issue.isError());
        QVERIFY(warned);
    }

    void headlessServerRefusesWithAClearError()
    {
        QTemporaryDir dir;
        const QString path = writeKeychainConfig(dir);
        const QString expected = u"clusters[0].password_keychain: the password of \"secure\" is "
                                 u"kept in the system keychain, which this process cannot read"_s;
        QProcess check;
        check.start(
            qEnvironmentVariable("QD_HEADLESS_BIN"), {u"--check-config"_s, u"--config"_s, path});
        QVERIFY(check.waitForFinished(15000));
        const QString checked
            = QString::fromUtf8(check.readAllStandardOutput() + check.readAllStandardError());
        QVERIFY2(check.exitCode() != 0, qPrintable(checked));
        QVERIFY2(checked.contains(expected), qPrintable(checked));

        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, dir.path());
        server.setProcessEnvironment(env);
        ChildProcess::tieToTestProcess(server);
        server.start(qEnvironmentVariable("QD_HEADLESS_BIN"),
            {u"--config"_s, path, u"--listen"_s, u"127.0.0.1:0"_s});
        QVERIFY(server.waitForFinished(15000));
        const QString said
            = QString::fromUtf8(server.readAllStandardOutput() + server.readAllStandardError());
        QVERIFY2(server.exitCode() != 0, qPrintable(said));
        QVERIFY2(said.contains(u"password_keychain"_s) && said.contains(u"system keychain"_s),
            qPrintable(said));
    }

    void realKeychainAnswersOrSaysWhy()
    {
        // The real store, against whatever keychain this machine has, with a short timeout.
        gui::KeychainPasswordStore store(std::chrono::seconds(10));
        const QString cluster = u"qd-test-%1"_s.arg(QCoreApplication::applicationPid());
        QElapsedTimer clock;
        clock.start();
        QString error;
        if (!store.write(cluster, kMarker, &error)) {
            // No keychain here (the CI case): a reason, in bounded time, and no crash.
            QVERIFY2(error.contains(u"keychain"_s), qPrintable(error));
            QVERIFY(clock.elapsed() < 15000);
            QString readError;
            QVERIFY(!store.read(cluster, &readError));
            QVERIFY(!readError.isEmpty());
            QSKIP(qPrintable(u"no system keychain on this machine: "_s + error));
        }
        const auto forget = qScopeGuard([&store, &cluster] { store.remove(cluster, nullptr); });
        QString readError;
        QCOMPARE(store.read(cluster, &readError).value_or(QString()), kMarker);
        QVERIFY2(store.remove(cluster, &error), qPrintable(error));
        QVERIFY(!store.read(cluster, &readError));
        QVERIFY(store.remove(cluster, &error)); // gone already: not an error
    }

private:
    // One cluster, "secure", whose password (kMarker) is in the keychain.
    QString writeKeychainConfig(const QTemporaryDir& dir) const
    {
        const QJsonObject config {
            {u"clusters"_s,
                QJsonArray {QJsonObject {{u"name"_s, u"secure"_s}, {u"label"_s, u"Secure"_s},
                    {u"color"_s, u"purple"_s}, {u"endpoint"_s, m_secured->endpoint()},
                    {u"password_keychain"_s, true}}}},
            {u"polling"_s,
                QJsonObject {{u"interval"_s, u"300ms"_s}, {u"jitter"_s, u"50ms"_s},
                    {u"timeout"_s, u"250ms"_s}}},
            {u"audit"_s, QJsonObject {{u"path"_s, dir.filePath(u"audit.sqlite"_s)}}}};
        const QString path = dir.filePath(u"config.json"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(QJsonDocument(config).toJson());
        return path;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<RedisServer> m_plain;
    std::unique_ptr<RedisServer> m_secured;
};

QTEST_MAIN(TestKeychainPassword)
#include "TestKeychainPassword.moc"

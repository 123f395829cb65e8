#include "gui/KeychainPasswordStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace qd::gui {
namespace {

// What went wrong, in words an operator can act on; qtkeychain's own text (often just
// "Unknown error") follows in parentheses.
QString describe(const QKeychain::Job& job)
{
    const auto text = [](const char* message) {
        return QCoreApplication::translate("qd::gui::KeychainPasswordStore", message);
    };
    QString what;
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        what = text(
            QT_TRANSLATE_NOOP("qd::gui::KeychainPasswordStore", "no entry in the system keychain"));
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        what = text(QT_TRANSLATE_NOOP(
            "qd::gui::KeychainPasswordStore", "the system keychain refused access"));
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        what = text(QT_TRANSLATE_NOOP("qd::gui::KeychainPasswordStore",
            "no system keychain is running (on Linux: a Secret Service such as GNOME "
            "Keyring or KeePassXC, or KWallet)"));
        break;
    default:
        what = text(
            QT_TRANSLATE_NOOP("qd::gui::KeychainPasswordStore", "the system keychain failed"));
        break;
    }
    return job.errorString().isEmpty() ? what : QString(what + u" ("_s + job.errorString() + u')');
}

// Runs job to its end (or the timeout); true when it succeeded, else the reason in *error.
bool run(QKeychain::Job& job, std::chrono::milliseconds timeout, QString* error)
{
    job.setAutoDelete(false);
    bool finished = false;
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!finished) {
        // Worked out before the call: lupdate cannot parse a template inside translate().
        const auto seconds = int(std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
        if (error)
            *error = QCoreApplication::translate("qd::gui::KeychainPasswordStore",
                "the system keychain did not answer within %n second(s)", nullptr, seconds);
        return false;
    }
    if (job.error() == QKeychain::NoError)
        return true;
    if (error)
        *error = describe(job);
    return false;
}

} // namespace

KeychainPasswordStore::KeychainPasswordStore(std::chrono::milliseconds timeout) : m_timeout(timeout)
{
}

QString KeychainPasswordStore::service()
{
    return u"QueueDeck"_s;
}

QString KeychainPasswordStore::keyOf(const QString& cluster)
{
    return u"cluster/"_s + cluster;
}

std::optional<QString> KeychainPasswordStore::read(const QString& cluster, QString* error)
{
    QKeychain::ReadPasswordJob job(service());
    job.setKey(keyOf(cluster));
    if (!run(job, m_timeout, error))
        return std::nullopt;
    return job.textData();
}

bool KeychainPasswordStore::write(const QString& cluster, const QString& password, QString* error)
{
    QKeychain::WritePasswordJob job(service());
    job.setKey(keyOf(cluster));
    job.setTextData(password);
    return run(job, m_timeout, error);
}

bool KeychainPasswordStore::remove(const QString& cluster, QString* error)
{
    QKeychain::DeletePasswordJob job(service());
    job.setKey(keyOf(cluster));
    QString why;
    if (run(job, m_timeout, &why))
        return true;
    if (job.error() == QKeychain::EntryNotFound)
        return true;
    if (error)
        *error = why;
    return false;
}

} // namespace qd::gui

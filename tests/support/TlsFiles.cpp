#include "support/TlsFiles.h"

#include "support/ChildProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace qd::test {
namespace {

bool setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

bool openssl(const QString& dir, const QStringList& args, QString* error)
{
    QProcess process;
    ChildProcess::tieToTestProcess(process);
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, args);
    // No skip on purpose: scripts/setup installs openssl, a missing binary is a bug.
    if (!process.waitForStarted(10000))
        return setError(error, u"cannot run openssl: "_s + process.errorString());
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(1000);
        return setError(error, u"openssl timed out: openssl "_s + args.join(u' '));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return setError(error,
            u"openssl %1 failed:\n%2"_s.arg(
                args.join(u' '), QString::fromLocal8Bit(process.readAll())));
    }
    return true;
}

bool newKey(const QString& dir, const QString& file, QString* error)
{
    // EC P-256: generated in milliseconds, unlike RSA, and accepted by Redis, hiredis and Qt.
    return openssl(dir,
        {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
            u"-out"_s, file},
        error);
}

QString randomSerial()
{
    return u"0x"_s + QString::number(QRandomGenerator::global()->generate64() >> 1, 16);
}

bool writeFile(const QString& path, const QByteArray& content, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        return setError(error, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return true;
}

// Signs a leaf certificate for key with the CA in dir; extensions in an -extfile because
// `openssl x509 -req` ignores the request's own extensions.
bool signLeaf(const QString& dir, const QString& name, const QString& commonName,
    const QByteArray& extensions, QString* error)
{
    const QString key = name + u".key"_s, csr = name + u".csr"_s, ext = name + u".ext"_s;
    return newKey(dir, key, error)
        && openssl(dir,
            {u"req"_s, u"-new"_s, u"-key"_s, key, u"-subj"_s, u"/CN="_s + commonName, u"-out"_s,
                csr},
            error)
        && writeFile(QDir(dir).filePath(ext), extensions, error)
        && openssl(dir,
            {u"x509"_s, u"-req"_s, u"-in"_s, csr, u"-CA"_s, u"ca.crt"_s, u"-CAkey"_s, u"ca.key"_s,
                u"-set_serial"_s, randomSerial(), u"-days"_s, u"2"_s, u"-sha256"_s, u"-extfile"_s,
                ext, u"-out"_s, name + u".crt"_s},
            error);
}

// serverAuth and clientAuth: Redis presents tls-cert-file in both roles (replication).
const QByteArray kServerExtensions
    = QByteArrayLiteral("basicConstraints=CA:FALSE\n"
                        "keyUsage=critical,digitalSignature,keyEncipherment\n"
                        "extendedKeyUsage=serverAuth,clientAuth\n"
                        "subjectAltName=IP:127.0.0.1,DNS:localhost\n");

} // namespace

bool reissueServerCertificate(
    const TlsFiles& files, const QString& name, QString* certFile, QString* keyFile, QString* error)
{
    const QFileInfo ca(files.caCert);
    if (files.isEmpty() || !ca.exists())
        return setError(error, u"no CA to sign with"_s);
    const QDir dir = ca.absoluteDir();
    if (!signLeaf(dir.path(), name, u"localhost"_s, kServerExtensions, error))
        return false;
    *certFile = dir.filePath(name + u".crt"_s);
    *keyFile = dir.filePath(name + u".key"_s);
    return true;
}

TlsFiles generateTlsFiles(const QString& dir, QString* error)
{
    if (!QDir().mkpath(dir)) {
        setError(error, u"cannot create %1"_s.arg(dir));
        return {};
    }
    // A random CN tells two generated CAs apart in logs and handshake errors.
    const QString caName = u"QueueDeck Test CA "_s + randomSerial();
    const bool ok = newKey(dir, u"ca.key"_s, error)
        && openssl(dir,
            {u"req"_s, u"-x509"_s, u"-new"_s, u"-key"_s, u"ca.key"_s, u"-sha256"_s, u"-days"_s,
                u"2"_s, u"-subj"_s, u"/CN="_s + caName, u"-addext"_s,
                u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                u"keyUsage=critical,keyCertSign,cRLSign"_s, u"-out"_s, u"ca.crt"_s},
            error)
        && signLeaf(dir, u"server"_s, u"localhost"_s, kServerExtensions, error)
        && signLeaf(dir, u"client"_s, u"queuedeck-test-client"_s,
            QByteArrayLiteral("basicConstraints=CA:FALSE\n"
                              "keyUsage=critical,digitalSignature,keyEncipherment\n"
                              "extendedKeyUsage=clientAuth\n"),
            error);
    if (!ok)
        return {};
    const QDir d(dir);
    return TlsFiles {d.filePath(u"ca.crt"_s), d.filePath(u"ca.key"_s), d.filePath(u"server.crt"_s),
        d.filePath(u"server.key"_s), d.filePath(u"client.crt"_s), d.filePath(u"client.key"_s)};
}

} // namespace qd::test

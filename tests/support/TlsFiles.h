#pragma once

#include <QString>

namespace qd::test {

// PEM files of a throw-away PKI: a CA, a server certificate (SAN IP:127.0.0.1, DNS:localhost)
// and a client certificate, all signed by that CA. Paths are absolute.
struct TlsFiles {
    QString caCert, caKey, serverCert, serverKey, clientCert, clientKey;

    bool isEmpty() const { return caCert.isEmpty(); }
};

// Generates a fresh CA and its server and client certificates into dir with the `openssl`
// command (EC P-256, valid for a day). Each call makes an unrelated CA, so a second call into
// another dir gives the "wrong CA" of a negative TLS test. Returns empty files and sets *error
// on failure.
TlsFiles generateTlsFiles(const QString& dir, QString* error = nullptr);

// A new server certificate and key (same names and SANs as serverCert) signed by the CA of
// files, next to it as <name>.crt and <name>.key: a certificate rotation that clients trusting
// that CA must accept. false and *error on failure.
bool reissueServerCertificate(const TlsFiles& files, const QString& name, QString* certFile,
    QString* keyFile, QString* error = nullptr);

} // namespace qd::test

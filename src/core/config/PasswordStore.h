#pragma once

#include <QString>

#include <optional>

namespace qd {

// Where the passwords live that a config file only points to ("password_keychain": true): the
// system keychain, in the desktop. A process installs at most one store before it loads its
// config; the headless server installs none, so it refuses such clusters with a clear error
// instead of connecting without a password.
class PasswordStore {
public:
    PasswordStore() = default;
    virtual ~PasswordStore() = default;
    PasswordStore(const PasswordStore&) = delete;
    PasswordStore& operator=(const PasswordStore&) = delete;

    // The password kept for cluster; nullopt with the reason in *error when there is none or
    // the store cannot be reached.
    virtual std::optional<QString> read(const QString& cluster, QString* error) = 0;
    virtual bool write(const QString& cluster, const QString& password, QString* error) = 0;
    // Forgetting a password that is not there is not an error.
    virtual bool remove(const QString& cluster, QString* error) = 0;

    // The process's store, nullptr when it has none. Not owned; install(nullptr) removes it.
    static PasswordStore* installed();
    static void install(PasswordStore* store);
};

} // namespace qd

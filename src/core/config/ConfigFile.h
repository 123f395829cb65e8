#pragma once

#include "core/config/ConfigReader.h"

#include <QString>

namespace qd {

// A config file on disk. Loading never changes the file; saving replaces it atomically
// (QSaveFile) and is refused when the last load failed, so a file a user is still fixing is
// never overwritten with what QueueDeck managed to understand of it.
class ConfigFile final {
public:
    explicit ConfigFile(QString path);

    // $XDG_CONFIG_HOME/queuedeck/config.json (XDG default ~/.config).
    static QString defaultPath();
    // Used when no file exists: one enabled cluster "local" at 127.0.0.1:6379.
    static Config builtInDefault();

    const QString& path() const { return m_path; }
    bool exists() const;
    // Reads and validates the file. A missing file gives the built-in default (and no error)
    // only when allowMissing is set; otherwise it is an error. Passwords kept in the system
    // keychain are read from the installed PasswordStore (a warning when one is missing).
    ConfigReadResult load(bool allowMissing);

    // Validates, then writes atomically. On failure returns false and explains in *error.
    bool save(const Config& config, QString* error);

private:
    // Fills in the passwords of password_keychain clusters from the installed PasswordStore.
    static void resolveKeychainPasswords(ConfigReadResult& result);

    QString m_path;
    // A file that failed to load is never overwritten by save().
    bool m_loadFailed = false;
};

} // namespace qd

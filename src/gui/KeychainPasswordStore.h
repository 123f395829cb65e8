#pragma once

#include "core/config/PasswordStore.h"

#include <chrono>

namespace qd::gui {

// The desktop's PasswordStore: the system keychain through qtkeychain (Secret Service or
// KWallet on Linux, the Keychain on macOS, the Credential Store on Windows). One entry per
// cluster, service "QueueDeck", key "cluster/<name>".
//
// Calls block the caller but keep its event loop running (a local loop waits for the
// keychain's answer), because a keychain may first ask the user to unlock it: the window keeps
// painting meanwhile. They give up after timeout with an error saying so.
class KeychainPasswordStore final : public PasswordStore {
public:
    explicit KeychainPasswordStore(std::chrono::milliseconds timeout = std::chrono::minutes(2));

    std::optional<QString> read(const QString& cluster, QString* error) override;
    bool write(const QString& cluster, const QString& password, QString* error) override;
    bool remove(const QString& cluster, QString* error) override;

    static QString service();
    static QString keyOf(const QString& cluster);

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace qd::gui

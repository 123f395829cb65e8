#include "core/config/PasswordStore.h"

#include <atomic>

namespace qd {
namespace {
// Installed once at start-up on the main thread and read by config loading and validation.
std::atomic<PasswordStore*> g_store {nullptr};
} // namespace

PasswordStore* PasswordStore::installed()
{
    return g_store.load();
}

void PasswordStore::install(PasswordStore* store)
{
    g_store.store(store);
}

} // namespace qd

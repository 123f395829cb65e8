#pragma once

#include "core/config/Config.h"

#include <QtGlobal>

namespace qd {
class ConfigFile;
class Manager;
} // namespace qd

namespace qd::app {

// Applies the configuration file to a running engine again (SIGHUP in headless mode): clusters
// added, removed or changed in the file are started, stopped or reconnected in place, and the
// file is never written back. A file with errors changes nothing. Other blocks (polling, api,
// audit, ...) are read at start only; a reload names the ones that changed.
class ConfigReloader final {
    Q_DISABLE_COPY_MOVE(ConfigReloader)

public:
    // file is the one manager saves runtime changes to; allowMissing as for ConfigFile::load.
    ConfigReloader(ConfigFile& file, Manager& manager, bool allowMissing);

    // Re-reads and applies the file, logging every problem and every change. Returns false
    // when the file has errors: the engine keeps the configuration it had.
    bool reload();

private:
    void applyClusters(const Config& next);
    void reportRestartOnlyChanges(const Config& next) const;

    ConfigFile& m_file;
    Manager& m_manager;
    bool m_allowMissing = false;
    Config m_loaded; // the file as last applied, to tell what an edit changed
};

} // namespace qd::app

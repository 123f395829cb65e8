#pragma once

#include "core/config/Config.h"

#include <QMainWindow>

class QTabWidget;

namespace qd::gui {

// The main window: one colour-coded tab per enabled cluster, in config order.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Config config, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }

private:
    void buildTabs();

    Config m_config;
    QTabWidget* m_tabs = nullptr;
};

} // namespace qd::gui

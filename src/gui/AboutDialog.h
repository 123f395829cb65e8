#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class AboutDialog;
}

namespace qd::gui {

// Help → About: the version, what QueueDeck is for, and build information to paste into a bug
// report (compiler, Qt versions, platform, configuration and audit log paths).
class AboutDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    AboutDialog(const QString& configPath, const QString& auditPath, QWidget* parent = nullptr);
    ~AboutDialog() override;

    QString buildText() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace qd::gui

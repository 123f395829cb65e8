#include "gui/AboutDialog.h"

#include "gui/BuildInfo.h"
#include "gui/Icons.h"
#include "ui_AboutDialog.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>

namespace qd::gui {

AboutDialog::AboutDialog(const QString& configPath, const QString& auditPath, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->iconLabel->setPixmap(Icons::appIcon().pixmap(64, 64));
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.8);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    m_ui->versionLabel->setText(tr("Version %1").arg(BuildInfo::version()));
    m_ui->buildInfo->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->buildInfo->setPlainText(BuildInfo::summary() + QLatin1Char('\n')
        + tr("Configuration: %1").arg(configPath.isEmpty() ? tr("(built-in default)") : configPath)
        + QLatin1Char('\n') + tr("Audit log: %1").arg(auditPath));
    connect(m_ui->copyButton, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(buildText()); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::buildText() const
{
    return m_ui->buildInfo->toPlainText();
}

} // namespace qd::gui

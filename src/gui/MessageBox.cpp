#include "gui/MessageBox.h"

namespace qd::gui {
namespace {

// Only the GUI thread asks questions, so plain statics are enough.
QList<MessageBox::Button>& answers()
{
    static QList<MessageBox::Button> queue;
    return queue;
}

QString& lastShown()
{
    static QString text;
    return text;
}

} // namespace

MessageBox::Button MessageBox::question(QWidget* parent, const QString& title, const QString& text,
    Buttons buttons, Button defaultButton)
{
    return ask(QMessageBox::Question, parent, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::warning(QWidget* parent, const QString& title, const QString& text,
    Buttons buttons, Button defaultButton)
{
    return ask(QMessageBox::Warning, parent, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::critical(QWidget* parent, const QString& title, const QString& text,
    Buttons buttons, Button defaultButton)
{
    return ask(QMessageBox::Critical, parent, title, text, buttons, defaultButton);
}

MessageBox::Button MessageBox::information(QWidget* parent, const QString& title,
    const QString& text, Buttons buttons, Button defaultButton)
{
    return ask(QMessageBox::Information, parent, title, text, buttons, defaultButton);
}

void MessageBox::setNextAnswers(const QList<Button>& next)
{
    answers() = next;
}

qsizetype MessageBox::pendingAnswers()
{
    return answers().size();
}

QString MessageBox::lastText()
{
    return lastShown();
}

MessageBox::Button MessageBox::ask(QMessageBox::Icon icon, QWidget* parent, const QString& title,
    const QString& text, Buttons buttons, Button defaultButton)
{
    lastShown() = text;
    if (!answers().isEmpty())
        return answers().takeFirst();
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    box.setTextFormat(Qt::PlainText);
    return static_cast<Button>(box.exec());
}

} // namespace qd::gui

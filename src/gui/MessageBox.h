#pragma once

#include <QList>
#include <QMessageBox>
#include <QString>

class QWidget;

namespace qd::gui {

// Every question and notice the application puts in front of the operator goes through here, so
// that tests can answer in advance instead of hanging on a modal box (the seam KeePassXC's
// gui/MessageBox provides). Outside tests it is a plain QMessageBox.
class MessageBox final {
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button question(QWidget* parent, const QString& title, const QString& text,
        Buttons buttons = QMessageBox::Yes | QMessageBox::No,
        Button defaultButton = QMessageBox::No);
    static Button warning(QWidget* parent, const QString& title, const QString& text,
        Buttons buttons = QMessageBox::Ok, Button defaultButton = QMessageBox::Ok);
    static Button critical(QWidget* parent, const QString& title, const QString& text,
        Buttons buttons = QMessageBox::Ok, Button defaultButton = QMessageBox::Ok);
    static Button information(QWidget* parent, const QString& title, const QString& text,
        Buttons buttons = QMessageBox::Ok, Button defaultButton = QMessageBox::Ok);

    // Test seam: the next boxes are answered with these buttons, in order, without being shown.
    static void setNextAnswers(const QList<Button>& answers);
    static void setNextAnswer(Button answer) { setNextAnswers({answer}); }
    static qsizetype pendingAnswers();
    // The text of the most recent box, shown or pre-answered (tests check what was asked).
    static QString lastText();

private:
    static Button ask(QMessageBox::Icon icon, QWidget* parent, const QString& title,
        const QString& text, Buttons buttons, Button defaultButton);
};

} // namespace qd::gui

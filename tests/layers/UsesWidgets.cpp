// Built by tests/layers: must compile and link only where Qt Widgets is a declared dependency.
#include <QApplication>
#include <QWidget>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QWidget widget;
    return widget.isVisible() ? 1 : 0;
}

#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QWidget>

class QComboBox;

namespace qd {
struct ActionParameter;
}

namespace qd::gui {

// The parameters of one action type as a form built from the action catalog: a queue picker
// from the queues the targets share, numbers within the catalog's limits, job ids.
// parameters() gives the JSON the engine takes.
class ActionParameterForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionParameterForm)

public:
    ActionParameterForm(const QString& type, const QStringList& queues, const QJsonObject& preset,
        QWidget* parent = nullptr);

    QJsonObject parameters() const;
    bool isEmpty() const { return m_fields.isEmpty(); }
    QComboBox* queuePicker() const { return m_queue; }

Q_SIGNALS:
    void changed();

private:
    struct Field {
        const ActionParameter* parameter;
        QWidget* editor;
    };

    QWidget* addQueue(
        const ActionParameter& p, const QStringList& queues, const QJsonValue& preset);
    QWidget* addInteger(const ActionParameter& p, const QJsonValue& preset);
    QWidget* addBoolean(const ActionParameter& p, const QJsonValue& preset);
    QWidget* addJobIds(const ActionParameter& p, const QJsonValue& preset);
    QWidget* addText(const ActionParameter& p, const QJsonValue& preset);
    QWidget* addChoice(const ActionParameter& p, const QJsonValue& preset);
    QString withMnemonic(const QString& label);
    static QJsonValue valueOf(const Field& field);

    QList<Field> m_fields;
    QComboBox* m_queue = nullptr;
    QSet<QChar> m_mnemonics;
};

} // namespace qd::gui

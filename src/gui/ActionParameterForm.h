#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace qd::gui {

// The parameters of one action type as a form: a queue picker from the queues the targets
// know, counts with the engine's limits, job ids. parameters() gives the JSON the engine takes.
class ActionParameterForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionParameterForm)

public:
    ActionParameterForm(const QString& type, const QStringList& queues, const QJsonObject& preset,
        QWidget* parent = nullptr);

    QJsonObject parameters() const;
    bool isEmpty() const { return m_empty; }
    QComboBox* queuePicker() const { return m_queue; }

Q_SIGNALS:
    void changed();

private:
    void buildQueuePicker(
        const QStringList& queues, const QJsonObject& preset, bool withOriginal, bool optional);
    QSpinBox* addCount(const QString& label, int min, int max, int value, const QString& special);

    QString m_type;
    bool m_empty = true;
    QComboBox* m_queue = nullptr;
    QSpinBox* m_count = nullptr;
    QSpinBox* m_payload = nullptr;
    QSpinBox* m_pipeline = nullptr;
    QSpinBox* m_limit = nullptr;
    QLineEdit* m_ids = nullptr;
    QCheckBox* m_wait = nullptr;
};

} // namespace qd::gui

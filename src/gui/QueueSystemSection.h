#pragma once

#include "core/config/ClusterConfig.h"
#include "core/queues/SystemDetector.h"
#include "core/util/Duration.h"

#include <QFutureWatcher>
#include <QObject>
#include <QWidgetList>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace qd::gui {

// The cluster editor's choice of queue system: the type, the Sidekiq namespace, and Detect,
// which reads the database being edited (on a worker thread, never writing) and offers each
// system it found as a suggestion to apply. It adds its rows at the top of the editor's queue
// form and shows the go-redis-work-queue key fields only while that type is chosen.
class QueueSystemSection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueSystemSection)

public:
    struct Outcome {
        DetectionReport report;
        QString error; // empty when the database was read
    };

    // goRedisFields: the form's rows (fields or layouts) that only go-redis-work-queue uses.
    QueueSystemSection(QFormLayout& form, QList<QObject*> goRedisFields, QWidget* parent);
    ~QueueSystemSection() override;

    void load(const QueueSystemConfig& config);
    // Writes the type and namespace into config; the other fields are the editor's.
    void apply(QueueSystemConfig& config) const;

    void detect(const ClusterConfig& connection, Millis timeout);
    bool isDetecting() const { return m_detecting; }
    QString detectResultText() const; // as plain text
    // Applies the suggestion chosen in the findings list; false when it cannot be applied.
    bool applyChosen();

    // Blocking; what the worker thread runs.
    static Outcome run(const ClusterConfig& connection, Millis timeout);

Q_SIGNALS:
    void changed();
    // Detect was clicked: the editor answers with detect() and the connection being edited.
    void detectRequested();
    // A go-redis-work-queue suggestion names its queues; the editor replaces its queue rows.
    void queuesSuggested(const QList<qd::QueueKey>& queues);

private:
    void updateVisibility();
    void onDetected(const Outcome& outcome);
    static bool typeSupported(const QString& type);

    QFormLayout& m_form;
    QList<QObject*> m_goRedisFields;
    QComboBox* m_type = nullptr;
    QLineEdit* m_namespace = nullptr;
    QLabel* m_namespaceLabel = nullptr;
    QPushButton* m_detectButton = nullptr;
    QLabel* m_result = nullptr;
    QComboBox* m_choice = nullptr;
    QPushButton* m_applyButton = nullptr;
    QWidget* m_choiceRow = nullptr;
    QList<SystemFinding> m_findings;
    QFutureWatcher<Outcome> m_watcher;
    bool m_detecting = false;
};

} // namespace qd::gui

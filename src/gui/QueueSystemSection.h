#pragma once

#include "core/config/ClusterConfig.h"
#include "core/config/ConfigIssue.h"
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
class QSpinBox;

namespace qd::gui {

// The cluster editor's choice of queue system: the type, each system's own options (Sidekiq's
// namespace, BullMQ's prefix, Celery's queues and broker options, the discovery interval of
// the systems that discover their queues), and Detect, which reads the database being edited
// (on a worker thread, never writing) and offers each system it found as a suggestion to
// apply. It adds its rows at the top of the editor's queue form and shows a system's rows, and
// the go-redis-work-queue key fields, only while that type is chosen.
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

    // Fills every row, whatever the type, so that switching types shows what the file holds.
    void load(const QueueSystemConfig& config);
    // Writes the type and the options of the chosen system into config; another system's
    // options keep the values config has (the go-redis-work-queue fields are the editor's).
    void apply(QueueSystemConfig& config) const;
    // The widget that edits field ("prefix", "queues", ... as in queue_system) for the chosen
    // type, or null when it is none of this section's.
    QWidget* fieldFor(QStringView field) const;
    // What cannot be read as typed (a duration that does not parse) under path, the JSON path
    // of the queue_system block; every other rule is the config validator's.
    QList<ConfigIssue> inputIssues(const QString& path) const;

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
    // A row shown only for the systems that read its field.
    struct SystemRow {
        QWidget* field = nullptr; // its label goes with it
        QList<QueueSystemType> systems;
    };

    QLineEdit* addLineRow(const QString& objectName, const QString& label, const QString& toolTip,
        QList<QueueSystemType> systems);
    void addRow(QLabel* label, QWidget* field, QList<QueueSystemType> systems);
    std::optional<QueueSystemType> currentType() const;
    bool shown(const QWidget* field) const;
    void updateVisibility();
    void onDetected(const Outcome& outcome);
    static bool typeSupported(const QString& type);

    QFormLayout& m_form;
    QList<QObject*> m_goRedisFields;
    QComboBox* m_type = nullptr;
    QLineEdit* m_namespace = nullptr;
    QLineEdit* m_prefix = nullptr;
    QLineEdit* m_celeryQueues = nullptr;
    QSpinBox* m_resultBackendDb = nullptr;
    QLineEdit* m_visibilityTimeout = nullptr;
    QLineEdit* m_globalKeyPrefix = nullptr;
    QLineEdit* m_discoveryInterval = nullptr;
    QList<SystemRow> m_systemRows;
    int m_nextRow = 0; // where the next row goes in the form
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

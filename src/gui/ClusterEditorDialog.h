#pragma once

#include "core/config/ClusterConfig.h"
#include "core/config/Config.h"
#include "core/config/ConfigIssue.h"
#include "gui/ConnectionTester.h"

#include <QDialog>
#include <QHash>

#include <memory>

class QLineEdit;

namespace Ui {
class ClusterEditorDialog;
}

namespace qd {
class Manager;
}

namespace qd::gui {

class QueueSystemSection;

// Adds or edits one cluster with every field of its configuration (connection, TLS files,
// mode, queue-system keys), and, on its Health tab, the health rules' evidence times that all
// clusters share. Problems are marked on the field at fault as they are typed, using
// the engine's own validation; "Test connection" runs in the background; Save hands the result
// to the engine, which applies it at once and saves the config file atomically. A password
// marked for the system keychain is written there first and never reaches the file.
class ClusterEditorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterEditorDialog)

public:
    // existing empty: a new cluster.
    ClusterEditorDialog(Manager& manager, QString existing, QWidget* parent = nullptr);
    ~ClusterEditorDialog() override;

    ClusterConfig cluster() const; // what the fields say now
    // What the Health tab says now: the health block every cluster shares.
    HealthConfig health() const;
    const QList<ConfigIssue>& issues() const { return m_issues; }
    bool isMarked(const QWidget* field) const;
    QString testResultText() const;
    bool isTesting() const { return m_tester.isRunning(); }
    QueueSystemSection& queueSystem() const { return *m_queueSystem; }

    void testConnection();
    // Applies through the engine; true when saved (the dialog then closes).
    bool save();

Q_SIGNALS:
    void saved(const QString& cluster);

private:
    void load(const ClusterConfig& cluster);
    // The Health tab (ClusterEditorHealthTab.cpp).
    static QString thresholdLabel(const HealthThreshold& threshold);
    static const HealthThreshold* thresholdAt(const QString& path);
    void buildHealthTab();
    void loadHealth(const HealthConfig& health);
    void connectFields();
    void validate();
    QWidget* fieldFor(const QString& path) const;
    void mark(QWidget* field, const QString& message);
    void unmarkAll();
    void chooseFile(QLineEdit* edit, const QString& title);
    void chooseColor();
    void updateModeFields();
    void addQueueRow(const QString& name, const QString& key);
    void replaceQueueRows(const QList<QueueKey>& queues);
    void onTestFinished(const ConnectionTester::Result& result);
    void showSaveError(QWidget* field, const QString& message);
    // Writes the password to the system keychain; false (and the reason shown) when it fails.
    bool storeInKeychain(const ClusterConfig& cluster);
    void forgetOldKeychainEntry(const ClusterConfig& saved);

    Manager& m_manager;
    QString m_existing;
    std::unique_ptr<Ui::ClusterEditorDialog> m_ui;
    ClusterConfig m_original; // keeps fields the editor does not show (unknown JSON fields)
    QList<ConfigIssue> m_issues;
    QHash<QWidget*, QString> m_marked;
    // Health tab: one line edit per JSON path ("health.rules.latency.for", "health.worker_window").
    QHash<QString, QLineEdit*> m_healthEdits;
    ConnectionTester m_tester;
    QueueSystemSection* m_queueSystem = nullptr; // a child of this dialog
    bool m_loading = false;
};

} // namespace qd::gui

#pragma once

#include "core/actions/MultiAction.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;
class QWidget;

namespace qd {
class ActionEngine;
class Manager;
} // namespace qd

namespace qd::gui {

class ConfirmationDialog;

// The window's side of multi-cluster actions: one QAction per allowed type (disabled, with the
// reason as tooltip, when a target is read-only), the confirmation dialog, and the link between
// that dialog and the engine's progress reports. The engine enforces the rules; this class
// makes them visible before anyone clicks.
class ActionController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionController)

public:
    ActionController(Manager& manager, ActionEngine& engine, QWidget* window);

    // Allowed types, in menu order.
    const QList<QAction*>& menuActions() const { return m_ordered; }
    QAction* action(const QString& type) const { return m_actions.value(type); }

    // The clusters the next action applies to (the selection, or the active cluster).
    void setTargets(const QStringList& targets);
    const QStringList& targets() const { return m_targets; }
    // Why type cannot run on targets; empty when it can.
    QString refusal(const QString& type, const QStringList& targets) const;

    // Opens the confirmation dialog (nullptr when refused; the reason is shown).
    ConfirmationDialog* start(
        const QString& type, const QStringList& targets, const QJsonObject& preset = {});
    ConfirmationDialog* openDialog() const;
    // Reads the next jobs of a queue (read-only, no confirmation). Returns the action id, or
    // an empty string with the reason in *error.
    QString peek(const QString& cluster, const QString& queue, int count, QString* error);

    // requested_by / confirmed_by for the audit log: who sits at this desktop.
    static QString user();

Q_SIGNALS:
    void actionChanged(const qd::MultiAction& action);
    void actionFinished(const qd::MultiAction& action);

private:
    void onEngineChanged(const MultiAction& action);
    void run(ConfirmationDialog* dialog, const QJsonObject& parameters);
    void cancel(ConfirmationDialog* dialog, const QString& id);
    void updateActions();
    QStringList commonQueues(const QStringList& targets) const;

    Manager& m_manager;
    ActionEngine& m_engine;
    QWidget* m_window;
    QHash<QString, QAction*> m_actions;
    QList<QAction*> m_ordered;
    QStringList m_targets;
    QPointer<ConfirmationDialog> m_dialog;
    QHash<QString, QPointer<ConfirmationDialog>> m_running; // action id -> its dialog
};

} // namespace qd::gui

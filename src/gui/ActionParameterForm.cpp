#include "gui/ActionParameterForm.h"

#include "core/actions/ActionCatalog.h"
#include "gui/ActionPresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace qd::gui {

ActionParameterForm::ActionParameterForm(
    const QString& type, const QStringList& queues, const QJsonObject& preset, QWidget* parent)
    : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    // The dialog around the form already uses these: "&confirm" and its buttons.
    m_mnemonics = {u'c'};
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    if (!spec)
        return;
    for (const ActionParameter& p : spec->parameters) {
        const QJsonValue value = preset.value(p.name);
        QWidget* editor = nullptr;
        switch (p.kind) {
        case ParameterKind::Queue:
            editor = addQueue(p, queues, value);
            break;
        case ParameterKind::Integer:
            editor = addInteger(p, value);
            break;
        case ParameterKind::Boolean:
            editor = addBoolean(p, value);
            break;
        case ParameterKind::JobIds:
            editor = addJobIds(p, value);
            break;
        case ParameterKind::Worker:
            editor = addText(p, value);
            break;
        case ParameterKind::Choice:
            editor = addChoice(p, value);
            break;
        }
        editor->setObjectName(p.name);
        editor->setToolTip(p.help.translated());
        m_fields.append({&p, editor});
    }
}

QString ActionParameterForm::withMnemonic(const QString& label)
{
    for (qsizetype i = 0; i < label.size(); ++i) {
        const QChar c = label[i].toLower();
        if (c.isLetter() && !m_mnemonics.contains(c)) {
            m_mnemonics.insert(c);
            return QString(label).insert(i, u'&');
        }
    }
    return label;
}

QWidget* ActionParameterForm::addQueue(
    const ActionParameter& p, const QStringList& queues, const QJsonValue& preset)
{
    auto* picker = new QComboBox(this);
    // Leaving the queue out means something of its own (a dedicated benchmark queue): offered
    // first, as the empty value.
    if (!p.required && !p.hasDefault())
        picker->addItem(ActionPresentation::capitalized(p.absent.translated()), QString());
    for (const ParameterValue& special : p.specialQueues)
        picker->addItem(
            ActionPresentation::capitalized(special.phrase.translated()), special.value);
    for (const QString& queue : queues)
        picker->addItem(queue, queue);
    const int index = picker->findData(preset.toString(p.defaultValue.toString()));
    if (index >= 0)
        picker->setCurrentIndex(index);
    static_cast<QFormLayout*>(layout())->addRow(
        tr("%1:").arg(withMnemonic(p.label.translated())), picker);
    connect(picker, &QComboBox::currentIndexChanged, this, &ActionParameterForm::changed);
    if (!m_queue)
        m_queue = picker;
    return picker;
}

QWidget* ActionParameterForm::addInteger(const ActionParameter& p, const QJsonValue& preset)
{
    auto* spin = new QSpinBox(this);
    // Without a default, leaving it out means something ("all"): one step below the minimum,
    // shown as that word, stands for it.
    const bool optional = !p.required && !p.hasDefault();
    spin->setRange(int(optional ? p.minimum - 1 : p.minimum), int(p.maximum));
    spin->setValue(preset.toInt(optional ? spin->minimum() : p.defaultValue.toInt()));
    spin->setGroupSeparatorShown(true);
    if (optional)
        spin->setSpecialValueText(ActionPresentation::capitalized(p.absent.translated()));
    static_cast<QFormLayout*>(layout())->addRow(
        tr("%1:").arg(withMnemonic(p.label.translated())), spin);
    connect(spin, &QSpinBox::valueChanged, this, &ActionParameterForm::changed);
    return spin;
}

QWidget* ActionParameterForm::addBoolean(const ActionParameter& p, const QJsonValue& preset)
{
    auto* check = new QCheckBox(withMnemonic(p.label.translated()), this);
    check->setChecked(preset.toBool(p.defaultValue.toBool(false)));
    static_cast<QFormLayout*>(layout())->addRow(QString(), check);
    connect(check, &QCheckBox::toggled, this, &ActionParameterForm::changed);
    return check;
}

QWidget* ActionParameterForm::addText(const ActionParameter& p, const QJsonValue& preset)
{
    auto* text = new QLineEdit(this);
    text->setText(preset.toString());
    static_cast<QFormLayout*>(layout())->addRow(
        tr("%1:").arg(withMnemonic(p.label.translated())), text);
    connect(text, &QLineEdit::textChanged, this, &ActionParameterForm::changed);
    return text;
}

QWidget* ActionParameterForm::addChoice(const ActionParameter& p, const QJsonValue& preset)
{
    auto* picker = new QComboBox(this);
    for (const ParameterValue& choice : p.choices)
        picker->addItem(choice.phrase.translated(), choice.value);
    const int index = picker->findData(preset.toString(p.defaultValue.toString()));
    if (index >= 0)
        picker->setCurrentIndex(index);
    static_cast<QFormLayout*>(layout())->addRow(
        tr("%1:").arg(withMnemonic(p.label.translated())), picker);
    connect(picker, &QComboBox::currentIndexChanged, this, &ActionParameterForm::changed);
    return picker;
}

QWidget* ActionParameterForm::addJobIds(const ActionParameter& p, const QJsonValue& preset)
{
    auto* ids = new QLineEdit(this);
    ids->setPlaceholderText(tr("Optional: job ids, separated by commas"));
    QStringList presetIds;
    for (const QJsonValue& id : preset.toArray())
        presetIds.append(id.toString());
    ids->setText(presetIds.join(u", "_s));
    static_cast<QFormLayout*>(layout())->addRow(
        tr("%1:").arg(withMnemonic(p.label.translated())), ids);
    connect(ids, &QLineEdit::textChanged, this, &ActionParameterForm::changed);
    return ids;
}

QJsonValue ActionParameterForm::valueOf(const Field& field)
{
    const ActionParameter& p = *field.parameter;
    switch (p.kind) {
    case ParameterKind::Queue: {
        const QString queue = static_cast<QComboBox*>(field.editor)->currentData().toString();
        return queue.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(queue);
    }
    case ParameterKind::Integer: {
        const int value = static_cast<QSpinBox*>(field.editor)->value();
        return value < p.minimum ? QJsonValue(QJsonValue::Undefined) : QJsonValue(value);
    }
    case ParameterKind::Boolean:
        // Always sent: the engine's default for a missing one may differ from the box's.
        return static_cast<QCheckBox*>(field.editor)->isChecked();
    case ParameterKind::JobIds: {
        QJsonArray ids;
        const QString text = static_cast<QLineEdit*>(field.editor)->text();
        for (const QString& id : text.split(u',', Qt::SkipEmptyParts)) {
            if (!id.trimmed().isEmpty())
                ids.append(id.trimmed());
        }
        return ids.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(ids);
    }
    case ParameterKind::Worker: {
        const QString text = static_cast<QLineEdit*>(field.editor)->text().trimmed();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    case ParameterKind::Choice: {
        // The default is left out, so the same form serves systems that lack the parameter.
        const QString choice = static_cast<QComboBox*>(field.editor)->currentData().toString();
        return choice == p.defaultValue.toString() ? QJsonValue(QJsonValue::Undefined)
                                                   : QJsonValue(choice);
    }
    }
    return QJsonValue(QJsonValue::Undefined);
}

QJsonObject ActionParameterForm::parameters() const
{
    QJsonObject p;
    for (const Field& field : m_fields) {
        const QJsonValue value = valueOf(field);
        if (!value.isUndefined())
            p.insert(field.parameter->name, value);
    }
    return p;
}

} // namespace qd::gui

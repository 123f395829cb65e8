#include "gui/ActionParameterForm.h"

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
    : QWidget(parent), m_type(type)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    if (type == u"pause_queue" || type == u"resume_queue") {
        buildQueuePicker(queues, preset, false, false);
    } else if (type == u"requeue_dlq") {
        buildQueuePicker(queues, preset, true, false);
        m_limit = addCount(tr("&Limit:"), 0, std::numeric_limits<int>::max(),
            preset.value(u"limit"_s).toInt(0), tr("All"));
        m_ids = new QLineEdit(this);
        m_ids->setPlaceholderText(tr("Optional: job ids, separated by commas"));
        QStringList presetIds;
        for (const QJsonValue& id : preset.value(u"ids"_s).toArray())
            presetIds.append(id.toString());
        m_ids->setText(presetIds.join(u", "_s));
        form->addRow(tr("Job &ids:"), m_ids);
        connect(m_ids, &QLineEdit::textChanged, this, &ActionParameterForm::changed);
    } else if (type == u"benchmark") {
        buildQueuePicker(queues, preset, false, true);
        m_count = addCount(tr("&Jobs:"), 1, 1'000'000, preset.value(u"count"_s).toInt(1000), {});
        m_payload = addCount(
            tr("&Payload bytes:"), 0, 1 << 20, preset.value(u"payload_bytes"_s).toInt(256), {});
        m_pipeline = addCount(
            tr("P&ipeline depth:"), 1, 10'000, preset.value(u"pipeline"_s).toInt(50), {});
        m_wait = new QCheckBox(tr("&Wait for workers to complete the jobs"), this);
        m_wait->setChecked(preset.value(u"wait_for_completion"_s).toBool(false));
        form->addRow(QString(), m_wait);
        connect(m_wait, &QCheckBox::toggled, this, &ActionParameterForm::changed);
    }
    m_empty = form->rowCount() == 0;
}

void ActionParameterForm::buildQueuePicker(
    const QStringList& queues, const QJsonObject& preset, bool withOriginal, bool optional)
{
    m_queue = new QComboBox(this);
    if (withOriginal)
        m_queue->addItem(tr("Each job's original queue"), u"original"_s);
    if (optional)
        m_queue->addItem(tr("Dedicated benchmark queue"), QString());
    for (const QString& queue : queues)
        m_queue->addItem(queue, queue);
    const int presetIndex = m_queue->findData(preset.value(u"queue"_s).toString());
    if (presetIndex >= 0)
        m_queue->setCurrentIndex(presetIndex);
    auto* form = static_cast<QFormLayout*>(layout());
    form->addRow(m_type == u"requeue_dlq" ? tr("&Destination:") : tr("&Queue:"), m_queue);
    connect(m_queue, &QComboBox::currentIndexChanged, this, &ActionParameterForm::changed);
}

QSpinBox* ActionParameterForm::addCount(
    const QString& label, int min, int max, int value, const QString& special)
{
    auto* spin = new QSpinBox(this);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setGroupSeparatorShown(true);
    if (!special.isEmpty())
        spin->setSpecialValueText(special);
    static_cast<QFormLayout*>(layout())->addRow(label, spin);
    connect(spin, &QSpinBox::valueChanged, this, &ActionParameterForm::changed);
    return spin;
}

QJsonObject ActionParameterForm::parameters() const
{
    QJsonObject p;
    if (m_queue && !m_queue->currentData().toString().isEmpty())
        p.insert(u"queue"_s, m_queue->currentData().toString());
    if (m_count)
        p.insert(u"count"_s, m_count->value());
    if (m_payload)
        p.insert(u"payload_bytes"_s, m_payload->value());
    if (m_pipeline)
        p.insert(u"pipeline"_s, m_pipeline->value());
    if (m_wait)
        p.insert(u"wait_for_completion"_s, m_wait->isChecked());
    if (m_limit && m_limit->value() > 0)
        p.insert(u"limit"_s, m_limit->value());
    if (m_ids) {
        QJsonArray ids;
        for (const QString& id : m_ids->text().split(u',', Qt::SkipEmptyParts)) {
            if (!id.trimmed().isEmpty())
                ids.append(id.trimmed());
        }
        if (!ids.isEmpty())
            p.insert(u"ids"_s, ids);
    }
    return p;
}

} // namespace qd::gui

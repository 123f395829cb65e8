#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace qd::sidekiq {

// Sidekiq jobs as stored: JSON objects identified by their exact bytes. Edits change one
// top-level member's value text and leave every other byte alone, so integers in `args` beyond
// 2^53 and Sidekiq's own number formatting survive a requeue (a parse and re-encode through a
// double-based JSON library would not).
namespace job {

// The value text of a top-level member ("12", "\"default\"", "{...}"), or nullopt when the
// member is missing or the text is not a JSON object.
std::optional<QByteArray> memberText(const QByteArray& json, QByteArrayView key);

// json with the top-level member key set to valueText (replaced in place, or appended when
// missing); empty when json is not a JSON object.
QByteArray withMember(const QByteArray& json, QByteArrayView key, const QByteArray& valueText);

// What Sidekiq's own Retry pushes for a job taken from the dead or retry set: retry_count one
// lower when present, enqueued_at set to now (epoch seconds; milliseconds when the job's own
// timestamps are in milliseconds, as Sidekiq 8 writes them). Empty when json is not an object.
QByteArray forRequeue(const QByteArray& json, double nowEpochSeconds);

// The parsed object, or {"raw": text} when the bytes are not a JSON object.
QJsonObject parsed(const QByteArray& json);

} // namespace job
} // namespace qd::sidekiq

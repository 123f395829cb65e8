#pragma once

#include "core/util/Severity.h"

#include <QString>
#include <QStringView>

namespace qd {

// The rule ids a HealthIssue can carry; stable, they are part of the API ("rule").
namespace healthrule {
inline constexpr QStringView NotPolledYet {u"not_polled_yet"};
inline constexpr QStringView Unreachable {u"unreachable"};
inline constexpr QStringView Latency {u"latency"};
inline constexpr QStringView NoLiveWorkers {u"no_live_workers"};
inline constexpr QStringView DeadLetters {u"dead_letters"};
inline constexpr QStringView DeadLettersGrowing {u"dead_letters_growing"};
inline constexpr QStringView OrphanedProcessing {u"orphaned_processing"};
inline constexpr QStringView Memory {u"memory"};
inline constexpr QStringView BacklogGrowing {u"backlog_growing"};
} // namespace healthrule

// One finding of one health rule about one cluster. JSON (an element of "issues"):
// {"rule": "...", "severity": "warning", "message": "..."}.
struct HealthIssue {
    QString rule; // "rule": one of healthrule::*
    Severity severity = Severity::Warning; // "severity": severityName()
    QString message; // "message": a sentence for a person, with the numbers that fired the rule
    friend bool operator==(const HealthIssue&, const HealthIssue&) = default;
};

} // namespace qd

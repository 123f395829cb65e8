#pragma once

#include "core/util/Severity.h"

#include <QString>
#include <QStringView>

#include <functional>

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
    // The same sentence in the language of the process's installed translator (the desktop's);
    // the English message where none is installed. Never in the API.
    QString localMessage;
    friend bool operator==(const HealthIssue&, const HealthIssue&) = default;
};

// Each health message is written once and rendered twice: in English, which the API, the
// events and the logs carry whatever language the desktop shows, and through the installed
// translator (context "qd::HealthWords") for the window and the tray. A source with a count
// holds the English singular and plural as "one|other", %n standing for the count; mark such
// sources with QT_TRANSLATE_N_NOOP("qd::HealthWords", ...) and plain ones with
// QT_TRANSLATE_NOOP so that lupdate lists them.
class HealthWords final {
public:
    static constexpr const char* kContext = "qd::HealthWords";
    enum class Language { English, Translated };
    explicit HealthWords(Language language) : m_language(language) { }

    QString operator()(const char* source) const;
    QString operator()(const char* source, qint64 count) const;

    // The issue with its message rendered both ways by `build(words)`.
    static HealthIssue issue(QStringView rule, Severity severity,
        const std::function<QString(const HealthWords&)>& build);

private:
    Language m_language;
};

} // namespace qd

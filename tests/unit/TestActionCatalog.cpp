// The action catalog: every known type is described once and completely (label, summary, help
// for every parameter, defaults inside their limits), destructive and read-only types are the
// ones they always were, and the engine's validation and confirmation sentences read it.

#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionRunner.h"
#include "core/actions/ActionTypes.h"
#include "core/errors/Errors.h"
#include "core/stats/ClusterStats.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;

namespace {

ClusterConfig cluster()
{
    ClusterConfig c;
    c.name = u"prod"_s;
    c.label = u"Production"_s;
    c.endpoint = u"redis.example.com:6379"_s;
    return c;
}

// A value for every required parameter (a queue the cluster has), else nothing: the catalog's
// defaults fill the rest.
QJsonObject minimalParameters(const ActionTypeSpec& spec)
{
    QJsonObject p;
    for (const ActionParameter& parameter : spec.parameters) {
        if (parameter.required)
            p.insert(parameter.name, u"high"_s);
    }
    return p;
}

// The field validation refuses, on a cluster of the first system that runs the type.
QString invalidField(const QString& type, const QJsonObject& parameters)
{
    ClusterConfig target = cluster();
    const ActionTypeSpec* spec = ActionCatalog::find(type);
    if (spec && !spec->queueSystems.isEmpty())
        target.queueSystem.type = queueSystemTypeFromName(spec->queueSystems.constFirst())
                                      .value_or(target.queueSystem.type);
    try {
        actiontypes::validate(type, parameters, target);
    } catch (const ActionError& e) {
        return e.field();
    }
    return {};
}

} // namespace

class TestActionCatalog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyKnownTypeIsDescribedOnce()
    {
        QStringList names;
        for (const ActionTypeSpec& spec : ActionCatalog::all()) {
            names.append(spec.name);
            QCOMPARE(actionTypeFromName(spec.name), spec.type);
            QCOMPARE(&ActionCatalog::of(spec.type), &spec);
            QCOMPARE(ActionCatalog::find(spec.name), &spec);
        }
        QCOMPARE(names, knownActionTypes());
        QVERIFY(!ActionCatalog::find(u"purge"_s));
        QCOMPARE(ActionCatalog::label(u"retired_type"_s, TextLanguage::English), u"retired_type"_s);
    }

    void bullmqListsExactlyTheTypesItHasRunnersFor()
    {
        for (const ActionTypeSpec& spec : ActionCatalog::all()) {
            const bool listed = spec.queueSystems.contains(u"bullmq"_s);
            const bool runs = ActionRunner::create(spec.name, QueueSystemType::BullMQ) != nullptr;
            QVERIFY2(listed == runs, qPrintable(spec.name));
        }
        for (const char* type : {"pause_queue", "resume_queue", "requeue_dlq", "purge_dlq"})
            QVERIFY2(
                ActionCatalog::find(QString::fromLatin1(type))->queueSystems.contains(u"bullmq"_s),
                type);
    }

    void everyTypeIsLabelledAndExplained()
    {
        for (const ActionTypeSpec& spec : ActionCatalog::all()) {
            QVERIFY2(!spec.label.isEmpty(), qPrintable(spec.name));
            QVERIFY2(!spec.summary.isEmpty(), qPrintable(spec.name));
            QVERIFY2(!spec.effect.isEmpty(), qPrintable(spec.name));
            // Every type runs on at least one system this version reads, and names only
            // systems QueueDeck knows.
            bool runsSomewhere = false;
            for (const QString& system : spec.queueSystems) {
                const auto type = queueSystemTypeFromName(system);
                QVERIFY2(type, qPrintable(spec.name + u": " + system));
                runsSomewhere = runsSomewhere || queueSystemSupported(*type);
            }
            QVERIFY2(runsSomewhere, qPrintable(spec.name));
            for (const ActionParameter& p : spec.parameters) {
                const QString where = spec.name + u'.' + p.name;
                QVERIFY2(!p.label.isEmpty(), qPrintable(where));
                QVERIFY2(!p.help.isEmpty(), qPrintable(where));
                // Leaving an optional parameter out must mean something the form can say.
                if (!p.required && !p.hasDefault())
                    QVERIFY2(!p.absent.isEmpty(), qPrintable(where));
            }
        }
    }

    void defaultsAreWithinTheirLimits()
    {
        for (const ActionTypeSpec& spec : ActionCatalog::all()) {
            for (const ActionParameter& p : spec.parameters) {
                const QString where = spec.name + u'.' + p.name;
                if (p.kind == ParameterKind::Integer) {
                    QVERIFY2(p.minimum <= p.maximum, qPrintable(where));
                    if (p.hasDefault()) {
                        QVERIFY2(p.defaultValue.isDouble(), qPrintable(where));
                        QVERIFY2(p.defaultValue.toInteger() >= p.minimum
                                && p.defaultValue.toInteger() <= p.maximum,
                            qPrintable(where));
                    }
                }
                if (p.kind == ParameterKind::Queue && p.hasDefault())
                    QVERIFY2(p.special(p.defaultValue.toString()), qPrintable(where));
            }
            // The defaults, sent back, are valid.
            QJsonObject defaults = minimalParameters(spec);
            for (const ActionParameter& p : spec.parameters) {
                if (p.hasDefault())
                    defaults.insert(p.name, p.defaultValue);
            }
            QCOMPARE(invalidField(spec.name, defaults), QString());
        }
        const ActionTypeSpec& bench = ActionCatalog::of(ActionType::Benchmark);
        QCOMPARE(bench.integerOf({}, u"count"_s), 1000);
        QCOMPARE(bench.integerOf({}, u"pipeline"_s), 50);
        QCOMPARE(bench.integerOf({}, u"payload_bytes"_s), 256);
        QCOMPARE(bench.integerOf({{u"count"_s, 7}}, u"count"_s), 7);
        QCOMPARE(ActionCatalog::of(ActionType::Peek).parameter(u"count"_s)->maximum, 100);
    }

    void destructiveAndReadOnlyTypesAreUnchanged()
    {
        QStringList destructive;
        QStringList readOnly;
        for (const ActionTypeSpec& spec : ActionCatalog::all()) {
            if (spec.destructive)
                destructive.append(spec.name);
            if (spec.readOnly)
                readOnly.append(spec.name);
            QVERIFY(!(spec.destructive && spec.readOnly));
            QCOMPARE(actiontypes::isDestructive(spec.name), spec.destructive);
            QCOMPARE(actiontypes::isReadOnly(spec.name), spec.readOnly);
        }
        QCOMPARE(destructive,
            QStringList({u"purge_dlq"_s, u"requeue_dlq"_s, u"clear_queue"_s, u"stop_process"_s}));
        QCOMPARE(readOnly, QStringList({u"peek"_s}));
    }

    void validationReadsTheLimits_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("parameters");
        QTest::addColumn<QString>("field");
        QTest::newRow("count above")
            << u"benchmark"_s << QJsonObject {{u"count"_s, 1'000'001}} << u"parameters.count"_s;
        QTest::newRow("count at max")
            << u"benchmark"_s << QJsonObject {{u"count"_s, 1'000'000}} << QString();
        QTest::newRow("fraction") << u"benchmark"_s << QJsonObject {{u"pipeline"_s, 1.5}}
                                  << u"parameters.pipeline"_s;
        QTest::newRow("peek limit")
            << u"peek"_s << QJsonObject {{u"queue"_s, u"dead_letter"_s}, {u"count"_s, 101}}
            << u"parameters.count"_s;
        QTest::newRow("queue required")
            << u"pause_queue"_s << QJsonObject {} << u"parameters.queue"_s;
        QTest::newRow("special value elsewhere")
            << u"pause_queue"_s << QJsonObject {{u"queue"_s, u"original"_s}}
            << u"parameters.queue"_s;
        QTest::newRow("original") << u"requeue_dlq"_s << QJsonObject {{u"queue"_s, u"original"_s}}
                                  << QString();
        QTest::newRow("empty ids")
            << u"requeue_dlq"_s << QJsonObject {{u"ids"_s, QJsonArray {}}} << u"parameters.ids"_s;
        QTest::newRow("not a bool")
            << u"benchmark"_s << QJsonObject {{u"wait_for_completion"_s, u"yes"_s}}
            << u"parameters.wait_for_completion"_s;
        QTest::newRow("unknown") << u"purge_dlq"_s << QJsonObject {{u"queue"_s, u"high"_s}}
                                 << u"parameters.queue"_s;
    }
    void validationReadsTheLimits()
    {
        QFETCH(QString, type);
        QFETCH(QJsonObject, parameters);
        QFETCH(QString, field);
        QCOMPARE(invalidField(type, parameters), field);
    }

    void confirmationSentences_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("parameters");
        QTest::addColumn<bool>("polled");
        QTest::addColumn<QString>("sentence");
        const QString on = u" on Production (redis.example.com:6379)"_s;
        QTest::newRow("purge") << u"purge_dlq"_s << QJsonObject {} << true
                               << u"purge 1 204 dead letters"_s + on;
        QTest::newRow("purge, not polled")
            << u"purge_dlq"_s << QJsonObject {} << false
            << u"purge every dead letter (count not known yet)"_s + on;
        QTest::newRow("pause") << u"pause_queue"_s << QJsonObject {{u"queue"_s, u"high"_s}} << true
                               << u"pause queue high (workers stop taking its jobs)"_s + on;
        QTest::newRow("resume") << u"resume_queue"_s << QJsonObject {{u"queue"_s, u"low"_s}} << true
                                << u"resume queue low"_s + on;
        QTest::newRow("benchmark defaults")
            << u"benchmark"_s << QJsonObject {} << true
            << u"enqueue 1 000 benchmark jobs of 256 bytes onto a dedicated benchmark queue "
               "(removed afterwards)"_s
                + on;
        QTest::newRow("benchmark on a queue")
            << u"benchmark"_s << QJsonObject {{u"queue"_s, u"high"_s}, {u"count"_s, 20000}} << true
            << u"enqueue 20 000 benchmark jobs of 256 bytes onto high"_s + on;
        QTest::newRow("requeue all") << u"requeue_dlq"_s << QJsonObject {} << true
                                     << u"move 1 204 dead letters back to each job's original "
                                        "queue"_s
                + on;
        QTest::newRow("requeue limited")
            << u"requeue_dlq"_s << QJsonObject {{u"queue"_s, u"low"_s}, {u"limit"_s, 5000}} << true
            << u"move up to 5 000 dead letters back to low"_s + on;
        QTest::newRow("requeue listed")
            << u"requeue_dlq"_s << QJsonObject {{u"ids"_s, QJsonArray {u"a"_s, u"b"_s}}} << false
            << u"move 2 listed dead letters back to each job's original queue"_s + on;
        QTest::newRow("peek") << u"peek"_s << QJsonObject {{u"queue"_s, u"dead_letter"_s}} << true
                              << u"read the next 10 jobs of the dead letters"_s + on;
    }
    void confirmationSentences()
    {
        QFETCH(QString, type);
        QFETCH(QJsonObject, parameters);
        QFETCH(bool, polled);
        QFETCH(QString, sentence);
        std::optional<ClusterStats> stats;
        if (polled) {
            stats.emplace();
            stats->deadLetterCount = 1204;
        }
        QCOMPARE(actiontypes::describe(type, parameters, cluster(), stats), sentence);
        // The confirmation is the effect on that target.
        QVERIFY(sentence.startsWith(actiontypes::effect(type, parameters, stats) + u" on "_s));
    }

    void namesInsideValuesAreNotPlaceholders()
    {
        ClusterConfig c = cluster();
        c.label = u"{effect} {dead_letters}"_s;
        QCOMPARE(actiontypes::describe(u"resume_queue"_s, {{u"queue"_s, u"{target}"_s}}, c, {}),
            u"resume queue {target} on {effect} {dead_letters} (redis.example.com:6379)"_s);
    }

    void templatesNameOnlyWhatTheyFill()
    {
        static const QRegularExpression placeholder(u"\\{([a-z_]+)\\}"_s);
        for (const ActionTypeSpec& spec : ActionCatalog::all()) {
            const QString text = actiontypes::confirmationTemplate(spec);
            QVERIFY2(text.endsWith(u" on {target}"_s), qPrintable(text));
            for (const QRegularExpressionMatch& m : placeholder.globalMatch(text)) {
                const QString name = m.captured(1);
                QVERIFY2(name == u"target" || name == u"dead_letters" || spec.parameter(name),
                    qPrintable(spec.name + u": {"_s + name + u'}'));
            }
        }
        QCOMPARE(actiontypes::confirmationTemplate(ActionCatalog::of(ActionType::PurgeDeadLetters)),
            u"purge {dead_letters} on {target}"_s);
    }
};

QTEST_GUILESS_MAIN(TestActionCatalog)
#include "TestActionCatalog.moc"

// GET /api/v1/actions/types serves the action catalog: every type with its label, flags,
// parameters (type, default, limits, help), confirmation template and queue systems, as the
// engine knows them. A client can build its forms from it: each type's defaults, posted back,
// make a valid action whose confirmation follows the template.

#include "ApiHarness.h"
#include "core/actions/ActionCatalog.h"
#include "core/actions/ActionTypes.h"
#include "core/engine/ActionEngine.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::test;

namespace {

// The template as a pattern: each {placeholder} stands for some text.
QRegularExpression templatePattern(const QString& confirmation)
{
    QString pattern = QRegularExpression::escape(confirmation);
    static const QRegularExpression placeholder(u"\\\\\\{[a-z_]+\\\\\\}"_s);
    pattern.replace(placeholder, u".+"_s);
    return QRegularExpression(u'^' + pattern + u'$');
}

} // namespace

class TestApiActionTypes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_redis = RedisServer::start({}, &error);
        QVERIFY2(m_redis, qPrintable(error));
    }

    void servesTheCatalog()
    {
        ApiHarness api(config());
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        const HttpResponse r = api.anonymous().get(u"/api/v1/actions/types"_s);
        QVERIFY2(r.status == 200, r.describe().constData());
        const QStringList problems = api.conformance(u"GET"_s, u"/api/v1/actions/types"_s, r);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        const QJsonArray types = r.object().value(u"types"_s).toArray();
        QCOMPARE(types.size(), ActionCatalog::all().size());
        for (qsizetype i = 0; i < types.size(); ++i) {
            const QJsonObject json = types[i].toObject();
            const ActionTypeSpec& spec = ActionCatalog::all()[i];
            QCOMPARE(json.value(u"name"_s).toString(), spec.name);
            QCOMPARE(json.value(u"label"_s).toString(), spec.label.english());
            QCOMPARE(json.value(u"summary"_s).toString(), spec.summary.english());
            QCOMPARE(json.value(u"destructive"_s).toBool(), spec.destructive);
            QCOMPARE(json.value(u"read_only"_s).toBool(), spec.readOnly);
            QCOMPARE(
                json.value(u"confirmation"_s).toString(), actiontypes::confirmationTemplate(spec));
            QCOMPARE(json.value(u"queue_systems"_s).toArray(),
                QJsonArray::fromStringList(spec.queueSystems));
            QCOMPARE(json.value(u"allowed"_s).toBool(), api.actions().isAllowed(spec.name));
            QCOMPARE(json.value(u"needs_confirmation"_s).toBool(), !spec.readOnly);
            const QJsonArray parameters = json.value(u"parameters"_s).toArray();
            QCOMPARE(parameters.size(), spec.parameters.size());
            for (qsizetype j = 0; j < parameters.size(); ++j) {
                const QJsonObject p = parameters[j].toObject();
                const ActionParameter& expected = spec.parameters[j];
                QCOMPARE(p.value(u"name"_s).toString(), expected.name);
                QCOMPARE(p.value(u"type"_s).toString(), parameterKindName(expected.kind));
                QCOMPARE(p.value(u"label"_s).toString(), expected.label.english());
                QCOMPARE(p.value(u"help"_s).toString(), expected.help.english());
                QCOMPARE(p.value(u"required"_s).toBool(), expected.required);
                QCOMPARE(p.contains(u"default"_s), expected.hasDefault());
                if (expected.hasDefault())
                    QCOMPARE(p.value(u"default"_s), expected.defaultValue);
                if (expected.kind == ParameterKind::Integer) {
                    QCOMPARE(p.value(u"minimum"_s).toInteger(), expected.minimum);
                    QCOMPARE(p.value(u"maximum"_s).toInteger(), expected.maximum);
                }
            }
        }
        // The figures a form needs, as the engine enforces them.
        const QJsonObject benchmark = types[int(ActionType::Benchmark)].toObject();
        QCOMPARE(benchmark[u"parameters"_s][1][u"default"_s].toInt(), 1000);
        QCOMPARE(benchmark[u"parameters"_s][1][u"maximum"_s].toInt(), 1'000'000);
        QCOMPARE(types[int(ActionType::Peek)][u"parameters"_s][1][u"maximum"_s].toInt(), 100);
        QCOMPARE(types[int(ActionType::PurgeDeadLetters)][u"confirmation"_s].toString(),
            u"purge {dead_letters} on {target}"_s);
    }

    void aFormBuiltFromItMakesValidActions()
    {
        Config c = config();
        c.actions.allowedActions = knownActionTypes();
        ApiHarness api(c);
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        const QJsonArray types
            = api.anonymous().get(u"/api/v1/actions/types"_s).object().value(u"types"_s).toArray();
        QVERIFY(!types.isEmpty());
        for (const QJsonValue& value : types) {
            const QJsonObject type = value.toObject();
            const QString name = type.value(u"name"_s).toString();
            // What a form sends untouched: every default, and the first choice of a required
            // queue picker (a configured queue).
            QJsonObject parameters;
            for (const QJsonValue& p : type.value(u"parameters"_s).toArray()) {
                if (p[u"default"_s].isUndefined() && p[u"required"_s].toBool())
                    parameters.insert(p[u"name"_s].toString(), u"high"_s);
                else if (!p[u"default"_s].isUndefined())
                    parameters.insert(p[u"name"_s].toString(), p[u"default"_s]);
            }
            const QJsonObject request {{u"type"_s, name}, {u"targets"_s, QJsonArray {u"a"_s}},
                {u"parameters"_s, parameters}};
            const HttpResponse submitted = api.client().post(u"/api/v1/actions"_s, request);
            // Cluster "a" runs go-redis-work-queue: types of other systems only are refused,
            // and the refusal says why.
            if (!type.value(u"queue_systems"_s).toArray().contains(u"go-redis-work-queue"_s)) {
                QVERIFY2(submitted.status == 409,
                    qPrintable(name + u": "_s + QString::fromUtf8(submitted.describe())));
                QCOMPARE(submitted.object()[u"error"_s][u"code"_s].toString(),
                    u"unsupported_for_system"_s);
                QVERIFY2(submitted.object()[u"error"_s][u"message"_s].toString().contains(
                             u"runs go-redis-work-queue"_s),
                    submitted.describe().constData());
                continue;
            }
            if (type.value(u"needs_confirmation"_s).toBool()) {
                QVERIFY2(submitted.status == 202,
                    qPrintable(name + u": "_s + QString::fromUtf8(submitted.describe())));
                // The confirmation line for the target follows the served template.
                const QString message
                    = submitted.object()[u"confirmations"_s][0][u"message"_s].toString();
                const QString line = message.split(u'\n').value(1).mid(2);
                const QRegularExpression pattern
                    = templatePattern(type.value(u"confirmation"_s).toString());
                QVERIFY2(pattern.match(line).hasMatch(), qPrintable(name + u": "_s + line));
                QVERIFY2(line.endsWith(m_redis->endpoint() + u')'), qPrintable(line));
                const QString id = submitted.object().value(u"id"_s).toString();
                QCOMPARE(api.client()
                             .post(u"/api/v1/actions/%1/cancel"_s.arg(id), QJsonObject {})
                             .status,
                    200);
            } else {
                QVERIFY2(submitted.status == 200,
                    qPrintable(name + u": "_s + QString::fromUtf8(submitted.describe())));
            }
            // One past a limit is refused, naming the parameter.
            for (const QJsonValue& p : type.value(u"parameters"_s).toArray()) {
                if (p[u"type"_s] != u"integer"_s)
                    continue;
                QJsonObject beyond = parameters;
                beyond.insert(p[u"name"_s].toString(), p[u"maximum"_s].toInteger() + 1);
                QJsonObject tooMuch = request;
                tooMuch.insert(u"parameters"_s, beyond);
                const HttpResponse refused = api.client().post(u"/api/v1/actions"_s, tooMuch);
                QCOMPARE(refused.status, 400);
                QCOMPARE(refused.object()[u"error"_s][u"field"_s].toString(),
                    u"parameters."_s + p[u"name"_s].toString());
            }
        }
    }

private:
    Config config() const
    {
        Config c = configFor({clusterFor(u"a"_s, m_redis->endpoint())});
        c.actions.requireConfirmation = true;
        return c;
    }

    std::unique_ptr<RedisServer> m_redis;
};

QTEST_GUILESS_MAIN(TestApiActionTypes)
#include "TestApiActionTypes.moc"

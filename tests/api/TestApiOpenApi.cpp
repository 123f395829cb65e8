// GET /api/v1/openapi.json describes exactly what is served: every route the server routes is
// in the document with its method, and nothing else is; every $ref resolves.

#include "ApiHarness.h"
#include "api/ApiServer.h"
#include "api/ApiVersion.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace qd;
using namespace qd::test;

namespace {

void collectRefs(const QJsonValue& value, QStringList& refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("$ref"))
                refs.append(it.value().toString());
            else
                collectRefs(it.value(), refs);
        }
    } else if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            collectRefs(item, refs);
    }
}

} // namespace

class TestApiOpenApi final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void documentMatchesTheRoutes()
    {
        ApiHarness api(configFor({clusterFor(
            QStringLiteral("a"), QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))}));
        QString error;
        QVERIFY2(api.start(&error, false), qPrintable(error));
        const HttpResponse r = api.anonymous().get(QStringLiteral("/api/v1/openapi.json"));
        QCOMPARE(r.status, 200);
        const QJsonObject document = r.object();
        QVERIFY(
            document.value(QStringLiteral("openapi")).toString().startsWith(QStringLiteral("3.0")));
        QCOMPARE(document[QStringLiteral("info")][QStringLiteral("version")].toString(),
            api::apiVersion());

        QStringList served;
        for (const api::RouteInfo& route : api.server().routes()) {
            const QString operation = api::methodName(route.method) + u' ' + route.pattern;
            served.append(operation);
            QVERIFY2(api.schema().hasOperation(api::methodName(route.method), route.pattern),
                qPrintable(operation + QStringLiteral(" is served but not documented")));
            // Mutations are documented as needing the bearer token, reads as not.
            const QJsonObject op = document[QStringLiteral("paths")][route.pattern]
                                           [api::methodName(route.method).toLower()]
                                               .toObject();
            QCOMPARE(op.contains(QStringLiteral("security")), route.mutates);
            // Every accepted query parameter is documented.
            QStringList documented;
            for (const QJsonValue& p : op.value(QStringLiteral("parameters")).toArray()) {
                if (p[QStringLiteral("in")].toString() == QLatin1String("query"))
                    documented.append(p[QStringLiteral("name")].toString());
            }
            QStringList accepted = route.queryKeys;
            accepted.sort();
            documented.sort();
            QCOMPARE(documented, accepted);
        }
        for (const QString& operation : api.schema().operations())
            QVERIFY2(served.contains(operation),
                qPrintable(operation + QStringLiteral(" is documented but not served")));
        QCOMPARE(api.schema().operations().size(), served.size());

        QStringList refs;
        collectRefs(document, refs);
        QVERIFY(!refs.isEmpty());
        const QJsonObject schemas
            = document[QStringLiteral("components")][QStringLiteral("schemas")].toObject();
        for (const QString& ref : std::as_const(refs))
            QVERIFY2(schemas.contains(ref.section(u'/', -1)), qPrintable(ref));
    }
};

QTEST_GUILESS_MAIN(TestApiOpenApi)
#include "TestApiOpenApi.moc"

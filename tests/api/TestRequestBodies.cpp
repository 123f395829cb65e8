// The pure readers of request bodies (api/json/RequestBodies), without a server: what each
// accepts, and for each kind of bad body the status, code and field of the refusal. The HTTP
// tests (TestApiRequests and the endpoint tests) check that the controllers answer with them.

#include "api/ApiError.h"
#include "api/json/RequestBodies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace qd;
using namespace qd::api;

namespace {

QJsonObject parse(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// Runs read and returns the ApiError it threw; fails the test when it threw nothing.
std::optional<ApiError> refusal(const std::function<void()>& read)
{
    try {
        read();
    } catch (const ApiError& error) {
        return error;
    }
    return std::nullopt;
}

} // namespace

class TestRequestBodies final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonObjects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("object") << "{\"a\": 1}"_ba
                                << "application/json"_ba << 0 << QString();
        QTest::newRow("charset") << "{}"_ba
                                 << "application/json; charset=utf-8"_ba << 0 << QString();
        QTest::newRow("+json") << "{}"_ba
                               << "application/merge-patch+json"_ba << 0 << QString();
        QTest::newRow("text") << "{}"_ba
                              << "text/plain"_ba << 415 << u"unsupported_media_type"_s;
        QTest::newRow("empty") << QByteArray() << "application/json"_ba << 400
                               << u"body_required"_s;
        QTest::newRow("spaces") << "  \n"_ba
                                << "application/json"_ba << 400 << u"body_required"_s;
        QTest::newRow("broken") << "{\"a\":"_ba
                                << "application/json"_ba << 400 << u"invalid_json"_s;
        QTest::newRow("array") << "[1]"_ba
                               << "application/json"_ba << 400 << u"invalid_json"_s;
        QTest::newRow("bad utf-8") << "{\"a\": \"\xff\"}"_ba
                                   << "application/json"_ba << 400 << u"invalid_json"_s;
    }

    void jsonObjects()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, code);
        const auto error = refusal([&] { requests::jsonObject(body, contentType); });
        if (status == 0) {
            QVERIFY2(!error, error ? qPrintable(error->message()) : "");
            return;
        }
        QVERIFY(error);
        QCOMPARE(error->status(), status);
        QCOMPARE(error->code(), code);
    }

    void optionalBodiesMayBeEmpty()
    {
        QVERIFY(requests::jsonObject({}, {}, true).isEmpty());
        QVERIFY(refusal([] { requests::jsonObject("x"_ba, "application/json"_ba, true); }));
    }

    void actions_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field"); // empty: accepted
        QTest::newRow("minimal") << "{\"type\": \"purge_dlq\", \"targets\": [\"a\"]}"_ba
                                 << QString();
        QTest::newRow("full")
            << "{\"type\": \"peek\", \"targets\": [\"a\", \"b\"], \"parameters\": {\"count\": 3}, "
               "\"confirmations\": [{\"required\": true, \"message\": \"m\"}], "
               "\"requested_by\": \"ana\"}"_ba
            << QString();
        QTest::newRow("no type") << "{\"targets\": [\"a\"]}"_ba << u"type"_s;
        QTest::newRow("no targets") << "{\"type\": \"peek\", \"targets\": []}"_ba << u"targets"_s;
        QTest::newRow("target not a string")
            << "{\"type\": \"peek\", \"targets\": [1]}"_ba << u"targets[0]"_s;
        QTest::newRow("unknown field")
            << "{\"type\": \"peek\", \"targets\": [\"a\"], \"force\": true}"_ba << u"force"_s;
        QTest::newRow("confirmation not an object")
            << "{\"type\": \"peek\", \"targets\": [\"a\"], \"confirmations\": [1]}"_ba
            << u"confirmations[0]"_s;
        QTest::newRow("newline in name")
            << "{\"type\": \"peek\", \"targets\": [\"a\"], \"requested_by\": \"a\\nb\"}"_ba
            << u"requested_by"_s;
    }

    void actions()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const QJsonObject body = parse(json.constData());
        const auto error = refusal([&] { requests::actionCreate(body); });
        if (field.isEmpty()) {
            QVERIFY2(!error, error ? qPrintable(error->message()) : "");
            const requests::ActionCreate request = requests::actionCreate(body);
            QVERIFY(!request.type.isEmpty());
            QVERIFY(!request.targets.isEmpty());
            return;
        }
        QVERIFY(error);
        QCOMPARE(error->status(), 400);
        QCOMPARE(error->field(), field);
        QVERIFY(error->message().startsWith(field));
    }

    void confirmAndCancel()
    {
        QCOMPARE(requests::actionConfirm(parse("{\"confirmed_by\": \"  ana \"}")), u"ana"_s);
        QCOMPARE(
            refusal([] { requests::actionConfirm(parse("{\"confirmed_by\": \" \"}")); })->field(),
            u"confirmed_by"_s);
        QCOMPARE(refusal([] { requests::actionConfirm(parse("{}")); })->field(), u"confirmed_by"_s);
        QVERIFY(!requests::actionCancel(QJsonObject()).has_value());
        QCOMPARE(*requests::actionCancel(parse("{\"cancelled_by\": \"bo\"}")), u"bo"_s);
        QCOMPARE(
            refusal([] { requests::actionCancel(parse("{\"who\": \"bo\"}")); })->field(), u"who"_s);
    }

    void compares()
    {
        QCOMPARE(requests::statsCompare(parse("{\"clusters\": [\"a\", \"b\"]}")),
            (QStringList {u"a"_s, u"b"_s}));
        QCOMPARE(refusal([] { requests::statsCompare(parse("{\"clusters\": [\"a\"]}")); })->field(),
            u"clusters"_s);
        const auto badName
            = refusal([] { requests::statsCompare(parse("{\"clusters\": [\"a\", \"../x\"]}")); });
        QCOMPARE(badName->field(), u"clusters[1]"_s);
        QCOMPARE(badName->code(), u"invalid_name"_s);

        const requests::UiCompare off = requests::uiCompare(parse("{\"enabled\": false}"));
        QVERIFY(!off.enabled);
        QVERIFY(off.clusters.isEmpty());
        QCOMPARE(refusal([] { requests::uiCompare(parse("{\"clusters\": []}")); })->field(),
            u"enabled"_s);
    }

    void clusters()
    {
        const ClusterConfig created = requests::cluster(
            parse("{\"name\": \"eu\", \"endpoint\": \"127.0.0.1:6379\", \"password_set\": true, "
                  "\"connection\": {}}"));
        QCOMPARE(created.name, u"eu"_s);
        QCOMPARE(refusal([] { requests::cluster(parse("{\"endpoint\": \"h:1\"}")); })->field(),
            u"name"_s);
        QCOMPARE(refusal([] {
            requests::cluster(parse("{\"name\": \"eu\", \"endpoint\": \"h:1\", \"colour\": 1}"));
        })->field(),
            u"colour"_s);

        // A PUT that sends back what GET showed (the endpoint without its password) keeps the
        // secrets GET never shows.
        ClusterConfig current;
        current.name = u"prod"_s;
        current.endpoint = u"redis://:s3cret@10.0.0.1:6379/0"_s;
        current.password = u"other"_s;
        const ClusterConfig updated = requests::cluster(
            parse("{\"endpoint\": \"redis://10.0.0.1:6379/0\", \"label\": \"P\"}"), &current);
        QCOMPARE(updated.name, u"prod"_s);
        QCOMPARE(updated.endpoint, current.endpoint);
        QCOMPARE(updated.password, u"other"_s);
        QCOMPARE(updated.label, u"P"_s);
    }
};

QTEST_GUILESS_MAIN(TestRequestBodies)
#include "TestRequestBodies.moc"

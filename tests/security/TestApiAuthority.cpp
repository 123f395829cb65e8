// Nobody changes anything without authority: every mutating route of the served OpenAPI
// document refuses a request without a token, with a wrong token and with a read token, and
// refuses even the write token when api.read_only is set, and nothing changes; the token
// comparison looks at every byte whatever the first difference.

#include "ApiHarness.h"
#include "api/ApiServer.h"
#include "api/TokenAuth.h"
#include "support/RedisServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace qd;
using namespace qd::test;

namespace {

const QByteArray kReadToken = QByteArrayLiteral("read-only-token-for-dashboards-01");

// POSTs that only read (no security requirement in the document). Anything else that is not a
// GET must carry the bearer requirement.
const QStringList kReadingPosts {QStringLiteral("POST /api/v1/stats/compare")};

struct Operation {
    QByteArray method;
    QString pattern;
};

// Every non-GET operation of the served document, with whether it asks for the token.
QList<std::pair<Operation, bool>> nonGetOperations(const QJsonObject& document)
{
    QList<std::pair<Operation, bool>> out;
    const QJsonObject paths = document[QStringLiteral("paths")].toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject ops = path.value().toObject();
        for (auto op = ops.begin(); op != ops.end(); ++op) {
            const QByteArray method = op.key().toUpper().toLatin1();
            if (method == "GET" || method == "PARAMETERS" || method == "HEAD")
                continue;
            out.append({Operation {method, path.key()},
                op.value().toObject().contains(QStringLiteral("security"))});
        }
    }
    return out;
}

// The API block of a config with only the write token the harness's client sends.
ApiConfig writeTokenOnly()
{
    ApiConfig api;
    api.token = QString::fromLatin1(kTestToken);
    return api;
}

// The part of the UI state a request can change (tabs also carry health, which polling moves).
QByteArray compareState(const QJsonObject& tabs)
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("compare_mode"), tabs[QStringLiteral("compare_mode")]},
            {QStringLiteral("compare_clusters"), tabs[QStringLiteral("compare_clusters")]}})
        .toJson(QJsonDocument::Compact);
}

class Fixture {
public:
    std::unique_ptr<RedisServer> redis;
    std::unique_ptr<ApiHarness> api;
    QString pendingId;

    bool start(bool readOnlyApi, QString* error)
    {
        redis = RedisServer::start({}, error);
        if (!redis)
            return false;
        Config config = configFor({clusterFor(QStringLiteral("alpha"), redis->endpoint()),
            clusterFor(QStringLiteral("beta"), redis->endpoint())});
        config.clusters[1].db = 1;
        config.actions.requireConfirmation = true;
        config.api.readOnly = readOnlyApi;
        // Through the config, as an operator sets it (api.read_tokens).
        config.api.readTokens = {QString::fromLatin1(kReadToken)};
        api = std::make_unique<ApiHarness>(config);
        if (!api->start(error))
            return false;
        if (!readOnlyApi) {
            const HttpResponse pending = api->client().post(QStringLiteral("/api/v1/actions"),
                {{QStringLiteral("type"), QStringLiteral("purge_dlq")},
                    {QStringLiteral("targets"), QJsonArray {QStringLiteral("alpha")}}});
            if (pending.status != 202) {
                *error = QString::fromUtf8(pending.describe());
                return false;
            }
            pendingId = pending.object()[QStringLiteral("id")].toString();
        }
        return true;
    }

    // A request that the write token gets through (so a refusal is about authority alone).
    std::optional<std::pair<QString, QByteArray>> sample(const Operation& op) const
    {
        const auto json = [](const QJsonObject& o) { return QJsonDocument(o).toJson(); };
        const QString id = pendingId.isEmpty() ? QStringLiteral("action-0") : pendingId;
        const QString key = QString::fromLatin1(op.method) + u' ' + op.pattern;
        if (key == u"POST /api/v1/clusters")
            return std::pair {QStringLiteral("/api/v1/clusters"),
                json({{QStringLiteral("name"), QStringLiteral("gamma")},
                    {QStringLiteral("endpoint"), redis->endpoint()}, {QStringLiteral("db"), 2}})};
        if (key == u"PUT /api/v1/clusters/{name}")
            return std::pair {QStringLiteral("/api/v1/clusters/beta"),
                json({{QStringLiteral("endpoint"), redis->endpoint()}, {QStringLiteral("db"), 1},
                    {QStringLiteral("label"), QStringLiteral("Changed")}})};
        if (key == u"DELETE /api/v1/clusters/{name}")
            return std::pair {QStringLiteral("/api/v1/clusters/beta"), QByteArray()};
        if (key == u"POST /api/v1/actions")
            return std::pair {QStringLiteral("/api/v1/actions"),
                json({{QStringLiteral("type"), QStringLiteral("pause_queue")},
                    {QStringLiteral("targets"), QJsonArray {QStringLiteral("alpha")}},
                    {QStringLiteral("parameters"),
                        QJsonObject {{QStringLiteral("queue"), QStringLiteral("high")}}}})};
        if (key == u"POST /api/v1/actions/{id}/confirm")
            return std::pair {QStringLiteral("/api/v1/actions/%1/confirm").arg(id),
                json({{QStringLiteral("confirmed_by"), QStringLiteral("tester")}})};
        if (key == u"POST /api/v1/actions/{id}/cancel")
            return std::pair {QStringLiteral("/api/v1/actions/%1/cancel").arg(id), QByteArray()};
        if (key == u"PUT /api/v1/ui/compare")
            return std::pair {QStringLiteral("/api/v1/ui/compare"),
                json({{QStringLiteral("enabled"), true},
                    {QStringLiteral("clusters"),
                        QJsonArray {QStringLiteral("alpha"), QStringLiteral("beta")}}})};
        return std::nullopt;
    }

    // Everything a refused request could have changed.
    QByteArray state()
    {
        HttpClient& c = api->anonymous();
        return c.get(QStringLiteral("/api/v1/clusters")).body
            + c.get(QStringLiteral("/api/v1/actions")).body
            + compareState(c.get(QStringLiteral("/api/v1/ui/tabs")).object())
            + c.get(QStringLiteral("/api/v1/audit")).body
            + redis->cli({QStringLiteral("KEYS"), QStringLiteral("*")});
    }
};

HttpResponse sendWith(HttpClient& client, const Operation& op,
    const std::pair<QString, QByteArray>& request, const QByteArray& authorization)
{
    Headers headers;
    if (!request.second.isEmpty())
        headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (!authorization.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"), authorization});
    return client.send(op.method, request.first, request.second, headers);
}

} // namespace

class TestApiAuthority final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyMutationNeedsTheWriteToken()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.start(false, &error), qPrintable(error));
        const HttpResponse doc = f.api->anonymous().get(QStringLiteral("/api/v1/openapi.json"));
        QCOMPARE(doc.status, 200);
        const auto operations = nonGetOperations(doc.object());
        QVERIFY(operations.size() >= 7);

        const QList<std::pair<QByteArray, QByteArray>> refusals {
            {QByteArray(), QByteArrayLiteral("unauthorized")},
            {QByteArrayLiteral("Bearer wrong-token-0123456789abcdef"),
                QByteArrayLiteral("unauthorized")},
            // The right token with its last byte changed, and a prefix of it.
            {QByteArrayLiteral("Bearer ") + QByteArray(kTestToken).chopped(1) + 'X',
                QByteArrayLiteral("unauthorized")},
            {QByteArrayLiteral("Bearer ") + QByteArray(kTestToken).chopped(1),
                QByteArrayLiteral("unauthorized")},
            {QByteArrayLiteral("Basic ") + QByteArray(kTestToken).toBase64(),
                QByteArrayLiteral("unauthorized")},
            {QByteArray(kTestToken), QByteArrayLiteral("unauthorized")}, // no scheme
            {QByteArrayLiteral("Bearer ") + kReadToken, QByteArrayLiteral("insufficient_scope")},
        };
        QList<std::pair<Operation, std::pair<QString, QByteArray>>> secured;
        for (const auto& [op, needsToken] : operations) {
            const QString name = QString::fromLatin1(op.method) + u' ' + op.pattern;
            if (!needsToken) {
                QVERIFY2(kReadingPosts.contains(name),
                    qPrintable(name + QStringLiteral(" changes state but asks for no token")));
                continue;
            }
            const auto request = f.sample(op);
            QVERIFY2(request,
                qPrintable(QStringLiteral("no sample request for the new mutating route ") + name
                    + QStringLiteral(": add one to this test")));
            secured.append({op, *request});
        }

        const QByteArray before = f.state();
        for (const auto& [op, request] : secured) {
            for (const auto& [authorization, code] : refusals) {
                const HttpResponse r = sendWith(f.api->anonymous(), op, request, authorization);
                const QByteArray what = op.method + ' ' + request.first.toUtf8() + " with \""
                    + authorization + "\": " + r.describe();
                QCOMPARE_NE(r.status, 0);
                QVERIFY2(r.status == (code == "unauthorized" ? 401 : 403), what.constData());
                QVERIFY2(r.errorCode() == QString::fromLatin1(code), what.constData());
                QVERIFY2(r.header("WWW-Authenticate").startsWith("Bearer"), what.constData());
            }
        }
        QCOMPARE(f.state(), before);

        // The same requests with the write token go through, so the refusals above were about
        // authority and nothing else. Removing comes last; of confirm and cancel of the one
        // pending action, the second finds it finished.
        std::stable_sort(secured.begin(), secured.end(), [](const auto& a, const auto& b) {
            return a.first.method != "DELETE" && b.first.method == "DELETE";
        });
        for (const auto& [op, request] : secured) {
            const HttpResponse r = sendWith(f.api->anonymous(), op, request,
                QByteArrayLiteral("Bearer ") + QByteArray(kTestToken));
            const bool command = op.pattern.contains(QStringLiteral("{id}/"));
            QVERIFY2((r.status >= 200 && r.status < 300)
                    || (command && r.errorCode() == QStringLiteral("illegal_transition")),
                QByteArray(op.method + ' ' + request.first.toUtf8() + ": " + r.describe())
                    .constData());
        }
        QVERIFY(f.state() != before);
    }

    void readOnlyApiRefusesEvenTheWriteToken()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.start(true, &error), qPrintable(error));
        const auto operations = nonGetOperations(
            f.api->anonymous().get(QStringLiteral("/api/v1/openapi.json")).object());
        const QByteArray before = f.state();
        int checked = 0;
        for (const auto& [op, needsToken] : operations) {
            if (!needsToken)
                continue;
            const auto request = f.sample(op);
            QVERIFY(request);
            const HttpResponse r = sendWith(f.api->anonymous(), op, *request,
                QByteArrayLiteral("Bearer ") + QByteArray(kTestToken));
            QVERIFY2(r.status == 403 && r.errorCode() == QStringLiteral("read_only"),
                QByteArray(op.method + ' ' + request->first.toUtf8() + ": " + r.describe())
                    .constData());
            ++checked;
        }
        QVERIFY(checked >= 7);
        // Reads still work, with or without a token.
        QCOMPARE(f.api->client().get(QStringLiteral("/api/v1/clusters")).status, 200);
        QCOMPARE(f.state(), before);
    }

    void readTokenReadsLikeAnyone()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.start(false, &error), qPrintable(error));
        HttpClient reader(f.api->anonymous().base());
        reader.setToken(kReadToken);
        QCOMPARE(reader.get(QStringLiteral("/api/v1/clusters")).status, 200);
        QCOMPARE(reader.get(QStringLiteral("/api/v1/actions")).status, 200);
        const HttpResponse compare = reader.post(QStringLiteral("/api/v1/stats/compare"),
            {{QStringLiteral("clusters"),
                QJsonArray {QStringLiteral("alpha"), QStringLiteral("beta")}}});
        QVERIFY2(compare.status == 200 || compare.status == 503, compare.describe().constData());
    }

    void readTokensAreCheckedAtStart()
    {
        const ApiConfig config = writeTokenOnly();
        QString error;
        QVERIFY(!api::TokenAuth::create(config, {}, &error, {QStringLiteral("short")}));
        QVERIFY2(error.contains(QStringLiteral("api.read_tokens[0]")), qPrintable(error));
        error.clear();
        QVERIFY(!api::TokenAuth::create(
            config, {}, &error, {QStringLiteral("ok-read-token-0123456789"), config.token}));
        QVERIFY2(error.contains(QStringLiteral("api.read_tokens[1]")), qPrintable(error));
        QVERIFY(!error.contains(config.token));
    }

    void grantsFollowTheExactToken_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("grant");
        const QByteArray write = kTestToken;
        using G = api::TokenAuth::Grant;
        QTest::newRow("write") << QByteArray("Bearer " + write) << int(G::Write);
        QTest::newRow("scheme any case") << QByteArray("bEaReR " + write) << int(G::Write);
        QTest::newRow("spaces around") << QByteArray("  Bearer   " + write + "  ") << int(G::Write);
        QTest::newRow("read") << QByteArray("Bearer " + kReadToken) << int(G::Read);
        QTest::newRow("empty") << QByteArray() << int(G::None);
        QTest::newRow("scheme only") << QByteArray("Bearer ") << int(G::None);
        QTest::newRow("no scheme") << write << int(G::None);
        QTest::newRow("prefix") << QByteArray("Bearer " + write.chopped(1)) << int(G::None);
        QTest::newRow("longer") << QByteArray("Bearer " + write + "x") << int(G::None);
        QTest::newRow("first byte") << QByteArray("Bearer X" + write.mid(1)) << int(G::None);
        QTest::newRow("last byte")
            << QByteArray("Bearer " + write.chopped(1) + "X") << int(G::None);
        QTest::newRow("case") << QByteArray("Bearer " + write.toUpper()) << int(G::None);
        QTest::newRow("NUL inside")
            << QByteArray("Bearer " + write.left(4) + '\0' + write.mid(5)) << int(G::None);
        QTest::newRow("read prefix")
            << QByteArray("Bearer " + kReadToken.chopped(1)) << int(G::None);
    }

    void grantsFollowTheExactToken()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, grant);
        QString error;
        const auto auth = api::TokenAuth::create(
            writeTokenOnly(), {}, &error, {QString::fromLatin1(kReadToken)});
        QVERIFY2(auth, qPrintable(error));
        QCOMPARE(int(auth->grant(header)), grant);
        QCOMPARE(auth->accepts(header), grant == int(api::TokenAuth::Grant::Write));
    }

    void constantTimeEqualsComparesEveryByte_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << QByteArray("abcdef") << QByteArray("abcdef") << true;
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("first differs") << QByteArray("xbcdef") << QByteArray("abcdef") << false;
        QTest::newRow("last differs") << QByteArray("abcdex") << QByteArray("abcdef") << false;
        QTest::newRow("one bit") << QByteArray("abcdef") << QByteArray("abcdeg") << false;
        QTest::newRow("b prefix of a") << QByteArray("abcdef") << QByteArray("abc") << false;
        QTest::newRow("a prefix of b") << QByteArray("abc") << QByteArray("abcdef") << false;
        QTest::newRow("b empty") << QByteArray("abc") << QByteArray() << false;
        QTest::newRow("a empty") << QByteArray() << QByteArray("abc") << false;
        // A byte whose complement equals the padding must not pass as equal.
        QTest::newRow("padding lookalike") << QByteArray("a") << QByteArray("a\x9e") << false;
        QTest::newRow("binary") << QByteArray("\0\xff\0", 3) << QByteArray("\0\xff\0", 3) << true;
        QTest::newRow("binary differs")
            << QByteArray("\0\xff\0", 3) << QByteArray("\0\xfe\0", 3) << false;
    }

    void constantTimeEqualsComparesEveryByte()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(api::TokenAuth::constantTimeEquals(a, b), equal);
        QCOMPARE(api::TokenAuth::constantTimeEquals(b, a), equal);
    }
};

QTEST_GUILESS_MAIN(TestApiAuthority)
#include "TestApiAuthority.moc"

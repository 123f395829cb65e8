// The packaged Grafana dashboard and Prometheus alert rules against the real queuedeck-server:
// the dashboard is valid JSON with a cluster variable and a repeated row per cluster, and every
// metric name that a dashboard query or an alert rule uses is one the server exports (scraped
// from /metrics of a server watching real redis-servers, one of them unreachable so the
// failure series exist too).

#include "HttpClient.h"
#include "ServerProcess.h"
#include "support/RedisServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace qd::test;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = QStringLiteral("monitoring-assets-token-0123456789");

QString sourcePath(const QString& relative)
{
    return qEnvironmentVariable("QD_SOURCE_DIR") + u'/' + relative;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Sample names of a Prometheus text exposition (histograms give their _bucket/_sum/_count).
QSet<QString> exportedNames(const QByteArray& exposition)
{
    QSet<QString> names;
    static const QRegularExpression name(QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)"));
    for (const QByteArray& line : exposition.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const auto match = name.match(QString::fromUtf8(line));
        if (match.hasMatch())
            names.insert(match.captured(1));
    }
    return names;
}

// The metric names a PromQL expression selects: what is left once strings, label matchers,
// range selectors, grouping clauses, function calls, keywords and numbers are removed.
QSet<QString> metricNamesIn(QString expr)
{
    static const QRegularExpression strings(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""));
    static const QRegularExpression matchers(QStringLiteral("\\{[^}]*\\}"));
    static const QRegularExpression ranges(QStringLiteral("\\[[^\\]]*\\]"));
    static const QRegularExpression grouping(
        QStringLiteral("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)"));
    static const QRegularExpression identifier(
        QStringLiteral("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?"));
    static const QSet<QString> keywords {QStringLiteral("and"), QStringLiteral("or"),
        QStringLiteral("unless"), QStringLiteral("bool"), QStringLiteral("offset"),
        QStringLiteral("by"), QStringLiteral("without"), QStringLiteral("on"),
        QStringLiteral("ignoring"), QStringLiteral("group_left"), QStringLiteral("group_right"),
        QStringLiteral("inf"), QStringLiteral("nan")};
    expr.remove(strings).remove(matchers).remove(ranges).remove(grouping);
    QSet<QString> names;
    auto it = identifier.globalMatch(expr);
    while (it.hasNext()) {
        const auto match = it.next();
        const qsizetype start = match.capturedStart(1);
        const bool partOfNumber
            = start > 0 && (expr.at(start - 1).isDigit() || expr.at(start - 1) == u'.');
        if (!match.captured(2).isEmpty() || partOfNumber
            || keywords.contains(match.captured(1).toLower()))
            continue;
        names.insert(match.captured(1));
    }
    return names;
}

// Every panel, rows' nested panels included.
void collectPanels(const QJsonArray& panels, QList<QJsonObject>& out)
{
    for (const QJsonValue& value : panels) {
        const QJsonObject panel = value.toObject();
        out.append(panel);
        collectPanels(panel.value(QStringLiteral("panels")).toArray(), out);
    }
}

// The `expr:` values of the rules file: one-line values and `|` blocks (the only two forms
// the packaged file uses; anything else fails the test rather than being skipped).
QStringList alertExpressions(const QByteArray& yaml, QString* problem)
{
    QStringList exprs;
    const QList<QByteArray> lines = yaml.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]);
        const qsizetype at = line.indexOf(QStringLiteral("expr:"));
        if (at < 0 || !line.left(at).trimmed().isEmpty())
            continue;
        const QString value = line.mid(at + 5).trimmed();
        if (value == u'|') {
            QString block;
            while (i + 1 < lines.size()
                && (lines[i + 1].startsWith(QByteArray(at + 2, ' ')) || lines[i + 1].isEmpty()))
                block += QString::fromUtf8(lines[++i]) + u'\n';
            exprs.append(block.trimmed());
        } else if (value.isEmpty() || value.startsWith(u'>')) {
            *problem = QStringLiteral("unsupported expr form on line %1").arg(i + 1);
        } else {
            exprs.append(value);
        }
    }
    return exprs;
}

} // namespace

class TestMonitoringAssets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ServerProcess::binary()), "QD_SERVER_BIN not set");
        scrapeRunningServer();
    }

    void expressionParserFindsMetricNames()
    {
        // The parser must see names, or the checks below would pass on nothing.
        QCOMPARE(metricNamesIn(QStringLiteral(
                     "histogram_quantile(0.95, sum by (le, route) (rate(x_bucket{a=\"b c\"}[5m]))) "
                     "> 1e3 and on (cluster) y == 0")),
            (QSet<QString> {QStringLiteral("x_bucket"), QStringLiteral("y")}));
        QCOMPARE(metricNamesIn(QStringLiteral("time() - max(z{cluster=\"$cluster\"})")),
            QSet<QString> {QStringLiteral("z")});
    }

    void dashboardIsValidAndUsesExportedNames()
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(
            readAll(sourcePath(QStringLiteral("packaging/grafana/queuedeck-dashboard.json"))),
            &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject dashboard = doc.object();
        QVERIFY(!dashboard.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(!dashboard.value(QStringLiteral("uid")).toString().isEmpty());

        bool clusterVariable = false;
        for (const QJsonValue& v :
            dashboard.value(QStringLiteral("templating")).toObject().value(u"list").toArray()) {
            const QJsonObject variable = v.toObject();
            if (variable.value(u"name").toString() == u"cluster") {
                clusterVariable = variable.value(u"type").toString() == u"query"
                    && variable.value(u"multi").toBool();
                // label_values(<series selector>, <label>)
                const QString query = variable.value(u"definition").toString();
                const qsizetype open = query.indexOf(u'(');
                const QString selector = query.mid(open + 1, query.lastIndexOf(u',') - open - 1);
                const QSet<QString> names = metricNamesIn(selector);
                QCOMPARE(names.size(), 1);
                for (const QString& name : names)
                    QVERIFY2(m_exported.contains(name), qPrintable(u"variable uses "_s + name));
            }
        }
        QVERIFY2(clusterVariable, "no multi-value query variable named cluster");

        QList<QJsonObject> panels;
        collectPanels(dashboard.value(QStringLiteral("panels")).toArray(), panels);
        bool repeatedRow = false;
        QSet<int> ids;
        int queries = 0;
        QSet<QString> used;
        for (const QJsonObject& panel : std::as_const(panels)) {
            const int id = panel.value(u"id").toInt();
            QVERIFY2(!ids.contains(id), qPrintable(u"duplicate panel id %1"_s.arg(id)));
            ids.insert(id);
            if (panel.value(u"type").toString() == u"row")
                repeatedRow = repeatedRow || panel.value(u"repeat").toString() == u"cluster";
            for (const QJsonValue& t : panel.value(u"targets").toArray()) {
                const QString expr = t.toObject().value(u"expr").toString();
                QVERIFY2(!expr.isEmpty(), qPrintable(panel.value(u"title").toString()));
                const QSet<QString> names = metricNamesIn(expr);
                QVERIFY2(!names.isEmpty(), qPrintable(expr));
                used.unite(names);
                ++queries;
            }
        }
        QVERIFY2(repeatedRow, "no row repeated per cluster");
        QVERIFY(queries >= 20);
        for (const QString& name : std::as_const(used))
            QVERIFY2(m_exported.contains(name),
                qPrintable(u"the dashboard uses %1, which the server does not export"_s.arg(name)));
    }

    void alertRulesUseExportedNames()
    {
        QString problem;
        const QStringList exprs = alertExpressions(
            readAll(sourcePath(QStringLiteral("packaging/prometheus/queuedeck-alerts.yml"))),
            &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(exprs.size(), 7);
        for (const QString& expr : exprs) {
            const QSet<QString> names = metricNamesIn(expr);
            QVERIFY2(!names.isEmpty(), qPrintable(expr));
            for (const QString& name : names) {
                // `up` is Prometheus's own series for a scrape target, not an export.
                QVERIFY2(name == u"up" || m_exported.contains(name),
                    qPrintable(
                        u"an alert rule uses %1, which the server does not export"_s.arg(name)));
            }
        }
    }

private:
    void scrapeRunningServer()
    {
        QString error;
        auto redis = RedisServer::start({}, &error);
        QVERIFY2(redis, qPrintable(error));
        redis->cli({QStringLiteral("RPUSH"), QStringLiteral("jobqueue:high_priority"),
            QStringLiteral("a"), QStringLiteral("b")});
        redis->cli(
            {QStringLiteral("RPUSH"), QStringLiteral("jobqueue:dead_letter"), QStringLiteral("d")});
        QTemporaryDir dir;
        QJsonObject config
            = serverConfig({serverCluster(QStringLiteral("production"), redis->endpoint()),
                               serverCluster(QStringLiteral("gone"),
                                   QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort()))},
                {{QStringLiteral("token"), kToken}}, dir.path());
        config.insert(QStringLiteral("actions"),
            QJsonObject {{QStringLiteral("require_confirmation"), false}});
        ServerProcess server(writeServerConfig(dir.path(), config), QStringLiteral("127.0.0.1:0"),
            dir.filePath(QStringLiteral("data")));
        const quint16 port = server.waitForPort();
        QVERIFY2(port != 0, server.err().constData());
        HttpClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        client.setToken(kToken.toUtf8());
        const HttpResponse action = client.send("POST", QStringLiteral("/api/v1/actions"),
            QJsonDocument(
                QJsonObject {{QStringLiteral("type"), QStringLiteral("pause_queue")},
                    {QStringLiteral("targets"), QJsonArray {QStringLiteral("production")}},
                    {QStringLiteral("parameters"),
                        QJsonObject {{QStringLiteral("queue"), QStringLiteral("low")}}}})
                .toJson(),
            {{"Content-Type", "application/json"}});
        QVERIFY2(action.status == 200, action.body.constData());
        // Rates and the failure series need a few polls of each cluster.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                m_exported = exportedNames(client.get(QStringLiteral("/metrics")).body);
                return m_exported.contains(QStringLiteral("queuedeck_error_ratio"))
                    && m_exported.contains(QStringLiteral("queuedeck_poll_failures_total"))
                    && m_exported.contains(QStringLiteral("queuedeck_actions_total"));
            }(),
            15000);
        server.signal(SIGTERM);
        QCOMPARE(server.waitForExit(), 0);
    }

    QSet<QString> m_exported;
};

QTEST_GUILESS_MAIN(TestMonitoringAssets)
#include "TestMonitoringAssets.moc"

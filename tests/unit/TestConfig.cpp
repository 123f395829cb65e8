#include "core/config/ConfigFile.h"
#include "core/config/ConfigReader.h"
#include "core/config/ConfigWriter.h"
#include "core/config/PasswordStore.h"
#include "core/redis/Endpoint.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace qd;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

QString seedPath()
{
    return qEnvironmentVariable("QD_TEST_DATA") + QStringLiteral("/config/seed-example.json");
}

QStringList issueStrings(const QList<ConfigIssue>& issues, ConfigIssue::Severity severity)
{
    QStringList out;
    for (const ConfigIssue& issue : issues) {
        if (issue.severity == severity)
            out.append(issue.toString());
    }
    return out;
}

// A keychain held in memory: what the desktop's system keychain does, for the config side.
class MemoryPasswordStore final : public PasswordStore {
public:
    std::optional<QString> read(const QString& cluster, QString* error) override
    {
        if (const auto it = passwords.constFind(cluster); it != passwords.cend())
            return *it;
        *error = QStringLiteral("no entry");
        return std::nullopt;
    }
    bool write(const QString& cluster, const QString& password, QString*) override
    {
        passwords.insert(cluster, password);
        return true;
    }
    bool remove(const QString& cluster, QString*) override
    {
        passwords.remove(cluster);
        return true;
    }
    QHash<QString, QString> passwords;
};

// A valid two-cluster config; error rows patch one field of it.
QJsonObject validConfig()
{
    return QJsonDocument::fromJson(R"({
      "clusters": [
        {"name": "prod", "label": "Production", "color": "green", "endpoint": "127.0.0.1:6379"},
        {"name": "stage", "label": "Staging", "color": "#336699", "endpoint": "127.0.0.1:6380"}
      ],
      "default_cluster": "prod",
      "polling": {"interval": "5s", "jitter": "1s", "timeout": "3s", "enabled": true}
    })")
        .object();
}

QJsonObject withCluster(QJsonObject root, int index, const QString& key, const QJsonValue& value)
{
    QJsonArray clusters = root.value(QStringLiteral("clusters")).toArray();
    QJsonObject cluster = clusters[index].toObject();
    cluster.insert(key, value);
    clusters[index] = cluster;
    root.insert(QStringLiteral("clusters"), clusters);
    return root;
}

QJsonObject withBlock(
    QJsonObject root, const QString& block, const QString& key, const QJsonValue& value)
{
    QJsonObject object = root.value(block).toObject();
    object.insert(key, value);
    root.insert(block, object);
    return root;
}

// The endpoint parser's own wording is tested in TestEndpoint; here only that the config names
// the field and passes the reason on.
QString endpointError(const QString& text)
{
    QString reason;
    if (redis::Endpoint::parse(text, &reason))
        qFatal("%s unexpectedly parsed", qPrintable(text));
    return reason;
}

} // namespace

class TestConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seedExampleLoadsAsIs()
    {
        const ConfigReadResult result = ConfigReader::read(readFile(seedPath()));
        QVERIFY2(result.ok(),
            qPrintable(issueStrings(result.issues, ConfigIssue::Severity::Error).join(u'\n')));
        QCOMPARE(issueStrings(result.issues, ConfigIssue::Severity::Warning), QStringList());
        const Config& c = result.config;
        QCOMPARE(c.clusters.size(), 2);
        QCOMPARE(c.clusters[0].name, QStringLiteral("production"));
        QCOMPARE(c.clusters[0].label, QStringLiteral("Production"));
        QCOMPARE(c.clusters[0].color, QStringLiteral("green"));
        QCOMPARE(c.clusters[0].endpoint, QStringLiteral("prod.redis.example.com:6379"));
        QCOMPARE(c.clusters[0].password, QStringLiteral("secret"));
        QCOMPARE(c.clusters[1].password, QString());
        QCOMPARE(c.defaultCluster, QStringLiteral("production"));
        QCOMPARE(c.polling.interval, Millis(5000));
        QCOMPARE(c.polling.jitter, Millis(1000));
        QCOMPARE(c.polling.timeout, Millis(3000));
        QCOMPARE(c.compareMode.deltaThreshold, 10.0);
        QVERIFY(c.compareMode.highlightDeltas);
        QVERIFY(c.actions.requireConfirmation);
        QCOMPARE(c.actions.maxConcurrent, 5);
        QCOMPARE(c.actions.allowedActions.size(), 4);
        // Defaults of the queue system apply when the file is silent.
        QCOMPARE(c.clusters[0].queueSystem.keyOf(QStringLiteral("high")),
            QStringLiteral("jobqueue:high_priority"));
        QCOMPARE(c.clusters[0].queueSystem.deadLetterKey, QStringLiteral("jobqueue:dead_letter"));
    }

    void reportsEachError_data()
    {
        QTest::addColumn<QJsonObject>("document");
        QTest::addColumn<QString>("expected");
        const QJsonObject ok = validConfig();
        QTest::newRow("empty endpoint") << withCluster(ok, 1, QStringLiteral("endpoint"), QString())
                                        << QStringLiteral("clusters[1].endpoint: empty");
        QTest::newRow("malformed endpoint")
            << withCluster(ok, 0, QStringLiteral("endpoint"), QStringLiteral("127.0.0.1:70000"))
            << QStringLiteral("clusters[0].endpoint: %1")
                   .arg(endpointError(QStringLiteral("127.0.0.1:70000")));
        QTest::newRow("malformed seed")
            << withCluster(withCluster(ok, 0, QStringLiteral("mode"), QStringLiteral("cluster")), 0,
                   QStringLiteral("seeds"), QJsonArray {QStringLiteral("redis://:6379")})
            << QStringLiteral("clusters[0].seeds[0]: %1")
                   .arg(endpointError(QStringLiteral("redis://:6379")));
        QTest::newRow("empty name") << withCluster(ok, 0, QStringLiteral("name"), QString())
                                    << QStringLiteral("clusters[0].name: empty");
        QTest::newRow("unsafe name")
            << withCluster(ok, 0, QStringLiteral("name"), QStringLiteral("../etc"))
            << QStringLiteral("clusters[0].name: \"../etc\" may only use letters, digits, '.', '_' "
                              "and '-' (at most 63)");
        QTest::newRow("duplicate name")
            << withCluster(ok, 1, QStringLiteral("name"), QStringLiteral("prod"))
            << QStringLiteral("clusters[1].name: duplicate name \"prod\" (also clusters[0])");
        QTest::newRow("clusters missing")
            << QJsonObject {{QStringLiteral("default_cluster"), QStringLiteral("prod")}}
            << QStringLiteral("clusters: missing (the list of Redis deployments to watch)");
        QJsonObject badDefault = ok;
        badDefault.insert(QStringLiteral("default_cluster"), QStringLiteral("production"));
        QTest::newRow("default not a cluster")
            << badDefault << QStringLiteral("default_cluster: \"production\" is not a cluster");
        QTest::newRow("timeout over interval")
            << withBlock(
                   ok, QStringLiteral("polling"), QStringLiteral("timeout"), QStringLiteral("10s"))
            << QStringLiteral("polling.timeout: must not exceed polling.interval (10s > 5s)");
        QTest::newRow("jitter over interval")
            << withBlock(
                   ok, QStringLiteral("polling"), QStringLiteral("jitter"), QStringLiteral("5s"))
            << QStringLiteral("polling.jitter: must be less than polling.interval (5s >= 5s)");
        QTest::newRow("number duration")
            << withBlock(ok, QStringLiteral("polling"), QStringLiteral("interval"), 5000000000.0)
            << QStringLiteral(
                   "polling.interval: must be a duration string such as \"5s\", not a number");
        QTest::newRow("worded duration")
            << withBlock(ok, QStringLiteral("polling"), QStringLiteral("interval"),
                   QStringLiteral("5 seconds"))
            << QStringLiteral("polling.interval: \"5 seconds\" has an unknown unit (use a string "
                              "such as \"250ms\", \"5s\" or \"1m30s\")");
        QTest::newRow("unknown action")
            << withBlock(ok, QStringLiteral("actions"), QStringLiteral("allowed_actions"),
                   QJsonArray {QStringLiteral("purge_dlq"), QStringLiteral("rebalance")})
            << QStringLiteral(
                   "actions.allowed_actions[1]: unknown action type \"rebalance\" (known: "
                   "purge_dlq, pause_queue, resume_queue, benchmark, requeue_dlq, peek, "
                   "clear_queue, quiet_process, stop_process)");
        QTest::newRow("bad colour name")
            << withCluster(ok, 0, QStringLiteral("color"), QStringLiteral("grene"))
            << QStringLiteral("clusters[0].color: \"grene\" is not a colour name or #rrggbb");
        QTest::newRow("bad colour hex")
            << withCluster(ok, 0, QStringLiteral("color"), QStringLiteral("#12345"))
            << QStringLiteral("clusters[0].color: \"#12345\" is not a colour name or #rrggbb");
        QTest::newRow("db wrong type")
            << withCluster(ok, 0, QStringLiteral("db"), QStringLiteral("0"))
            << QStringLiteral("clusters[0].db: must be a whole number, not a string");
        QTest::newRow("db negative") << withCluster(ok, 0, QStringLiteral("db"),
            -1) << QStringLiteral("clusters[0].db: -1 is out of range (0 to 2147483647)");
        QTest::newRow("enabled wrong type")
            << withCluster(ok, 0, QStringLiteral("enabled"), QStringLiteral("yes"))
            << QStringLiteral("clusters[0].enabled: must be true or false, not a string");
        QTest::newRow("bad mode")
            << withCluster(ok, 0, QStringLiteral("mode"), QStringLiteral("replicated"))
            << QStringLiteral(
                   "clusters[0].mode: \"replicated\" is not one of standalone, cluster, sentinel");
        QTest::newRow("sentinel without master")
            << withCluster(ok, 0, QStringLiteral("mode"), QStringLiteral("sentinel"))
            << QStringLiteral("clusters[0].sentinel_master: required in sentinel mode (the master "
                              "name the Sentinels know)");
        QTest::newRow("cluster db")
            << withCluster(withCluster(ok, 0, QStringLiteral("mode"), QStringLiteral("cluster")), 0,
                   QStringLiteral("db"), 2)
            << QStringLiteral("clusters[0].db: Redis Cluster has only database 0");
        QTest::newRow("label control chars")
            << withCluster(ok, 0, QStringLiteral("label"), QStringLiteral("Prod\r\nX-Evil: 1"))
            << QStringLiteral("clusters[0].label: must not contain control characters");
        QTest::newRow("group wrong type") << withCluster(ok, 0, QStringLiteral("group"),
            3) << QStringLiteral("clusters[0].group: must be a string, not a number");
        QTest::newRow("group control chars")
            << withCluster(ok, 0, QStringLiteral("group"), QStringLiteral("eu\nprod"))
            << QStringLiteral("clusters[0].group: must not contain control characters");
        QTest::newRow("group padded")
            << withCluster(ok, 0, QStringLiteral("group"), QStringLiteral(" eu"))
            << QStringLiteral("clusters[0].group: must not start or end with spaces");
        QTest::newRow("missing ca file")
            << withCluster(ok, 0, QStringLiteral("tls"),
                   QJsonObject {{QStringLiteral("ca_file"), QStringLiteral("/nonexistent/ca.pem")}})
            << QStringLiteral(
                   "clusters[0].tls.ca_file: file \"/nonexistent/ca.pem\" does not exist");
        QTest::newRow("pattern without star")
            << withCluster(ok, 0, QStringLiteral("queue_system"),
                   QJsonObject {{QStringLiteral("processing_pattern"),
                       QStringLiteral("jobqueue:processing")}})
            << QStringLiteral(
                   "clusters[0].queue_system.processing_pattern: \"jobqueue:processing\" must "
                   "contain exactly one \"*\" (the worker id)");
        QTest::newRow("queue is dead letter")
            << withCluster(ok, 0, QStringLiteral("queue_system"),
                   QJsonObject {{QStringLiteral("queues"),
                       QJsonObject {
                           {QStringLiteral("dlq"), QStringLiteral("jobqueue:dead_letter")}}}})
            << QStringLiteral("clusters[0].queue_system.queues[0].key: \"jobqueue:dead_letter\" is "
                              "the completed or dead-letter list, not a queue");
        QTest::newRow("max concurrent zero")
            << withBlock(ok, QStringLiteral("actions"), QStringLiteral("max_concurrent"), 0)
            << QStringLiteral("actions.max_concurrent: 0 is out of range (1 to 1000)");
        QTest::newRow("unknown timeout type")
            << withBlock(ok, QStringLiteral("actions"), QStringLiteral("timeouts"),
                   QJsonObject {{QStringLiteral("rebalance"), QStringLiteral("5s")}})
            << QStringLiteral("actions.timeouts.rebalance: unknown action type \"rebalance\"");
        QTest::newRow("compare one cluster")
            << withBlock(ok, QStringLiteral("compare_mode"), QStringLiteral("clusters"),
                   QJsonArray {QStringLiteral("prod")})
            << QStringLiteral("compare_mode.clusters: compare 2 to 4 clusters, not 1");
        QTest::newRow("compare unknown cluster")
            << withBlock(ok, QStringLiteral("compare_mode"), QStringLiteral("clusters"),
                   QJsonArray {QStringLiteral("prod"), QStringLiteral("qa")})
            << QStringLiteral("compare_mode.clusters[1]: \"qa\" is not a cluster");
        QTest::newRow("bad listen")
            << withBlock(
                   ok, QStringLiteral("api"), QStringLiteral("listen"), QStringLiteral("localhost"))
            << QStringLiteral(
                   "api.listen: \"localhost\" is not ADDRESS:PORT (e.g. 127.0.0.1:7420)");
        QTest::newRow("memory ratio")
            << withBlock(ok, QStringLiteral("health"), QStringLiteral("memory_critical_ratio"), 1.5)
            << QStringLiteral("health.memory_critical_ratio: must be a fraction above 0 and at "
                              "most 1, not 1.5");
        QTest::newRow("short read token")
            << withBlock(ok, QStringLiteral("api"), QStringLiteral("read_tokens"),
                   QJsonArray {QStringLiteral("0123456789abcdef"), QStringLiteral("short")})
            << QStringLiteral("api.read_tokens[1]: too short (at least 16 characters)");
        QTest::newRow("read token equals write token")
            << withBlock(withBlock(ok, QStringLiteral("api"), QStringLiteral("token"),
                             QStringLiteral("0123456789abcdef")),
                   QStringLiteral("api"), QStringLiteral("read_tokens"),
                   QJsonArray {QStringLiteral("0123456789abcdef")})
            << QStringLiteral("api.read_tokens[0]: is the same as api.token (a write token)");
        QTest::newRow("clusters not array")
            << QJsonObject {{QStringLiteral("clusters"), QStringLiteral("prod")}}
            << QStringLiteral("clusters: must be an array, not a string");
    }
    void reportsEachError()
    {
        QFETCH(QJsonObject, document);
        QFETCH(QString, expected);
        const ConfigReadResult result = ConfigReader::fromObject(document);
        QVERIFY(!result.ok());
        const QStringList errors = issueStrings(result.issues, ConfigIssue::Severity::Error);
        QVERIFY2(errors.contains(expected), qPrintable(errors.join(u'\n')));
    }

    void reportsAllErrorsAtOnce()
    {
        QJsonObject doc = withCluster(validConfig(), 1, QStringLiteral("endpoint"), QString());
        doc = withCluster(doc, 0, QStringLiteral("color"), QStringLiteral("grene"));
        doc.insert(QStringLiteral("default_cluster"), QStringLiteral("nope"));
        doc = withBlock(
            doc, QStringLiteral("polling"), QStringLiteral("timeout"), QStringLiteral("9s"));
        const ConfigReadResult result = ConfigReader::fromObject(doc);
        QCOMPARE(issueStrings(result.issues, ConfigIssue::Severity::Error).size(), 4);
    }

    void notJsonNamesThePosition()
    {
        const ConfigReadResult result
            = ConfigReader::read("{\n  \"clusters\": [\n    {\"name\": }\n");
        QVERIFY(!result.ok());
        QVERIFY2(result.issues.constFirst().message.startsWith(
                     QStringLiteral("not valid JSON at line 3")),
            qPrintable(result.issues.constFirst().message));
    }

    void unknownFieldsWarnButLoad()
    {
        QJsonObject doc
            = withCluster(validConfig(), 0, QStringLiteral("colour"), QStringLiteral("red"));
        doc.insert(QStringLiteral("theme"), QStringLiteral("dark"));
        const ConfigReadResult result = ConfigReader::fromObject(doc);
        QVERIFY(result.ok());
        const QStringList warnings = issueStrings(result.issues, ConfigIssue::Severity::Warning);
        QVERIFY(warnings.contains(QStringLiteral(
            "clusters[0].colour: unknown field (ignored, kept when the file is saved)")));
        QVERIFY(warnings.contains(
            QStringLiteral("theme: unknown field (ignored, kept when the file is saved)")));
    }

    void saveKeepsOrderAndUnknownFields()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QJsonObject doc
            = withCluster(validConfig(), 1, QStringLiteral("team"), QStringLiteral("payments"));
        doc.insert(QStringLiteral("theme"), QStringLiteral("dark"));
        doc = withBlock(
            doc, QStringLiteral("polling"), QStringLiteral("comment"), QStringLiteral("keep me"));
        writeFile(path, QJsonDocument(doc).toJson());

        ConfigFile file(path);
        ConfigReadResult loaded = file.load(false);
        QVERIFY(loaded.ok());
        loaded.config.clusters.move(1, 0); // the user's new order
        loaded.config.clusters[0].label = QStringLiteral("Staging EU");
        QString error;
        QVERIFY2(file.save(loaded.config, &error), qPrintable(error));

        const QJsonObject saved = QJsonDocument::fromJson(readFile(path)).object();
        QCOMPARE(saved.value(QStringLiteral("theme")).toString(), QStringLiteral("dark"));
        QCOMPARE(saved[QStringLiteral("polling")][QStringLiteral("comment")].toString(),
            QStringLiteral("keep me"));
        QCOMPARE(saved[QStringLiteral("polling")][QStringLiteral("interval")].toString(),
            QStringLiteral("5s"));
        const QJsonArray clusters = saved.value(QStringLiteral("clusters")).toArray();
        QCOMPARE(clusters[0][QStringLiteral("name")].toString(), QStringLiteral("stage"));
        QCOMPARE(clusters[0][QStringLiteral("team")].toString(), QStringLiteral("payments"));
        QCOMPARE(clusters[0][QStringLiteral("label")].toString(), QStringLiteral("Staging EU"));
        // Extensions left at their defaults are not written: a file in the API specification's
        // format stays one.
        QVERIFY(!saved.contains(QStringLiteral("health")));
        QVERIFY(!clusters[0].toObject().contains(QStringLiteral("queue_system")));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());

        ConfigFile again(path);
        const ConfigReadResult reloaded = again.load(false);
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded.config.clusters, loaded.config.clusters);
    }

    void seedExampleRoundTripsUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        writeFile(path, readFile(seedPath()));
        ConfigFile file(path);
        const ConfigReadResult loaded = file.load(false);
        QVERIFY(loaded.ok());
        QVERIFY(file.save(loaded.config, nullptr));
        QCOMPARE(QJsonDocument::fromJson(readFile(path)).object(),
            QJsonDocument::fromJson(readFile(seedPath())).object());
    }

    void failedLoadIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QByteArray broken
            = "{\"clusters\": [{\"name\": \"a\", \"endpoint\": \"\"}], \"mine\": 1";
        writeFile(path, broken);
        ConfigFile file(path);
        QVERIFY(!file.load(false).ok());
        QString error;
        QVERIFY(!file.save(ConfigFile::builtInDefault(), &error));
        QVERIFY2(error.contains(QStringLiteral("will not be overwritten")), qPrintable(error));
        QCOMPARE(readFile(path), broken);
    }

    void invalidConfigIsNotSaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        ConfigFile file(path);
        QVERIFY(file.load(true).ok());
        Config config = ConfigFile::builtInDefault();
        config.clusters[0].endpoint.clear();
        QString error;
        QVERIFY(!file.save(config, &error));
        QVERIFY2(error.contains(QStringLiteral("clusters[0].endpoint: empty")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void defaultPathFollowsXdg()
    {
        QTemporaryDir dir;
        qputenv("XDG_CONFIG_HOME", dir.path().toLocal8Bit());
        QCOMPARE(ConfigFile::defaultPath(), dir.path() + QStringLiteral("/queuedeck/config.json"));
        ConfigFile file(ConfigFile::defaultPath());
        const ConfigReadResult result = file.load(true);
        QVERIFY(result.ok());
        QCOMPARE(result.config.clusters.size(), 1);
        QCOMPARE(result.config.clusters[0].name, QStringLiteral("local"));
        QCOMPARE(result.config.clusters[0].endpoint, QStringLiteral("127.0.0.1:6379"));
        QVERIFY(!file.exists()); // loading the default writes nothing
        qunsetenv("XDG_CONFIG_HOME");
    }

    void readTokensRoundTrip()
    {
        const QJsonArray tokens {
            QStringLiteral("reader-token-0123456"), QStringLiteral("reader-token-abcdefg")};
        const ConfigReadResult result = ConfigReader::fromObject(
            withBlock(validConfig(), QStringLiteral("api"), QStringLiteral("read_tokens"), tokens));
        QVERIFY(result.ok());
        QCOMPARE(result.config.api.readTokens,
            QStringList(
                {QStringLiteral("reader-token-0123456"), QStringLiteral("reader-token-abcdefg")}));
        const QJsonObject written = ConfigWriter::toJson(result.config);
        QCOMPARE(
            written.value(QStringLiteral("api")).toObject().value(QStringLiteral("read_tokens")),
            QJsonValue(tokens));
    }

    void passwordFromEnvironment()
    {
        qputenv("QD_TEST_REDIS_PASSWORD", "from-env-secret");
        const ConfigReadResult result = ConfigReader::fromObject(withCluster(validConfig(), 0,
            QStringLiteral("password_env"), QStringLiteral("QD_TEST_REDIS_PASSWORD")));
        QVERIFY(result.ok());
        QCOMPARE(result.config.clusters[0].effectivePassword(), QStringLiteral("from-env-secret"));
        qunsetenv("QD_TEST_REDIS_PASSWORD");
        const ConfigReadResult missing = ConfigReader::fromObject(withCluster(validConfig(), 0,
            QStringLiteral("password_env"), QStringLiteral("QD_TEST_REDIS_PASSWORD")));
        QVERIFY(missing.ok()); // a warning: the variable may be set when the service starts
        QVERIFY(issueStrings(missing.issues, ConfigIssue::Severity::Warning)
                    .contains(QStringLiteral("clusters[0].password_env: environment variable "
                                             "QD_TEST_REDIS_PASSWORD is not set")));
    }

    void passwordInTheKeychain()
    {
        const QString marker = QStringLiteral("Kc-M4rker-secret");
        const QJsonObject doc
            = withCluster(validConfig(), 1, QStringLiteral("password_keychain"), true);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        writeFile(path, QJsonDocument(doc).toJson());

        // No keychain in this process (the headless server): a clear error for that cluster.
        QVERIFY(!PasswordStore::installed());
        ConfigFile headless(path);
        const ConfigReadResult refused = headless.load(false);
        QVERIFY(!refused.ok());
        QCOMPARE(issueStrings(refused.issues, ConfigIssue::Severity::Error),
            QStringList {QStringLiteral(
                "clusters[1].password_keychain: the password of \"stage\" is kept in the system "
                "keychain, which this process cannot read (the headless server has no "
                "keychain); give it with password_env instead")});

        // The desktop installs its keychain first: the password is read from it on load.
        MemoryPasswordStore keychain;
        PasswordStore::install(&keychain);
        const auto uninstall = qScopeGuard([] { PasswordStore::install(nullptr); });
        ConfigFile desktop(path);
        const ConfigReadResult missing = desktop.load(false);
        QVERIFY(missing.ok()); // a warning: the other clusters still work
        QVERIFY(issueStrings(missing.issues, ConfigIssue::Severity::Warning)
                    .contains(QStringLiteral("clusters[1].password_keychain: no password for "
                                             "\"stage\" in the system keychain (no entry); it "
                                             "connects without one")));
        keychain.passwords.insert(QStringLiteral("stage"), marker);
        const ConfigReadResult loaded = desktop.load(false);
        QVERIFY(loaded.ok());
        QVERIFY(loaded.issues.isEmpty());
        QCOMPARE(loaded.config.clusters[1].effectivePassword(), marker);
        QVERIFY(loaded.config.clusters[1].passwordKeychain);
        QVERIFY(loaded.config.clusters[0].password.isEmpty());

        // Saving keeps the mark and never the password.
        QString error;
        QVERIFY2(desktop.save(loaded.config, &error), qPrintable(error));
        const QByteArray saved = readFile(path);
        QVERIFY(!saved.contains(marker.toUtf8()));
        const QJsonObject stage
            = QJsonDocument::fromJson(saved).object()[QStringLiteral("clusters")][1].toObject();
        QCOMPARE(stage[QStringLiteral("password_keychain")].toBool(), true);
        QVERIFY(!stage.contains(QStringLiteral("password")));
        QCOMPARE(desktop.load(false).config.clusters[1].password, marker);

        // A file holding the password as well is refused: which one would be meant?
        const ConfigReadResult both = ConfigReader::fromObject(
            withCluster(doc, 1, QStringLiteral("password"), QStringLiteral("plain")));
        QVERIFY(!both.ok());
        QVERIFY(issueStrings(both.issues, ConfigIssue::Severity::Error)
                    .contains(QStringLiteral("clusters[1].password: must not be in the file when "
                                             "password_keychain is true (the password is kept in "
                                             "the system keychain); remove it")));
    }

    void groupRoundTrips()
    {
        const ConfigReadResult read = ConfigReader::fromObject(
            withCluster(validConfig(), 0, QStringLiteral("group"), QStringLiteral("production")));
        QVERIFY(read.ok());
        QCOMPARE(read.config.clusters[0].group, QStringLiteral("production"));
        QCOMPARE(read.config.clusters[1].group, QString());
        const QJsonObject first = ConfigWriter::clusterToJson(read.config.clusters[0], false);
        QCOMPARE(first[QStringLiteral("group")].toString(), QStringLiteral("production"));
        // Ungrouped clusters are written without the field, as before it existed.
        QVERIFY(!ConfigWriter::clusterToJson(read.config.clusters[1], false)
                     .contains(QStringLiteral("group")));
    }

    void queueSystemOverrides()
    {
        const QJsonObject qs {
            {QStringLiteral("queues"),
                QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("emails")},
                                {QStringLiteral("key"), QStringLiteral("mail:q")}},
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("bulk")},
                        {QStringLiteral("key"), QStringLiteral("mail:bulk")}}}},
            {QStringLiteral("dead_letter"), QStringLiteral("mail:dlq")},
            {QStringLiteral("processing_pattern"), QStringLiteral("mail:w:*:proc")}};
        const ConfigReadResult result = ConfigReader::fromObject(
            withCluster(validConfig(), 0, QStringLiteral("queue_system"), qs));
        QVERIFY(result.ok());
        const QueueSystemConfig& s = result.config.clusters[0].queueSystem;
        QCOMPARE(s.queues.size(), 2);
        QCOMPARE(s.queues[0].name, QStringLiteral("emails")); // array order is priority order
        QCOMPARE(s.deadLetterKey, QStringLiteral("mail:dlq"));
        QCOMPARE(s.completedKey, QStringLiteral("jobqueue:completed")); // default kept
        QCOMPARE(s.workerIdFromProcessingKey(QStringLiteral("mail:w:host-1-2:proc")),
            QStringLiteral("host-1-2"));
        QCOMPARE(s.workerIdFromProcessingKey(QStringLiteral("mail:w::proc")), QString());
        QCOMPARE(s.processingKey(QStringLiteral("abc")), QStringLiteral("mail:w:abc:proc"));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "TestConfig.moc"

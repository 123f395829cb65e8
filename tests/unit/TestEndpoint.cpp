#include "core/redis/Endpoint.h"

#include <QTest>

using namespace Qt::StringLiterals;
using qd::redis::Endpoint;
using Transport = Endpoint::Transport;

// Every address form the config accepts, every way it can be wrong, and the promise that
// display() never shows a password.
class TestEndpoint final : public QObject {
    Q_OBJECT

private slots:
    void parsesValidForms_data();
    void parsesValidForms();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void displayHidesPasswordAndRoundTrips_data();
    void displayHidesPasswordAndRoundTrips();
    void addressIsThePoolKey();
};

void TestEndpoint::parsesValidForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("unixPath");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("db"); // -1: not given

    const QString none;
    QTest::newRow("host only") << u"redis.local"_s << Transport::Tcp << u"redis.local"_s << 6379
                               << none << none << none << -1;
    QTest::newRow("host:port") << u"10.0.0.5:7000"_s << Transport::Tcp << u"10.0.0.5"_s << 7000
                               << none << none << none << -1;
    QTest::newRow("surrounding spaces") << u"  cache-1:6380 "_s << Transport::Tcp << u"cache-1"_s
                                        << 6380 << none << none << none << -1;
    QTest::newRow("ipv6 with port")
        << u"[::1]:6390"_s << Transport::Tcp << u"::1"_s << 6390 << none << none << none << -1;
    QTest::newRow("ipv6 without port")
        << u"[fe80::1]"_s << Transport::Tcp << u"fe80::1"_s << 6379 << none << none << none << -1;
    QTest::newRow("port 65535") << u"h:65535"_s << Transport::Tcp << u"h"_s << 65535 << none << none
                                << none << -1;
    QTest::newRow("redis url bare")
        << u"redis://h"_s << Transport::Tcp << u"h"_s << 6379 << none << none << none << -1;
    QTest::newRow("redis url full")
        << u"redis://ops:s3cret@redis.example.com:6381/2"_s << Transport::Tcp
        << u"redis.example.com"_s << 6381 << none << u"ops"_s << u"s3cret"_s << 2;
    QTest::newRow("redis url password only")
        << u"redis://:pw@h:1"_s << Transport::Tcp << u"h"_s << 1 << none << none << u"pw"_s << -1;
    QTest::newRow("redis url user only")
        << u"redis://ops@h"_s << Transport::Tcp << u"h"_s << 6379 << none << u"ops"_s << none << -1;
    QTest::newRow("redis url percent-encoded")
        << u"redis://a%40b:p%3Aw%2F@h"_s << Transport::Tcp << u"h"_s << 6379 << none << u"a@b"_s
        << u"p:w/"_s << -1;
    QTest::newRow("redis url raw @ and / in password")
        << u"redis://u:p@ss/w@h:2"_s << Transport::Tcp << u"h"_s << 2 << none << u"u"_s
        << u"p@ss/w"_s << -1;
    QTest::newRow("redis url trailing slash")
        << u"redis://h:3/"_s << Transport::Tcp << u"h"_s << 3 << none << none << none << -1;
    QTest::newRow("redis url db query")
        << u"redis://h?db=4"_s << Transport::Tcp << u"h"_s << 6379 << none << none << none << 4;
    QTest::newRow("redis url ipv6") << u"redis://[2001:db8::7]:6379/0"_s << Transport::Tcp
                                    << u"2001:db8::7"_s << 6379 << none << none << none << 0;
    QTest::newRow("scheme case") << u"REDIS://h"_s << Transport::Tcp << u"h"_s << 6379 << none
                                 << none << none << -1;
    QTest::newRow("rediss url") << u"rediss://u:p@tls.example.com:6380/1"_s << Transport::Tls
                                << u"tls.example.com"_s << 6380 << none << u"u"_s << u"p"_s << 1;
    QTest::newRow("rediss bare") << u"rediss://h"_s << Transport::Tls << u"h"_s << 6379 << none
                                 << none << none << -1;
    QTest::newRow("unix") << u"unix:///var/run/redis/redis.sock"_s << Transport::Unix << none
                          << 6379 << u"/var/run/redis/redis.sock"_s << none << none << -1;
    QTest::newRow("unix db") << u"unix:///tmp/r.sock?db=3"_s << Transport::Unix << none << 6379
                             << u"/tmp/r.sock"_s << none << none << 3;
    QTest::newRow("unix credentials") << u"unix://u:p@/tmp/r.sock"_s << Transport::Unix << none
                                      << 6379 << u"/tmp/r.sock"_s << u"u"_s << u"p"_s << -1;
}

void TestEndpoint::parsesValidForms()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<Endpoint> endpoint = Endpoint::parse(text, &error);
    QVERIFY2(endpoint, qPrintable(error));
    QTEST(endpoint->transport, "transport");
    QTEST(endpoint->host, "host");
    QTEST(int(endpoint->port), "port");
    QTEST(endpoint->unixPath, "unixPath");
    QTEST(endpoint->username, "username");
    QTEST(endpoint->password, "password");
    QTEST(endpoint->db.value_or(-1), "db");
}

void TestEndpoint::rejectsMalformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QString() << u"empty address"_s;
    QTest::newRow("blank") << u"   "_s << u"empty address"_s;
    QTest::newRow("missing host") << u":6379"_s << u"missing host"_s;
    QTest::newRow("url missing host") << u"redis://:6379"_s << u"missing host"_s;
    QTest::newRow("url nothing") << u"redis://"_s << u"missing host"_s;
    QTest::newRow("missing port") << u"h:"_s << u"missing port after \":\""_s;
    QTest::newRow("port not a number") << u"h:abc"_s << u"port \"abc\" is not a number"_s;
    QTest::newRow("port negative") << u"h:-1"_s << u"port \"-1\" is not a number"_s;
    QTest::newRow("port too large") << u"h:70000"_s << u"port 70000 is out of range (1-65535)"_s;
    QTest::newRow("port zero") << u"h:0"_s << u"port 0 is out of range (1-65535)"_s;
    QTest::newRow("port huge") << u"h:99999999999999999999"_s
                               << u"port 99999999999999999999 is out of range (1-65535)"_s;
    QTest::newRow("bad host") << u"my host:1"_s << u"invalid host name \"my host\""_s;
    QTest::newRow("path without scheme") << u"h:6379/2"_s << u"port \"6379/2\" is not a number"_s;
    QTest::newRow("bare ipv6") << u"::1"_s
                               << u"an IPv6 address must be in brackets, e.g. \"[::1]:6379\""_s;
    QTest::newRow("unclosed bracket") << u"[::1:6379"_s << u"missing \"]\" after IPv6 address"_s;
    QTest::newRow("empty brackets") << u"[]:1"_s << u"missing host"_s;
    QTest::newRow("not ipv6") << u"[10.0.0.1]:1"_s << u"\"10.0.0.1\" is not an IPv6 address"_s;
    QTest::newRow("junk after bracket") << u"[::1]x"_s << u"unexpected \"x\" after \"]\""_s;
    QTest::newRow("credentials without scheme")
        << u"ops:MARKER-PW@h:6379"_s
        << u"credentials need a URL: redis://user:password@host:port"_s;
    QTest::newRow("unknown scheme")
        << u"http://h"_s << u"unsupported scheme \"http\" (use redis://, rediss:// or unix://)"_s;
    QTest::newRow("db not a number") << u"redis://h/x"_s << u"database \"x\" is not a number"_s;
    QTest::newRow("db nested path") << u"redis://h/1/2"_s << u"database \"1/2\" is not a number"_s;
    QTest::newRow("db too large") << u"redis://h/99999999999"_s
                                  << u"database 99999999999 is out of range"_s;
    QTest::newRow("db twice") << u"redis://h/1?db=2"_s << u"database number given twice"_s;
    QTest::newRow("db empty query") << u"redis://h?db="_s << u"database \"\" is not a number"_s;
    QTest::newRow("unknown parameter")
        << u"redis://h?timeout=5"_s << u"unknown parameter \"timeout\""_s;
    QTest::newRow("unix relative") << u"unix://run/redis.sock"_s
                                   << u"a unix socket path must be absolute "
                                      u"(unix:///path/redis.sock)"_s;
    QTest::newRow("unix no path") << u"unix:///"_s << u"missing socket path"_s;
    QTest::newRow("unix bad db") << u"unix:///tmp/r.sock?db=-1"_s
                                 << u"database \"-1\" is not a number"_s;
}

void TestEndpoint::rejectsMalformed()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!Endpoint::parse(text, &actual));
    QCOMPARE(actual, error);
    QVERIFY(!actual.contains(u"MARKER-PW"_s));
    QVERIFY(!Endpoint::parse(text)); // a null error pointer is allowed
}

void TestEndpoint::displayHidesPasswordAndRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("display");

    QTest::newRow("host:port") << u"h:7000"_s << u"h:7000"_s;
    QTest::newRow("default port shown") << u"h"_s << u"h:6379"_s;
    QTest::newRow("ipv6") << u"[::1]:7000"_s << u"[::1]:7000"_s;
    QTest::newRow("password only") << u"redis://:MARKER-PW@h:1"_s << u"h:1"_s;
    QTest::newRow("user and db") << u"redis://ops:MARKER-PW@h:1/3"_s << u"redis://ops@h:1/3"_s;
    QTest::newRow("encoded user") << u"redis://a%40b:MARKER-PW@h:1"_s << u"redis://a%40b@h:1"_s;
    QTest::newRow("tls") << u"rediss://:MARKER-PW@h:6380"_s << u"rediss://h:6380"_s;
    QTest::newRow("unix") << u"unix://u:MARKER-PW@/tmp/r.sock?db=2"_s
                          << u"unix://u@/tmp/r.sock?db=2"_s;
}

void TestEndpoint::displayHidesPasswordAndRoundTrips()
{
    QFETCH(QString, text);
    QFETCH(QString, display);
    std::optional<Endpoint> endpoint = Endpoint::parse(text);
    QVERIFY(endpoint);
    QCOMPARE(endpoint->display(), display);
    QVERIFY(!endpoint->display().contains(u"MARKER-PW"_s));

    const std::optional<Endpoint> again = Endpoint::parse(endpoint->display());
    QVERIFY(again);
    endpoint->password.clear();
    QCOMPARE(*again, *endpoint);
}

void TestEndpoint::addressIsThePoolKey()
{
    QCOMPARE(Endpoint::parse(u"redis://u:p@h:1/2"_s)->address(), u"h:1"_s);
    QCOMPARE(Endpoint::parse(u"rediss://[::1]"_s)->address(), u"[::1]:6379"_s);
    QCOMPARE(Endpoint::parse(u"unix:///tmp/r.sock"_s)->address(), u"/tmp/r.sock"_s);
    QCOMPARE(Endpoint::tcp(u"10.1.1.1"_s, 30001).display(), u"10.1.1.1:30001"_s);
}

QTEST_APPLESS_MAIN(TestEndpoint)
#include "TestEndpoint.moc"

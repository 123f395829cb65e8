#include "core/util/Log.h"

#include <QJsonDocument>
#include <QTemporaryFile>
#include <QTest>

#include <cstdio>
#include <unistd.h>

// The log sink writes to stderr; these tests point stderr at a file to read what was written.
class TestLog final : public QObject {
    Q_OBJECT

    QByteArray captureStderr(const std::function<void()>& write)
    {
        QTemporaryFile file;
        if (!file.open())
            qFatal("no temporary file");
        std::fflush(stderr);
        const int saved = ::dup(STDERR_FILENO);
        ::dup2(file.handle(), STDERR_FILENO);
        write();
        spdlog::default_logger()->flush();
        std::fflush(stderr);
        ::dup2(saved, STDERR_FILENO);
        ::close(saved);
        file.seek(0);
        return file.readAll();
    }

private Q_SLOTS:
    void secretsNeverReachALine_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("text") << static_cast<int>(qd::log::Format::Text);
        QTest::newRow("json") << static_cast<int>(qd::log::Format::Json);
    }
    void secretsNeverReachALine()
    {
        QFETCH(int, format);
        qd::log::setup(static_cast<qd::log::Format>(format));
        qd::log::addSecret(QStringLiteral("Marker-Pa55word"));
        qd::log::addSecret(QStringLiteral("tok_0123456789abcdef"));
        const QByteArray out = captureStderr([] {
            spdlog::info("connecting with Marker-Pa55word to redis://u:Marker-Pa55word@h:1");
            spdlog::warn("bearer tok_0123456789abcdef refused");
            spdlog::error("plain line");
        });
        QVERIFY2(!out.contains("Marker-Pa55word"), out.constData());
        QVERIFY2(!out.contains("tok_0123456789abcdef"), out.constData());
        QVERIFY(out.contains("connecting with *** to redis://u:***@h:1"));
        QVERIFY(out.contains("plain line"));
        QCOMPARE(out.count('\n'), 3);
    }

    void jsonLinesAreJson()
    {
        qd::log::setup(qd::log::Format::Json);
        const QByteArray out = captureStderr([] { spdlog::info("quote \" and\nnewline"); });
        const QJsonDocument doc = QJsonDocument::fromJson(out.trimmed());
        QVERIFY2(doc.isObject(), out.constData());
        QCOMPARE(doc[QStringLiteral("level")].toString(), QStringLiteral("info"));
        QCOMPARE(
            doc[QStringLiteral("message")].toString(), QStringLiteral("quote \" and\nnewline"));
        QVERIFY(!doc[QStringLiteral("time")].toString().isEmpty());
    }

    void shortSecretsAreNotRegistered()
    {
        qd::log::addSecret(QStringLiteral("ab"));
        QCOMPARE(qd::log::redact("table about"), std::string("table about"));
    }
};

QTEST_GUILESS_MAIN(TestLog)
#include "TestLog.moc"

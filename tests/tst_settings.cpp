#include "config/settings.h"
#include "config/yamlreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using StringHash = QHash<QString, QString>;
Q_DECLARE_METATYPE(StringHash)

namespace sluice::test {

namespace {

// Loads settings with `fileText` as <dataDir>/sluice.yaml (none when null), the given
// environment and flags.
Result<Settings> loadWith(const QString &fileText, const StringHash &env = {},
                          const StringHash &flags = {})
{
    QTemporaryDir dir;
    if (!fileText.isNull()) {
        QFile file(dir.filePath(u"sluice.yaml"_s));
        if (!file.open(QIODevice::WriteOnly))
            return Error::internal(u"cannot write the test file"_s);
        file.write(fileText.toUtf8());
    }
    QProcessEnvironment environment;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        environment.insert(it.key(), it.value());
    return Settings::load(dir.path(), {}, flags, environment);
}

const QString ValidIssuers =
    u"[{\"issuer\":\"https://idp.test\",\"audience\":\"sluice\",\"jwks_file\":\"/k.json\"}]"_s;

QString valueOf(const Settings &settings, const QString &key)
{
    for (const SettingValue &value : settings.values()) {
        if (value.key == key)
            return value.value;
    }
    return u"<missing>"_s;
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void precedence_data();
    void precedence();
    void explicitConfigFile();
    void yamlValid_data();
    void yamlValid();
    void yamlInvalid_data();
    void yamlInvalid();
    void unknownKeys_data();
    void unknownKeys();
    void badValues_data();
    void badValues();
    void valueSpellings_data();
    void valueSpellings();
    void defaultYamlRoundTrips();
    void customYamlRoundTrips();
    void environmentNames();
    void issuers();
    void issuersAsAYamlList();
    void keyUrls_data();
    void keyUrls();
    void badIssuers_data();
    void badIssuers();
};

void TestSettings::defaults()
{
    const Result<Settings> loaded = loadWith({});
    QVERIFY(loaded);
    const Settings &s = *loaded;
    QCOMPARE(s.server.host, u"127.0.0.1"_s);
    QCOMPARE(s.server.port, 8080);
    QCOMPARE(s.server.workers, 0);
    QCOMPARE(s.server.maxConnectionsPerWorker, 1024);
    QCOMPARE(s.server.idleTimeoutS, 60);
    QCOMPARE(s.limits.maxUrlBytes, 8192);
    QCOMPARE(s.limits.maxHeaderBytes, 65536);
    QCOMPARE(s.limits.maxBodyBytes, 10485760);
    QCOMPARE(s.limits.maxRecordsPerWrite, 10000);
    QCOMPARE(s.limits.defaultLimit, 25);
    QCOMPARE(s.limits.maxLimit, 1000);
    QCOMPARE(s.db.statementTimeoutMs, 30000);
    QCOMPARE(s.db.schemaRefreshS, 300);
    QCOMPARE(s.log.level, u"info"_s);
    QCOMPARE(s.log.json, false);
    QVERIFY(s.configFile.isEmpty());

    // `config show` lists every key, in table order, all from the defaults.
    const QList<SettingValue> values = s.values();
    QCOMPARE(values.size(), Settings::specs().size());
    QCOMPARE(values.first().key, u"server.host"_s);
    QCOMPARE(values.last().key, u"log.json"_s);
    for (const SettingValue &value : values) {
        QCOMPARE(value.origin.source, SettingSource::Default);
        QVERIFY(!value.description.isEmpty());
    }
}

void TestSettings::precedence_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<StringHash>("env");
    QTest::addColumn<StringHash>("flags");
    QTest::addColumn<int>("port");
    QTest::addColumn<SettingSource>("source");
    QTest::addColumn<QString>("where");

    const QString file = u"# ports\nserver:\n  port: 9001\n"_s;
    const StringHash env { { u"SLUICE_SERVER_PORT"_s, u"9002"_s } };
    const StringHash flags { { u"server.port"_s, u"9003"_s } };
    const StringHash emptyEnv { { u"SLUICE_SERVER_PORT"_s, QString() } };

    QTest::newRow("default") << QString() << StringHash() << StringHash() << 8080
                             << SettingSource::Default << u"default"_s;
    QTest::newRow("file beats default") << file << StringHash() << StringHash() << 9001
                                        << SettingSource::File << u"sluice.yaml:3"_s;
    QTest::newRow("env beats default") << QString() << env << StringHash() << 9002
                                       << SettingSource::Environment << u"SLUICE_SERVER_PORT"_s;
    QTest::newRow("env beats file") << file << env << StringHash() << 9002
                                    << SettingSource::Environment << u"SLUICE_SERVER_PORT"_s;
    QTest::newRow("flag beats default")
        << QString() << StringHash() << flags << 9003 << SettingSource::Flag << u"command line"_s;
    QTest::newRow("flag beats file")
        << file << StringHash() << flags << 9003 << SettingSource::Flag << u"command line"_s;
    QTest::newRow("flag beats env and file")
        << file << env << flags << 9003 << SettingSource::Flag << u"command line"_s;
    QTest::newRow("flag for another key")
        << file << env << StringHash { { u"log.level"_s, u"debug"_s } } << 9002
        << SettingSource::Environment << u"SLUICE_SERVER_PORT"_s;
    QTest::newRow("empty env is unset")
        << file << emptyEnv << StringHash() << 9001 << SettingSource::File << u"sluice.yaml:3"_s;
}

void TestSettings::precedence()
{
    QFETCH(QString, file);
    QFETCH(StringHash, env);
    QFETCH(StringHash, flags);
    QFETCH(int, port);
    QFETCH(SettingSource, source);
    QFETCH(QString, where);

    const Result<Settings> loaded = loadWith(file, env, flags);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->server.port, port);
    QCOMPARE(loaded->server.host, u"127.0.0.1"_s); // other keys keep their defaults
    for (const SettingValue &value : loaded->values()) {
        if (value.key == u"server.port") {
            QCOMPARE(value.value, QString::number(port));
            QCOMPARE(value.origin.source, source);
            QCOMPARE(value.origin.where, where);
        } else if (!flags.contains(value.key)) {
            QCOMPARE(value.origin.source, SettingSource::Default);
        }
    }
}

void TestSettings::explicitConfigFile()
{
    QTemporaryDir dir;
    QFile inDataDir(dir.filePath(u"sluice.yaml"_s));
    QVERIFY(inDataDir.open(QIODevice::WriteOnly));
    inDataDir.write("server:\n  port: 1111\n");
    inDataDir.close();
    QFile other(dir.filePath(u"prod.yaml"_s));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("log:\n  level: warning\n");
    other.close();

    // --config replaces the data dir's file; it does not merge with it.
    Result<Settings> loaded = Settings::load(dir.path(), other.fileName(), {}, {});
    QVERIFY(loaded);
    QCOMPARE(loaded->server.port, 8080);
    QCOMPARE(loaded->log.level, u"warning"_s);
    QCOMPARE(loaded->configFile, other.fileName());
    QCOMPARE(loaded->origins.value(u"log.level"_s).where, u"prod.yaml:2"_s);

    loaded = Settings::load(dir.path(), {}, {}, {});
    QVERIFY(loaded);
    QCOMPARE(loaded->server.port, 1111);
    QCOMPARE(loaded->configFile, inDataDir.fileName());

    loaded = Settings::load(dir.path(), dir.filePath(u"missing.yaml"_s), {}, {});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, ErrorKind::BadRequest);
    QVERIFY2(loaded.error().message.contains(u"missing.yaml does not exist"_s),
             qPrintable(loaded.error().message));
}

void TestSettings::yamlValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("scalars"); // path=value@line

    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("only comments") << u"# a\n\n   # b\n"_s << QStringList();
    QTest::newRow("nested") << u"server:\n  host: 0.0.0.0\n  port: 80\nlog:\n  json: true\n"_s
                            << QStringList { u"server.host=0.0.0.0@2"_s, u"server.port=80@3"_s,
                                             u"log.json=true@5"_s };
    QTest::newRow("comments and blanks")
        << u"# top\nserver:   # the server\n\n  # inside\n  port: 80 # trailing\n"_s
        << QStringList { u"server.port=80@5"_s };
    QTest::newRow("hash without space is data") << u"a: x#y\n"_s << QStringList { u"a=x#y@1"_s };
    QTest::newRow("double quoted")
        << u"a: \"x # not a comment\" # comment\n"_s << QStringList { u"a=x # not a comment@1"_s };
    QTest::newRow("escapes") << u"a: \"q\\\"b\\\\t\\tz\"\n"_s
                             << QStringList { u"a=q\"b\\t\tz@1"_s };
    QTest::newRow("single quoted") << u"a: 'it''s: #1'\n"_s << QStringList { u"a=it's: #1@1"_s };
    QTest::newRow("empty quoted") << u"a: \"\"\n"_s << QStringList { u"a=@1"_s };
    QTest::newRow("deep and dedent") << u"a:\n    b:\n        c: 1\n    d: 2\ne: 3\n"_s
                                     << QStringList { u"a.b.c=1@3"_s, u"a.d=2@4"_s, u"e=3@5"_s };
    QTest::newRow("document start, CRLF, BOM")
        << u"\ufeff---\r\nserver:\r\n  port: 81\r\n"_s << QStringList { u"server.port=81@3"_s };
    QTest::newRow("space before colon") << u"a : 1\n"_s << QStringList { u"a=1@1"_s };
    QTest::newRow("url with colon")
        << u"a: http://x:1/y\n"_s << QStringList { u"a=http://x:1/y@1"_s };
    QTest::newRow("negative number") << u"a: -5\n"_s << QStringList { u"a=-5@1"_s };
    QTest::newRow("no final newline") << u"a: 1"_s << QStringList { u"a=1@1"_s };
    // A list of mappings is one value: the JSON array it stands for, at the key's line.
    QTest::newRow("list of mappings")
        << u"auth:\n  issuers:\n    - issuer: https://a.test # first\n      audience: \"x y\"\n"
           "\n    # between\n    -   issuer: 'b'\n  other: 1\nlast: 2\n"_s
        << QStringList { u"auth.issuers=[{\"audience\":\"x y\",\"issuer\":\"https://a.test\"},"
                         "{\"issuer\":\"b\"}]@2"_s,
                         u"auth.other=1@8"_s, u"last=2@9"_s };
    QTest::newRow("list dashes at the key's indentation")
        << u"issuers:\n- issuer: a\n  audience: b\nnext: 1\n"_s
        << QStringList { u"issuers=[{\"audience\":\"b\",\"issuer\":\"a\"}]@1"_s, u"next=1@4"_s };
    QTest::newRow("list at the end")
        << u"a:\n  - b: 1"_s << QStringList { u"a=[{\"b\":\"1\"}]@1"_s };
}

void TestSettings::yamlValid()
{
    QFETCH(QString, text);
    QFETCH(QStringList, scalars);
    const Result<QList<YamlScalar>> read = readYamlSubset(text, u"sluice.yaml"_s);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QStringList got;
    for (const YamlScalar &scalar : *read)
        got << u"%1=%2@%3"_s.arg(scalar.path, scalar.value).arg(scalar.line);
    QCOMPARE(got, scalars);
}

void TestSettings::yamlInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const QString onlyMappings = u"only lists of mappings are supported: each item '- key: "
                                 "value', its other keys below it"_s;
    QTest::newRow("list of scalars")
        << u"server:\n  port: 1\n\n# x\n\nhosts:\n  - a\n"_s << u"sluice.yaml:7: "_s + onlyMappings;
    QTest::newRow("empty list item")
        << u"a:\n  - b: 1\n  -\n"_s << u"sluice.yaml:3: "_s + onlyMappings;
    QTest::newRow("nested list") << u"a:\n  - b:\n      - c: 1\n"_s
                                 << u"sluice.yaml:2: 'b' has no value (list items hold only "
                                    "'key: value' lines)"_s;
    QTest::newRow("nested mapping in an item")
        << u"a:\n  - b:\n    c: 1\n"_s
        << u"sluice.yaml:2: 'b' has no value (list items hold only 'key: value' lines)"_s;
    QTest::newRow("list without a key") << u"- a: 1\n"_s
                                        << u"sluice.yaml:1: a list must be the value of a key "
                                           "('key:' and then '- …' lines)"_s;
    QTest::newRow("list item misaligned")
        << u"a:\n  - b: 1\n     c: 2\n"_s
        << u"sluice.yaml:3: indentation does not match the list item above"_s;
    QTest::newRow("duplicate key in an item")
        << u"a:\n  - b: 1\n    b: 2\n"_s
        << u"sluice.yaml:3: duplicate key 'b' in this list item (first at line 2)"_s;
    QTest::newRow("flow list") << u"a: [1, 2]\n"_s
                               << u"sluice.yaml:1: a list cannot start on its key's line; put "
                                  "each item on a '- ' line below the key"_s;
    QTest::newRow("flow map") << u"a: {b: 1}\n"_s
                              << u"sluice.yaml:1: inline mappings are not supported"_s;
    QTest::newRow("tab indent")
        << u"a:\n\tb: 1\n"_s
        << u"sluice.yaml:2: tabs are not allowed for indentation; use spaces"_s;
    QTest::newRow("anchor") << u"a: &x 1\n"_s
                            << u"sluice.yaml:1: anchors, aliases and tags are not supported"_s;
    QTest::newRow("tag") << u"a: !!str 1\n"_s
                         << u"sluice.yaml:1: anchors, aliases and tags are not supported"_s;
    QTest::newRow("block scalar") << u"a: |\n  text\n"_s
                                  << u"sluice.yaml:1: multi-line strings are not supported"_s;
    QTest::newRow("unterminated")
        << u"a: \"abc\n"_s
        << u"sluice.yaml:1: unterminated quoted string (multi-line strings are not supported)"_s;
    QTest::newRow("text after quote")
        << u"a: \"x\" y\n"_s << u"sluice.yaml:1: unexpected text after the closing quote"_s;
    QTest::newRow("bad escape") << u"a: \"\\q\"\n"_s
                                << u"sluice.yaml:1: unsupported escape '\\q' in a quoted string"_s;
    QTest::newRow("no colon")
        << u"a: 1\njust text\n"_s
        << u"sluice.yaml:2: expected 'key: value' (multi-line values are not supported)"_s;
    QTest::newRow("colon without space")
        << u"a:1\n"_s
        << u"sluice.yaml:1: expected 'key: value' (multi-line values are not supported)"_s;
    QTest::newRow("dotted key")
        << u"server.port: 1\n"_s
        << u"sluice.yaml:1: dotted keys like 'server.port' are not supported; nest them instead"_s;
    QTest::newRow("quoted key") << u"\"a\": 1\n"_s
                                << u"sluice.yaml:1: quoted keys are not supported"_s;
    QTest::newRow("duplicate") << u"server:\n  port: 1\n  port: 2\n"_s
                               << u"sluice.yaml:3: duplicate key 'server.port' (first at line 2)"_s;
    QTest::newRow("duplicate section")
        << u"server:\n  port: 1\nserver:\n  host: x\n"_s
        << u"sluice.yaml:3: duplicate key 'server' (first at line 1)"_s;
    QTest::newRow("bad indent") << u"a:\n    b: 1\n  c: 2\n"_s
                                << u"sluice.yaml:3: indentation does not match any enclosing key"_s;
    QTest::newRow("indented first key")
        << u"  a: 1\n"_s << u"sluice.yaml:1: indentation does not match any enclosing key"_s;
    QTest::newRow("unexpected indent")
        << u"a: 1\n  b: 2\n"_s << u"sluice.yaml:2: indentation does not match any enclosing key"_s;
    QTest::newRow("empty mapping") << u"a:\nb: 1\n"_s << u"sluice.yaml:1: 'a' has no value"_s;
    QTest::newRow("empty at end") << u"a:\n  b:\n# end\n"_s
                                  << u"sluice.yaml:2: 'a.b' has no value"_s;
    QTest::newRow("null")
        << u"a: null\n"_s
        << u"sluice.yaml:1: null is not supported; remove the line to use the default"_s;
    QTest::newRow("tilde")
        << u"a: ~\n"_s
        << u"sluice.yaml:1: null is not supported; remove the line to use the default"_s;
    QTest::newRow("mapping on one line")
        << u"a: b: c\n"_s << u"sluice.yaml:1: a mapping cannot start on the same line as its key"_s;
    QTest::newRow("second document")
        << u"a: 1\n---\nb: 2\n"_s << u"sluice.yaml:2: multiple documents are not supported"_s;
    QTest::newRow("directive") << u"%YAML 1.2\n"_s
                               << u"sluice.yaml:1: directives are not supported"_s;
}

void TestSettings::yamlInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<QList<YamlScalar>> read = readYamlSubset(text, u"sluice.yaml"_s);
    QVERIFY(!read);
    QCOMPARE(read.error().kind, ErrorKind::BadRequest);
    QCOMPARE(read.error().message, message);

    // Settings::load reports the same error for the same file.
    const Result<Settings> loaded = loadWith(text);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().message, message);
}

void TestSettings::unknownKeys_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<StringHash>("flags");
    QTest::addColumn<QString>("message");

    QTest::newRow("typo") << u"server:\n  host: x\n  prot: 80\n"_s << StringHash()
                          << u"unknown setting 'server.prot' in sluice.yaml:3"_s;
    QTest::newRow("unknown section") << u"sever:\n  port: 80\n"_s << StringHash()
                                     << u"unknown setting 'sever.port' in sluice.yaml:2"_s;
    QTest::newRow("section as scalar")
        << u"server: 80\n"_s << StringHash() << u"unknown setting 'server' in sluice.yaml:1"_s;
    QTest::newRow("too deep") << u"server:\n  port:\n    value: 80\n"_s << StringHash()
                              << u"unknown setting 'server.port.value' in sluice.yaml:3"_s;
    QTest::newRow("flag") << QString() << StringHash { { u"server.prot"_s, u"80"_s } }
                          << u"unknown setting 'server.prot' on the command line"_s;
}

void TestSettings::unknownKeys()
{
    QFETCH(QString, file);
    QFETCH(StringHash, flags);
    QFETCH(QString, message);
    const Result<Settings> loaded = loadWith(file, {}, flags);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, ErrorKind::BadRequest);
    QCOMPARE(loaded.error().message, message);
}

void TestSettings::badValues_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<StringHash>("env");
    QTest::addColumn<StringHash>("flags");
    QTest::addColumn<QString>("message");

    QTest::newRow("port abc in file")
        << u"server:\n  port: abc\n"_s << StringHash() << StringHash()
        << u"invalid value 'abc' for server.port in sluice.yaml:2: expected an integer from 0 to 65535"_s;
    QTest::newRow("port too big in env")
        << QString() << StringHash { { u"SLUICE_SERVER_PORT"_s, u"70000"_s } } << StringHash()
        << u"invalid value '70000' for server.port from environment variable SLUICE_SERVER_PORT: expected an integer from 0 to 65535"_s;
    QTest::newRow("fraction on the command line")
        << QString() << StringHash() << StringHash { { u"server.port"_s, u"8080.0"_s } }
        << u"invalid value '8080.0' for server.port on the command line: expected an integer from 0 to 65535"_s;
    QTest::newRow("negative workers")
        << u"server:\n  workers: -1\n"_s << StringHash() << StringHash()
        << u"invalid value '-1' for server.workers in sluice.yaml:2: expected an integer from 0 to 1024"_s;
    QTest::newRow("hex")
        << u"limits:\n  max_limit: 0x10\n"_s << StringHash() << StringHash()
        << u"invalid value '0x10' for limits.max_limit in sluice.yaml:2: expected an integer from 1 to 2147483647"_s;
    QTest::newRow("overflow")
        << u"limits:\n  max_body_bytes: 99999999999999999999\n"_s << StringHash() << StringHash()
        << u"invalid value '99999999999999999999' for limits.max_body_bytes in sluice.yaml:2: expected an integer from 1 to 1099511627776"_s;
    QTest::newRow("level")
        << u"log:\n  level: loud\n"_s << StringHash() << StringHash()
        << u"invalid value 'loud' for log.level in sluice.yaml:2: expected one of: debug, info, warning, error"_s;
    QTest::newRow("bool")
        << QString() << StringHash { { u"SLUICE_LOG_JSON"_s, u"maybe"_s } } << StringHash()
        << u"invalid value 'maybe' for log.json from environment variable SLUICE_LOG_JSON: expected true or false"_s;
    QTest::newRow("empty host")
        << u"server:\n  host: \"\"\n"_s << StringHash() << StringHash()
        << u"invalid value '' for server.host in sluice.yaml:2: expected a non-empty string"_s;
    QTest::newRow("default above max")
        << u"limits:\n  default_limit: 500\n"_s << StringHash()
        << StringHash { { u"limits.max_limit"_s, u"100"_s } }
        << u"limits.default_limit (500, from sluice.yaml:2) exceeds limits.max_limit (100, from command line)"_s;
    // A bad value in the file is an error even when a flag overrides it: the file is wrong.
    QTest::newRow("bad file under good flag")
        << u"server:\n  port: abc\n"_s << StringHash()
        << StringHash { { u"server.port"_s, u"80"_s } }
        << u"invalid value 'abc' for server.port in sluice.yaml:2: expected an integer from 0 to 65535"_s;
}

void TestSettings::badValues()
{
    QFETCH(QString, file);
    QFETCH(StringHash, env);
    QFETCH(StringHash, flags);
    QFETCH(QString, message);
    const Result<Settings> loaded = loadWith(file, env, flags);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, ErrorKind::BadRequest);
    QCOMPARE(loaded.error().message, message);
}

void TestSettings::valueSpellings_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("effective");

    QTest::newRow("true") << u"log.json"_s << u"true"_s << u"true"_s;
    QTest::newRow("True") << u"log.json"_s << u"True"_s << u"true"_s;
    QTest::newRow("yes") << u"log.json"_s << u"yes"_s << u"true"_s;
    QTest::newRow("on") << u"log.json"_s << u"on"_s << u"true"_s;
    QTest::newRow("1") << u"log.json"_s << u"1"_s << u"true"_s;
    QTest::newRow("no") << u"log.json"_s << u"no"_s << u"false"_s;
    QTest::newRow("0") << u"log.json"_s << u"0"_s << u"false"_s;
    QTest::newRow("level case") << u"log.level"_s << u"DEBUG"_s << u"debug"_s;
    QTest::newRow("secrets backend") << u"secrets.backend"_s << u"File"_s << u"file"_s;
    QTest::newRow("plus sign") << u"server.port"_s << u"+81"_s << u"81"_s;
    QTest::newRow("spaces") << u"server.port"_s << u" 82 "_s << u"82"_s;
    QTest::newRow("port 0") << u"server.port"_s << u"0"_s << u"0"_s;
    QTest::newRow("big body") << u"limits.max_body_bytes"_s << u"1099511627776"_s
                              << u"1099511627776"_s;
}

void TestSettings::valueSpellings()
{
    QFETCH(QString, key);
    QFETCH(QString, given);
    QFETCH(QString, effective);
    const Result<Settings> loaded = loadWith({}, {}, { { key, given } });
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(valueOf(*loaded, key), effective);
}

// The default of `key` as Settings writes it (empty for an unset string).
QString formattedDefault(const QString &key)
{
    const SettingSpec *spec = Settings::spec(key);
    return spec->get(Settings()).toString();
}

void TestSettings::defaultYamlRoundTrips()
{
    const QString yaml = Settings::defaultYaml();
    QVERIFY(yaml.contains(u"# Worker threads"_s)); // descriptions are there for `config init`

    const Result<Settings> loaded = loadWith(yaml);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QVERIFY(loaded->sameValues(Settings()));
    QVERIFY(!loaded->configFile.isEmpty());
    // Every key with a value was written to the file, not merely left to its default; unset
    // strings (no JWT secret, no CORS origins) are left as commented hints.
    for (const SettingValue &value : loaded->values()) {
        const bool unset = Settings::spec(value.key)->type == SettingSpec::Type::String
            && formattedDefault(value.key).isEmpty();
        QVERIFY2(value.origin.source == (unset ? SettingSource::Default : SettingSource::File),
                 qPrintable(value.key));
    }
    QCOMPARE(loaded->toYaml(true), yaml);
}

void TestSettings::customYamlRoundTrips()
{
    Settings custom;
    custom.server.host = u"::"_s; // needs quoting
    custom.server.port = 0;
    custom.limits.maxBodyBytes = 1099511627776;
    custom.log.level = u"error"_s;
    custom.log.json = true;
    const QString yaml = custom.toYaml(false);
    QVERIFY(!yaml.contains(u'#'));
    QVERIFY2(yaml.contains(u"  host: \"::\"\n"_s), qPrintable(yaml));

    const Result<Settings> loaded = loadWith(yaml);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QVERIFY(loaded->sameValues(custom));
    QVERIFY(!loaded->sameValues(Settings()));
}

void TestSettings::environmentNames()
{
    QCOMPARE(Settings::environmentName(u"server.port"_s), u"SLUICE_SERVER_PORT"_s);
    QCOMPARE(Settings::environmentName(u"server.max_connections_per_worker"_s),
             u"SLUICE_SERVER_MAX_CONNECTIONS_PER_WORKER"_s);
    // Every known key is really read from its variable.
    for (const SettingSpec &spec : Settings::specs()) {
        const QString value = spec.key == u"auth.issuers" ? ValidIssuers
            : spec.type == SettingSpec::Type::Boolean     ? u"true"_s
            : spec.type == SettingSpec::Type::Integer     ? QString::number(spec.maximum)
            : spec.choices.isEmpty()                      ? u"example"_s
                                                          : spec.choices.last();
        StringHash env { { Settings::environmentName(spec.key), value } };
        if (spec.key == u"limits.default_limit") // must stay <= max_limit
            env.insert(u"SLUICE_LIMITS_MAX_LIMIT"_s, value);
        const Result<Settings> loaded = loadWith({}, env);
        QVERIFY2(loaded, qPrintable(spec.key));
        QCOMPARE(loaded->origins.value(spec.key).source, SettingSource::Environment);
        // Secrets are masked wherever values are shown.
        QCOMPARE(valueOf(*loaded, spec.key), spec.secret ? u"********"_s : value);
    }
}

void TestSettings::issuers()
{
    // sluice.yaml holds the list as one quoted JSON scalar (the YAML subset has no lists).
    const QString yaml = u"auth:\n  issuers: '[{\"issuer\": \"https://idp.test/realms/acme\", "
                         "\"audience\": \"sluice\", \"jwks_file\": \"/etc/sluice/acme.json\", "
                         "\"role_claim\": \"realm_access.roles\", \"default_role\": \"reader\"}, "
                         "{\"issuer\": \"https://hs.test\", \"audience\": \"api\", "
                         "\"secret\": \"0123456789abcdef0123456789abcdef\"}]'\n"_s;
    const Result<Settings> loaded = loadWith(yaml);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->auth.issuers.size(), 2);
    const IssuerSetting &acme = loaded->auth.issuers.at(0);
    QCOMPARE(acme.issuer, u"https://idp.test/realms/acme"_s);
    QCOMPARE(acme.audience, u"sluice"_s);
    QCOMPARE(acme.jwksFile, u"/etc/sluice/acme.json"_s);
    QCOMPARE(acme.roleClaim, u"realm_access.roles"_s);
    QCOMPARE(acme.tenantClaim, u"tenant_id"_s);
    QCOMPARE(acme.defaultRole, u"reader"_s);
    QCOMPARE(loaded->auth.issuers.at(1).roleClaim, u"role"_s);
    QCOMPARE(loaded->auth.issuers.at(1).secret, u"0123456789abcdef0123456789abcdef"_s);
    // The list may carry an HS256 secret: masked as a whole.
    QCOMPARE(valueOf(*loaded, u"auth.issuers"_s), u"********"_s);

    // The environment wins over the file, as for every key.
    const Result<Settings> fromEnv = loadWith(yaml, { { u"SLUICE_AUTH_ISSUERS"_s, ValidIssuers } });
    QVERIFY(fromEnv);
    QCOMPARE(fromEnv->auth.issuers.size(), 1);
    QCOMPARE(fromEnv->auth.issuers.at(0).issuer, u"https://idp.test"_s);
    QVERIFY(loadWith({})->auth.issuers.isEmpty());
}

void TestSettings::issuersAsAYamlList()
{
    // As a Keycloak realm would be written: one mapping per provider.
    const QString yaml =
        u"server:\n"
        "  port: 9000\n"
        "auth:\n"
        "  issuers:\n"
        "    # Keycloak: keys found by OpenID discovery\n"
        "    - issuer: https://keycloak.example.com/realms/acme\n"
        "      audience: sluice\n"
        "      role_claim: realm_access.roles\n"
        "      tenant_claim: org.tenant\n"
        "    - issuer: \"http://127.0.0.1:8081/realms/dev\"\n"
        "      audience: sluice-dev\n"
        "      jwks_url: http://127.0.0.1:8081/realms/dev/protocol/openid-connect/certs\n"
        "      default_role: reader\n"
        "  session_ttl_s: 600\n"_s;
    const Result<Settings> loaded = loadWith(yaml);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->server.port, 9000);
    QCOMPARE(loaded->auth.sessionTtlS, 600);
    QCOMPARE(loaded->auth.issuers.size(), 2);
    const IssuerSetting &acme = loaded->auth.issuers.at(0);
    QCOMPARE(acme.issuer, u"https://keycloak.example.com/realms/acme"_s);
    QCOMPARE(acme.audience, u"sluice"_s);
    QCOMPARE(acme.roleClaim, u"realm_access.roles"_s);
    QCOMPARE(acme.tenantClaim, u"org.tenant"_s);
    QVERIFY(acme.jwksUrl.isEmpty() && acme.jwksFile.isEmpty());
    QVERIFY(acme.fetchesKeys());
    QCOMPARE(acme.discoveryUrl(),
             QUrl(u"https://keycloak.example.com/realms/acme/.well-known/openid-configuration"_s));
    const IssuerSetting &dev = loaded->auth.issuers.at(1);
    QCOMPARE(dev.jwksUrl, u"http://127.0.0.1:8081/realms/dev/protocol/openid-connect/certs"_s);
    QCOMPARE(dev.defaultRole, u"reader"_s);
    QCOMPARE(loaded->origins.value(u"auth.issuers"_s).where, u"sluice.yaml:4"_s);
    QCOMPARE(valueOf(*loaded, u"auth.issuers"_s), u"********"_s);

    // A bad entry is reported as for the JSON form, at the list's line.
    const Result<Settings> bad =
        loadWith(u"auth:\n  issuers:\n    - issuer: https://a.test\n      audiences: x\n"_s);
    QVERIFY(!bad);
    QVERIFY2(bad.error().message.startsWith(
                 u"auth.issuers sluice.yaml:2: [0]: unknown key 'audiences'"_s),
             qPrintable(bad.error().message));
    // Only auth.issuers takes a list.
    const Result<Settings> notAList = loadWith(u"server:\n  host:\n    - a: b\n"_s);
    QVERIFY(!notAList);
    QCOMPARE(notAList.error().message,
             u"server.host in sluice.yaml:2 takes a single value, not a list"_s);
}

void TestSettings::keyUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << u"https://idp.example.com/certs"_s << true;
    QTest::newRow("HTTPS") << u"HTTPS://idp.example.com/certs"_s << true;
    QTest::newRow("http loopback") << u"http://127.0.0.1:8080/certs"_s << true;
    QTest::newRow("http 127/8") << u"http://127.10.20.30/certs"_s << true;
    QTest::newRow("http ::1") << u"http://[::1]:8080/certs"_s << true;
    QTest::newRow("http localhost") << u"http://LocalHost/certs"_s << true;
    QTest::newRow("http elsewhere") << u"http://idp.example.com/certs"_s << false;
    QTest::newRow("http private") << u"http://192.168.1.2/certs"_s << false;
    QTest::newRow("http localhost.evil") << u"http://localhost.evil.example/certs"_s << false;
    QTest::newRow("http 127 prefix") << u"http://127.0.0.1.evil.example/certs"_s << false;
    QTest::newRow("http ::2") << u"http://[::2]/certs"_s << false;
    QTest::newRow("file") << u"file:///etc/jwks.json"_s << false;
    QTest::newRow("relative") << u"certs"_s << false;
}

void TestSettings::keyUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(keyUrlProblem(QUrl(url)).isEmpty(), allowed);
}

void TestSettings::badIssuers_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    const QString start = u"auth.issuers SLUICE_AUTH_ISSUERS: "_s;
    QTest::newRow("not JSON") << u"issuer=x"_s << start + u"expected a JSON array"_s;
    QTest::newRow("an object") << u"{\"issuer\":\"x\"}"_s << start + u"expected a JSON array"_s;
    QTest::newRow("entry not an object") << u"[1]"_s << start + u"[0] is not an object"_s;
    QTest::newRow("unknown key") << u"[{\"issuer\":\"a\",\"audiences\":\"x\"}]"_s
                                 << start
            + u"[0]: unknown key 'audiences' (known: issuer, audience"_s;
    QTest::newRow("number") << u"[{\"issuer\":7}]"_s << start + u"[0].issuer must be a string"_s;
    QTest::newRow("no issuer") << u"[{\"audience\":\"a\"}]"_s
                               << start + u"[0].issuer is required"_s;
    QTest::newRow("sluice") << u"[{\"issuer\":\"sluice\",\"audience\":\"a\",\"jwks_file\":\"f\"}]"_s
                            << start + u"[0] (sluice): the issuer 'sluice' is this server's own"_s;
    QTest::newRow("no audience") << u"[{\"issuer\":\"i\",\"jwks_file\":\"f\"}]"_s
                                 << start + u"[0] (i).audience is required"_s;
    QTest::newRow("discovery needs a URL") << u"[{\"issuer\":\"i\",\"audience\":\"a\"}]"_s
                                           << start
            + u"[0] (i): without jwks_url or jwks_file the keys are found by OpenID discovery at "
              "<issuer>/.well-known/openid-configuration, so the issuer is not an absolute URL"_s;
    QTest::newRow("discovery over http")
        << u"[{\"issuer\":\"http://idp.example.com/realms/a\",\"audience\":\"a\"}]"_s
        << start
            + u"[0] (http://idp.example.com/realms/a): without jwks_url or jwks_file the keys are "
              "found by OpenID discovery at <issuer>/.well-known/openid-configuration, so the "
              "issuer must be https (plain http only to this machine: 127.0.0.1, ::1, "
              "localhost)"_s;
    QTest::newRow("jwks_url over http")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_url\":\"http://10.0.0.1/k\"}]"_s
        << start
            + u"[0] (i).jwks_url must be https (plain http only to this machine: 127.0.0.1, ::1, "
              "localhost)"_s;
    QTest::newRow("jwks_url to 128.0.0.1")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_url\":\"http://128.0.0.1/k\"}]"_s
        << start + u"[0] (i).jwks_url must be https"_s;
    QTest::newRow("jwks_url ftp")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_url\":\"ftp://i/k\"}]"_s
        << start + u"[0] (i).jwks_url must be an https URL"_s;
    QTest::newRow("jwks_url relative")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_url\":\"/k.json\"}]"_s
        << start + u"[0] (i).jwks_url is not an absolute URL"_s;
    QTest::newRow("jwks_url and jwks_file")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_url\":\"https://i/k\","
           "\"jwks_file\":\"f\"}]"_s
        << start + u"[0] (i): name either jwks_url or jwks_file, not both"_s;
    QTest::newRow("short secret")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"secret\":\"short\"}]"_s
        << start + u"[0] (i).secret must be at least 32 bytes"_s;
    QTest::newRow("twice") << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_file\":\"f\"},"
                              "{\"issuer\":\"i\",\"audience\":\"b\",\"jwks_file\":\"g\"}]"_s
                           << start + u"[1] (i): configured twice"_s;
    QTest::newRow("bad role_claim")
        << u"[{\"issuer\":\"i\",\"audience\":\"a\",\"jwks_file\":\"f\",\"role_claim\":\"a..b\"}]"_s
        << start + u"[0] (i).role_claim must be a claim name or dotted path"_s;
}

void TestSettings::badIssuers()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    const Result<Settings> loaded = loadWith({}, { { u"SLUICE_AUTH_ISSUERS"_s, json } });
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, ErrorKind::BadRequest);
    QVERIFY2(loaded.error().message.startsWith(error), qPrintable(loaded.error().message));
}

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestSettings)
#include "tst_settings.moc"

#include "secrets/chainedsecretstore.h"
#include "secrets/environmentsecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretbackend.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

// The Unix mode bits of `path` (e.g. 0600), from stat() itself rather than Qt's mapping.
int modeOf(const QString &path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

QFileDevice::Permissions permissionsFor(int mode)
{
    int bits = 0;
    bits |= ((mode >> 6) & 7) << 12 | ((mode >> 6) & 7) << 8; // owner, and Qt's "user" twin
    bits |= ((mode >> 3) & 7) << 4;
    bits |= mode & 7;
    return QFileDevice::Permissions::fromInt(bits);
}

QProcessEnvironment environmentWith(const QHash<QString, QString> &variables)
{
    QProcessEnvironment environment;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

} // namespace

// The secret stores: the 0600 file (permissions, atomic replacement), the read-only
// environment mapping, the chained lookup order, the choice of backend, and a keychain probe
// that fails cleanly where there is no keychain.
class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fileRoundTrip();
    void fileCreatesPrivateDirectory();
    void fileRefusesOpenPermissions_data();
    void fileRefusesOpenPermissions();
    void fileReplacesAtomically();
    void fileCorruptDoesNotEchoContent();
    void badKeys_data();
    void badKeys();
    void environmentMapping_data();
    void environmentMapping();
    void environmentIsReadOnly();
    void chainedLookupOrder();
    void backendNames();
    void makeSecretStoreHeadless_data();
    void makeSecretStoreHeadless();
    void keychainProbeFailsWithoutSession();
    void keychainRoundTripInPrivateSession();
    void keychainRoundTripChild();

private:
    QTemporaryDir m_root;
};

void TestSecretStore::initTestCase()
{
    QVERIFY(m_root.isValid());
    if (qEnvironmentVariableIsSet("SLUICE_TEST_KEYCHAIN_CHILD"))
        return; // keychainRoundTripChild, inside its private session: keep the bus
    // No session bus, no display: the situation of a headless server and of CI, made certain
    // even when the suite runs inside a desktop session. libdbus and GLib would otherwise find
    // the bus through these variables.
    for (const char *name :
         { "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY" }) {
        qunsetenv(name);
    }
}

void TestSecretStore::fileRoundTrip()
{
    const QString dir = m_root.filePath(u"roundtrip"_s);
    FileSecretStore store(dir);
    QCOMPARE(store.name(), u"file"_s);
    QCOMPARE(store.filePath(), QDir(dir).filePath(u"secrets.json"_s));

    const Result<QString> missing = store.read(u"service/shop/password"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);

    const QString awkward = u"p@ss w:rd/?#%'\"\\ é ☃"_s;
    QVERIFY(store.write(u"service/shop/password"_s, awkward));
    QVERIFY(store.write(u"auth/jwt_secret"_s, u"j"_s));
    QCOMPARE(modeOf(store.filePath()), 0600);

    // A second store on the same directory sees what the first wrote.
    FileSecretStore other(dir);
    QCOMPARE(*other.read(u"service/shop/password"_s), awkward);
    QCOMPARE(*other.read(u"auth/jwt_secret"_s), u"j"_s);

    QVERIFY(store.write(u"service/shop/password"_s, u"second"_s));
    QCOMPARE(*other.read(u"service/shop/password"_s), u"second"_s);

    QVERIFY(store.remove(u"service/shop/password"_s));
    const Result<QString> removed = other.read(u"service/shop/password"_s);
    QVERIFY(!removed);
    QCOMPARE(removed.error().kind, ErrorKind::NotFound);
    QCOMPARE(*other.read(u"auth/jwt_secret"_s), u"j"_s);
    QVERIFY(store.remove(u"service/shop/password"_s)); // already gone: still fine
    QCOMPARE(modeOf(store.filePath()), 0600);

    // The secret never appears in an error message.
    QVERIFY(!removed.error().message.contains(u"second"_s));
}

void TestSecretStore::fileCreatesPrivateDirectory()
{
    const QString dir = m_root.filePath(u"nested/data"_s);
    FileSecretStore store(dir);
    QVERIFY(store.write(u"k"_s, u"v"_s));
    QCOMPARE(modeOf(dir), 0700);
    QCOMPARE(modeOf(store.filePath()), 0600);
}

void TestSecretStore::fileRefusesOpenPermissions_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("0600") << 0600 << true;
    QTest::newRow("0400") << 0400 << true;
    QTest::newRow("0644") << 0644 << false;
    QTest::newRow("0640") << 0640 << false;
    QTest::newRow("0604") << 0604 << false;
    QTest::newRow("0620") << 0620 << false;
    QTest::newRow("0666") << 0666 << false;
}

void TestSecretStore::fileRefusesOpenPermissions()
{
    QFETCH(int, mode);
    QFETCH(bool, accepted);
    const QString dir = m_root.filePath(u"mode%1"_s.arg(mode, 0, 8));
    FileSecretStore store(dir);
    QVERIFY(store.write(u"k"_s, u"hunter2"_s));
    QVERIFY(QFile::setPermissions(store.filePath(), permissionsFor(mode)));
    QCOMPARE(modeOf(store.filePath()), mode);

    const Result<QString> read = store.read(u"k"_s);
    if (accepted) {
        QVERIFY2(read, read ? "" : qPrintable(read.error().message));
        QCOMPARE(*read, u"hunter2"_s);
        return;
    }
    QVERIFY(!read);
    const QString message = read.error().message;
    QVERIFY2(message.contains(store.filePath()), qPrintable(message));
    QVERIFY2(message.contains(u"0%1"_s.arg(mode, 0, 8)), qPrintable(message));
    QVERIFY(!message.contains(u"hunter2"_s));

    // Writing is refused too: it would keep the wide mode and the leak.
    QVERIFY(!store.write(u"k"_s, u"other"_s));
    QCOMPARE(modeOf(store.filePath()), mode);
}

void TestSecretStore::fileReplacesAtomically()
{
    const QString dir = m_root.filePath(u"atomic"_s);
    FileSecretStore store(dir);
    QVERIFY(store.write(u"a"_s, u"first"_s));

    // A reader that opened the file before a change keeps reading the complete old file: the
    // new content arrives as a new file renamed over the old one, never by rewriting in place.
    QFile before(store.filePath());
    QVERIFY(before.open(QIODevice::ReadOnly));
    QVERIFY(store.write(u"b"_s, u"second"_s));
    const QByteArray old = before.readAll();
    QVERIFY2(old.contains("first") && !old.contains("second"), old.constData());

    QCOMPARE(*store.read(u"a"_s), u"first"_s);
    QCOMPARE(*store.read(u"b"_s), u"second"_s);
    QCOMPARE(modeOf(store.filePath()), 0600);
    // No temporary or lock file is left behind.
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden), QStringList { u"secrets.json"_s });
}

void TestSecretStore::fileCorruptDoesNotEchoContent()
{
    const QString dir = m_root.filePath(u"corrupt"_s);
    QVERIFY(QDir().mkpath(dir));
    FileSecretStore store(dir);
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write("{\"k\": \"topsecret\" oops}");
    file.close();

    const Result<QString> read = store.read(u"k"_s);
    QVERIFY(!read);
    QCOMPARE(read.error().kind, ErrorKind::Internal);
    QVERIFY2(read.error().message.contains(store.filePath()), qPrintable(read.error().message));
    QVERIFY(!read.error().message.contains(u"topsecret"_s));
    // A write does not silently replace a file it cannot understand.
    QVERIFY(!store.write(u"k"_s, u"v"_s));
}

void TestSecretStore::badKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("empty") << QString();
    QTest::newRow("space") << u"service/my shop/password"_s;
    QTest::newRow("equals") << u"a=b"_s;
    QTest::newRow("non-ASCII") << u"service/café/password"_s;
    QTest::newRow("too long") << QString(201, u'a');
}

void TestSecretStore::badKeys()
{
    QFETCH(QString, key);
    FileSecretStore file(m_root.filePath(u"badkeys"_s));
    EnvironmentSecretStore environment { QProcessEnvironment() };
    KeychainSecretStore keychain;
    for (SecretStore *store :
         std::initializer_list<SecretStore *> { &file, &environment, &keychain }) {
        const Result<QString> read = store->read(key);
        QVERIFY2(!read && read.error().kind == ErrorKind::BadRequest, qPrintable(store->name()));
        const Status written = store->write(key, u"v"_s);
        QVERIFY2(!written, qPrintable(store->name()));
    }
    // Nothing was created for a refused key.
    QVERIFY(!QFileInfo::exists(file.filePath()));
}

void TestSecretStore::environmentMapping_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("variable");
    QTest::newRow("service password")
        << u"service/shop/password"_s << u"SLUICE_SECRET_SERVICE_SHOP_PASSWORD"_s;
    QTest::newRow("jwt") << u"auth/jwt_secret"_s << u"SLUICE_SECRET_AUTH_JWT_SECRET"_s;
    QTest::newRow("dash and dot") << u"service/my-shop.eu/password"_s
                                  << u"SLUICE_SECRET_SERVICE_MY_SHOP_EU_PASSWORD"_s;
    QTest::newRow("mixed case") << u"Service/Shop2/Password"_s
                                << u"SLUICE_SECRET_SERVICE_SHOP2_PASSWORD"_s;
}

void TestSecretStore::environmentMapping()
{
    QFETCH(QString, key);
    QFETCH(QString, variable);
    QCOMPARE(EnvironmentSecretStore::variableName(key), variable);

    EnvironmentSecretStore store(environmentWith({ { variable, u"s3cr=t value"_s } }));
    QCOMPARE(store.name(), u"environment"_s);
    const Result<QString> read = store.read(key);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QCOMPARE(*read, u"s3cr=t value"_s);

    // Another variable does not answer, and an empty one counts as unset.
    EnvironmentSecretStore other(environmentWith({ { variable + u"_X"_s, u"x"_s } }));
    QCOMPARE(other.read(key).error().kind, ErrorKind::NotFound);
    EnvironmentSecretStore empty(environmentWith({ { variable, QString() } }));
    const Result<QString> unset = empty.read(key);
    QVERIFY(!unset);
    QCOMPARE(unset.error().kind, ErrorKind::NotFound);
    QVERIFY2(unset.error().message.contains(variable), qPrintable(unset.error().message));
}

void TestSecretStore::environmentIsReadOnly()
{
    EnvironmentSecretStore store(environmentWith({ { u"SLUICE_SECRET_A"_s, u"x"_s } }));
    const Status written = store.write(u"a"_s, u"zq9value"_s);
    QVERIFY(!written);
    QCOMPARE(written.error().kind, ErrorKind::Forbidden);
    QVERIFY2(written.error().message.contains(u"read-only"_s), qPrintable(written.error().message));
    QVERIFY(written.error().message.contains(u"SLUICE_SECRET_A"_s));
    QVERIFY(!written.error().message.contains(u"zq9value"_s));

    const Status removed = store.remove(u"a"_s);
    QVERIFY(!removed);
    QCOMPARE(removed.error().kind, ErrorKind::Forbidden);
    QCOMPARE(*store.read(u"a"_s), u"x"_s);
}

void TestSecretStore::chainedLookupOrder()
{
    const QString dir = m_root.filePath(u"chained"_s);
    FileSecretStore seed(dir);
    QVERIFY(seed.write(u"service/shop/password"_s, u"from-file"_s));
    QVERIFY(seed.write(u"service/notes/password"_s, u"file-only"_s));

    ChainedSecretStore chained(
        std::make_unique<EnvironmentSecretStore>(
            environmentWith({ { u"SLUICE_SECRET_SERVICE_SHOP_PASSWORD"_s, u"from-env"_s } })),
        std::make_unique<FileSecretStore>(dir));
    QCOMPARE(chained.name(), u"file"_s);

    QCOMPARE(*chained.read(u"service/shop/password"_s), u"from-env"_s); // environment first
    QCOMPARE(*chained.read(u"service/notes/password"_s), u"file-only"_s); // then the backend
    QCOMPARE(chained.read(u"service/none/password"_s).error().kind, ErrorKind::NotFound);

    // Writes and removals reach the backend, not the read-only overlay.
    QVERIFY(chained.write(u"service/new/password"_s, u"n"_s));
    QCOMPARE(*seed.read(u"service/new/password"_s), u"n"_s);
    QVERIFY(chained.write(u"service/shop/password"_s, u"stored"_s));
    QCOMPARE(*seed.read(u"service/shop/password"_s), u"stored"_s);
    QCOMPARE(*chained.read(u"service/shop/password"_s), u"from-env"_s); // still overridden
    QVERIFY(chained.remove(u"service/notes/password"_s));
    QCOMPARE(chained.read(u"service/notes/password"_s).error().kind, ErrorKind::NotFound);
}

void TestSecretStore::backendNames()
{
    for (const SecretBackend backend : { SecretBackend::Auto, SecretBackend::Keychain,
                                         SecretBackend::File, SecretBackend::Environment }) {
        const Result<SecretBackend> parsed = secretBackendFromName(secretBackendName(backend));
        QVERIFY(parsed);
        QCOMPARE(*parsed, backend);
    }
    QCOMPARE(*secretBackendFromName(u"File"_s), SecretBackend::File);
    const Result<SecretBackend> bad = secretBackendFromName(u"vault"_s);
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, ErrorKind::BadRequest);

    QVERIFY(!hasDesktopSession(QProcessEnvironment()));
#if !defined(Q_OS_MACOS) && !defined(Q_OS_WIN)
    QVERIFY(hasDesktopSession(environmentWith({ { u"DISPLAY"_s, u":0"_s } })));
    QVERIFY(hasDesktopSession(environmentWith({ { u"WAYLAND_DISPLAY"_s, u"wayland-0"_s } })));
#endif
}

void TestSecretStore::makeSecretStoreHeadless_data()
{
    QTest::addColumn<SecretBackend>("preference");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("writable");
    QTest::newRow("auto") << SecretBackend::Auto << u"file"_s << true;
    QTest::newRow("file") << SecretBackend::File << u"file"_s << true;
    QTest::newRow("environment") << SecretBackend::Environment << u"environment"_s << false;
}

void TestSecretStore::makeSecretStoreHeadless()
{
    QFETCH(SecretBackend, preference);
    QFETCH(QString, name);
    QFETCH(bool, writable);
    const QString dir = m_root.filePath(u"factory-"_s + name + QString::number(int(preference)));
    const QProcessEnvironment environment =
        environmentWith({ { u"SLUICE_SECRET_AUTH_JWT_SECRET"_s, u"injected"_s } });

    const std::unique_ptr<SecretStore> store = makeSecretStore(dir, preference, environment);
    QVERIFY(store);
    QCOMPARE(store->name(), name);
    QCOMPARE(*store->read(u"auth/jwt_secret"_s), u"injected"_s); // environment read first
    const Status written = store->write(u"service/shop/password"_s, u"pw"_s);
    QCOMPARE(bool(written), writable);
    if (writable) {
        QCOMPARE(*store->read(u"service/shop/password"_s), u"pw"_s);
        QCOMPARE(modeOf(QDir(dir).filePath(u"secrets.json"_s)), 0600);
    }
}

void TestSecretStore::keychainProbeFailsWithoutSession()
{
    // initTestCase removed every way to a session bus: the probe must answer false, and the
    // store's calls must fail with an error rather than hang or report a missing key.
    QVERIFY(!KeychainSecretStore::probe());

    KeychainSecretStore keychain(10000);
    QCOMPARE(keychain.name(), u"keychain"_s);
    const Result<QString> read = keychain.read(u"service/shop/password"_s);
    QVERIFY(!read);
    QVERIFY2(read.error().kind != ErrorKind::NotFound, qPrintable(read.error().message));
    QVERIFY(!keychain.write(u"service/shop/password"_s, u"pw"_s));
}

void TestSecretStore::keychainRoundTripInPrivateSession()
{
    // A real keychain, never the user's: a private D-Bus session with its own gnome-keyring,
    // whose files live in a temporary home. This process cannot host it (QtKeychain picks its
    // backend once per process), so the suite runs itself again inside it.
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    const QString keyring = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (dbusRunSession.isEmpty() || keyring.isEmpty())
        QSKIP("needs dbus-run-session and gnome-keyring-daemon");

    const QString home = m_root.filePath(u"keyring-home"_s);
    const QString runtime = m_root.filePath(u"keyring-run"_s);
    QVERIFY(QDir().mkpath(home));
    QVERIFY(QDir().mkdir(runtime,
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home);
    environment.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    environment.insert(u"XDG_DATA_HOME"_s, home + u"/.local/share"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    environment.insert(u"SLUICE_TEST_KEYCHAIN_CHILD"_s, u"1"_s);

    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    // "$0" is this test binary; --unlock creates the login keyring with a throw-away password.
    child.start(dbusRunSession,
                { u"--"_s, u"sh"_s, u"-c"_s,
                  u"printf x | \"$1\" --unlock --components=secrets >/dev/null 2>&1 && "
                  "exec \"$0\" keychainRoundTripChild"_s,
                  QCoreApplication::applicationFilePath(), keyring });
    QVERIFY(child.waitForStarted());
    QVERIFY(child.waitForFinished(240000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             output.constData());
    QVERIFY2(output.contains("PASS   : sluice::test::TestSecretStore::keychainRoundTripChild()"),
             output.constData());
}

void TestSecretStore::keychainRoundTripChild()
{
    if (!qEnvironmentVariableIsSet("SLUICE_TEST_KEYCHAIN_CHILD"))
        QSKIP("runs inside keychainRoundTripInPrivateSession");

    QVERIFY(KeychainSecretStore::probe());
    KeychainSecretStore keychain;
    const QString value = u"p@ss w:rd/?#%'\"\\ é ☃"_s;
    QVERIFY(keychain.write(u"service/shop/password"_s, value));
    QCOMPARE(*keychain.read(u"service/shop/password"_s), value);
    QVERIFY(keychain.write(u"service/shop/password"_s, u"second"_s));
    QCOMPARE(*keychain.read(u"service/shop/password"_s), u"second"_s);
    QVERIFY(keychain.remove(u"service/shop/password"_s));
    QCOMPARE(keychain.read(u"service/shop/password"_s).error().kind, ErrorKind::NotFound);
    QVERIFY(keychain.remove(u"service/shop/password"_s)); // already gone: still fine

    // On a desktop whose keychain answers, Auto picks it.
    const std::unique_ptr<SecretStore> chosen =
        makeSecretStore(m_root.filePath(u"unused"_s), SecretBackend::Auto,
                        environmentWith({ { u"DISPLAY"_s, u":0"_s } }));
    QCOMPARE(chosen->name(), u"keychain"_s);
    QVERIFY(!QFileInfo::exists(m_root.filePath(u"unused"_s)));
}

} // namespace sluice::test

QTEST_GUILESS_MAIN(sluice::test::TestSecretStore)
#include "tst_secretstore.moc"

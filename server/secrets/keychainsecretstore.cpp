#include "secrets/keychainsecretstore.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <QUuid>

#include <qt6keychain/keychain.h>

#include <type_traits>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text; // read jobs only
};

// Notes that a job finished and ends the wait. Connected by the signal's name, not by a
// pointer to QKeychain::Job::finished: QtKeychain is loaded on first use
// (cmake/LazyLibrary.cmake), so its functions' addresses here are those of their stand-ins and
// its static meta-object is out of reach; the job's own metaObject() finds the signal.
class JobWaiter : public QObject
{
    Q_OBJECT
public:
    explicit JobWaiter(QEventLoop *loop)
        : m_loop(loop)
    {
    }
    bool finished = false;

public Q_SLOTS:
    void jobFinished()
    {
        finished = true;
        m_loop->quit();
    }

private:
    QEventLoop *m_loop;
};

// Starts `job` and waits for it in a local event loop, at most `timeoutMs`.
template<typename JobType> JobOutcome runJob(JobType *job, int timeoutMs)
{
    JobOutcome outcome;
    if (!QCoreApplication::instance()) {
        delete job;
        outcome.finished = true;
        outcome.error = QKeychain::NoBackendAvailable;
        outcome.errorString = u"no QCoreApplication is running"_s;
        return outcome;
    }

    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never a plaintext QSettings copy of a secret
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    // Connected to `waiter`: when we stop waiting, this connection goes with it.
    JobWaiter waiter(&loop);
    QObject::connect(job, SIGNAL(finished(QKeychain::Job *)), &waiter, SLOT(jobFinished()));
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    job->start(); // queued: nothing finishes before exec()
    timer.start(timeoutMs);
    loop.exec(QEventLoop::ExcludeUserInputEvents);

    if (waiter.finished) {
        outcome.finished = true;
        outcome.error = job->error();
        outcome.errorString = job->errorString();
        if constexpr (std::is_same_v<JobType, QKeychain::ReadPasswordJob>)
            outcome.text = job->textData();
        delete job;
    } else {
        // The backend still holds a callback into the job: let it die once it finishes.
        QObject::connect(job, SIGNAL(finished(QKeychain::Job *)), job, SLOT(deleteLater()));
    }
    return outcome;
}

Error timedOut(int timeoutMs)
{
    return Error::unavailable(u"the keychain did not answer within %1 s"_s.arg(timeoutMs / 1000.0));
}

Error keychainError(const QString &what, const JobOutcome &outcome)
{
    const QString message = u"keychain: cannot %1: %2"_s.arg(what, outcome.errorString);
    return outcome.error == QKeychain::AccessDenied
            || outcome.error == QKeychain::AccessDeniedByUser
        ? Error::forbidden(message)
        : Error::unavailable(message);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
}

QString KeychainSecretStore::name() const
{
    return u"keychain"_s;
}

QString KeychainSecretStore::serviceName()
{
    return u"sluice"_s;
}

Result<QString> KeychainSecretStore::read(const QString &key)
{
    if (const Status valid = checkKey(key); !valid)
        return valid.error();
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(key);
    const JobOutcome outcome = runJob(job, m_timeoutMs);
    if (!outcome.finished)
        return timedOut(m_timeoutMs);
    if (outcome.error == QKeychain::EntryNotFound)
        return Error::notFound(u"no secret \"%1\" in the keychain"_s.arg(key));
    if (outcome.error != QKeychain::NoError)
        return keychainError(u"read \"%1\""_s.arg(key), outcome);
    return outcome.text;
}

Status KeychainSecretStore::write(const QString &key, const QString &value)
{
    if (const Status valid = checkKey(key); !valid)
        return valid;
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(key);
    job->setTextData(value);
    const JobOutcome outcome = runJob(job, m_timeoutMs);
    if (!outcome.finished)
        return timedOut(m_timeoutMs);
    if (outcome.error != QKeychain::NoError)
        return keychainError(u"write \"%1\""_s.arg(key), outcome);
    return {};
}

Status KeychainSecretStore::remove(const QString &key)
{
    if (const Status valid = checkKey(key); !valid)
        return valid;
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key);
    const JobOutcome outcome = runJob(job, m_timeoutMs);
    if (!outcome.finished)
        return timedOut(m_timeoutMs);
    if (outcome.error != QKeychain::NoError && outcome.error != QKeychain::EntryNotFound)
        return keychainError(u"remove \"%1\""_s.arg(key), outcome);
    return {};
}

bool KeychainSecretStore::probe(int timeoutMs)
{
    KeychainSecretStore store(timeoutMs);
    const QString key = u"probe/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString value = QUuid::createUuid().toString(QUuid::WithoutBraces);

    if (const Status written = store.write(key, value); !written) {
        qCDebug(lcConfig).noquote() << "keychain probe failed:" << written.error().message;
        return false;
    }
    const Result<QString> readBack = store.read(key);
    const Status removed = store.remove(key);
    if (!readBack || *readBack != value) {
        qCDebug(lcConfig).noquote()
            << "keychain probe failed:"
            << (readBack ? u"value read back differs"_s : readBack.error().message);
        return false;
    }
    if (!removed) {
        qCDebug(lcConfig).noquote() << "keychain probe failed:" << removed.error().message;
        return false;
    }
    return true;
}

} // namespace sluice

#include "keychainsecretstore.moc"

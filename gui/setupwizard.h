#pragma once

#include <QObject>
#include <QQmlEngine>

namespace sluice {

// The first-run wizard's steps that are not the connection (ConnectionListModel does that):
// the admin account, an API key for the new connection, and the live API at the end. Each
// step is a system API call; its result arrives as a signal.
class SetupWizard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString apiKey READ apiKey NOTIFY keyCreated)
    Q_PROPERTY(QString roleName READ roleName NOTIFY keyCreated)
    Q_PROPERTY(QString liveUrl READ liveUrl NOTIFY liveChanged)
    Q_PROPERTY(QString curlExample READ curlExample NOTIFY liveChanged)
    Q_PROPERTY(int suggestedPort READ suggestedPort NOTIFY suggestedPortChanged)

public:
    explicit SetupWizard(QObject *parent = nullptr);

    bool busy() const { return m_busy; }
    QString apiKey() const { return m_apiKey; }
    QString roleName() const { return m_roleName; }
    QString liveUrl() const { return m_liveUrl; }
    QString curlExample() const;
    // After goLive() failed on a port another program holds: the next free one (0 otherwise).
    int suggestedPort() const { return m_suggestedPort; }

    Q_INVOKABLE void createAdmin(const QString &email, const QString &name,
                                 const QString &password);
    // A role with every verb on `service` (its tables, views and procedures) and a key for it.
    // The key is shown once, here: the store keeps only its hash.
    Q_INVOKABLE void createKey(const QString &service);
    // Starts the embedded server on `port` (0: any) and names the service's first table's URL.
    // When the port is taken, `failed` says so and suggestedPort offers the next free one.
    Q_INVOKABLE void goLive(const QString &service, int port);

Q_SIGNALS:
    void busyChanged();
    void adminCreated();
    void keyCreated();
    void liveChanged();
    void suggestedPortChanged();
    void failed(const QString &message);

private:
    void setBusy(bool busy);
    void issueKey(const QString &role);

    bool m_busy = false;
    QString m_apiKey;
    QString m_roleName;
    QString m_liveUrl;
    int m_suggestedPort = 0;
};

} // namespace sluice

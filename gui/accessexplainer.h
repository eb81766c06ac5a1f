#pragma once

#include <QObject>
#include <QQmlEngine>

namespace sluice {

// Why a role may or may not make one request, for the data page's "View as": the access
// decision's own explanation (GET /api/v1/system/explain, asked as the desktop's owner), so the
// page shows the rule that allows the query and the row filter it brings, or what the role lacks.
class AccessExplainer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // The role to explain for; empty: nothing to explain (the owner may do everything).
    Q_PROPERTY(QString role READ role WRITE setRole NOTIFY questionChanged)
    // The tenant the role acts for (API.md §11), as the data page's requests do; empty: none.
    Q_PROPERTY(QString tenant READ tenant WRITE setTenant NOTIFY questionChanged)
    Q_PROPERTY(QString method READ method WRITE setMethod NOTIFY questionChanged)
    // A service route, as the API is called: "/api/v1/shop/_table/books?limit=25" (the query
    // string does not change the decision and is left out of the question).
    Q_PROPERTY(QString path READ path WRITE setPath NOTIFY questionChanged)
    Q_PROPERTY(bool allowed READ allowed NOTIFY explained)
    // One line: the decision's reason, then the row filter that applies ("· rows where …") and
    // the tenant it acts for ("· for tenant …").
    Q_PROPERTY(QString text READ text NOTIFY explained)

public:
    explicit AccessExplainer(QObject *parent = nullptr);

    QString role() const { return m_role; }
    void setRole(const QString &role);
    QString tenant() const { return m_tenant; }
    void setTenant(const QString &tenant);
    QString method() const { return m_method; }
    void setMethod(const QString &method);
    QString path() const { return m_path; }
    void setPath(const QString &path);
    bool allowed() const { return m_allowed; }
    QString text() const { return m_text; }

Q_SIGNALS:
    void questionChanged();
    void explained();

private:
    // Asks once the current event is done, so that a role and a path set together make one call.
    void askSoon();
    void ask();

    QString m_role;
    QString m_tenant;
    QString m_method = QStringLiteral("GET");
    QString m_path;
    bool m_allowed = false;
    QString m_text;
    bool m_askPending = false;
    quint64 m_question = 0; // the latest question: an older answer arriving late is dropped
};

} // namespace sluice

#include "config/configsql.h"

#include "core/logging.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// SQLite primary result codes (sqlite3.h); the Qt driver reports them as nativeErrorCode().
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;

} // namespace

Error configSqlError(const QSqlError &error, const QString &what)
{
    const QString code = error.nativeErrorCode();
    bool isNumber = false;
    // Extended codes keep the primary code in the low byte.
    const int primary = code.toInt(&isNumber) & 0xff;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    Error e = isNumber && (primary == SqliteBusy || primary == SqliteLocked)
        ? Error::unavailable(
            u"config.db is locked by another process while %1; try again"_s.arg(what))
        : Error::internal(u"config.db: %1 failed: %2"_s.arg(what, detail));
    e.sqlState = code;
    return e;
}

Status execConfigSql(QSqlQuery &query, const QString &sql, const QVariantList &values,
                     const QString &what)
{
    if (!query.prepare(sql))
        return configSqlError(query.lastError(), what);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        // The driver binds a null QString as SQL NULL; config columns hold '' for "empty".
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query.bindValue(int(i), nullText ? QVariant(u""_s) : value);
    }
    if (!query.exec())
        return configSqlError(query.lastError(), what);
    return {};
}

Status execConfigSql(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                     const QString &what)
{
    QSqlQuery query(db);
    return execConfigSql(query, sql, values, what);
}

WriteTransaction::WriteTransaction(const QSqlDatabase &db)
    : m_db(db)
{
}

WriteTransaction::~WriteTransaction()
{
    if (!m_active)
        return;
    // QSqlDatabase::transaction() would issue a plain BEGIN (deferred); we manage the
    // transaction with SQL so that it is IMMEDIATE, and end it the same way.
    const Status rolledBack = execConfigSql(m_db, u"ROLLBACK"_s, {}, u"rolling back"_s);
    if (!rolledBack)
        qCWarning(lcConfig).noquote() << rolledBack.error().message;
}

Status WriteTransaction::begin()
{
    Q_ASSERT(!m_active);
    Status status = execConfigSql(m_db, u"BEGIN IMMEDIATE"_s, {}, u"starting a write"_s);
    m_active = status.ok();
    return status;
}

Status WriteTransaction::commit()
{
    Q_ASSERT(m_active);
    Status status = execConfigSql(m_db, u"COMMIT"_s, {}, u"committing"_s);
    // A failed COMMIT leaves the transaction open (e.g. SQLITE_BUSY); the destructor then
    // rolls it back.
    if (status)
        m_active = false;
    return status;
}

} // namespace sluice

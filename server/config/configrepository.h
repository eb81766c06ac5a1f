#pragma once

#include <QSqlDatabase>

namespace sluice {

// What the repositories of config.db's tables (admins, roles, API keys, tokens) share: they
// run on the connection they are given, so the caller's ConfigStore::write() or read() body
// puts one transaction around everything it does with them.
class ConfigRepository
{
public:
    explicit ConfigRepository(const QSqlDatabase &db)
        : m_db(db)
    {
    }

protected:
    QSqlDatabase m_db;
};

} // namespace sluice

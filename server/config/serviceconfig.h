#pragma once

#include <QString>

namespace sluice {

// A database exposed as /api/v1/{name}. The DSN may hold a password: it is never logged or
// returned by the API.
struct ServiceConfig
{
    QString name;        // URL segment: [A-Za-z0-9_-]{1,64}
    QString driver;      // "sqlite" or "postgres" (more dialects later)
    QString dsn;         // SQLite: a file path; PostgreSQL: postgres://… URL or key=value list
    QString label;       // human name
    QString schema;      // PostgreSQL schema to expose; empty = "public"
    bool readOnly = false;
    bool rawSql = false;  // allows raw SQL (MCP sluice_raw_sql) for roles that have _sql
    bool enabled = true;
};

} // namespace sluice

#pragma once

#include "core/jsonwriter.h"
#include "core/result.h"
#include "db/dialect.h"

#include <QJsonObject>
#include <QVariant>

namespace sluice {

// One parameter of a call with the caller's value (docs/api.md, Tables, POST _proc/{name}).
struct CallArgument
{
    ProcedureParameter parameter;
    QVariant value; // null QVariant: SQL NULL
    bool given = false; // false: left out (a parameter with a default, or an out parameter)
};

// One statement of a call. Values are bound in prepared steps; unprepared steps carry no values
// at all, only names and placeholders the dialect wrote.
struct CallStep
{
    enum class Role {
        Setup, // prepares the call, e.g. moves bound values into session variables
        Call, // the call: its rows are the answer's "resource" (or its "out", see CallPlan)
        Out, // reads out parameters: one row, the answer's "out"
        Cleanup, // runs after the call whatever happened
    };
    Role role = Role::Call;
    QString sql;
    QVariantList binds;
    // Unprepared where preparing is impossible or loses rows: PostgreSQL cannot PREPARE a CALL,
    // and QMYSQL drops the result sets of a prepared CALL.
    bool prepared = true;
};

struct CallPlan
{
    QList<CallStep> steps;
    bool callRowsAreOut = false; // PostgreSQL's CALL answers with its out parameters as one row
    bool discardRows = false; // a function returning void
};

// Matches the caller's named values (from the body and the query string) to a routine's
// parameters. BadRequest for an unknown name, a value for an out parameter, a missing required
// one. Overloads (PostgreSQL) are told apart by the names given; BadRequest when that is
// ambiguous.
Result<std::pair<const Procedure *, QList<CallArgument>>>
bindCallArguments(const QList<const Procedure *> &overloads, const QJsonObject &values);

// Runs the plan on `db` and writes {"resource":[rows…],"out":{…}?} to `w`. `readOnly`: run in a
// transaction that is rolled back afterwards, so nothing the routine does outlives the call (the
// connection of a read-only service makes that transaction read-only too). Returns the number of
// rows.
Result<qint64> runCall(QSqlDatabase &db, const Dialect &dialect, const CallPlan &plan,
                       bool readOnly, JsonWriter &w);

} // namespace sluice

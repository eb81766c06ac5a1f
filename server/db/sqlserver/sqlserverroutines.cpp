// SqlServerDialect's routines: stored procedures and scalar / table-valued functions from
// sys.objects with their parameters from sys.parameters, and the statements that call them.
// No SQL Server runs in the test suite: tst_dialect_sqlserver checks the generated SQL text only.
#include "db/sql/procedurecall.h"
#include "db/sqlserver/sqlserverdialect.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// T-SQL variables cannot be bracket-quoted: a parameter name is written after '@' as it is, so
// it must be a plain identifier (sys.parameters only holds such names, this is the second check).
bool plainParameterName(const QString &name)
{
    if (name.isEmpty() || name.size() > 127)
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'@' || c == u'#' || c == u'$'))
            return false;
    }
    return true;
}

// Only type names as sys.parameters reports them go into a DECLARE: "int", "nvarchar(80)",
// "decimal(10,2)", "nvarchar(max)".
bool plainTypeName(const QString &type)
{
    if (type.isEmpty())
        return false;
    for (const QChar c : type) {
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'(' || c == u')' || c == u','))
            return false;
    }
    return true;
}

// The temporary table that carries OUTPUT parameters from the call's batch to the step that
// reads them: T-SQL variables live for one batch only, and runCall reads one result set per step.
const QString kOutTable = u"#sluice_out"_s;

} // namespace

Result<QList<Procedure>> SqlServerDialect::routines(QSqlDatabase &db,
                                                    const QString &schemaName) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Parameter 0 of a scalar function is its return value. has_default_value is kept for CLR
    // routines only (it is 0 for every T-SQL parameter, default or not), so T-SQL parameters
    // with a default are still required here: the catalog cannot tell them apart.
    if (!query.prepare(u"SELECT o.name, o.type, p.parameter_id, SUBSTRING(p.name, 2, 128),"
                       " TYPE_NAME(p.user_type_id), p.max_length, p.precision, p.scale,"
                       " p.is_output, p.has_default_value"
                       " FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id"
                       " LEFT JOIN sys.parameters p ON p.object_id = o.object_id"
                       " WHERE s.name = ? AND o.type IN ('P', 'FN', 'IF', 'TF')"
                       " AND o.is_ms_shipped = 0 ORDER BY o.name, p.parameter_id"_s))
        return classifyFailure(query, db);
    query.addBindValue(schemaName.isEmpty() ? u"dbo"_s : schemaName);
    if (!query.exec())
        return classifyFailure(query, db);
    QList<Procedure> out;
    while (query.next()) {
        const QString name = query.value(0).toString();
        const QString type = query.value(1).toString().trimmed();
        if (out.isEmpty() || out.constLast().name != name) {
            Procedure p;
            p.name = name;
            p.kind = type == u"P"_s ? u"procedure"_s : u"function"_s;
            p.returnsSet = type == u"IF"_s || type == u"TF"_s; // table-valued
            if (p.returnsSet)
                p.returnType = u"table"_s;
            out << p;
        }
        if (query.value(2).isNull())
            continue;
        const QString paramType =
            sqlServerTypeDisplay(query.value(4).toString(), query.value(5).toInt(),
                                 query.value(6).toInt(), query.value(7).toInt());
        if (query.value(2).toInt() == 0) {
            out.last().returnType = paramType;
            continue;
        }
        ProcedureParameter param;
        param.name = query.value(3).toString();
        param.type = paramType;
        // OUTPUT parameters also take a value in: inout.
        param.mode = query.value(8).toBool() ? u"inout"_s : u"in"_s;
        param.hasDefault = query.value(9).toBool();
        out.last().parameters << param;
    }
    return out;
}

Result<CallPlan> SqlServerDialect::callPlan(const Procedure &routine, const QString &schemaName,
                                            const QList<CallArgument> &arguments) const
{
    // Scalar functions can only be called schema-qualified; "dbo" as introspect() reads it.
    const QString name =
        quotedRoutineName(schemaName.isEmpty() ? u"dbo"_s : schemaName, routine.name);
    for (const CallArgument &a : arguments) {
        if (!plainParameterName(a.parameter.name))
            return Error::notImplemented(
                u"Cannot call '%1': its parameter name '%2' cannot be written in T-SQL"_s.arg(
                    routine.name, a.parameter.name));
    }
    CallPlan plan;
    if (routine.kind == u"function"_s) {
        // Functions take every argument by position; DEFAULT asks for a left-out one's default.
        CallStep call;
        QStringList values;
        for (const CallArgument &a : arguments) {
            if (a.given) {
                values << u"?"_s;
                call.binds << a.value;
            } else {
                values << u"DEFAULT"_s;
            }
        }
        const QString invocation = name + u'(' + values.join(u", "_s) + u')';
        call.sql = routine.returnsSet
            ? QString(u"SELECT * FROM "_s + invocation)
            : u"SELECT "_s + invocation + u" AS "_s + quoteIdentifier(routine.name);
        plan.steps << call;
        return plan;
    }

    // A procedure: EXEC with named arguments, left-out ones omitted (their defaults apply).
    // OUTPUT parameters go through variables declared in the call's batch; their values are
    // copied into a temporary table after the EXEC (after the procedure's own result set, which
    // is the answer's rows), read back by the Out step and dropped by the Cleanup step.
    CallStep call;
    QVariantList setBinds; // the SETs of inout values come before the EXEC
    QStringList declarations, assignments, namedArguments, outColumns, outVariables, outNames;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const CallArgument &a = arguments.at(i);
        const QString parameter = u'@' + a.parameter.name;
        if (a.parameter.mode == u"in"_s) {
            if (a.given) {
                namedArguments << parameter + u" = ?"_s;
                call.binds << a.value;
            }
            continue;
        }
        if (!plainTypeName(a.parameter.type))
            return Error::notImplemented(
                u"Cannot call '%1': the type '%2' of '%3' cannot be declared"_s.arg(
                    routine.name, a.parameter.type, a.parameter.name));
        const QString variable = u"@sluice_out_%1"_s.arg(i + 1);
        declarations << variable + u' ' + a.parameter.type;
        if (a.given) {
            assignments << u"SET "_s + variable + u" = ?; "_s;
            setBinds << a.value;
        }
        namedArguments << parameter + u" = "_s + variable + u" OUTPUT"_s;
        const QString column = quoteIdentifier(a.parameter.name);
        outColumns << column + u' ' + a.parameter.type + u" NULL"_s;
        outNames << column;
        outVariables << variable;
    }
    QString exec = u"EXEC "_s + name;
    if (!namedArguments.isEmpty())
        exec += u' ' + namedArguments.join(u", "_s);
    if (outNames.isEmpty()) {
        call.sql = exec;
        plan.steps << call;
        return plan;
    }
    const QString dropIfThere =
        u"IF OBJECT_ID(N'tempdb.."_s + kOutTable + u"') IS NOT NULL DROP TABLE "_s + kOutTable;
    plan.steps << CallStep { CallStep::Role::Setup,
                             dropIfThere + u"; CREATE TABLE "_s + kOutTable + u" ("_s
                                 + outColumns.join(u", "_s) + u')',
                             {},
                             false };
    call.binds = setBinds + call.binds;
    call.sql = u"DECLARE "_s + declarations.join(u", "_s) + u"; "_s + assignments.join(QString())
        + exec + u"; INSERT INTO "_s + kOutTable + u" ("_s + outNames.join(u", "_s)
        + u") VALUES ("_s + outVariables.join(u", "_s) + u')';
    plan.steps << call;
    plan.steps << CallStep { CallStep::Role::Out,
                             u"SELECT "_s + outNames.join(u", "_s) + u" FROM "_s + kOutTable,
                             {},
                             false };
    plan.steps << CallStep { CallStep::Role::Cleanup, dropIfThere, {}, false };
    return plan;
}

} // namespace sluice

// MysqlDialect's routines: procedures and functions from information_schema, with parameters in
// declared order and the declared SQL data access, and the statements that call them.
#include "db/mysql/mysqldialect.h"
#include "db/sql/procedurecall.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

Result<QList<Procedure>> MysqlDialect::routines(QSqlDatabase &db, const QString &schemaName) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QString database = schemaName;
    if (database.isEmpty()) {
        if (!query.exec(u"SELECT DATABASE()"_s) || !query.next())
            return classify(query.lastError(), db);
        database = query.value(0).toString();
        query.finish();
    }
    // Position 0 of a function is its return value, not a parameter.
    if (!query.prepare(
            u"SELECT r.ROUTINE_NAME, LOWER(r.ROUTINE_TYPE), r.DTD_IDENTIFIER, r.SQL_DATA_ACCESS,"
            " p.ORDINAL_POSITION, p.PARAMETER_NAME, LOWER(p.PARAMETER_MODE), p.DTD_IDENTIFIER"
            " FROM information_schema.ROUTINES r"
            " LEFT JOIN information_schema.PARAMETERS p ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA"
            "  AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE"
            "  AND p.ORDINAL_POSITION > 0"
            " WHERE r.ROUTINE_SCHEMA = ? AND r.ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION')"
            " ORDER BY r.ROUTINE_NAME, r.ROUTINE_TYPE, p.ORDINAL_POSITION"_s))
        return classify(query.lastError(), db);
    query.addBindValue(database);
    if (!query.exec())
        return classify(query.lastError(), db);
    QList<Procedure> out;
    while (query.next()) {
        const QString name = query.value(0).toString();
        const QString kind = query.value(1).toString();
        if (out.isEmpty() || out.constLast().name != name || out.constLast().kind != kind) {
            Procedure p;
            p.name = name;
            p.kind = kind;
            if (kind == u"function"_s)
                p.returnType = query.value(2).toString();
            p.dataAccess = query.value(3).toString();
            out << p;
        }
        if (query.value(4).isNull())
            continue;
        ProcedureParameter param;
        param.name = query.value(5).toString();
        param.type = query.value(7).toString();
        param.mode = query.value(6).isNull() ? u"in"_s : query.value(6).toString();
        out.last().parameters << param;
    }
    return out;
}

Result<CallPlan> MysqlDialect::callPlan(const Procedure &routine, const QString &schemaName,
                                        const QList<CallArgument> &arguments) const
{
    const QString name = quotedRoutineName(schemaName, routine.name);
    CallPlan plan;
    if (routine.kind == u"function"_s) {
        // MySQL has no named arguments or defaults: every parameter, in declared order.
        CallStep call;
        QStringList placeholders;
        for (const CallArgument &a : arguments) {
            placeholders << u"?"_s;
            call.binds << a.value;
        }
        call.sql = u"SELECT "_s + name + u'(' + placeholders.join(u", "_s) + u") AS "_s
            + quoteIdentifier(routine.name);
        plan.steps << call;
        return plan;
    }
    // A procedure: values go into session variables through a prepared SET, the CALL names only
    // the variables (prepared, QMYSQL would lose its result sets), and out parameters are read
    // back from the variables.
    CallStep set { CallStep::Role::Setup, {}, {}, true };
    CallStep call { CallStep::Role::Call, {}, {}, false };
    CallStep read { CallStep::Role::Out, {}, {}, false };
    CallStep clear { CallStep::Role::Cleanup, {}, {}, false };
    QStringList assignments, variables, outs, resets;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const CallArgument &a = arguments.at(i);
        const QString variable = u"@sluice_arg_%1"_s.arg(i + 1);
        variables << variable;
        resets << variable + u" = NULL"_s;
        if (a.given) {
            assignments << variable + u" = ?"_s;
            set.binds << a.value;
        } else {
            assignments << variable + u" = NULL"_s;
        }
        if (a.parameter.mode != u"in"_s)
            outs << variable + u" AS "_s + quoteIdentifier(a.parameter.name);
    }
    if (!assignments.isEmpty()) {
        set.sql = u"SET "_s + assignments.join(u", "_s);
        plan.steps << set;
    }
    call.sql = u"CALL "_s + name + u'(' + variables.join(u", "_s) + u')';
    plan.steps << call;
    if (!outs.isEmpty()) {
        read.sql = u"SELECT "_s + outs.join(u", "_s);
        plan.steps << read;
    }
    if (!resets.isEmpty()) {
        clear.sql = u"SET "_s + resets.join(u", "_s);
        plan.steps << clear;
    }
    return plan;
}

} // namespace sluice

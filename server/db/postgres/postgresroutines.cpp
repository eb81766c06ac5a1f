// PostgresDialect's routines: functions (plain, set-returning, with OUT parameters) and
// procedures, read from pg_proc one row per parameter, and the statements that call them.
#include "db/postgres/postgresdialect.h"
#include "db/sql/procedurecall.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

QString PostgresDialect::stringLiteral(QStringView text) const
{
    // With standard_conforming_strings off (a server setting) a backslash in '…' escapes; an
    // E'…' literal reads backslashes the same way whatever the setting, so one is used then.
    if (!text.contains(u'\\'))
        return Dialect::stringLiteral(text);
    return u'E' + enclosed(text, u'\'', u'\'', true);
}

Result<QList<Procedure>> PostgresDialect::routines(QSqlDatabase &db,
                                                   const QString &schemaName) const
{
    const QString nspname = schemaName.isEmpty() ? u"public"_s : schemaName;
    // Functions and procedures of the schema, without aggregates, window and trigger functions
    // and without those of extensions. proallargtypes/proargmodes exist only when there are out
    // parameters; otherwise every parameter is an input. The last pronargdefaults inputs have
    // defaults.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(
            u"SELECT p.oid, p.proname, p.prokind, pg_catalog.format_type(p.prorettype, NULL),"
            " p.proretset, p.pronargs, p.pronargdefaults, a.ord,"
            " COALESCE(p.proargnames[a.ord], ''), COALESCE(p.proargmodes[a.ord], 'i'),"
            " pg_catalog.format_type(a.type, NULL)"
            " FROM pg_catalog.pg_proc p"
            " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            " LEFT JOIN LATERAL unnest(COALESCE(p.proallargtypes,"
            "  p.proargtypes::pg_catalog.oid[])) WITH ORDINALITY AS a(type, ord) ON true"
            " WHERE n.nspname = ? AND p.prokind IN ('f', 'p')"
            " AND p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype"
            " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep"
            "  WHERE dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
            "  AND dep.objid = p.oid AND dep.deptype = 'e')"
            " ORDER BY p.proname, p.oid, a.ord"_s))
        return classify(query.lastError(), db);
    query.addBindValue(nspname);
    if (!query.exec())
        return classify(query.lastError(), db);

    QList<Procedure> out;
    QList<int> inputsWithoutDefault; // per routine: inputs before the first defaulted one
    qint64 currentOid = -1;
    int inputsSeen = 0;
    while (query.next()) {
        const qint64 oid = query.value(0).toLongLong();
        if (oid != currentOid) {
            currentOid = oid;
            inputsSeen = 0;
            Procedure p;
            p.name = query.value(1).toString();
            const bool procedure = query.value(2).toString() == u"p"_s;
            p.kind = procedure ? u"procedure"_s : u"function"_s;
            if (!procedure) {
                p.returnType = query.value(3).toString();
                p.returnsSet = query.value(4).toBool();
            }
            out << p;
            inputsWithoutDefault << query.value(5).toInt() - query.value(6).toInt();
        }
        if (query.value(7).isNull())
            continue; // no parameters
        ProcedureParameter param;
        // An unnamed parameter is named by its position, as PostgreSQL's own $1 would.
        param.name = query.value(8).toString();
        if (param.name.isEmpty())
            param.name = u"$"_s + QString::number(query.value(7).toInt());
        param.type = query.value(10).toString();
        const QString mode = query.value(9).toString();
        // i in, o out, b inout, v variadic (an input), t a column of RETURNS TABLE (an output).
        param.mode = mode == u"o"_s || mode == u"t"_s ? u"out"_s
            : mode == u"b"_s                          ? u"inout"_s
                                                      : u"in"_s;
        if (param.mode != u"out"_s) {
            param.hasDefault = inputsSeen >= inputsWithoutDefault.constLast();
            ++inputsSeen;
        }
        out.last().parameters << param;
    }
    return out;
}

Result<CallPlan> PostgresDialect::callPlan(const Procedure &routine, const QString &schemaName,
                                           const QList<CallArgument> &arguments) const
{
    const QString name = quotedRoutineName(schemaName, routine.name);
    const bool procedure = routine.kind == u"procedure"_s;
    // Named notation (a => …) lets defaulted parameters be left out anywhere; unnamed parameters
    // can only be passed by position, so then every input is, in order.
    const bool positional =
        std::any_of(arguments.cbegin(), arguments.cend(), [](const CallArgument &a) {
            return a.parameter.name.startsWith(u'$') && a.parameter.mode != u"out"_s;
        });
    CallPlan plan;
    QStringList args;
    QVariantList binds;
    int settings = 0;
    for (const CallArgument &a : arguments) {
        const bool out = a.parameter.mode == u"out"_s;
        if (out && !procedure)
            continue; // a function's out parameters are its result columns
        if (!a.given && !out) {
            if (!positional)
                continue;
            // By position only trailing defaults can be left out.
            const qsizetype i = &a - arguments.constData();
            if (std::any_of(arguments.cbegin() + i, arguments.cend(),
                            [](const CallArgument &later) { return later.given; }))
                return Error::badRequest(
                    u"'%1' has unnamed parameters, passed by position: give '%2' too"_s.arg(
                        routine.name, a.parameter.name));
            break;
        }
        QString value;
        if (out || a.value.isNull()) {
            value = u"NULL"_s; // a procedure's out parameters are passed as NULL
        } else if (!procedure) {
            // Cast to the declared type: the value is typed, and among overloads the one whose
            // parameter names matched is the one called.
            value = u"?::"_s + a.parameter.type;
            binds << a.value;
        } else {
            // CALL cannot be prepared, so its values travel through session settings that a
            // prepared statement sets.
            const QString setting = u"sluice.arg_%1"_s.arg(++settings);
            CallStep set;
            set.role = CallStep::Role::Setup;
            set.sql = u"SELECT pg_catalog.set_config('%1', ?, false)"_s.arg(setting);
            set.binds << (a.value.typeId() == QMetaType::Bool
                              ? QVariant(a.value.toBool() ? u"true"_s : u"false"_s)
                              : QVariant(a.value.toString()));
            plan.steps << set;
            value = u"pg_catalog.current_setting('%1')::"_s.arg(setting) + a.parameter.type;
        }
        args << (positional ? value : quoteIdentifier(a.parameter.name) + u" => "_s + value);
    }
    CallStep call;
    if (procedure) {
        call.sql = u"CALL "_s + name + u'(' + args.join(u", "_s) + u')';
        call.prepared = false;
        plan.callRowsAreOut = true;
    } else if (routine.returnType == u"void"_s) {
        call.sql = u"SELECT "_s + name + u'(' + args.join(u", "_s) + u')';
        plan.discardRows = true;
    } else {
        call.sql = u"SELECT * FROM "_s + name + u'(' + args.join(u", "_s) + u')';
    }
    call.binds = binds;
    plan.steps << call;
    if (settings > 0) {
        CallStep clear;
        clear.role = CallStep::Role::Cleanup;
        QStringList resets;
        for (int i = 1; i <= settings; ++i)
            resets << u"pg_catalog.set_config('sluice.arg_%1', '', false)"_s.arg(i);
        clear.sql = u"SELECT "_s + resets.join(u", "_s);
        clear.prepared = false;
        plan.steps << clear;
    }
    return plan;
}

} // namespace sluice

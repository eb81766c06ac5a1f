#include "db/sql/procedurecall.h"

#include "core/envelopewriter.h"
#include "db/rowwriter.h"
#include "db/transaction.h"
#include "db/valuecoercion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

Result<QList<Procedure>> Dialect::routines(QSqlDatabase &, const QString &) const
{
    return QList<Procedure>();
}

Result<CallPlan> Dialect::callPlan(const Procedure &routine, const QString &,
                                   const QList<CallArgument> &) const
{
    return Error::notImplemented(
        u"Calling '%1' is not supported on %2 services"_s.arg(routine.name, name()));
}

namespace {

bool isInput(const ProcedureParameter &p)
{
    return p.mode != u"out"_s;
}

// Why `routine` cannot take `names`, or empty when it can.
QString mismatch(const Procedure &routine, const QStringList &names)
{
    for (const QString &name : names) {
        const auto it = std::find_if(routine.parameters.cbegin(), routine.parameters.cend(),
                                     [&](const ProcedureParameter &p) { return p.name == name; });
        if (it == routine.parameters.cend())
            return u"unknown parameter '%1'"_s.arg(name);
        if (!isInput(*it))
            return u"'%1' is an out parameter and takes no value"_s.arg(name);
    }
    for (const ProcedureParameter &p : routine.parameters) {
        if (p.mode == u"in"_s && !p.hasDefault && !names.contains(p.name))
            return u"missing required parameter '%1'"_s.arg(p.name);
    }
    return QString();
}

} // namespace

Result<std::pair<const Procedure *, QList<CallArgument>>>
bindCallArguments(const QList<const Procedure *> &overloads, const QJsonObject &values)
{
    const QStringList names = values.keys();
    const Procedure *chosen = nullptr;
    QString why;
    for (const Procedure *routine : overloads) {
        const QString problem = mismatch(*routine, names);
        if (problem.isEmpty()) {
            if (chosen) {
                return Error::badRequest(
                    u"'%1' has several versions that take these parameters; name more of them"_s
                        .arg(routine->name));
            }
            chosen = routine;
        } else if (why.isEmpty()) {
            why = problem;
        }
    }
    if (!chosen) {
        Error e =
            Error::badRequest(u"Cannot call '%1': %2"_s.arg(overloads.constFirst()->name, why));
        e.context.insert(u"procedure"_s, overloads.constFirst()->name);
        return e;
    }
    QList<CallArgument> arguments;
    for (const ProcedureParameter &p : chosen->parameters) {
        CallArgument a;
        a.parameter = p;
        a.given = values.contains(p.name) && isInput(p);
        if (a.given) {
            auto value = bindableUntyped(values.value(p.name), u"parameter '%1'"_s.arg(p.name));
            if (!value)
                return value.error();
            a.value = *value;
        }
        arguments << a;
    }
    return std::pair { chosen, arguments };
}

Result<qint64> runCall(QSqlDatabase &db, const Dialect &dialect, const CallPlan &plan,
                       bool readOnly, JsonWriter &w)
{
    std::optional<TransactionGuard> tx; // never committed: see the header
    if (readOnly) {
        tx.emplace(db);
        if (!tx->active())
            return dialect.classify(db.lastError(), db);
    }
    const auto runStep = [&](QSqlQuery &query, const CallStep &step) -> Status {
        query.setForwardOnly(true);
        query.setNumericalPrecisionPolicy(QSql::HighPrecision);
        bool ok = false;
        if (step.prepared) {
            ok = query.prepare(step.sql);
            for (qsizetype i = 0; ok && i < step.binds.size(); ++i)
                query.bindValue(int(i), step.binds.at(i));
            ok = ok && query.exec();
        } else {
            ok = query.exec(step.sql);
        }
        if (!ok)
            return dialect.classify(query.lastError(), db);
        return {};
    };

    QByteArray out; // the out parameters, as a JSON object
    qint64 rows = 0;
    Status failure;
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const CallStep &step : plan.steps) {
        if (step.role == CallStep::Role::Cleanup)
            continue;
        QSqlQuery query(db);
        if (Status s = runStep(query, step); !s) {
            failure = s;
            break;
        }
        const bool isOut = step.role == CallStep::Role::Out
            || (step.role == CallStep::Role::Call && plan.callRowsAreOut);
        if (step.role == CallStep::Role::Setup || !query.isSelect())
            continue;
        const RowWriter writer(untypedColumns(query.record()));
        if (isOut) {
            if (query.next() && !writer.columns().isEmpty()) {
                JsonWriter outWriter(out);
                writer.writeRow(outWriter, query);
            }
        } else if (!plan.discardRows) {
            while (query.next()) {
                writer.writeRow(w, query);
                ++rows;
            }
        }
        // Further result sets of a MySQL procedure are read and dropped with the query.
    }
    for (const CallStep &step : plan.steps) {
        if (step.role == CallStep::Role::Cleanup) {
            QSqlQuery query(db);
            (void)runStep(query, step);
        }
    }
    if (!failure)
        return failure.error();
    envelope.endResource();
    if (!out.isEmpty()) {
        w.key("out");
        w.raw(out);
    }
    envelope.endWithCount(rows);
    return rows;
}

} // namespace sluice

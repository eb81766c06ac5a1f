#pragma once

#include "api/routescope.h"
#include "api/table/tableaccess.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QVariantList>

namespace sluice {

class Connection;

// One table named in related=, linked to the read's table by a one-column foreign key in either
// direction, and authorized for GET exactly like a direct read of it (its role's row filter
// applies to the embedded rows).
struct Relation
{
    QString name; // the related table: the key its rows appear under
    AuthorizedTable access;
    bool toMany = false; // the related table references the read's table
    QString localColumn; // the read's column holding the link value
    QString remoteColumn; // the related table's column matched against it
};

// Resolves related=a,b for `table` of `service`. 400 when a name is not linked to the table, is
// linked more than once (ambiguous), or through a composite key, or clashes with a column name;
// 403/404 as a direct read of that table would be.
Result<QList<Relation>> resolveRelations(ServiceRegistry &registry, const Call &call,
                                         const QString &service, const Table &table,
                                         const QStringList &names);

// The rows of one relation for a page, as JSON, grouped by link value (QVariant::toString()):
// to-one relations hold one object per value, to-many an array of at most `perParent` objects.
class RelatedRows
{
public:
    static Result<RelatedRows> fetch(Connection &connection, const Relation &relation,
                                     const QVariantList &linkValues, int perParent);

    // The JSON to embed for a parent row with this link value: an object or null (to-one), an
    // array (to-many).
    QByteArray jsonFor(const QVariant &linkValue) const;

private:
    bool m_toMany = false;
    QHash<QString, QByteArray> m_rows; // to-one: "{…}"; to-many: "{…},{…}" without brackets
};

} // namespace sluice

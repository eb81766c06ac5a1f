#include "db/rowcursor.h"

#include "core/jsonwriter.h"
#include "db/connection.h"
#include "db/rowwriter.h"

#include <QSqlError>
#include <QSqlQuery>

namespace sluice {

void RowCursor::writeRow(JsonWriter &writer, const RowWriter &row) const
{
    writer.beginObject();
    writeFields(writer, row);
    writer.endObject();
}

bool QueryCursor::next()
{
    return m_query.next();
}

QVariant QueryCursor::value(int index) const
{
    return m_query.value(index);
}

void QueryCursor::writeFields(JsonWriter &writer, const RowWriter &row) const
{
    row.writeFields(writer, m_query);
}

Status QueryCursor::finish()
{
    // exec() clears the error, so one here came from fetching a row.
    const QSqlError error = m_query.lastError();
    m_query.finish();
    if (error.type() != QSqlError::NoError)
        return m_connection.failed(error);
    return {};
}

} // namespace sluice

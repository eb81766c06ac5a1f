#include "api/ndjsonstream.h"

#include "core/logging.h"

#include <QSqlError>

namespace sluice {

NdjsonStream::NdjsonStream(ConnectionLease lease, QSqlQuery *query, QList<OutputColumn> columns,
                           ServiceHandle service)
    : m_service(std::move(service))
    , m_lease(std::move(lease))
    , m_query(query)
    , m_rows(columns)
{
}

NdjsonStream::~NdjsonStream()
{
    m_query->finish(); // release the cursor before the connection goes back to the pool
}

bool NdjsonStream::next(QByteArray &out, qsizetype budget)
{
    JsonWriter writer(out);
    while (out.size() < budget) {
        if (!m_query->next()) {
            if (m_query->lastError().isValid()) {
                qCWarning(lcDb).noquote()
                    << "export failed mid-stream:" << m_query->lastError().text();
                m_failed = true;
            }
            return false;
        }
        writer.resetSeparator();
        m_rows.writeRow(writer, *m_query);
        out.append('\n');
    }
    return true;
}

} // namespace sluice

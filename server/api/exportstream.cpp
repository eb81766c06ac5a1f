#include "api/exportstream.h"

#include "core/logging.h"

#include <QSqlError>

namespace sluice {

ExportStream::ExportStream(ExportFormat format, ConnectionLease lease, QSqlQuery *query,
                           const QList<OutputColumn> &columns, ServiceHandle service)
    : m_format(format)
    , m_service(std::move(service))
    , m_lease(std::move(lease))
    , m_query(query)
    , m_json(columns)
    , m_csv(columns)
{
}

ExportStream::~ExportStream()
{
    m_query->finish(); // release the cursor before the connection goes back to the pool
}

bool ExportStream::next(QByteArray &out, qsizetype budget)
{
    if (m_format == ExportFormat::Csv && !m_headerWritten) {
        m_csv.writeHeader(out);
        m_headerWritten = true;
    }
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
        if (m_format == ExportFormat::Csv) {
            m_csv.writeRow(out, *m_query);
            continue;
        }
        writer.resetSeparator();
        m_json.writeRow(writer, *m_query);
        out.append('\n');
    }
    return true;
}

} // namespace sluice

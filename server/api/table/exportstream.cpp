#include "api/table/exportstream.h"

#include "core/logging.h"

namespace sluice {

ExportStream::ExportStream(ExportFormat format, ConnectionLease lease,
                           std::unique_ptr<RowCursor> rows, const QList<OutputColumn> &columns,
                           ServiceHandle service)
    : m_format(format)
    , m_service(std::move(service))
    , m_lease(std::move(lease))
    , m_rows(std::move(rows))
    , m_json(columns)
    , m_csv(columns)
{
}

ExportStream::~ExportStream()
{
    if (!m_finished)
        (void)m_rows->finish(); // release the cursor before the connection goes back to the pool
}

bool ExportStream::next(QByteArray &out, qsizetype budget)
{
    if (m_format == ExportFormat::Csv && !m_headerWritten) {
        m_csv.writeHeader(out);
        m_headerWritten = true;
    }
    JsonWriter writer(out);
    while (out.size() < budget) {
        if (!m_rows->next()) {
            m_finished = true;
            if (Status s = m_rows->finish(); !s) {
                qCWarning(lcDb).noquote() << "export failed mid-stream:" << s.error().message;
                m_failed = true;
            }
            return false;
        }
        if (m_format == ExportFormat::Csv) {
            m_csv.writeRow(out, *m_rows);
            continue;
        }
        writer.resetSeparator();
        m_rows->writeRow(writer, m_json);
        out.append('\n');
    }
    return true;
}

} // namespace sluice

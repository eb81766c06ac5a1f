#pragma once

#include "db/connectionpool.h"
#include "db/csvrowwriter.h"
#include "db/rowcursor.h"
#include "db/rowwriter.h"
#include "http/httpreply.h"

namespace sluice {

enum class ExportFormat {
    Ndjson, // application/x-ndjson: one JSON object per line
    Csv, // text/csv: a header line, then one line per row
};

// Streams the rows of an executed read, pulling rows only as fast as the client reads. Owns the
// connection until the last row.
class ExportStream : public BodyStream
{
public:
    ExportStream(ExportFormat format, ConnectionLease lease, std::unique_ptr<RowCursor> rows,
                 const QList<OutputColumn> &columns, ServiceHandle service);
    ~ExportStream() override;

    bool next(QByteArray &out, qsizetype budget) override;
    bool failed() const override { return m_failed; }

private:
    ExportFormat m_format;
    ServiceHandle m_service; // keeps the schema the columns came from alive
    ConnectionLease m_lease;
    std::unique_ptr<RowCursor> m_rows; // declared after the lease: gone before the connection
    RowWriter m_json;
    CsvRowWriter m_csv;
    bool m_headerWritten = false;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace sluice

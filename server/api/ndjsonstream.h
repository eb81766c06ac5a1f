#pragma once

#include "db/connectionpool.h"
#include "db/rowwriter.h"
#include "http/httpreply.h"

namespace sluice {

// Streams the rows of an executed forward-only query as NDJSON, one JSON object per line,
// pulling rows only as fast as the client reads. Owns the connection until the last row.
class NdjsonStream : public BodyStream
{
public:
    NdjsonStream(ConnectionLease lease, QSqlQuery *query, QList<OutputColumn> columns,
                 ServiceHandle service);
    ~NdjsonStream() override;

    bool next(QByteArray &out, qsizetype budget) override;
    bool failed() const override { return m_failed; }

private:
    ServiceHandle m_service; // keeps the schema the columns came from alive
    ConnectionLease m_lease;
    QSqlQuery *m_query;
    RowWriter m_rows;
    bool m_failed = false;
};

} // namespace sluice

#pragma once

#include <postgres_ext.h>

namespace sluice {

// The type OIDs Sluice's own libpq code tells apart (PostgreSQL's pg_type.dat; built-in types'
// OIDs never change), named as Qt 6.4's QPSQL names them where it decodes them
// (qDecodePSQLType).
enum PgTypeOid : Oid {
    BoolOid = 16,
    ByteaOid = 17,
    Int8Oid = 20,
    Int2Oid = 21,
    Int4Oid = 23,
    RegprocOid = 24,
    TextOid = 25,
    XidOid = 28,
    CidOid = 29,
    Float4Oid = 700,
    Float8Oid = 701,
    AbstimeOid = 702,
    ReltimeOid = 703,
    BpcharOid = 1042,
    VarcharOid = 1043,
    DateOid = 1082,
    TimeOid = 1083,
    TimestampOid = 1114,
    TimestamptzOid = 1184,
    TimetzOid = 1266,
    NumericOid = 1700,
    QpsqlOidOid = 2278, // QPSQL's "QOIDOID" (really void's OID; oid itself is text to QPSQL)
};

} // namespace sluice

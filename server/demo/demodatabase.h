#pragma once

#include "config/serviceconfig.h"
#include "core/result.h"

#include <QString>

namespace sluice {

// Creates the demo bookshop (authors, books, customers, orders, order_items and the book_sales
// view) as an SQLite file at `path`, unless something already exists there, which is left
// untouched. The file is built as `path` + ".tmp" and renamed into place, so an interrupted
// creation never leaves a half-built database behind. The content is the same on every run.
Status ensureDemoDatabase(const QString &path);

// The "demo" service on that database in `dataDir`, with raw SQL allowed (the demo role may read
// with it: see runtime/demokey.cpp).
ServiceConfig demoServiceConfig(const QString &dataDir);

} // namespace sluice

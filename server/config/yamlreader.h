#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

namespace sluice {

// One scalar of a YAML file, addressed by its dotted path ("server.port").
struct YamlScalar
{
    QString path;
    QString value; // unquoted and unescaped
    int line = 0; // 1-based
    // The key holds a block sequence of mappings ("- issuer: …" items of "key: value" lines),
    // and `value` is it as a compact JSON array of objects whose values are strings, so a
    // setting that takes a JSON list reads it as if it had been written as JSON.
    bool list = false;
};

// Reads the small YAML subset that sluice.yaml may use: nested mappings by indentation (spaces
// only), scalars plain, 'single-' or "double-quoted", comments with #, blank lines, one
// leading "---", and a key's value written as a block sequence of flat mappings:
//
//     issuers:
//       - issuer: https://idp.example.com/realms/acme
//         audience: sluice
//
// (the dash may also sit at the key's own indentation). Everything else (lists of scalars or
// of nested mappings, flow collections, anchors, tags, multi-line strings, dotted or quoted keys,
// duplicate keys, null) is a BadRequest whose message names the line:
// "sluice.yaml:7: flow collections ([…], {…}) are not supported". Values stay strings; the
// caller types them.
//
// A full YAML parser would be a dependency for fifteen keys; a subset that fails loudly on
// anything it does not know keeps a real YAML file and our reading of it in agreement.
Result<QList<YamlScalar>> readYamlSubset(const QString &text, const QString &sourceName);

} // namespace sluice

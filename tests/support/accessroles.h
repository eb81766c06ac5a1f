#pragma once

#include "auth/accessrole.h"
#include "auth/principal.h"

#include <QStringList>

#include <memory>

namespace sluice::test {

// A role made in memory from --access specs ("SERVICE:COMPONENT:VERBS[:FILTER]"), as the role
// store would load it; a spec that does not parse stops the test.
inline std::shared_ptr<AccessRole> accessRole(const QString &name, const QStringList &specs)
{
    auto r = std::make_shared<AccessRole>();
    r->id = 7;
    r->name = name;
    for (const QString &spec : specs) {
        auto rule = parseAccessSpec(spec);
        if (!rule)
            qFatal("bad spec %s: %s", qPrintable(spec), qPrintable(rule.error().message));
        r->rules.append(*rule);
    }
    return r;
}

// The principal of API key 42 (prefix sluice_0123abcd) labelled `label`, holding `role`.
inline Principal apiKeyPrincipal(std::shared_ptr<AccessRole> role, const QString &label)
{
    Principal p;
    p.kind = Principal::Kind::ApiKey;
    p.keyId = 42;
    p.keyLabel = label;
    p.keyPrefix = QStringLiteral("sluice_0123abcd");
    p.role = std::move(role);
    return p;
}

} // namespace sluice::test

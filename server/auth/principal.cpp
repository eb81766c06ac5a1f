#include "auth/principal.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString Principal::actor() const
{
    switch (kind) {
    case Kind::Admin: return u"admin:"_s + email;
    case Kind::ApiKey:
        if (!issuer.isEmpty())
            return u"jwt:"_s + issuer + u'#' + subject;
        return u"key:"_s + keyPrefix;
    case Kind::Anonymous: break;
    }
    return u"anonymous"_s;
}

} // namespace sluice

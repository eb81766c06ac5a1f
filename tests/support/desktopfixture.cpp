#include "desktopfixture.h"

#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace sluice::test {

QString DesktopFixture::open()
{
    if (!m_dir.isValid())
        return u"no temporary directory"_s;
    qputenv("SLUICE_SECRETS_BACKEND", "file");
    // The app keeps per-user choices (theme, start the API on launch) in QSettings: a test's
    // go to Qt's test location, never to the user's own settings.
    QStandardPaths::setTestModeEnabled(true);
    auto core = DesktopCore::open(m_dir.filePath(u"data"_s));
    if (!core)
        return core.error().message;
    m_core = std::move(*core);
    m_app = std::make_unique<AppController>(*m_core);
    return {};
}

void DesktopFixture::close()
{
    m_app.reset(); // before the core it points to
    m_core.reset();
}

} // namespace sluice::test

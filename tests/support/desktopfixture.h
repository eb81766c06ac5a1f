#pragma once

#include "gui/appcontroller.h"
#include "gui/desktopcore.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace sluice {
class SchemaBrowser;
}

namespace sluice::test {

// The desktop app's core over a temporary directory, opened as sluice-desktop's main() opens
// it, with the App singleton through which the view-models reach it. Secrets go to a file: a
// test machine has no keychain.
class DesktopFixture
{
public:
    // Opens the data directory <temporary>/data: empty, or why it could not. After close(),
    // opens it again as a relaunched app would.
    QString open();
    void close();

    // A file in the temporary directory (beside the data directory).
    QString path(const QString &name) const { return m_dir.filePath(name); }
    AppController &app() { return *m_app; }

    // Makes <temporary>/<name>.sqlite with `statements` and adds it as the connection `name`
    // through ConnectionListModel, as the connections page does (raw SQL on when `rawSql`),
    // waiting for the answer: empty, or what failed.
    QString addSqliteConnection(const QString &name, const QStringList &statements,
                                bool rawSql = false);
    // A schema browser on the connection `service`, once it has loaded; null when it did not.
    std::unique_ptr<SchemaBrowser> loadSchema(const QString &service) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopCore> m_core;
    std::unique_ptr<AppController> m_app;
};

} // namespace sluice::test

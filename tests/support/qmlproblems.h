#pragma once

#include <QStringList>
#include <QtGlobal>

namespace sluice::test {

// While it lives, collects the warnings and errors Qt logs that name a qrc:/ file (what QML
// reported while building or running a page) instead of printing them; the handler it replaced
// comes back when it goes. One at a time.
class QmlProblems
{
public:
    QmlProblems();
    ~QmlProblems();
    QmlProblems(const QmlProblems &) = delete;
    QmlProblems &operator=(const QmlProblems &) = delete;

    // Those collected so far, one a line: empty when there were none.
    QString text() const;
    bool isEmpty() const;
    void clear();

private:
    QtMessageHandler m_previous;
};

} // namespace sluice::test

#include "arrow/arrowschema.h"

#include <QTest>

class TestArrowIpc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placeholder() { }
};

QTEST_GUILESS_MAIN(TestArrowIpc)
#include "tst_arrowipc.moc"

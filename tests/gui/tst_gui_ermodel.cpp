// The schema's ER diagram and the schema page's links, over a real SQLite database through the
// in-process API: boxes and lines for every table and foreign key, a layout that never overlaps
// and puts referenced tables left of the tables that reference them, the same every time; the
// page's foreign-key and "referenced by" links select the table they name, the diagram's boxes
// select a table and a double click asks to open its rows.
#include "desktopfixture.h"
#include "gui/ermodel.h"
#include "gui/schemabrowser.h"
#include "qmlproblems.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRectF>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Sluice_GuiPlugin)
Q_IMPORT_QML_PLUGIN(Sluice_AppPlugin)

using namespace Qt::StringLiterals;

namespace {

QRectF boxOf(const QJsonObject &table)
{
    return { table[u"x"_s].toDouble(), table[u"y"_s].toDouble(), table[u"width"_s].toDouble(),
             table[u"height"_s].toDouble() };
}

QJsonObject tableNamed(const sluice::ErModel &model, const QString &name)
{
    const int row = model.indexOf(name);
    return row < 0 ? QJsonObject() : const_cast<sluice::ErModel &>(model).tables()->at(row);
}

// "from.column>to.column" for each line.
QStringList edgeNames(sluice::ErModel &model)
{
    QStringList names;
    for (int i = 0; i < model.edges()->count(); ++i) {
        const QJsonObject e = model.edges()->at(i);
        names << e[u"from_table"_s].toString() + u'.' + e[u"from_column"_s].toString() + u'>'
                + e[u"to_table"_s].toString() + u'.' + e[u"to_column"_s].toString();
    }
    return names;
}

// The first item under `root` whose objectName is `name` and that `accept`s.
QQuickItem *findItem(QQuickItem *root, const QString &name,
                     const std::function<bool(QQuickItem *)> &accept = {})
{
    for (QQuickItem *child : root->childItems()) {
        if (child->objectName() == name && (!accept || accept(child)))
            return child;
        if (QQuickItem *found = findItem(child, name, accept))
            return found;
    }
    return nullptr;
}

QPoint centreOf(QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
}

} // namespace

class TestGuiErModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void boxesAndLinesForEveryTableAndKey();
    void boxesNeverOverlap();
    void referencedTablesStandLeft();
    void linesMeetTheirBoxesAtTheirColumns();
    void linesPassBetweenBoxes();
    void selfReferenceAndKeylessTables();
    void sameSchemaSameLayout();
    void manyTablesWrapIntoColumns();
    void cycleOfKeys();
    void schemaListsUniquesAndIncomingKeys();
    void pageLinksSelectTheTable();

private:
    sluice::test::DesktopFixture m_desktop;
    std::unique_ptr<sluice::SchemaBrowser> m_schema;
    std::unique_ptr<sluice::ErModel> m_model;
};

void TestGuiErModel::initTestCase()
{
    QQuickStyle::setStyle(u"Universal"_s); // as sluice-desktop's main() does
    QCOMPARE(m_desktop.open(), QString());
    // A shop: a chain countries < customers < orders < order_items > products, reviews of an
    // order item (a key of two columns) by a customer three columns left of it, a
    // self-referencing employees table, and two tables with no foreign key (log has no key at all).
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"shop"_s,
                 { u"CREATE TABLE countries (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"_s,
                   u"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, "
                   "email TEXT NOT NULL UNIQUE, "
                   "country_id INTEGER REFERENCES countries(id))"_s,
                   u"CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TEXT, "
                   "customer_id INTEGER NOT NULL REFERENCES customers(id))"_s,
                   u"CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT)"_s,
                   u"CREATE TABLE order_items (order_id INTEGER REFERENCES orders(id), "
                   "product_id INTEGER REFERENCES products(id), qty INTEGER, "
                   "PRIMARY KEY (order_id, product_id))"_s,
                   u"CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT, "
                   "manager_id INTEGER REFERENCES employees(id))"_s,
                   u"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)"_s,
                   u"CREATE TABLE log (at TEXT, message TEXT)"_s,
                   u"CREATE TABLE reviews (id INTEGER PRIMARY KEY, stars INTEGER, "
                   "customer_id INTEGER REFERENCES customers(id), order_id INTEGER, "
                   "product_id INTEGER, FOREIGN KEY (order_id, product_id) "
                   "REFERENCES order_items(order_id, product_id))"_s,
                   u"CREATE UNIQUE INDEX orders_placed_customer ON orders "
                   "(customer_id, placed)"_s }),
             QString());
    m_schema = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(m_schema);
    QCOMPARE(m_schema->error(), QString());
    m_model = std::make_unique<sluice::ErModel>();
    m_model->setSchema(m_schema.get());
}

void TestGuiErModel::cleanupTestCase()
{
    m_model.reset();
    m_schema.reset();
    m_desktop.close();
}

void TestGuiErModel::boxesAndLinesForEveryTableAndKey()
{
    QCOMPARE(m_model->tables()->count(), 9);
    QStringList edges = edgeNames(*m_model);
    edges.sort();
    QCOMPARE(edges,
             QStringList(
                 { u"customers.country_id>countries.id"_s, u"employees.manager_id>employees.id"_s,
                   u"order_items.order_id>orders.id"_s, u"order_items.product_id>products.id"_s,
                   u"orders.customer_id>customers.id"_s, u"reviews.customer_id>customers.id"_s,
                   u"reviews.order_id>order_items.order_id"_s }));
    // A box lists its columns in order with their types and key marks.
    const QJsonArray columns = tableNamed(*m_model, u"order_items"_s)[u"columns"_s].toArray();
    QCOMPARE(columns.size(), 3);
    QCOMPARE(columns[0][u"name"_s].toString(), u"order_id"_s);
    QCOMPARE(columns[0][u"type"_s].toString(), u"INTEGER"_s);
    QVERIFY(columns[0][u"pk"_s].toBool() && columns[0][u"fk"_s].toBool());
    QVERIFY(columns[1][u"pk"_s].toBool() && columns[1][u"fk"_s].toBool());
    QVERIFY(!columns[2][u"pk"_s].toBool() && !columns[2][u"fk"_s].toBool());
    // Tall enough for every row.
    const QJsonObject orders = tableNamed(*m_model, u"orders"_s);
    QCOMPARE(orders[u"height"_s].toDouble(),
             m_model->headerHeight() + 3 * m_model->rowHeight() + 6);
}

void TestGuiErModel::boxesNeverOverlap()
{
    const QRectF diagram(0, 0, m_model->width(), m_model->height());
    for (int i = 0; i < m_model->tables()->count(); ++i) {
        const QRectF a = boxOf(m_model->tables()->at(i));
        QVERIFY2(diagram.contains(a), qPrintable(m_model->tables()->at(i)[u"name"_s].toString()));
        for (int j = i + 1; j < m_model->tables()->count(); ++j) {
            const QRectF b = boxOf(m_model->tables()->at(j));
            QVERIFY2(!a.intersects(b),
                     qPrintable(m_model->tables()->at(i)[u"name"_s].toString() + u" and "_s
                                + m_model->tables()->at(j)[u"name"_s].toString()));
        }
    }
}

void TestGuiErModel::referencedTablesStandLeft()
{
    for (int i = 0; i < m_model->edges()->count(); ++i) {
        const QJsonObject edge = m_model->edges()->at(i);
        if (edge[u"self"_s].toBool())
            continue;
        const QRectF from = boxOf(tableNamed(*m_model, edge[u"from_table"_s].toString()));
        const QRectF to = boxOf(tableNamed(*m_model, edge[u"to_table"_s].toString()));
        QVERIFY2(to.right() < from.left(), qPrintable(edgeNames(*m_model).at(i)));
    }
    // A chain of four keys is four columns: countries, customers, orders, order_items.
    const auto column = [this](const QString &name) {
        return tableNamed(*m_model, name)[u"column"_s].toInt();
    };
    QCOMPARE(column(u"countries"_s), 0);
    QCOMPARE(column(u"customers"_s), 1);
    QCOMPARE(column(u"orders"_s), 2);
    QCOMPARE(column(u"order_items"_s), 3);
    QCOMPARE(column(u"reviews"_s), 4);
    QCOMPARE(column(u"products"_s), 0);
}

void TestGuiErModel::linesMeetTheirBoxesAtTheirColumns()
{
    for (int i = 0; i < m_model->edges()->count(); ++i) {
        const QJsonObject edge = m_model->edges()->at(i);
        const QJsonObject from = tableNamed(*m_model, edge[u"from_table"_s].toString());
        const QJsonObject to = tableNamed(*m_model, edge[u"to_table"_s].toString());
        const QJsonArray points = edge[u"points"_s].toArray();
        QVERIFY(points.size() >= 2);
        const QJsonObject first = points.first().toObject();
        const QJsonObject last = points.last().toObject();
        // On a box's left or right edge, at the middle of the column's row.
        const auto meets = [this](const QJsonObject &p, const QJsonObject &box,
                                  const QString &column) {
            const QRectF r = boxOf(box);
            qsizetype row = -1;
            const QJsonArray columns = box[u"columns"_s].toArray();
            for (qsizetype c = 0; c < columns.size(); ++c) {
                if (columns[c][u"name"_s].toString() == column)
                    row = c;
            }
            const qreal y = r.top() + m_model->headerHeight() + row * m_model->rowHeight()
                + m_model->rowHeight() / 2;
            return row >= 0
                && (p[u"x"_s].toDouble() == r.left() || p[u"x"_s].toDouble() == r.right())
                && p[u"y"_s].toDouble() == y;
        };
        QVERIFY2(meets(first, from, edge[u"from_column"_s].toString()),
                 qPrintable(edgeNames(*m_model).at(i)));
        QVERIFY2(meets(last, to, edge[u"to_column"_s].toString()),
                 qPrintable(edgeNames(*m_model).at(i)));
        // Straight runs only: each step changes x or y, not both.
        for (qsizetype p = 1; p < points.size(); ++p) {
            QVERIFY(points[p][u"x"_s].toDouble() == points[p - 1][u"x"_s].toDouble()
                    || points[p][u"y"_s].toDouble() == points[p - 1][u"y"_s].toDouble());
        }
    }
}

void TestGuiErModel::linesPassBetweenBoxes()
{
    // reviews.customer_id runs from column 4 to column 1: across orders' and order_items'
    // columns, never through a box (it would seem to end there). No line enters any box.
    for (int i = 0; i < m_model->edges()->count(); ++i) {
        const QJsonArray points = m_model->edges()->at(i)[u"points"_s].toArray();
        for (qsizetype p = 1; p < points.size(); ++p) {
            const QPointF a(points[p - 1][u"x"_s].toDouble(), points[p - 1][u"y"_s].toDouble());
            const QPointF b(points[p][u"x"_s].toDouble(), points[p][u"y"_s].toDouble());
            const QRectF run = QRectF(a, b).normalized();
            for (int t = 0; t < m_model->tables()->count(); ++t) {
                // The box's inside: a line may touch its edge, where it starts or ends.
                const QRectF inside = boxOf(m_model->tables()->at(t)).adjusted(1, 1, -1, -1);
                const bool crosses = run.left() < inside.right() && run.right() > inside.left()
                    && run.top() < inside.bottom() && run.bottom() > inside.top();
                QVERIFY2(!crosses,
                         qPrintable(edgeNames(*m_model).at(i) + u" through "_s
                                    + m_model->tables()->at(t)[u"name"_s].toString()));
            }
        }
    }
}

void TestGuiErModel::selfReferenceAndKeylessTables()
{
    // employees.manager_id references employees.id: a loop out of the box's right edge.
    const QStringList edges = edgeNames(*m_model);
    const int self = int(edges.indexOf(u"employees.manager_id>employees.id"_s));
    QVERIFY(self >= 0);
    const QJsonObject edge = m_model->edges()->at(self);
    QVERIFY(edge[u"self"_s].toBool());
    const QRectF box = boxOf(tableNamed(*m_model, u"employees"_s));
    for (const QJsonValue &p : edge[u"points"_s].toArray())
        QVERIFY(p[u"x"_s].toDouble() >= box.right() && p[u"x"_s].toDouble() <= m_model->width());
    // Tables linked to no other stand right of every linked one.
    const qreal linkedRight = boxOf(tableNamed(*m_model, u"reviews"_s)).right();
    for (const QString &name : { u"employees"_s, u"settings"_s, u"log"_s }) {
        const QJsonObject table = tableNamed(*m_model, name);
        QVERIFY2(!table.isEmpty(), qPrintable(name));
        QVERIFY2(boxOf(table).left() > linkedRight, qPrintable(name));
    }
    QCOMPARE(tableNamed(*m_model, u"log"_s)[u"columns"_s].toArray().size(), 2);
}

void TestGuiErModel::sameSchemaSameLayout()
{
    const auto snapshot = [](sluice::ErModel &model) {
        QJsonArray tables;
        QJsonArray edges;
        for (int i = 0; i < model.tables()->count(); ++i)
            tables.append(model.tables()->at(i));
        for (int i = 0; i < model.edges()->count(); ++i)
            edges.append(model.edges()->at(i));
        return QJsonDocument(QJsonArray { tables, edges }).toJson(QJsonDocument::Compact);
    };
    const QByteArray first = snapshot(*m_model);
    // Again from a fresh load of the same schema, by a second model.
    std::unique_ptr<sluice::SchemaBrowser> again = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(again);
    sluice::ErModel other;
    other.setSchema(again.get());
    QCOMPARE(snapshot(other), first);
    QCOMPARE(other.width(), m_model->width());
    QCOMPARE(other.height(), m_model->height());
    // A reload lays the same diagram out again.
    QSignalSpy laidOut(&other, &sluice::ErModel::laidOut);
    again->reload();
    QVERIFY(laidOut.wait());
    QCOMPARE(snapshot(other), first);
}

void TestGuiErModel::manyTablesWrapIntoColumns()
{
    QStringList statements;
    for (int i = 0; i < 24; ++i) {
        statements << u"CREATE TABLE t%1 (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)"_s.arg(
            i, 2, 10, QLatin1Char('0'));
    }
    QCOMPARE(m_desktop.addSqliteConnection(u"wide"_s, statements), QString());
    std::unique_ptr<sluice::SchemaBrowser> schema = m_desktop.loadSchema(u"wide"_s);
    QVERIFY(schema);
    sluice::ErModel model;
    model.setSchema(schema.get());
    QCOMPARE(model.tables()->count(), 24);
    QCOMPARE(model.edges()->count(), 0);
    // Not one column 24 boxes tall: several, side by side, none overlapping.
    QVERIFY(model.tables()->at(23)[u"column"_s].toInt() > 1);
    QVERIFY(model.height() < model.width() * 2);
    for (int i = 0; i < 24; ++i) {
        for (int j = i + 1; j < 24; ++j)
            QVERIFY(!boxOf(model.tables()->at(i)).intersects(boxOf(model.tables()->at(j))));
    }
}

void TestGuiErModel::cycleOfKeys()
{
    // teams.captain_id -> players, players.team_id -> teams: one of them must point right.
    QCOMPARE(m_desktop.addSqliteConnection(u"league"_s,
                                           { u"CREATE TABLE teams (id INTEGER PRIMARY KEY, "
                                             "captain_id INTEGER REFERENCES players(id))"_s,
                                             u"CREATE TABLE players (id INTEGER PRIMARY KEY, "
                                             "team_id INTEGER REFERENCES teams(id))"_s }),
             QString());
    std::unique_ptr<sluice::SchemaBrowser> schema = m_desktop.loadSchema(u"league"_s);
    QVERIFY(schema);
    sluice::ErModel model;
    model.setSchema(schema.get());
    QCOMPARE(model.tables()->count(), 2);
    QStringList edges = edgeNames(model);
    edges.sort();
    QCOMPARE(edges,
             QStringList({ u"players.team_id>teams.id"_s, u"teams.captain_id>players.id"_s }));
    const QRectF a = boxOf(model.tables()->at(0));
    const QRectF b = boxOf(model.tables()->at(1));
    QVERIFY(!a.intersects(b));
    // Each line leaves and enters a box on a side edge and stays inside the diagram.
    for (int i = 0; i < model.edges()->count(); ++i) {
        const QJsonArray points = model.edges()->at(i)[u"points"_s].toArray();
        const QJsonObject from =
            tableNamed(model, model.edges()->at(i)[u"from_table"_s].toString());
        const QJsonObject to = tableNamed(model, model.edges()->at(i)[u"to_table"_s].toString());
        const qreal startX = points.first()[u"x"_s].toDouble();
        const qreal endX = points.last()[u"x"_s].toDouble();
        QVERIFY(startX == boxOf(from).left() || startX == boxOf(from).right());
        QVERIFY(endX == boxOf(to).left() || endX == boxOf(to).right());
        for (const QJsonValue &p : points) {
            QVERIFY(p[u"x"_s].toDouble() > 0 && p[u"x"_s].toDouble() < model.width());
            QVERIFY(p[u"y"_s].toDouble() > 0 && p[u"y"_s].toDouble() < model.height());
        }
    }
}

void TestGuiErModel::schemaListsUniquesAndIncomingKeys()
{
    m_schema->setTable(u"customers"_s);
    // email's UNIQUE constraint, as a unique column and in the uniques list.
    QCOMPARE(m_schema->uniques()->count(), 1);
    QCOMPARE(m_schema->uniques()->at(0)[u"columns"_s].toString(), u"email"_s);
    for (int i = 0; i < m_schema->columns()->count(); ++i) {
        const QJsonObject column = m_schema->columns()->at(i);
        QCOMPARE(column[u"unique"_s].toBool(), column[u"name"_s].toString() == u"email"_s);
    }
    // orders.customer_id and reviews.customer_id reference it.
    QCOMPARE(m_schema->referencedBy()->count(), 2);
    QCOMPARE(m_schema->referencedBy()->at(0)[u"table"_s].toString(), u"orders"_s);
    QCOMPARE(m_schema->referencedBy()->at(0)[u"columns"_s].toString(), u"customer_id"_s);
    QCOMPARE(m_schema->referencedBy()->at(0)[u"ref_columns"_s].toString(), u"id"_s);
    QCOMPARE(m_schema->referencedBy()->at(1)[u"table"_s].toString(), u"reviews"_s);
    // A key of two columns, both ways.
    m_schema->setTable(u"order_items"_s);
    QCOMPARE(m_schema->referencedBy()->count(), 1);
    QCOMPARE(m_schema->referencedBy()->at(0)[u"columns"_s].toString(), u"order_id, product_id"_s);
    QCOMPARE(m_schema->referencedBy()->at(0)[u"ref_columns"_s].toString(),
             u"order_id, product_id"_s);
    // A unique index of two columns is listed, but makes neither column unique alone.
    m_schema->setTable(u"orders"_s);
    QCOMPARE(m_schema->uniques()->count(), 1);
    QCOMPARE(m_schema->uniques()->at(0)[u"columns"_s].toString(), u"customer_id, placed"_s);
    for (int i = 0; i < m_schema->columns()->count(); ++i)
        QVERIFY(!m_schema->columns()->at(i)[u"unique"_s].toBool());
    // employees references itself.
    m_schema->setTable(u"employees"_s);
    QCOMPARE(m_schema->referencedBy()->count(), 1);
    QCOMPARE(m_schema->referencedBy()->at(0)[u"table"_s].toString(), u"employees"_s);
}

void TestGuiErModel::pageLinksSelectTheTable()
{
    const sluice::test::QmlProblems problems;
    QQmlEngine engine;
    engine.addImportPath(u"qrc:/"_s);
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport QtQuick.Controls\nimport Sluice.Gui\n"
                      "import Sluice.App\n"
                      "ApplicationWindow {\n"
                      "    width: 1280; height: 800; visible: true\n"
                      "    property alias schema: browser\n"
                      "    property string opened\n"
                      "    ConnectionListModel { id: connections }\n"
                      "    SchemaBrowser { id: browser; service: 'shop'; table: 'orders' }\n"
                      "    SchemaPage { anchors.fill: parent; connections: connections\n"
                      "        schema: browser; onOpenTableRequested: (t) => opened = t }\n"
                      "}\n",
                      QUrl(u"qrc:/ermodel/page.qml"_s));
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    auto *window = qobject_cast<QQuickWindow *>(object.get());
    QVERIFY(window);
    auto *schema = window->property("schema").value<sluice::SchemaBrowser *>();
    QVERIFY(schema);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_COMPARE(schema->columns()->count(), 3); // orders, loaded

    // The foreign key's referenced table is a link to it.
    QQuickItem *link = nullptr;
    QTRY_VERIFY((link = findItem(window->contentItem(), u"foreignKeyLink"_s)));
    QTRY_VERIFY(link->isVisible() && link->width() > 0);
    QTest::mouseClick(window, Qt::LeftButton, {}, centreOf(link));
    QTRY_COMPARE(schema->table(), u"customers"_s);
    // "Referenced by" leads back to orders.
    QQuickItem *back = nullptr;
    QTRY_VERIFY((back = findItem(window->contentItem(), u"referencedByLink"_s,
                                 [](QQuickItem *i) { return i->isVisible(); })));
    QTRY_VERIFY(back->width() > 0);
    QTest::mouseClick(window, Qt::LeftButton, {}, centreOf(back));
    QTRY_COMPARE(schema->table(), u"orders"_s);

    // The diagram: a click on a box selects its table, a double click asks to open its rows.
    QQuickItem *tabs = findItem(window->contentItem(), u"schemaViewTabs"_s);
    QVERIFY(tabs);
    tabs->setProperty("currentIndex", 1);
    QQuickItem *box = nullptr;
    QTRY_VERIFY((box = findItem(window->contentItem(), u"erTable"_s, [](QQuickItem *i) {
                     return i->property("name").toString() == u"products"_s && i->isVisible();
                 })));
    QTRY_VERIFY(window->contentItem()->contains(
        window->contentItem()->mapFromScene(QPointF(centreOf(box)))));
    QTest::mouseClick(window, Qt::LeftButton, {}, centreOf(box));
    QTRY_COMPARE(schema->table(), u"products"_s);
    QTest::qWait(400); // not a double click with the one before
    QTest::mouseDClick(window, Qt::LeftButton, {}, centreOf(box));
    QTRY_COMPARE(window->property("opened").toString(), u"products"_s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
}

QTEST_MAIN(TestGuiErModel)
#include "tst_gui_ermodel.moc"

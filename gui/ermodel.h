#pragma once

#include "gui/jsonlistmodel.h"
#include "gui/schemabrowser.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

namespace sluice {

// The entity-relationship diagram of the schema a SchemaBrowser has loaded: every table as a box
// and every foreign key as a line between boxes, laid out in diagram units (pixels at 100 %).
//
// The layout is layered by foreign-key depth: a table that references nothing stands in the
// first column, a table that references others one column right of the deepest of them, so
// every line runs from a referencing table on the right to the referenced one on its left (a
// cycle's closing key aside). Inside a column the boxes follow the tables they reference, so
// connected tables sit near each other; a column taller than maxColumnHeight continues in the
// next one. Tables with no key either way come last. Lines run straight across and down, in
// the gaps between columns and between boxes, never through a box. The same schema gives the
// same picture.
class ErModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(SchemaBrowser *schema READ schema WRITE setSchema NOTIFY schemaChanged)
    // Boxes: {name, type ("table" | "view"), x, y, width, height, column (of the layout),
    // columns: [{name, type, pk, fk}]}.
    Q_PROPERTY(JsonListModel *tables READ tables CONSTANT)
    // Lines: {name, from_table, from_column, to_table, to_column, self,
    // points: [{x, y}, …]} from the referencing column's row to the referenced column's row.
    Q_PROPERTY(JsonListModel *edges READ edges CONSTANT)
    Q_PROPERTY(qreal width READ width NOTIFY laidOut)
    Q_PROPERTY(qreal height READ height NOTIFY laidOut)
    // The average width of a character in the boxes' font, which sizes the boxes.
    Q_PROPERTY(qreal charWidth READ charWidth WRITE setCharWidth NOTIFY charWidthChanged)
    Q_PROPERTY(qreal headerHeight READ headerHeight CONSTANT)
    Q_PROPERTY(qreal rowHeight READ rowHeight CONSTANT)

public:
    explicit ErModel(QObject *parent = nullptr);

    SchemaBrowser *schema() const { return m_schema; }
    void setSchema(SchemaBrowser *schema);
    JsonListModel *tables() { return &m_tables; }
    JsonListModel *edges() { return &m_edges; }
    qreal width() const { return m_width; }
    qreal height() const { return m_height; }
    qreal charWidth() const { return m_charWidth; }
    void setCharWidth(qreal width);
    static constexpr qreal headerHeight() { return 28; }
    static constexpr qreal rowHeight() { return 20; }

    // The row of `table` in `tables`, or -1.
    Q_INVOKABLE int indexOf(const QString &table) const;

    // Lays the diagram out again from the schema's tables.
    Q_INVOKABLE void layOut();

Q_SIGNALS:
    void schemaChanged();
    void charWidthChanged();
    void laidOut();

private:
    QPointer<SchemaBrowser> m_schema;
    QMetaObject::Connection m_loaded;
    JsonListModel m_tables;
    JsonListModel m_edges;
    qreal m_width = 0;
    qreal m_height = 0;
    qreal m_charWidth = 7.5;
};

} // namespace sluice

#include "gui/ermodel.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qreal kMargin = 24;
constexpr qreal kColumnGap = 96; // between columns of boxes: the lines' vertical runs
constexpr qreal kBoxGap = 32; // between boxes in a column
constexpr qreal kPadding = 10; // inside a box, left and right
constexpr qreal kMarkWidth = 26; // the "PK" / "FK" mark before a column's name
constexpr qreal kNameTypeGap = 16;
constexpr qreal kMinBoxWidth = 150;
constexpr qreal kMaxBoxWidth = 340;
constexpr qreal kMaxColumnHeight = 760;
constexpr qreal kLoop = 20; // how far a self reference's loop reaches right of its box

struct Box
{
    QString name;
    QString type;
    QJsonArray columns;
    QStringList columnNames;
    QStringList refs; // the other tables its foreign keys reference
    bool linked = false; // a foreign key to or from another table
    int state = 0; // layering: 0 not seen, 1 on the path, 2 done
    int layer = 0;
    qreal order = 0; // where it stands in its layer, 0 … 1
    int column = 0;
    qreal x = 0, y = 0, w = 0, h = 0;
};

// The longest chain of foreign keys from `i` down to a table that references nothing; a key
// back into the chain being followed (a cycle) adds nothing.
int layerOf(std::vector<Box> &boxes, const QHash<QString, int> &index, int i)
{
    Box &box = boxes[size_t(i)];
    if (box.state == 2)
        return box.layer;
    if (box.state == 1)
        return -1;
    box.state = 1;
    int layer = 0;
    for (const QString &ref : std::as_const(box.refs)) {
        const int below = layerOf(boxes, index, index.value(ref));
        if (below >= 0)
            layer = std::max(layer, below + 1);
    }
    boxes[size_t(i)].state = 2;
    boxes[size_t(i)].layer = layer;
    return layer;
}

QJsonObject point(qreal x, qreal y)
{
    return { { u"x"_s, x }, { u"y"_s, y } };
}

} // namespace

ErModel::ErModel(QObject *parent)
    : QObject(parent)
    , m_tables({ u"name"_s, u"type"_s, u"x"_s, u"y"_s, u"width"_s, u"height"_s, u"column"_s,
                 u"columns"_s })
    , m_edges({ u"name"_s, u"from_table"_s, u"from_column"_s, u"to_table"_s, u"to_column"_s,
                u"self"_s, u"points"_s })
{
}

void ErModel::setSchema(SchemaBrowser *schema)
{
    if (schema == m_schema)
        return;
    disconnect(m_loaded);
    m_schema = schema;
    if (schema)
        m_loaded = connect(schema, &SchemaBrowser::loaded, this, &ErModel::layOut);
    Q_EMIT schemaChanged();
    layOut();
}

void ErModel::setCharWidth(qreal width)
{
    if (width <= 0 || qFuzzyCompare(width, m_charWidth))
        return;
    m_charWidth = width;
    Q_EMIT charWidthChanged();
    layOut();
}

int ErModel::indexOf(const QString &table) const
{
    for (int i = 0; i < m_tables.count(); ++i) {
        if (m_tables.at(i)[u"name"_s].toString() == table)
            return i;
    }
    return -1;
}

void ErModel::layOut()
{
    // The boxes in the schema's order (tables, then views), sized for their longest line.
    std::vector<Box> boxes;
    QHash<QString, int> index;
    JsonListModel *listed = m_schema ? m_schema->tables() : nullptr;
    for (int i = 0; listed && i < listed->count(); ++i) {
        const QJsonObject info = m_schema->tableInfo(listed->at(i)[u"name"_s].toString());
        Box box;
        box.name = info[u"name"_s].toString();
        box.type = info[u"type"_s].toString(u"table"_s);
        QSet<QString> keyColumns;
        QSet<QString> fkColumns;
        for (const QJsonValue &c : info[u"primary_key"_s].toArray())
            keyColumns.insert(c.toString());
        for (const QJsonValue &fk : info[u"foreign_keys"_s].toArray()) {
            for (const QJsonValue &c : fk[u"columns"_s].toArray())
                fkColumns.insert(c.toString());
        }
        qreal width = box.name.size() * m_charWidth * 1.15; // the bold title
        for (const QJsonValue &c : info[u"columns"_s].toArray()) {
            const QString name = c[u"name"_s].toString();
            const QString type = c[u"db_type"_s].toString();
            box.columnNames << name;
            box.columns.append(QJsonObject {
                { u"name"_s, name },
                { u"type"_s, type },
                { u"pk"_s, keyColumns.contains(name) || c[u"is_primary_key"_s].toBool() },
                { u"fk"_s, fkColumns.contains(name) } });
            width = std::max(width,
                             kMarkWidth + (name.size() + type.size()) * m_charWidth + kNameTypeGap);
        }
        box.w = std::ceil(std::clamp(width + 2 * kPadding, kMinBoxWidth, kMaxBoxWidth));
        box.h = headerHeight() + box.columnNames.size() * rowHeight() + 6;
        index.insert(box.name, int(boxes.size()));
        boxes.push_back(box);
    }
    // The keys between them, as listed: only to tables the schema holds.
    struct Key
    {
        QString name;
        int from;
        QString fromColumn;
        int to;
        QString toColumn;
    };
    std::vector<Key> keys;
    for (size_t i = 0; i < boxes.size(); ++i) {
        const QJsonObject info = m_schema->tableInfo(boxes[i].name);
        for (const QJsonValue &fk : info[u"foreign_keys"_s].toArray()) {
            const QString target = fk[u"ref_table"_s].toString();
            if (!index.contains(target))
                continue;
            const int to = index.value(target);
            keys.push_back({ fk[u"name"_s].toString(), int(i), fk[u"columns"_s][0].toString(), to,
                             fk[u"ref_columns"_s][0].toString() });
            if (to != int(i)) {
                if (!boxes[i].refs.contains(target))
                    boxes[i].refs << target;
                boxes[i].linked = boxes[size_t(to)].linked = true;
            }
        }
    }

    // Layers by key depth; tables linked to no other form a layer of their own at the end.
    int depth = 0;
    for (size_t i = 0; i < boxes.size(); ++i)
        depth = std::max(depth, layerOf(boxes, index, int(i)));
    std::vector<std::vector<int>> layers(size_t(depth) + 2);
    for (size_t i = 0; i < boxes.size(); ++i)
        layers[boxes[i].linked ? size_t(boxes[i].layer) : layers.size() - 1].push_back(int(i));
    // Each box beside the tables it references: by their mean place in their own layers.
    for (size_t l = 0; l < layers.size(); ++l) {
        std::vector<int> &layer = layers[l];
        if (l > 0 && l + 1 < layers.size()) {
            for (int i : layer) {
                qreal sum = 0;
                for (const QString &ref : std::as_const(boxes[size_t(i)].refs))
                    sum += boxes[size_t(index.value(ref))].order;
                boxes[size_t(i)].order = sum / std::max<qsizetype>(1, boxes[size_t(i)].refs.size());
            }
            std::stable_sort(layer.begin(), layer.end(), [&](int a, int b) {
                return boxes[size_t(a)].order < boxes[size_t(b)].order;
            });
        }
        for (size_t k = 0; k < layer.size(); ++k)
            boxes[size_t(layer[k])].order = (qreal(k) + 0.5) / qreal(layer.size());
    }

    // Columns: each layer from the top, continued in a new column when it grows too tall.
    std::vector<std::vector<int>> columns;
    for (const std::vector<int> &layer : layers) {
        qreal filled = 0;
        for (size_t k = 0; k < layer.size(); ++k) {
            const Box &box = boxes[size_t(layer[k])];
            if (k == 0 || filled + kBoxGap + box.h > kMaxColumnHeight) {
                columns.emplace_back();
                filled = -kBoxGap;
            }
            columns.back().push_back(layer[k]);
            filled += kBoxGap + box.h;
        }
    }
    std::vector<qreal> columnX;
    std::vector<qreal> columnWidth;
    std::vector<qreal> columnHeight;
    qreal tallest = 0;
    qreal x = kMargin;
    for (const std::vector<int> &column : columns) {
        qreal width = 0;
        qreal height = -kBoxGap;
        for (int i : column) {
            width = std::max(width, boxes[size_t(i)].w);
            height += kBoxGap + boxes[size_t(i)].h;
        }
        columnX.push_back(x);
        columnWidth.push_back(width);
        columnHeight.push_back(height);
        tallest = std::max(tallest, height);
        x += width + kColumnGap;
    }
    // Each column centred on the tallest one.
    for (size_t c = 0; c < columns.size(); ++c) {
        qreal y = kMargin + std::floor((tallest - columnHeight[c]) / 2);
        for (int i : columns[c]) {
            Box &box = boxes[size_t(i)];
            box.column = int(c);
            box.x = columnX[c];
            box.y = y;
            y += box.h + kBoxGap;
        }
    }

    // Lines: out of the referencing column's row into the gap beside its box, then from gap to
    // gap (a vertical run in each, every line in its own lane there) across the columns between,
    // passing each column between two of its boxes, and into the referenced column's row.
    const auto rowY = [](const Box &box, const QString &column) {
        const qsizetype row = box.columnNames.indexOf(column);
        return row < 0 ? box.y + headerHeight() / 2
                       : box.y + headerHeight() + row * rowHeight() + rowHeight() / 2;
    };
    // Where a line at `y` may cross column c: there, or in the gap above or below the box in the
    // way.
    const auto freeY = [&](int c, qreal y) {
        for (int i : columns[size_t(c)]) {
            const Box &box = boxes[size_t(i)];
            if (y > box.y - 4 && y < box.y + box.h + 4) {
                const qreal above = box.y - kBoxGap / 2;
                const qreal below = box.y + box.h + kBoxGap / 2;
                return y - above <= below - y ? above : below;
            }
        }
        return y;
    };
    // The gaps each line runs through, in its order; gap g is the one right of column g.
    std::vector<std::vector<int>> gapsOf(keys.size());
    std::vector<std::vector<size_t>> lanes(columns.size()); // the lines in each gap
    for (size_t k = 0; k < keys.size(); ++k) {
        const int from = boxes[size_t(keys[k].from)].column;
        const int to = boxes[size_t(keys[k].to)].column;
        if (keys[k].from == keys[k].to)
            continue;
        if (to < from) {
            for (int g = from - 1; g >= to; --g)
                gapsOf[k].push_back(g);
        } else if (to > from) {
            for (int g = from; g < to; ++g)
                gapsOf[k].push_back(g);
        } else {
            gapsOf[k].push_back(from);
        }
        for (int g : gapsOf[k])
            lanes[size_t(g)].push_back(k);
    }
    const auto laneX = [&](int g, size_t k) {
        const std::vector<size_t> &gap = lanes[size_t(g)];
        const auto place = std::find(gap.begin(), gap.end(), k) - gap.begin() + 1;
        return columnX[size_t(g)] + columnWidth[size_t(g)] + kLoop
            + std::round((kColumnGap - 2 * kLoop) * qreal(place) / qreal(gap.size() + 1));
    };
    QJsonArray edges;
    qreal right = x - kColumnGap;
    qreal bottom = kMargin + tallest;
    for (size_t k = 0; k < keys.size(); ++k) {
        const Key &key = keys[k];
        const Box &from = boxes[size_t(key.from)];
        const Box &to = boxes[size_t(key.to)];
        const qreal fromY = rowY(from, key.fromColumn);
        const qreal toY = rowY(to, key.toColumn);
        QJsonArray points;
        if (key.from == key.to) {
            const qreal out = from.x + from.w;
            points = { point(out, fromY), point(out + kLoop, fromY), point(out + kLoop, toY),
                       point(out, toY) };
            right = std::max(right, out + kLoop);
        } else {
            const bool leftward = to.column < from.column;
            const auto add = [&points](qreal px, qreal py) { // a corner, once
                if (points.isEmpty() || points.last() != point(px, py))
                    points.append(point(px, py));
            };
            add(leftward ? from.x : from.x + from.w, fromY);
            qreal y = fromY;
            const std::vector<int> &gaps = gapsOf[k];
            for (size_t i = 0; i < gaps.size(); ++i) {
                const qreal lane = laneX(gaps[i], k);
                right = std::max(right, lane);
                add(lane, y);
                // Across the next column (left of this gap or right of it) where it is free.
                const bool last = i + 1 == gaps.size();
                y = last ? toY : freeY(leftward ? gaps[i] : gaps[i] + 1, toY);
                add(lane, y);
            }
            add(to.column > from.column ? to.x : to.x + to.w, toY);
        }
        edges.append(QJsonObject { { u"name"_s, key.name },
                                   { u"from_table"_s, from.name },
                                   { u"from_column"_s, key.fromColumn },
                                   { u"to_table"_s, to.name },
                                   { u"to_column"_s, key.toColumn },
                                   { u"self"_s, key.from == key.to },
                                   { u"points"_s, points } });
    }

    QJsonArray tables;
    for (const Box &box : boxes) {
        tables.append(QJsonObject { { u"name"_s, box.name },
                                    { u"type"_s, box.type },
                                    { u"x"_s, box.x },
                                    { u"y"_s, box.y },
                                    { u"width"_s, box.w },
                                    { u"height"_s, box.h },
                                    { u"column"_s, box.column },
                                    { u"columns"_s, box.columns } });
    }
    m_tables.reset(tables);
    m_edges.reset(edges);
    m_width = boxes.empty() ? 0 : right + kMargin;
    m_height = boxes.empty() ? 0 : bottom + kMargin;
    Q_EMIT laidOut();
}

} // namespace sluice

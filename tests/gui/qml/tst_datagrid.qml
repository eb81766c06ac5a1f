import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The Data page's grid on the demo bookshop, driven with the mouse: a click and a Shift+click
// select a rectangle of cells (what Ctrl+C and the menu copy), a column takes the width it is
// given (Qt 6.4: through the width provider), and a foreign-key cell's arrow opens the author's
// row, with a button back to the books.
TestCase {
    name: "DataGrid"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    ConnectionListModel { id: testConnections }
    SchemaBrowser { id: testSchema }
    SignalSpy { id: demoAdded; target: testConnections; signalName: "added" }
    SignalSpy { id: demoRemoved; target: testConnections; signalName: "removed" }
    Component {
        id: pageComponent
        DataPage { anchors.fill: parent; schema: testSchema; connections: testConnections }
    }

    function findChild(item, objectName) {
        for (let i = 0; i < item.children.length; ++i) {
            const child = item.children[i]
            if (child.objectName === objectName)
                return child
            const found = findChild(child, objectName)
            if (found)
                return found
        }
        return null
    }

    // The bookshop, unless an earlier test added it.
    function ensureDemo() {
        tryVerify(() => !testConnections.busy)
        for (let i = 0; i < testConnections.count; ++i) {
            if (testConnections.get(i).name === "demo")
                return
        }
        testConnections.addDemo()
        demoAdded.wait(20000)
    }

    function test_selectsResizesAndOpensAReference() {
        ensureDemo()
        const page = createTemporaryObject(pageComponent, this)
        testSchema.service = "demo"
        tryVerify(() => testSchema.tables.count > 0, 10000)
        testSchema.table = "books"
        const resultGrid = findChild(page, "resultGrid")
        const table = findChild(resultGrid, "grid")
        verify(resultGrid && table)
        tryVerify(() => table.rows > 3, 10000)
        waitForRendering(table)

        // A click, then a Shift+click two rows down and one column right: six cells, three rows.
        const first = table.itemAtCell(Qt.point(1, 0))
        verify(first)
        mouseClick(first, 10, first.height / 2)
        const last = table.itemAtCell(Qt.point(2, 2))
        mouseClick(last, 10, last.height / 2, Qt.LeftButton, Qt.ShiftModifier)
        compare(resultGrid.selectedRows(), [0, 1, 2])
        compare(resultGrid.selectedColumns(), [1, 2])
        compare(resultGrid.selectedRowCount, 3)
        const csv = resultGrid.model.text(resultGrid.selectedRows(), resultGrid.selectedColumns(), "csv")
        compare(csv.split("\r\n")[0], "title,author_id")
        compare(findChild(page, "deleteSelectedRows").text, "Delete 3 rows…")

        // A width given sticks (dragging a header edge calls this).
        resultGrid.setColumnWidth(1, 333)
        compare(table.columnWidth(1), 333)
        resultGrid.fitColumn(1)
        verify(table.columnWidth(1) !== 333)

        // author_id is a foreign key: its cell has the arrow; it opens the author, and back.
        waitForRendering(table)
        const authorCell = table.itemAtCell(Qt.point(2, 0))
        const arrow = findChild(authorCell, "openReference")
        verify(arrow && arrow.visible)
        mouseClick(arrow)
        tryCompare(testSchema, "table", "authors")
        tryCompare(table, "rows", 1)
        const back = findChild(page, "backButton")
        verify(back.visible)
        mouseClick(back)
        tryCompare(testSchema, "table", "books")
        tryVerify(() => table.rows > 3, 10000)
        verify(!back.visible)
    }

    // A press on a cell dragged to another selects the rectangle between them and edits no cell
    // (before, the press put a cursor in the first cell and the drag selected its text); Ctrl
    // adds a second rectangle; a click still edits the cell it lands on.
    function test_dragSelectsARectangle() {
        ensureDemo()
        const page = createTemporaryObject(pageComponent, this)
        testSchema.service = "demo"
        tryVerify(() => testSchema.tables.count > 0, 10000)
        testSchema.table = "books"
        const resultGrid = findChild(page, "resultGrid")
        const table = findChild(resultGrid, "grid")
        tryVerify(() => table.rows > 4 && !page.queryBuilder.busy, 10000)
        waitForRendering(table)

        const drag = (from, to, modifiers) => {
            const start = from.mapToItem(table, 10, from.height / 2)
            const end = to.mapToItem(table, 10, to.height / 2)
            mousePress(table, start.x, start.y, Qt.LeftButton, modifiers)
            for (let step = 1; step <= 8; ++step)
                mouseMove(table, start.x + (end.x - start.x) * step / 8, start.y + (end.y - start.y) * step / 8,
                          -1, Qt.LeftButton, modifiers)
            mouseRelease(table, end.x, end.y, Qt.LeftButton, modifiers)
        }
        const first = table.itemAtCell(Qt.point(1, 0))
        drag(first, table.itemAtCell(Qt.point(2, 2)), Qt.NoModifier)
        compare(resultGrid.selectedRows(), [0, 1, 2])
        compare(resultGrid.selectedColumns(), [1, 2])
        compare(resultGrid.selectedCount(), 6)
        const firstEditor = findChild(first, "cellEditor").item
        verify(!firstEditor.activeFocus, "a drag edits no cell")
        compare(firstEditor.selectedText, "")
        verify(table.activeFocus)

        // Ctrl+drag: the cells of rows 3 and 4 in column 1 are added.
        drag(table.itemAtCell(Qt.point(1, 3)), table.itemAtCell(Qt.point(1, 4)), Qt.ControlModifier)
        compare(resultGrid.selectedRows(), [0, 1, 2, 3, 4])
        compare(resultGrid.selectedCount(), 8)

        // A click: that cell alone, and it is edited.
        const clicked = table.itemAtCell(Qt.point(1, 1))
        mouseClick(clicked, 10, clicked.height / 2)
        compare(resultGrid.selectedCount(), 1)
        verify(findChild(clicked, "cellEditor").item.activeFocus)
        verify(table.interactive, "the wheel still scrolls")
    }

    // The grid reuses its cell items when another table is shown: each must name its new column
    // (it kept the old one, so an edit of a book's title was sent as the author's column).
    function test_cellsFollowTheTableShown() {
        ensureDemo()
        const page = createTemporaryObject(pageComponent, this)
        testSchema.service = "demo"
        tryVerify(() => testSchema.tables.count > 0, 10000)
        const resultGrid = findChild(page, "resultGrid")
        const table = findChild(resultGrid, "grid")
        for (const name of ["authors", "books", "authors"]) {
            testSchema.table = name
            tryVerify(() => resultGrid.model.columnName(1) !== "" && table.rows > 3
                            && !page.queryBuilder.busy, 10000)
            waitForRendering(table)
            for (let column = 0; column < Math.min(table.columns, 5); ++column) {
                const cell = table.itemAtCell(Qt.point(column, 0))
                verify(cell, name + " column " + column)
                compare(cell.columnName, resultGrid.model.columnName(column), name)
            }
        }
    }

    // The demo goes again: the other page tests add it themselves.
    function cleanupTestCase() {
        testConnections.remove("demo")
        demoRemoved.wait(10000)
    }
}

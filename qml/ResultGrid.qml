import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Sluice.Gui

// Rows of a ResultTableModel as a grid: columns sized to their content and resized by dragging a
// header's edge (a double click fits it), cells and rows selected with click, Shift+click,
// Ctrl+click or a drag across them, Ctrl+C and the right-click menu copying as CSV, tab-separated
// text or JSON, NULL shown apart from an empty string, numbers right-aligned.
// With a QueryBuilder (the Data page) it also sorts on a header click, edits cells with an editor
// for the column's type (true/false/NULL, numbers, ISO dates), sets NULL, deletes the selected
// rows and opens the row a foreign-key cell references, all through the API. Without one (a SQL
// console's result) it is read-only.
ColumnLayout {
    id: root
    required property ResultTableModel model
    property QueryBuilder builder: null
    // Where widths are remembered: a table's columns keep the widths they were given.
    property string widthKey: builder && builder.schema ? builder.schema.service + "/" + builder.schema.table : ""
    readonly property bool editable: builder !== null && builder.editable
    readonly property alias selection: selection
    readonly property alias shownRows: grid.rows
    spacing: 0

    // Widths by column ("<widthKey>|<name>"): dragged, fitted, or first sized from the content.
    property var widths: ({})

    function widthKeyOf(column) {
        return widthKey + "|" + model.columnName(column)
    }
    function contentWidth(column) {
        // The heading is bold and may carry the sort arrow ("  ▼"): room for both.
        const chars = Math.max(model.widestText(column), model.columnName(column).length + 4)
        const type = model.columnType(column)
        const extra = type === "boolean" ? 48 : 0 // the true/false/NULL box's arrow
        return Math.round(Math.max(64, Math.min(400, chars * metrics.charWidth + 2 * Style.spacingLarge + extra + 24)))
    }
    function columnWidth(column) {
        const key = widthKeyOf(column)
        if (widths[key] === undefined)
            widths[key] = contentWidth(column) // kept, so paging does not make columns jump
        return widths[key]
    }
    function setColumnWidth(column, width) {
        widths[widthKeyOf(column)] = Math.max(40, Math.round(width))
        grid.forceLayout()
    }
    function fitColumn(column) {
        setColumnWidth(column, contentWidth(column))
    }

    // The selection as rows and columns (sorted, each once); none selected: the current cell.
    function selectedRows() {
        const rows = []
        for (const index of selection.selectedIndexes)
            if (rows.indexOf(index.row) < 0) rows.push(index.row)
        if (rows.length === 0 && selection.currentIndex.valid)
            rows.push(selection.currentIndex.row)
        return rows.sort((a, b) => a - b)
    }
    function selectedColumns() {
        const columns = []
        for (const index of selection.selectedIndexes)
            if (columns.indexOf(index.column) < 0) columns.push(index.column)
        if (columns.length === 0 && selection.currentIndex.valid)
            columns.push(selection.currentIndex.column)
        return columns.sort((a, b) => a - b)
    }
    function selectedCount() {
        return selection.selectedIndexes.length
    }
    function copySelection(format) {
        const rows = selectedRows()
        if (rows.length === 0)
            return
        App.copyToClipboard(model.text(rows, selectedColumns(), format))
        toast.show(qsTr("Copied ✓"))
    }
    function copyText(text) {
        App.copyToClipboard(text)
        toast.show(qsTr("Copied ✓"))
    }
    // A click on a cell: it alone, Shift: the rectangle from the last clicked cell, Ctrl: added
    // or taken away.
    property int anchorRow: -1
    property int anchorColumn: -1
    function clickCell(row, column, modifiers) {
        const index = model.index(row, column)
        if ((modifiers & Qt.ShiftModifier) && anchorRow >= 0) {
            if (!(modifiers & Qt.ControlModifier))
                selection.clear()
            for (let r = Math.min(row, anchorRow); r <= Math.max(row, anchorRow); ++r)
                for (let c = Math.min(column, anchorColumn); c <= Math.max(column, anchorColumn); ++c)
                    selection.select(model.index(r, c), ItemSelectionModel.Select)
        } else {
            selection.select(index, (modifiers & Qt.ControlModifier) ? ItemSelectionModel.Toggle
                                                                      : ItemSelectionModel.ClearAndSelect)
            anchorRow = row
            anchorColumn = column
        }
        selection.setCurrentIndex(index, ItemSelectionModel.NoUpdate)
    }
    // A drag from one cell to another selects the rectangle between them, as in a spreadsheet:
    // Shift keeps the anchor of the last click, Ctrl adds to the selection there was.
    property var dragBase: []
    property bool cellPressed: false
    property int pressModifiers: Qt.NoModifier // Shift, Ctrl as the button went down
    function pressCell(pressed, modifiers) {
        cellPressed = pressed
        if (pressed)
            pressModifiers = modifiers
    }
    function beginDrag(scenePosition) {
        const modifiers = pressModifiers
        const cell = cellAt(scenePosition)
        if (cell.x < 0)
            return
        grid.forceActiveFocus() // a drag ends an edit and starts none; Ctrl+C copies from here
        dragBase = []
        if (modifiers & Qt.ControlModifier) { // a copy: the property reads the selection anew
            for (const index of selection.selectedIndexes)
                dragBase.push(index)
        }
        if (!(modifiers & Qt.ShiftModifier) || anchorRow < 0) {
            anchorRow = cell.y
            anchorColumn = cell.x
        }
    }
    function dragTo(scenePosition) {
        const cell = cellAt(scenePosition)
        if (cell.x < 0)
            return
        selection.clear()
        for (const index of dragBase)
            selection.select(index, ItemSelectionModel.Select)
        for (let r = Math.min(cell.y, anchorRow); r <= Math.max(cell.y, anchorRow); ++r)
            for (let c = Math.min(cell.x, anchorColumn); c <= Math.max(cell.x, anchorColumn); ++c)
                selection.select(model.index(r, c), ItemSelectionModel.Select)
        selection.setCurrentIndex(model.index(cell.y, cell.x), ItemSelectionModel.NoUpdate)
    }
    // The cell under a point of the window (x: column, y: row), kept within the table: a drag
    // past the last row or column selects up to it; (-1, -1) on an empty grid.
    function cellAt(scenePosition) {
        if (grid.rows === 0 || grid.columns === 0)
            return Qt.point(-1, -1)
        // Kept within the rows and columns shown: past the last one is the last one.
        const p = grid.contentItem.mapFromItem(null, scenePosition.x, scenePosition.y)
        const x = Math.max(grid.contentX, Math.min(p.x, Math.min(grid.contentX + grid.width, grid.contentWidth) - 1))
        const y = Math.max(grid.contentY, Math.min(p.y, Math.min(grid.contentY + grid.height, grid.contentHeight) - 1))
        // Qt 6.4: cellAtPos takes contentItem coordinates (cellAtPosition in 6.5 the view's).
        return grid.cellAtPos(x, y, true)
    }

    // A click on a row's number: the whole row, Shift: the rows from the last, Ctrl: added.
    function clickRow(row, modifiers) {
        const flags = ItemSelectionModel.Rows
        if ((modifiers & Qt.ShiftModifier) && anchorRow >= 0) {
            if (!(modifiers & Qt.ControlModifier))
                selection.clear()
            for (let r = Math.min(row, anchorRow); r <= Math.max(row, anchorRow); ++r)
                selection.select(model.index(r, 0), ItemSelectionModel.Select | flags)
        } else {
            selection.select(model.index(row, 0), ((modifiers & Qt.ControlModifier) ? ItemSelectionModel.Toggle
                                                                                    : ItemSelectionModel.ClearAndSelect) | flags)
            anchorRow = row
            anchorColumn = 0
        }
        selection.setCurrentIndex(model.index(row, 0), ItemSelectionModel.NoUpdate)
    }
    function askToDelete(rows) {
        confirmDelete.rows = rows
        confirmDelete.open()
    }

    TextMetrics {
        id: metrics
        text: "0123456789" // digits: among the widest characters of most values (dates, numbers, keys)
        readonly property real charWidth: advanceWidth / text.length
    }
    // The row numbers' column: as wide as the page's last number needs, worked out here rather
    // than taken from the header view's own width, which fed back into the layout while rows
    // arrived after the window was shown (Qt 6.4: "Polish loop detected").
    TextMetrics {
        id: rowNumberMetrics
        font.pixelSize: Style.captionSize
        text: String((root.builder ? root.builder.offset : 0) + grid.rows)
    }
    readonly property real rowHeaderWidth:
        Math.max(40, Math.ceil(rowNumberMetrics.advanceWidth) + 2 * Style.spacingMedium + 2)
    // Rows with a selected cell; kept here because a model reset empties the selection without
    // a selectionChanged.
    property int selectedRowCount: 0
    ItemSelectionModel {
        id: selection
        model: root.model
        onSelectionChanged: root.selectedRowCount = hasSelection ? root.selectedRows().length : 0
    }
    Connections {
        target: root.model
        function onModelReset() {
            selection.clear()
            selection.clearCurrentIndex()
            root.anchorRow = -1
            root.selectedRowCount = 0
        }
    }
    Toast { id: toast }

    GridLayout {
        columns: 2
        rowSpacing: 0
        columnSpacing: 0
        Layout.fillWidth: true
        Layout.fillHeight: true

        Item { implicitWidth: root.rowHeaderWidth; implicitHeight: header.implicitHeight }
        // Column names; a click sorts by the column on the server (order), again to reverse; the
        // right edge resizes the column, a double click there fits it to its content.
        HorizontalHeaderView {
            id: header
            objectName: "gridHeader"
            syncView: grid
            clip: true
            Layout.fillWidth: true
            delegate: ItemDelegate {
                id: headerCell
                required property int index
                // From the header's data, not columnName(index): a reused heading must follow
                // the table shown.
                required property var model // (its `display`: ItemDelegate's own is final)
                readonly property string columnName: model.display
                implicitHeight: Style.controlHeight
                text: columnName + (!root.builder || root.builder.orderColumn !== columnName ? ""
                                    : root.builder.descending ? "  ▼" : "  ▲")
                font.bold: true
                onClicked: if (root.builder) root.builder.sortBy(columnName)
                ToolTip.delay: Style.toolTipDelay
                ToolTip.visible: hovered && !edge.containsMouse && root.builder !== null
                ToolTip.text: qsTr("Sort by %1").arg(columnName)
                MouseArea {
                    id: edge
                    objectName: "columnEdge"
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    width: Style.spacingMedium
                    hoverEnabled: true
                    cursorShape: Qt.SplitHCursor
                    property real startX
                    property real startWidth
                    onPressed: mouse => {
                        startX = mapToItem(null, mouse.x, 0).x
                        startWidth = headerCell.width
                    }
                    onPositionChanged: mouse => {
                        if (pressed)
                            root.setColumnWidth(headerCell.index, startWidth + mapToItem(null, mouse.x, 0).x - startX)
                    }
                    onDoubleClicked: root.fitColumn(headerCell.index)
                    Rectangle {
                        anchors.right: parent.right
                        width: 1
                        height: parent.height
                        color: edge.containsMouse || edge.pressed ? headerCell.palette.highlight : headerCell.palette.mid
                    }
                }
            }
        }

        // Row numbers on the page (the query's, not the page's); a click selects the row.
        VerticalHeaderView {
            id: rowHeader
            objectName: "rowHeader"
            syncView: grid
            clip: true
            Layout.fillHeight: true
            Layout.preferredWidth: root.rowHeaderWidth
            delegate: ItemDelegate {
                required property int row
                implicitWidth: root.rowHeaderWidth
                implicitHeight: Style.controlHeight
                contentItem: Label {
                    id: rowNumber
                    text: (root.builder ? root.builder.offset : 0) + parent.row + 1
                    horizontalAlignment: Text.AlignRight
                    verticalAlignment: Text.AlignVCenter
                    color: Style.muted
                    font.pixelSize: Style.captionSize
                }
                TapHandler {
                    onTapped: root.clickRow(parent.row, point.modifiers)
                }
            }
        }
        TableView {
            id: grid
            objectName: "grid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            columnSpacing: 0
            rowSpacing: 0
            model: root.model
            selectionModel: selection
            // A mouse drag on the cells selects them: the view scrolls by wheel and scroll bars,
            // not by dragging while a cell is pressed (the wheel needs it interactive otherwise).
            interactive: !root.cellPressed
            // A drag across the cells selects them. One handler for the whole grid: one in each
            // cell (Qt 6.4) left the window's layouts unsettled, the first row under the header.
            DragHandler {
                target: null
                acceptedButtons: Qt.LeftButton
                // While a cell is edited, a drag in it selects its text.
                enabled: !(root.Window.activeFocusItem && root.Window.activeFocusItem.objectName === "cellText")
                grabPermissions: PointerHandler.CanTakeOverFromAnything
                onActiveChanged: if (active) root.beginDrag(centroid.scenePressPosition)
                onCentroidChanged: if (active) root.dragTo(centroid.scenePosition)
            }
            // After a drag the focus is here (no cell is edited): Ctrl+C copies the selection.
            Keys.onPressed: event => {
                if (event.matches(StandardKey.Copy)) {
                    root.copySelection("csv")
                    event.accepted = true
                }
            }
            // Qt 6.4 has no TableView.setColumnWidth (6.5): widths come from this provider.
            columnWidthProvider: column => root.columnWidth(column)
            ScrollBar.vertical: ScrollBar {}
            ScrollBar.horizontal: ScrollBar {}
            delegate: Item {
                id: cell
                required property string display
                required property bool isNull
                required property bool isNumber
                required property bool isLink
                required property string columnType
                required property int row
                required property int column
                required property bool selected
                property string refusal // why the API refused the last edit of this cell
                // A role, so that a cell item reused for another table names its new column (a
                // call here kept the old name: an edit went to the wrong column).
                required property string columnName
                implicitHeight: Style.controlHeight

                function save(text) {
                    refusal = ""
                    if (text !== display)
                        root.builder.updateCell(row, columnName, text)
                }

                Rectangle {
                    anchors.fill: parent
                    // The page shows through, in either theme; a selected cell is tinted.
                    color: cell.selected ? Qt.rgba(linkButton.palette.highlight.r, linkButton.palette.highlight.g,
                                                   linkButton.palette.highlight.b, 0.3) : "transparent"
                    // A frame only for the cell edited or refused; the others share hairlines.
                    border.width: cell.refusal.length > 0 || editor.item && editor.item.activeFocus ? 2 : 0
                    border.color: cell.refusal.length > 0 ? Style.error : linkButton.palette.highlight
                }
                // Grid lines: one hairline right and below each cell (a frame around every cell
                // drew each line twice, with a gap between).
                Rectangle {
                    anchors.right: parent.right
                    width: 1
                    height: parent.height
                    color: linkButton.palette.midlight
                }
                Rectangle {
                    anchors.bottom: parent.bottom
                    width: parent.width
                    height: 1
                    color: linkButton.palette.midlight
                }
                Loader {
                    id: editor
                    objectName: "cellEditor"
                    anchors.fill: parent
                    anchors.rightMargin: cell.isLink ? linkButton.width : 0
                    sourceComponent: cell.columnType === "boolean" ? boolEditor : textEditor
                }
                // A foreign key: the arrow opens the row it references.
                ToolButton {
                    id: linkButton
                    objectName: "openReference"
                    visible: cell.isLink && root.builder !== null
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    width: visible ? 28 : 0
                    height: parent.height - 2
                    text: "→"
                    Accessible.name: qsTr("Open referenced row")
                    // No tooltip: on Qt 6.4 the attached ToolTip, opening as the pointer arrives,
                    // now and then took the press that followed (tst_datagrid). The cell's menu
                    // says the same in words ("Open referenced row").
                    onClicked: root.builder.openReference(cell.row, cell.columnName)
                }
                Component {
                    id: textEditor
                    TextField {
                        id: field
                        objectName: "cellText"
                        text: cell.display
                        placeholderText: cell.isNull ? "NULL" : activeFocus && root.builder ? root.builder.typeHint(cell.columnName) : ""
                        font.underline: cell.isLink
                        // Numbers right-aligned, as digits are read; a long value is cut at its end
                        // (the cursor shows the rest), never its leading digits.
                        horizontalAlignment: cell.isNumber || cell.columnType === "integer" || cell.columnType === "number"
                                             ? TextInput.AlignRight : TextInput.AlignLeft
                        autoScroll: activeFocus
                        readOnly: !root.editable
                        selectByMouse: activeFocus // once edited: a drag before that selects cells
                        // Only what a number can be typed into a number column; the rest (a date's
                        // form, "-" alone) is checked when the edit is finished.
                        validator: cell.columnType === "integer" ? integerInput
                                   : cell.columnType === "number" ? numberInput : null
                        background: null
                        Connections {
                            target: cell
                            function onDisplayChanged() { field.text = cell.display }
                        }
                        onTextEdited: cell.refusal = ""
                        onEditingFinished: if (!readOnly) cell.save(text)
                        ToolTip.visible: cell.refusal.length > 0 && (hovered || activeFocus)
                        ToolTip.text: cell.refusal
                        Keys.onPressed: event => {
                            // Ctrl+C: several cells copy as CSV; one cell without selected text,
                            // its value.
                            if (event.matches(StandardKey.Copy)
                                && (root.selectedCount() > 1 || field.selectedText.length === 0)) {
                                if (root.selectedCount() > 1)
                                    root.copySelection("csv")
                                else
                                    root.copyText(cell.display)
                                event.accepted = true
                            }
                        }
                        function revert() { text = cell.display }
                        // Edited after a click, not on the press: a press that turns into a drag
                        // selects cells and edits none. Once edited, a drag selects text in it.
                        activeFocusOnPress: false
                        TapHandler {
                            onTapped: {
                                cell.tapped(point.modifiers)
                                field.forceActiveFocus(Qt.MouseFocusReason)
                            }
                        }
                        TapHandler { acceptedButtons: Qt.RightButton; onTapped: cell.menu() }
                        PointHandler { acceptedButtons: Qt.LeftButton; onActiveChanged: root.pressCell(active, point.modifiers) }
                    }
                }
                Component {
                    id: boolEditor
                    ComboBox {
                        objectName: "boolEditor"
                        flat: true
                        enabled: root.editable
                        model: ["true", "false", "NULL"]
                        currentIndex: cell.isNull ? 2 : cell.display === "true" ? 0 : 1
                        onActivated: index => {
                            if (index === 2)
                                root.builder.setCellNull(cell.row, cell.columnName)
                            else
                                cell.save(currentText)
                        }
                        function revert() { currentIndex = cell.isNull ? 2 : cell.display === "true" ? 0 : 1 }
                        TapHandler { onTapped: cell.tapped(point.modifiers) }
                        TapHandler { acceptedButtons: Qt.RightButton; onTapped: cell.menu() }
                        PointHandler { acceptedButtons: Qt.LeftButton; onActiveChanged: root.pressCell(active, point.modifiers) }
                    }
                }
                // The editors' taps: a click selects (Shift, Ctrl as usual); a right click makes
                // the cell part of the selection unless it is, and opens the menu.
                function tapped(modifiers) {
                    root.clickCell(row, column, modifiers)
                }
                function menu() {
                    if (!selected)
                        root.clickCell(row, column, Qt.NoModifier)
                    cellMenu.row = row
                    cellMenu.column = column
                    cellMenu.popup()
                }
                Connections {
                    target: root.builder
                    function onCellRefused(refusedRow, refusedColumn, message) {
                        if (refusedRow === cell.row && refusedColumn === cell.columnName) {
                            if (editor.item)
                                editor.item.revert() // the stored value, not the refused one
                            cell.refusal = message
                        }
                    }
                }
            }
        }
    }

    RegularExpressionValidator { id: integerInput; regularExpression: /-?[0-9]*/ }
    RegularExpressionValidator { id: numberInput; regularExpression: /-?[0-9]*\.?[0-9]*([eE][-+]?[0-9]*)?/ }

    Menu {
        id: cellMenu
        objectName: "cellMenu"
        // As wide as its widest item (a Menu in Qt 6.4 does not follow its items' widths).
        width: {
            let widest = 0
            for (let i = 0; i < count; ++i) {
                const item = itemAt(i)
                if (item && item.visible)
                    widest = Math.max(widest, item.implicitWidth)
            }
            return Math.max(implicitWidth, widest + leftPadding + rightPadding)
        }
        property int row: -1
        property int column: -1
        readonly property int selectedRowCount: visible ? root.selectedRows().length : 0
        readonly property bool isLink: visible && root.builder !== null
                                       && root.model.data(root.model.index(row, column), ResultTableModel.IsLinkRole) === true
        MenuItem {
            text: qsTr("Copy cell")
            onTriggered: root.copyText(root.model.data(root.model.index(cellMenu.row, cellMenu.column)))
        }
        MenuItem {
            text: qsTr("Copy selection as CSV")
            onTriggered: root.copySelection("csv")
        }
        MenuItem {
            text: qsTr("Copy selection for a spreadsheet (tab-separated)")
            onTriggered: root.copySelection("tsv")
        }
        MenuItem {
            text: qsTr("Copy selection as JSON")
            onTriggered: root.copySelection("json")
        }
        MenuItem {
            text: qsTr("Copy row as JSON")
            onTriggered: root.copyText(root.model.text([cellMenu.row], [], "json"))
        }
        MenuItem {
            text: qsTr("Copy row as CSV")
            onTriggered: root.copyText(root.model.text([cellMenu.row], [], "csv"))
        }
        MenuItem {
            text: qsTr("Copy all rows as CSV")
            onTriggered: {
                const rows = []
                for (let r = 0; r < root.model.rowCount(); ++r)
                    rows.push(r)
                root.copyText(root.model.text(rows, [], "csv"))
            }
        }
        MenuSeparator { visible: root.builder !== null }
        MenuItem {
            text: qsTr("Open referenced row")
            visible: cellMenu.isLink
            height: visible ? implicitHeight : 0
            onTriggered: root.builder.openReference(cellMenu.row, root.model.columnName(cellMenu.column))
        }
        MenuItem {
            text: qsTr("Set NULL")
            visible: root.builder !== null
            height: visible ? implicitHeight : 0
            enabled: cellMenu.visible && root.editable && !root.model.data(root.model.index(cellMenu.row, cellMenu.column), ResultTableModel.IsNullRole)
            onTriggered: root.builder.setCellNull(cellMenu.row, root.model.columnName(cellMenu.column))
        }
        MenuItem {
            objectName: "deleteRows"
            text: cellMenu.selectedRowCount > 1 ? qsTr("Delete %1 selected rows…").arg(cellMenu.selectedRowCount)
                                                : qsTr("Delete row…")
            visible: root.builder !== null
            height: visible ? implicitHeight : 0
            enabled: root.editable
            onTriggered: root.askToDelete(root.selectedRows())
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteRow"
        property var rows: []
        parent: Overlay.overlay
        title: rows.length > 1 ? qsTr("Delete %1 rows?").arg(rows.length) : qsTr("Delete this row?")
        text: rows.length > 1 ? qsTr("They are deleted from the database in one request through the API, under the rules of the role you view as: all of them or none.")
                              : qsTr("It is deleted from the database through the API, under the rules of the role you view as.")
        confirmText: qsTr("Delete")
        destructive: true
        onAccepted: root.builder.deleteRows(rows)
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The data view: the visual query builder (columns, conditions, order, limit), the rows in a
// grid whose cells write back through the API, and the same query as a REST URL, a curl line
// and an MCP tool call.
Page {
    id: page
    objectName: "dataPage"
    required property SchemaBrowser schema
    required property ConnectionListModel connections
    padding: 16

    QueryBuilder {
        id: builder
        objectName: "queryBuilder"
        schema: page.schema
    }
    SystemCollection {
        id: roleNames
        collection: "role"
        keys: ["name"]
        property var names: []
        onLoaded: { const n = []; for (let i = 0; i < items.count; ++i) n.push(items.get(i).name); names = n }
    }
    // A table chosen is a table shown: its first rows at once, as a data browser should.
    Connections {
        target: page.schema
        function onTableChanged() {
            if (page.schema.table.length > 0)
                builder.run()
        }
    }
    Component.onCompleted: if (page.schema.table.length > 0) builder.run()

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        Label {
            text: qsTr("Data")
            font.pixelSize: 22
        }
        ServicePicker {
            schema: page.schema
            connections: page.connections
        }

        // Columns: every one ticked by default means all of them (no fields=).
        Flow {
            Layout.fillWidth: true
            spacing: 4
            Label { text: qsTr("Columns:"); height: 32; verticalAlignment: Text.AlignVCenter }
            Repeater {
                model: page.schema.columnNames
                CheckBox {
                    required property string modelData
                    text: modelData
                    checked: builder.columns.length === 0 || builder.columns.indexOf(modelData) >= 0
                    onToggled: {
                        let chosen = builder.columns.length === 0 ? page.schema.columnNames.slice() : builder.columns.slice()
                        if (checked) {
                            if (chosen.indexOf(modelData) < 0) chosen.push(modelData)
                        } else {
                            chosen = chosen.filter(c => c !== modelData)
                        }
                        builder.columns = chosen.length === page.schema.columnNames.length ? [] : chosen
                    }
                }
            }
        }

        // Conditions, joined with AND.
        Repeater {
            model: builder.conditions
            RowLayout {
                required property var modelData
                required property int index
                Label { text: modelData.column + " " + modelData.op + " " + modelData.value }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Remove condition")
                    onClicked: builder.removeCondition(index)
                }
            }
        }
        RowLayout {
            Label { text: qsTr("Where") }
            ComboBox { id: conditionColumn; model: page.schema.columnNames; Layout.preferredWidth: 160 }
            ComboBox { id: conditionOp; model: builder.operators; Layout.preferredWidth: 140 }
            TextField {
                id: conditionValue
                placeholderText: qsTr("value")
                enabled: builder.takesValue(conditionOp.currentText)
                Layout.preferredWidth: 200
                onAccepted: addCondition.clicked()
            }
            Button {
                id: addCondition
                text: qsTr("Add condition")
                enabled: conditionColumn.currentIndex >= 0
                onClicked: {
                    builder.addCondition(conditionColumn.currentText, conditionOp.currentText, conditionValue.text)
                    conditionValue.text = ""
                }
            }
        }
        RowLayout {
            Label { text: qsTr("Order by") }
            ComboBox {
                id: orderBox
                model: [qsTr("(none)")].concat(page.schema.columnNames)
                // Follows the builder, so a header click shows here too.
                currentIndex: Math.max(0, page.schema.columnNames.indexOf(builder.orderColumn) + 1)
                Layout.preferredWidth: 160
                onActivated: builder.orderColumn = currentIndex <= 0 ? "" : currentText
            }
            CheckBox {
                text: qsTr("Descending")
                checked: builder.descending
                onToggled: builder.descending = checked
            }
            Label { text: qsTr("Limit") }
            SpinBox {
                from: 1
                to: 1000
                value: builder.limit
                editable: true
                onValueModified: builder.limit = value
            }
            Label { text: qsTr("View as") }
            ComboBox {
                id: viewAs
                objectName: "viewAsBox"
                // The owner (everything), or a role: what its keys would see and may change.
                model: [qsTr("(owner)")].concat(roleNames.names)
                Layout.preferredWidth: 160
                onActivated: { builder.viewAsRole = currentIndex <= 0 ? "" : currentText; builder.run() }
            }
            Button {
                objectName: "runButton"
                text: qsTr("Run")
                highlighted: true
                enabled: !builder.busy && page.schema.table.length > 0
                onClicked: builder.run()
            }
            BusyIndicator { running: builder.busy; visible: running; Layout.preferredHeight: 32; Layout.preferredWidth: 32 }
        }

        ErrorBanner { text: builder.error }

        // Column names; a click sorts by the column on the server (order), again to reverse.
        HorizontalHeaderView {
            id: header
            objectName: "gridHeader"
            syncView: grid
            clip: true
            Layout.fillWidth: true
            delegate: ItemDelegate {
                required property int index
                readonly property string columnName: builder.rows.columnName(index)
                implicitHeight: 30
                text: columnName + (builder.orderColumn !== columnName ? ""
                                    : builder.descending ? "  ▼" : "  ▲")
                font.bold: true
                onClicked: builder.sortBy(columnName)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Sort by %1").arg(columnName)
            }
        }
        TableView {
            id: grid
            objectName: "grid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            columnSpacing: 1
            rowSpacing: 1
            model: builder.rows
            columnWidthProvider: () => 160
            ScrollBar.vertical: ScrollBar {}
            ScrollBar.horizontal: ScrollBar {}
            delegate: TextField {
                id: cell
                required property string display
                required property bool isNull
                required property bool isNumber
                required property int row
                required property int column
                property string refusal // why the API refused the last edit of this cell
                text: display
                placeholderText: isNull ? "NULL" : ""
                // Numbers right-aligned, as digits are read; a long value is cut at its end (the
                // cursor shows the rest), never its leading digits.
                horizontalAlignment: isNumber ? TextInput.AlignRight : TextInput.AlignLeft
                autoScroll: activeFocus
                readOnly: !builder.editable
                selectByMouse: true
                implicitHeight: 32
                onDisplayChanged: text = display
                onTextEdited: refusal = ""
                onEditingFinished: if (text !== display) builder.updateCell(row, builder.rows.columnName(column), text)
                ToolTip.visible: refusal.length > 0 && (hovered || activeFocus)
                ToolTip.text: refusal
                background: Rectangle {
                    color: "transparent" // the page shows through, in either theme
                    border.width: cell.refusal.length > 0 ? 2 : (cell.activeFocus ? 2 : 1)
                    border.color: cell.refusal.length > 0 ? "#c42b1c" : cell.activeFocus ? cell.palette.highlight : cell.palette.mid
                }
                // Right click: copy the cell or its row, or set the cell to NULL.
                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: cellMenu.popup()
                }
                Menu {
                    id: cellMenu
                    MenuItem {
                        text: qsTr("Copy cell")
                        onTriggered: App.copyToClipboard(cell.display)
                    }
                    MenuItem {
                        text: qsTr("Copy row as JSON")
                        onTriggered: App.copyToClipboard(builder.rowsText([cell.row], "json"))
                    }
                    MenuItem {
                        text: qsTr("Copy row as CSV")
                        onTriggered: App.copyToClipboard(builder.rowsText([cell.row], "csv"))
                    }
                    MenuItem {
                        text: qsTr("Copy all rows as CSV")
                        onTriggered: {
                            const rows = []
                            for (let r = 0; r < grid.rows; ++r)
                                rows.push(r)
                            App.copyToClipboard(builder.rowsText(rows, "csv"))
                        }
                    }
                    MenuItem {
                        text: qsTr("Delete row…")
                        enabled: builder.editable
                        onTriggered: {
                            confirmDelete.row = cell.row
                            confirmDelete.open()
                        }
                    }
                    MenuItem {
                        text: qsTr("Set NULL")
                        enabled: builder.editable && !cell.isNull
                        onTriggered: builder.setCellNull(cell.row, builder.rows.columnName(cell.column))
                    }
                }
                Connections {
                    target: builder
                    function onCellRefused(refusedRow, refusedColumn, message) {
                        if (refusedRow === cell.row && refusedColumn === builder.rows.columnName(cell.column)) {
                            cell.text = cell.display // the stored value, not the refused one
                            cell.refusal = message
                        }
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Button {
                objectName: "previousPage"
                text: qsTr("‹ Previous")
                enabled: builder.offset > 0 && !builder.busy
                onClicked: builder.previousPage()
            }
            Label { objectName: "rangeText"; text: builder.rangeText }
            Button {
                objectName: "nextPage"
                text: qsTr("Next ›")
                enabled: !builder.busy && builder.total >= 0 && builder.offset + grid.rows < builder.total
                onClicked: builder.nextPage()
            }
            Label {
                text: builder.editable ? qsTr("Edit a cell and press Enter to save it through the API.") : ""
                opacity: 0.7
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }

        GridLayout {
            columns: 2
            Layout.fillWidth: true
            Label { text: qsTr("REST") }
            CopyField { objectName: "restField"; text: builder.restPath; Layout.fillWidth: true }
            Label { text: qsTr("curl") }
            CopyField { text: builder.curlCommand; Layout.fillWidth: true }
            Label { text: qsTr("Key in curl") }
            TextField {
                objectName: "curlKey"
                placeholderText: qsTr("Optional: paste a key to write it into the curl line (else $SLUICE_API_KEY)")
                echoMode: activeFocus ? TextInput.Normal : TextInput.Password
                onTextChanged: builder.curlKey = text
                Layout.fillWidth: true
            }
            Label { text: qsTr("MCP") }
            CopyField { text: builder.mcpCall.replace(/\s*\n\s*/g, " "); Layout.fillWidth: true }
        }
    }

    Dialog {
        id: confirmDelete
        objectName: "confirmDeleteRow"
        property int row: -1
        title: qsTr("Delete this row?")
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: qsTr("It is deleted from the database through the API, under the rules of the role you view as.")
            wrapMode: Text.Wrap
        }
        onAccepted: builder.deleteRow(row)
    }
}

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

    // The builder under another name, for the grid's and the form's `builder` properties.
    readonly property QueryBuilder queryBuilder: builder
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

        // Back from a referenced row to the query it was opened from.
        RowLayout {
            visible: builder.backTable.length > 0
            Button {
                objectName: "backButton"
                text: qsTr("← back to %1").arg(builder.backTable)
                onClicked: builder.goBack()
            }
            Label {
                text: builder.filter
                color: Style.muted
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }

        ResultGrid {
            id: grid
            objectName: "resultGrid"
            model: builder.rows
            builder: page.queryBuilder
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacingMedium
            Button {
                objectName: "firstPage"
                text: "«"
                Accessible.name: qsTr("First page")
                enabled: builder.offset > 0 && !builder.busy
                onClicked: builder.firstPage()
            }
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
                enabled: !builder.busy && builder.total >= 0 && builder.offset + grid.shownRows < builder.total
                onClicked: builder.nextPage()
            }
            Button {
                objectName: "lastPage"
                text: "»"
                Accessible.name: qsTr("Last page")
                enabled: !builder.busy && builder.total >= 0 && builder.offset + grid.shownRows < builder.total
                onClicked: builder.lastPage()
            }
            Button {
                objectName: "addRow"
                text: qsTr("Add row…")
                enabled: !builder.busy && page.schema.table.length > 0
                onClicked: addRow.begin()
            }
            Button {
                objectName: "deleteSelectedRows"
                readonly property int count: grid.selectedRowCount
                text: count > 1 ? qsTr("Delete %1 rows…").arg(count) : qsTr("Delete row…")
                enabled: builder.editable && count > 0 && !builder.busy
                onClicked: grid.askToDelete(grid.selectedRows())
            }
            Label {
                objectName: "gridNotice"
                text: builder.notice.length > 0 ? builder.notice
                      : builder.editable ? qsTr("Edit a cell and press Enter to save it through the API.") : ""
                color: Style.muted
                wrapMode: Text.Wrap // beside the page buttons, a long translation takes two lines
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

    AddRowDialog {
        id: addRow
        builder: page.queryBuilder
    }
}

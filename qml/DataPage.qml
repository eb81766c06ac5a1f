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
    padding: Style.pageMargin

    // The builder under another name, for the grid's and the form's `builder` properties.
    readonly property QueryBuilder queryBuilder: builder
    QueryBuilder {
        id: builder
        objectName: "queryBuilder"
        schema: page.schema
    }
    // Viewing as a role: why the access decision lets it make this query, or not.
    AccessExplainer {
        id: explainer
        role: builder.viewAsRole
        tenant: page.schema.tenant
        path: builder.restPath
    }
    // A per-tenant connection without a tenant chosen: nothing to ask, TenantEmptyState says so.
    readonly property bool querying: !page.schema.needsTenant
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
        spacing: Style.spacingMedium

        PageHeader {
            title: qsTr("Data")
            ServicePicker {
                schema: page.schema
                connections: page.connections
            }
        }

        // What to ask: the columns (a pop-up list), the order, the page size, as whom; Run.
        RowLayout {
            visible: page.querying
            spacing: Style.spacingMedium
            Layout.fillWidth: true
            Button {
                id: columnsButton
                objectName: "columnsButton"
                readonly property int total: page.schema.columnNames.length
                text: builder.columns.length === 0 ? qsTr("Columns: all %1 ▾").arg(total)
                                                   : qsTr("Columns: %1 of %2 ▾").arg(builder.columns.length).arg(total)
                enabled: total > 0
                onClicked: columnsPopup.open()
                Popup {
                    id: columnsPopup
                    y: columnsButton.height
                    padding: Style.spacingMedium
                    // Every one ticked means all of them (no fields=).
                    contentItem: ScrollView {
                        implicitWidth: columnList.implicitWidth
                        implicitHeight: Math.min(columnList.implicitHeight, page.height / 2)
                        ColumnLayout {
                            id: columnList
                            spacing: 0
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
                    }
                }
            }
            Label { text: qsTr("Order by") }
            ComboBox {
                id: orderBox
                model: [qsTr("(none)")].concat(page.schema.columnNames)
                // Follows the builder, so a header click shows here too.
                currentIndex: Math.max(0, page.schema.columnNames.indexOf(builder.orderColumn) + 1)
                Layout.preferredWidth: Style.mediumFieldWidth
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
                Layout.preferredWidth: Style.mediumFieldWidth
                onActivated: { builder.viewAsRole = currentIndex <= 0 ? "" : currentText; builder.run() }
            }
            Button {
                objectName: "runButton"
                text: qsTr("Run")
                highlighted: true
                enabled: !builder.busy && page.schema.table.length > 0
                onClicked: builder.run()
            }
            BusyIndicator {
                running: builder.busy
                visible: running
                Layout.preferredHeight: columnsButton.height
                Layout.preferredWidth: columnsButton.height
            }
            Item { Layout.fillWidth: true }
        }

        // Conditions, joined with AND: a new one, then the ones there are, each removable.
        Flow {
            visible: page.querying
            Layout.fillWidth: true
            spacing: Style.spacingMedium
            Label {
                text: qsTr("Where")
                height: conditionColumn.height
                verticalAlignment: Text.AlignVCenter
            }
            ComboBox { id: conditionColumn; model: page.schema.columnNames; width: Style.mediumFieldWidth }
            ComboBox { id: conditionOp; model: builder.operators; width: Style.shortFieldWidth }
            TextField {
                id: conditionValue
                placeholderText: qsTr("value")
                enabled: builder.takesValue(conditionOp.currentText)
                width: Math.max(Style.mediumFieldWidth, implicitWidth)
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
            Repeater {
                model: builder.conditions
                Button {
                    required property var modelData
                    required property int index
                    text: modelData.column + " " + modelData.op + " " + modelData.value + "  ✕"
                    flat: true
                    Accessible.name: qsTr("Remove condition")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Remove condition")
                    onClicked: builder.removeCondition(index)
                }
            }
        }

        // Viewing as a role: why it may make the query, wrapped to the page's width. Its height
        // reaches the page's layout only after the text has been laid out (a moment later), so
        // a long explanation's wrapping never feeds back into the layout pass that wraps it
        // (Qt 6.4: "Polish loop detected").
        Item {
            id: explanationBox
            property real textHeight: 0
            function takeHeight() { textHeight = explanation.implicitHeight }
            visible: page.querying && builder.viewAsRole.length > 0 && explainer.text.length > 0
            implicitHeight: textHeight
            Layout.fillWidth: true
            Label {
                id: explanation
                objectName: "accessExplanation"
                width: parent.width
                text: (explainer.allowed ? "✓ " : "✗ ") + qsTr("As %1: %2").arg(builder.viewAsRole).arg(explainer.text)
                color: explainer.allowed ? Style.success : Style.error
                wrapMode: Text.Wrap
                onImplicitHeightChanged: Qt.callLater(explanationBox.takeHeight)
                Component.onCompleted: explanationBox.takeHeight()
            }
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

        TenantEmptyState { schema: page.schema }
        ResultGrid {
            id: grid
            objectName: "resultGrid"
            visible: page.querying
            model: builder.rows
            builder: page.queryBuilder
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        RowLayout {
            visible: page.querying
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

        // The same query as a client would send it: the REST path, a curl line (with a key
        // written in, if one is pasted; for a tenant, an admin session's with X-Sluice-Tenant)
        // or the MCP tool call.
        RowLayout {
            visible: page.querying
            spacing: Style.spacingMedium
            Layout.fillWidth: true
            ComboBox {
                id: callKind
                objectName: "callKind"
                model: [qsTr("REST"), qsTr("curl"), qsTr("MCP")]
                implicitContentWidthPolicy: ComboBox.WidestText
            }
            CopyField {
                objectName: "apiCallField"
                text: callKind.currentIndex === 0 ? builder.restPath
                    : callKind.currentIndex === 1 ? builder.curlCommand
                    : builder.mcpCall.replace(/\s*\n\s*/g, " ")
                Layout.fillWidth: true
            }
            TextField {
                objectName: "curlKey"
                visible: callKind.currentIndex === 1
                placeholderText: qsTr("Key for the curl line (optional)")
                ToolTip.visible: hovered || activeFocus
                ToolTip.text: page.schema.tenant.length > 0
                              ? qsTr("Paste a key to write it into the curl line: a key acts for its own tenant. Without one the line acts for %1 as an admin session ($SLUICE_SESSION_TOKEN) with X-Sluice-Tenant").arg(page.schema.tenant)
                              : qsTr("Paste a key to write it into the curl line; without one it reads $SLUICE_API_KEY")
                echoMode: activeFocus ? TextInput.Normal : TextInput.Password
                onTextChanged: builder.curlKey = text
                Layout.preferredWidth: Math.max(Style.fieldWidth, implicitWidth)
            }
        }
    }

    AddRowDialog {
        id: addRow
        builder: page.queryBuilder
    }
}

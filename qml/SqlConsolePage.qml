import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import QtQuick.Layouts
import Sluice.Gui

// The SQL console of a connection: a statement runs through the API's raw SQL route (read-only
// unless writes are allowed), its rows fill the same grid as the Data page, an error points at
// its place in the editor; with the connection's history, saved queries, and the statement as a
// REST request, a curl line and an MCP call. Everything goes through SqlConsole (C++).
Page {
    id: page
    objectName: "sqlConsolePage"
    required property SchemaBrowser schema
    required property ConnectionListModel connections
    padding: Style.pageMargin
    // The view-model, for tests.
    readonly property alias consoleModel: sqlConsole
    // Opened by a click or Ctrl+4 (MainPage.open), the editor takes the keyboard: type at once.
    readonly property Item initialFocus: editor

    SqlConsole {
        id: sqlConsole
        objectName: "sqlConsole"
        service: page.schema.service
        tenant: page.schema.tenant
        onFinished: {
            // The error's place: the cursor goes there.
            if (errorOffset >= 0) {
                editor.cursorPosition = Math.min(errorOffset, editor.length)
                editor.forceActiveFocus()
            }
        }
    }
    SqlHighlighter {
        textDocument: editor.textDocument
        dark: Style.dark
    }
    Toast { id: toast }

    // A button that copies `copyText` and says so for a moment.
    component CopyButton: Button {
        id: copyButton
        property string copyText
        property string label
        property bool copied: false
        text: copied ? qsTr("Copied ✓") : label
        enabled: copyText.length > 0
        onClicked: {
            App.copyToClipboard(copyText)
            copied = true
            copiedTimer.restart()
        }
        Timer {
            id: copiedTimer
            interval: Style.toastDuration
            onTriggered: copyButton.copied = false
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingMedium

        PageHeader { title: qsTr("SQL console") }

        RowLayout {
            spacing: Style.spacingLarge
            Layout.fillWidth: true
            ServicePicker {
                schema: page.schema
                connections: page.connections
                showTable: false
            }
            Switch {
                id: writesSwitch
                objectName: "allowWrites"
                text: qsTr("Allow writes")
                checked: sqlConsole.allowWrites
                enabled: !sqlConsole.serviceReadOnly
                onToggled: sqlConsole.allowWrites = checked
            }
            Label {
                text: sqlConsole.serviceReadOnly ? qsTr("This connection is read-only.")
                    : sqlConsole.allowWrites ? qsTr("Statements may change data.")
                    : qsTr("Off: statements run read-only; the database refuses writes.")
                color: sqlConsole.allowWrites && !sqlConsole.serviceReadOnly ? Style.warning : Style.muted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        // Raw SQL off: the API refuses every statement; the owner may turn it on here.
        Pane {
            objectName: "rawSqlOff"
            visible: sqlConsole.rawSqlOff
            Layout.fillWidth: true
            background: Rectangle { color: "transparent"; border.color: Style.warning; radius: Style.spacingSmall }
            RowLayout {
                anchors.fill: parent
                Label {
                    text: qsTr("Raw SQL is off for this connection: the API refuses every statement until it is turned on. API keys still need a role rule naming _sql.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "enableRawSql"
                    text: qsTr("Turn on raw SQL")
                    enabled: !sqlConsole.busy
                    onClicked: sqlConsole.enableRawSql()
                }
            }
        }

        TenantEmptyState { schema: page.schema }
        SplitView {
            id: split
            objectName: "consoleSplit"
            visible: !page.schema.needsTenant
            orientation: Qt.Horizontal
            Layout.fillWidth: true
            Layout.fillHeight: true
            // A thin line in the theme's divider colour (as the navigation's), in a gap wide
            // enough to grab; the accent while dragged or hovered.
            handle: Item {
                id: splitHandle
                objectName: "splitHandle"
                implicitWidth: Style.spacingLarge
                Rectangle {
                    objectName: "splitHandleLine"
                    anchors.horizontalCenter: parent.horizontalCenter
                    width: 1
                    height: parent.height
                    color: splitHandle.SplitHandle.pressed || splitHandle.SplitHandle.hovered
                           ? split.Universal.accent : split.Universal.baseMediumLowColor
                }
            }

            ColumnLayout {
                spacing: Style.spacingMedium
                SplitView.fillWidth: true
                SplitView.minimumWidth: Style.mainMinWidth

                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: Style.editorHeight
                    TextArea {
                        id: editor
                        objectName: "sqlEditor"
                        font.family: Style.monospace
                        wrapMode: TextEdit.NoWrap
                        selectByMouse: true
                        placeholderText: qsTr("SELECT … (Ctrl+Enter runs it)")
                        text: sqlConsole.text
                        onTextChanged: sqlConsole.text = text
                        Keys.onPressed: (event) => {
                            if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                    && (event.modifiers & Qt.ControlModifier)) {
                                if (!page.schema.needsTenant)
                                    sqlConsole.run()
                                event.accepted = true
                            }
                        }
                    }
                }
                Label {
                    objectName: "sqlError"
                    visible: sqlConsole.error.length > 0
                    text: sqlConsole.errorLine > 0
                          ? qsTr("line %1, column %2: %3").arg(sqlConsole.errorLine).arg(sqlConsole.errorColumn).arg(sqlConsole.error)
                          : sqlConsole.error
                    color: Style.error
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    spacing: Style.spacingMedium
                    Layout.fillWidth: true
                    Button {
                        objectName: "runSql"
                        text: qsTr("Run")
                        highlighted: true
                        enabled: !sqlConsole.busy && sqlConsole.service.length > 0 && sqlConsole.text.trim().length > 0
                                 && !page.schema.needsTenant
                        onClicked: sqlConsole.run()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Ctrl+Enter")
                    }
                    Label { text: qsTr("Limit") }
                    SpinBox {
                        from: 1
                        to: 1000
                        editable: true
                        value: sqlConsole.limit
                        onValueModified: sqlConsole.limit = value
                    }
                    BusyIndicator {
                        running: sqlConsole.busy
                        visible: running
                        Layout.preferredHeight: Style.controlHeight
                        Layout.preferredWidth: Style.controlHeight
                    }
                    Label {
                        objectName: "sqlSummary"
                        text: sqlConsole.summary
                        color: Style.muted
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }

                ResultGrid {
                    model: sqlConsole.rows
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                }

                Flow {
                    spacing: Style.spacingMedium
                    Layout.fillWidth: true
                    CopyButton { objectName: "copyRest"; label: qsTr("Copy as REST"); copyText: sqlConsole.restRequest }
                    CopyButton { objectName: "copyCurl"; label: qsTr("Copy as curl"); copyText: sqlConsole.curlCommand }
                    CopyButton { objectName: "copyMcp"; label: qsTr("Copy as MCP call"); copyText: sqlConsole.mcpCall }
                }
            }

            // The connection's history and saved queries: a click puts one in the editor.
            ColumnLayout {
                spacing: Style.spacingMedium
                SplitView.preferredWidth: Style.sidePanelWidth
                SplitView.minimumWidth: Style.navigationWidth

                TabBar {
                    id: sideTabs
                    Layout.fillWidth: true
                    PageTab { objectName: "historyTab"; text: qsTr("History") }
                    PageTab { objectName: "savedTab"; text: qsTr("Saved") }
                }
                // One of the two under the tabs (visible, not a StackLayout: each fills the
                // column's height itself).
                ColumnLayout {
                    visible: sideTabs.currentIndex === 0
                    spacing: Style.spacingSmall
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ListView {
                        id: historyList
                        objectName: "historyList"
                        model: sqlConsole.history
                        visible: count > 0
                        clip: true
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        ScrollBar.vertical: ScrollBar {}
                        delegate: ItemDelegate {
                            required property string sql
                            width: ListView.view.width
                            text: sql.replace(/\s+/g, " ")
                            font.family: Style.monospace
                            onClicked: { sqlConsole.text = sql; editor.forceActiveFocus() }
                            ToolTip.visible: hovered
                            ToolTip.text: sql
                            ToolTip.delay: 500
                        }
                    }
                    Label {
                        visible: historyList.count === 0
                        text: qsTr("Statements you run on this connection show here.")
                        color: Style.muted
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        verticalAlignment: Text.AlignTop
                    }
                    Button {
                        text: qsTr("Clear history")
                        visible: historyList.count > 0
                        onClicked: confirmClear.open()
                    }
                }
                ColumnLayout {
                    visible: sideTabs.currentIndex === 1
                    spacing: Style.spacingSmall
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: saveName
                            objectName: "saveName"
                            placeholderText: qsTr("Name")
                            Layout.fillWidth: true
                            onAccepted: saveButton.clicked()
                        }
                        Button {
                            id: saveButton
                            objectName: "saveQuery"
                            text: qsTr("Save")
                            enabled: saveName.text.trim().length > 0 && sqlConsole.text.trim().length > 0
                            onClicked: {
                                if (sqlConsole.save(saveName.text)) {
                                    toast.show(qsTr("Saved as “%1”").arg(saveName.text.trim()))
                                    saveName.text = ""
                                }
                            }
                        }
                    }
                    ListView {
                        id: savedList
                        objectName: "savedList"
                        model: sqlConsole.savedQueries
                        visible: count > 0
                        clip: true
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        ScrollBar.vertical: ScrollBar {}
                        delegate: ItemDelegate {
                            id: savedItem
                            required property string name
                            required property string sql
                            width: ListView.view.width
                            text: name
                            rightPadding: removeButton.width + Style.spacingMedium
                            onClicked: { sqlConsole.text = sql; editor.forceActiveFocus() }
                            ToolTip.visible: hovered
                            ToolTip.text: sql
                            ToolTip.delay: 500
                            ToolButton {
                                id: removeButton
                                anchors.right: parent.right
                                anchors.verticalCenter: parent.verticalCenter
                                text: "✕"
                                Accessible.name: qsTr("Delete %1").arg(savedItem.name)
                                onClicked: {
                                    confirmRemove.name = savedItem.name
                                    confirmRemove.open()
                                }
                            }
                        }
                    }
                    Label {
                        visible: savedList.count === 0
                        text: qsTr("Name the statement in the editor and save it to keep it here.")
                        color: Style.muted
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        verticalAlignment: Text.AlignTop
                    }
                }
            }
        }
    }

    ConfirmDialog {
        id: confirmRemove
        property string name
        title: qsTr("Delete the saved query “%1”?").arg(name)
        text: qsTr("Only the saved statement goes; the database is not touched.")
        confirmText: qsTr("Delete")
        destructive: true
        onAccepted: sqlConsole.remove(name)
    }
    ConfirmDialog {
        id: confirmClear
        title: qsTr("Clear the history of this connection?")
        text: qsTr("The statements run here are forgotten; saved queries stay.")
        confirmText: qsTr("Clear")
        destructive: true
        onAccepted: sqlConsole.clearHistory()
    }
}

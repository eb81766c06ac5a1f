import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Adds a row through the API: one field per column with an editor for its type (true/false for
// a boolean, digits only for a number, the ISO form as a hint for dates and times). A column
// left empty is left out, so the database's default or generated key applies; a field's menu sends
// it as NULL (a nullable column) or as empty text (a text column) instead. The API's refusal
// (the role's rules, a NOT NULL column, a wrong value) is shown here, and the form stays open.
Dialog {
    id: dialog
    objectName: "addRowDialog"
    required property QueryBuilder builder
    property var columns: []
    property string problem

    title: qsTr("Add a row to %1").arg(builder.schema ? builder.schema.table : "")
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 2 * Style.pageMargin : Style.formMaxWidth, Style.formMaxWidth)
    height: Math.min(parent ? parent.height - 2 * Style.pageMargin : 600, implicitHeight)

    function begin() {
        problem = ""
        columns = builder.newRowColumns()
        open()
    }
    // The values by column: a field left empty is left out (its default), NULL is null.
    function values() {
        const values = {}
        for (let i = 0; i < fields.count; ++i) {
            const field = fields.itemAt(i)
            const value = field.value()
            if (value !== undefined)
                values[field.name] = value
        }
        return values
    }

    Connections {
        target: dialog.builder
        function onRowAdded() { dialog.close() }
        function onAddRefused(message) { dialog.problem = message }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingMedium

        Label {
            text: qsTr("Leave a field empty to use the column's default; its ⋯ menu sends NULL or empty text instead.")
            color: Style.muted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ScrollView {
            id: scroller
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: form.implicitHeight
            contentWidth: availableWidth
            clip: true
            GridLayout {
                id: form
                width: scroller.availableWidth
                columns: 2
                columnSpacing: Style.spacingLarge
                rowSpacing: Style.spacingSmall
                Repeater {
                    id: fields
                    model: dialog.columns
                    delegate: RowLayout {
                        id: field
                        required property var modelData
                        readonly property string name: modelData.name
                        readonly property string type: modelData.type
                        // What an empty field sends: "default" (left out), "null" or "empty" ('').
                        property string empty: "default"
                        function value() {
                            if (type === "boolean")
                                return [undefined, "true", "false", null][boolBox.currentIndex]
                            if (textBox.text.length > 0)
                                return textBox.text
                            return empty === "null" ? null : empty === "empty" ? "" : undefined
                        }
                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                        spacing: Style.spacingLarge
                        ColumnLayout {
                            spacing: 0
                            Layout.fillWidth: false // a layout fills by default: the field gets the rest
                            Layout.preferredWidth: Style.fieldWidth * 0.75
                            Label {
                                text: field.name
                                font.bold: !field.modelData.nullable && !field.modelData.hasDefault
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                // What the database does with an empty field.
                                text: field.empty === "null" ? "NULL"
                                      : field.empty === "empty" ? qsTr("empty text")
                                      : field.modelData.hasDefault ? qsTr("default or generated")
                                      : field.modelData.nullable ? qsTr("NULL if empty") : qsTr("required")
                                color: Style.muted
                                font.pixelSize: Style.captionSize
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        TextField {
                            id: textBox
                            objectName: "field_" + field.name
                            visible: field.type !== "boolean"
                            placeholderText: field.empty === "null" ? "NULL"
                                             : field.empty === "empty" ? qsTr("(empty text)") : field.modelData.hint
                            font.italic: text.length === 0 && field.empty !== "default"
                            validator: field.type === "integer" ? integerInput
                                       : field.type === "number" ? numberInput : null
                            horizontalAlignment: field.type === "integer" || field.type === "number"
                                                 ? TextInput.AlignRight : TextInput.AlignLeft
                            onTextEdited: {
                                dialog.problem = ""
                                field.empty = "default" // typed: the text; emptied again: the default
                            }
                            Layout.fillWidth: true
                        }
                        // Default, NULL or empty text: what the field sends while it is empty.
                        ToolButton {
                            objectName: "emptyMenu_" + field.name
                            visible: field.type !== "boolean" && (field.modelData.nullable || field.type === "string")
                            text: "⋯"
                            Accessible.name: qsTr("Value of %1").arg(field.name)
                            ToolTip.delay: Style.toolTipDelay
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Default, NULL or empty text")
                            onClicked: emptyMenu.popup()
                            Menu {
                                id: emptyMenu
                                MenuItem {
                                    text: qsTr("Column default")
                                    checkable: true
                                    checked: field.empty === "default" && textBox.text.length === 0
                                    onTriggered: { textBox.clear(); field.empty = "default" }
                                }
                                MenuItem {
                                    text: "NULL"
                                    checkable: true
                                    visible: field.modelData.nullable
                                    height: visible ? implicitHeight : 0
                                    checked: field.empty === "null"
                                    onTriggered: { textBox.clear(); field.empty = "null" }
                                }
                                MenuItem {
                                    text: qsTr("Empty text")
                                    checkable: true
                                    visible: field.type === "string"
                                    height: visible ? implicitHeight : 0
                                    checked: field.empty === "empty"
                                    onTriggered: { textBox.clear(); field.empty = "empty" }
                                }
                            }
                        }
                        ComboBox {
                            id: boolBox
                            objectName: "field_" + field.name
                            visible: field.type === "boolean"
                            model: field.modelData.nullable ? [qsTr("(empty)"), "true", "false", "NULL"]
                                                            : [qsTr("(empty)"), "true", "false"]
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        Label {
            objectName: "addRowProblem"
            visible: dialog.problem.length > 0
            text: dialog.problem
            color: Style.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    RegularExpressionValidator { id: integerInput; regularExpression: /-?[0-9]*/ }
    RegularExpressionValidator { id: numberInput; regularExpression: /-?[0-9]*\.?[0-9]*([eE][-+]?[0-9]*)?/ }

    // Buttons of their own, as ConfirmDialog's (a DialogButtonBox's overlapped after a resize).
    footer: Item {
        implicitWidth: buttons.implicitWidth + 2 * Style.spacingXLarge
        implicitHeight: buttons.implicitHeight + Style.spacingXLarge
        RowLayout {
            id: buttons
            anchors.right: parent.right
            anchors.rightMargin: Style.spacingXLarge
            anchors.top: parent.top
            spacing: Style.spacingMedium
            Button {
                objectName: "addRowButton"
                text: qsTr("Add row")
                highlighted: true
                enabled: !dialog.builder.busy
                onClicked: {
                    dialog.problem = ""
                    dialog.builder.addRow(dialog.values())
                }
            }
            Button {
                text: qsTr("Cancel")
                onClicked: dialog.reject()
            }
        }
    }
}

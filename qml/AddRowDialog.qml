import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Adds a row through the API: one field per column with an editor for its type (true/false for
// a boolean, digits only for a number, the ISO form as a hint for dates and times). A column
// left empty is left out, so the database's default or generated key applies. The API's refusal
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
    function texts() {
        const values = {}
        for (let i = 0; i < fields.count; ++i) {
            const field = fields.itemAt(i)
            values[field.name] = field.value()
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
            text: qsTr("Leave a field empty to use the column's default.")
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
                        function value() {
                            return type === "boolean" ? ["", "true", "false"][boolBox.currentIndex] : textBox.text
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
                                text: field.modelData.hasDefault ? qsTr("default or generated")
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
                            placeholderText: field.modelData.hint
                            validator: field.type === "integer" ? integerInput
                                       : field.type === "number" ? numberInput : null
                            horizontalAlignment: field.type === "integer" || field.type === "number"
                                                 ? TextInput.AlignRight : TextInput.AlignLeft
                            onTextEdited: dialog.problem = ""
                            Layout.fillWidth: true
                        }
                        ComboBox {
                            id: boolBox
                            objectName: "field_" + field.name
                            visible: field.type === "boolean"
                            model: [qsTr("(empty)"), "true", "false"]
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
                    dialog.builder.addRow(dialog.texts())
                }
            }
            Button {
                text: qsTr("Cancel")
                onClicked: dialog.reject()
            }
        }
    }
}

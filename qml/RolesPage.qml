import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Roles: each role's rules as a matrix of service × component × verbs, with the row filter a
// rule carries. Rules are edited in place and saved as a whole (PUT), so the API checks them
// together.
Page {
    id: page
    objectName: "rolesPage"
    padding: Style.pageMargin
    readonly property var verbs: ["GET", "POST", "PUT", "PATCH", "DELETE"]
    property int selected: -1
    // The selected role's name, kept by name: a reload (after any change, on any page) may
    // move it to another row.
    property string selectedName
    property var rules: []

    SystemCollection {
        id: roles
        collection: "role"
        keys: ["id", "name", "description", "access"]
        onLoaded: page.pick(page.indexNamed(page.selectedName))
        onCreated: (item) => {
            page.selectedName = item.name // the new role, once the list has it
            toast.show(qsTr("Role %1 added").arg(item.name))
        }
        onChanged: if (page.doneMessage) toast.show(page.doneMessage)
    }
    // What the toast says when the change asked for last (save or delete) has been made.
    property string doneMessage

    function indexNamed(name) {
        for (let i = 0; i < roles.items.count; ++i) {
            if (roles.items.get(i).name === name)
                return i
        }
        return Math.min(Math.max(selected, 0), roles.items.count - 1)
    }
    function pick(index) {
        selected = index
        const role = index >= 0 ? roles.items.get(index) : {}
        selectedName = role.name || ""
        rules = (role.access || []).map(r => ({ service: r.service, component: r.component, verbs: r.verbs.slice(), filter: r.filter || "" }))
    }
    function saveRules() {
        const role = roles.items.get(selected)
        doneMessage = qsTr("Rules of %1 saved").arg(role.name)
        roles.replace(String(role.id), { name: role.name, description: role.description,
            access: rules.map(r => r.filter ? r : { service: r.service, component: r.component, verbs: r.verbs }) })
    }

    RowLayout {
        anchors.fill: parent
        spacing: Style.spacingXLarge
        ColumnLayout {
            // Fixed: the matrix beside it takes what is left, however long the help text.
            Layout.preferredWidth: Style.navigationWidth
            Layout.minimumWidth: Style.navigationWidth
            Layout.maximumWidth: Style.navigationWidth
            Layout.fillHeight: true
            spacing: Style.spacingMedium
            PageHeader { title: qsTr("Roles") }
            ListView {
                objectName: "roleList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: roles.items
                delegate: ItemDelegate {
                    required property int index
                    required property string name
                    width: ListView.view.width
                    text: name
                    highlighted: index === page.selected
                    onClicked: page.pick(index)
                }
            }
            // The name above its button: a German placeholder needs the whole column.
            TextField {
                id: newRole
                objectName: "newRoleName"
                placeholderText: qsTr("new role name")
                Layout.fillWidth: true
                onAccepted: if (addRole.enabled) addRole.clicked()
            }
            Button {
                id: addRole
                objectName: "addRole"
                text: qsTr("Add")
                enabled: newRole.text.length > 0
                Layout.alignment: Qt.AlignRight
                onClicked: { roles.create({ name: newRole.text, access: [] }); newRole.text = "" }
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.spacingMedium
            ErrorBanner { text: roles.error }
            EmptyState {
                id: noRoles
                objectName: "noRoles"
                visible: roles.items.count === 0 && !roles.busy
                title: qsTr("No roles yet")
                text: qsTr("A role says which services, tables and verbs an API key may use. Name one on the left, then give it rules here.")
                actionText: qsTr("Name a role")
                onActionClicked: newRole.forceActiveFocus()
            }
            ColumnLayout {
                visible: !noRoles.visible
                spacing: Style.spacingMedium
                Layout.fillWidth: true
                Layout.fillHeight: true
                SectionHeading {
                    objectName: "roleHeading"
                    text: page.selectedName
                    Layout.fillWidth: true
                }
                // The matrix header; the verbs in small print, so that their columns are as narrow as
                // a check box and the row filter keeps its room at 1280 pixels.
                RowLayout {
                    spacing: Style.spacingSmall
                    Layout.fillWidth: true
                    Label { text: qsTr("Service"); font.bold: true; Layout.preferredWidth: Style.shortFieldWidth }
                    Label { text: qsTr("Component"); font.bold: true; Layout.preferredWidth: Style.shortFieldWidth }
                    Repeater {
                        model: page.verbs
                        Label { required property string modelData; text: modelData; font.bold: true; font.pixelSize: Style.captionSize; Layout.preferredWidth: Style.compactWidth }
                    }
                    Label { text: qsTr("Row filter"); font.bold: true; Layout.fillWidth: true }
                }
                Repeater {
                    model: page.rules
                    RowLayout {
                        id: ruleRow
                        required property var modelData
                        required property int index
                        spacing: Style.spacingSmall
                        Layout.fillWidth: true
                        TextField { text: ruleRow.modelData.service; Layout.preferredWidth: Style.shortFieldWidth
                            onEditingFinished: page.rules[ruleRow.index].service = text }
                        TextField { text: ruleRow.modelData.component; Layout.preferredWidth: Style.shortFieldWidth
                            onEditingFinished: page.rules[ruleRow.index].component = text }
                        Repeater {
                            model: page.verbs
                            CheckBox {
                                required property string modelData
                                Layout.preferredWidth: Style.compactWidth
                                checked: ruleRow.modelData.verbs.indexOf(modelData) >= 0 || ruleRow.modelData.verbs.indexOf("*") >= 0
                                Accessible.name: modelData
                                onToggled: {
                                    let v = ruleRow.modelData.verbs.indexOf("*") >= 0 ? page.verbs.slice() : ruleRow.modelData.verbs.slice()
                                    v = checked ? v.concat([modelData]) : v.filter(x => x !== modelData)
                                    page.rules[ruleRow.index].verbs = v
                                }
                            }
                        }
                        TextField { text: ruleRow.modelData.filter; placeholderText: qsTr("e.g. owner = 'alice'")
                            Layout.fillWidth: true; Layout.minimumWidth: Style.shortFieldWidth
                            onEditingFinished: page.rules[ruleRow.index].filter = text }
                        ToolButton {
                            text: "✕"
                            Accessible.name: qsTr("Remove rule")
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Remove rule")
                            onClicked: { const r = page.rules.slice(); r.splice(ruleRow.index, 1); page.rules = r }
                        }
                    }
                }
                RowLayout {
                    spacing: Style.spacingMedium
                    Button {
                        text: qsTr("Add rule")
                        enabled: page.selected >= 0
                        onClicked: page.rules = page.rules.concat([{ service: "*", component: "_table/*", verbs: ["GET"], filter: "" }])
                    }
                    Button {
                        objectName: "saveRules"
                        text: qsTr("Save rules")
                        highlighted: true
                        enabled: page.selected >= 0 && !roles.busy
                        onClicked: page.saveRules()
                    }
                    Button {
                        objectName: "deleteRole"
                        text: qsTr("Delete role")
                        enabled: page.selected >= 0
                        onClicked: confirmDelete.open()
                    }
                }
                Label {
                    text: qsTr("Components: _table/NAME, _table/*, _proc/NAME, _schema, _sql, or * (everything but _sql). \"View as role\" on the data page shows what a role sees.")
                    wrapMode: Text.Wrap
                    color: Style.muted
                    Layout.fillWidth: true
                }
                Item { Layout.fillHeight: true }
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteRole"
        title: qsTr("Delete role %1?").arg(page.selectedName)
        text: qsTr("Keys with this role stop working at once. This cannot be undone.")
        confirmText: qsTr("Delete")
        destructive: true
        onAccepted: {
            page.doneMessage = qsTr("Role %1 deleted").arg(page.selectedName)
            roles.remove(String(roles.items.get(page.selected).id))
        }
    }

    Toast { id: toast }
}

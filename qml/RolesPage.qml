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
    padding: 16
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
        onCreated: (item) => page.selectedName = item.name // the new role, once the list has it
    }

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
        roles.replace(String(role.id), { name: role.name, description: role.description,
            access: rules.map(r => r.filter ? r : { service: r.service, component: r.component, verbs: r.verbs }) })
    }

    RowLayout {
        anchors.fill: parent
        spacing: 16
        ColumnLayout {
            Layout.preferredWidth: 240
            Layout.fillHeight: true
            Label { text: qsTr("Roles"); font.pixelSize: 22 }
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
            RowLayout {
                TextField { id: newRole; objectName: "newRoleName"; placeholderText: qsTr("new role name"); Layout.fillWidth: true }
                Button {
                    objectName: "addRole"
                    text: qsTr("Add")
                    enabled: newRole.text.length > 0
                    onClicked: { roles.create({ name: newRole.text, access: [] }); newRole.text = "" }
                }
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 8
            ErrorBanner { text: roles.error }
            Label {
                objectName: "roleHeading"
                text: page.selectedName
                font.pixelSize: 18
                font.bold: true
            }
            // The matrix header.
            RowLayout {
                Label { text: qsTr("Service"); font.bold: true; Layout.preferredWidth: 120 }
                Label { text: qsTr("Component"); font.bold: true; Layout.preferredWidth: 160 }
                Repeater {
                    model: page.verbs
                    Label { required property string modelData; text: modelData; font.bold: true; Layout.preferredWidth: 70 }
                }
                Label { text: qsTr("Row filter"); font.bold: true; Layout.fillWidth: true }
            }
            Repeater {
                model: page.rules
                RowLayout {
                    id: ruleRow
                    required property var modelData
                    required property int index
                    TextField { text: ruleRow.modelData.service; Layout.preferredWidth: 120
                        onEditingFinished: page.rules[ruleRow.index].service = text }
                    TextField { text: ruleRow.modelData.component; Layout.preferredWidth: 160
                        onEditingFinished: page.rules[ruleRow.index].component = text }
                    Repeater {
                        model: page.verbs
                        CheckBox {
                            required property string modelData
                            Layout.preferredWidth: 70
                            checked: ruleRow.modelData.verbs.indexOf(modelData) >= 0 || ruleRow.modelData.verbs.indexOf("*") >= 0
                            Accessible.name: modelData
                            onToggled: {
                                let v = ruleRow.modelData.verbs.indexOf("*") >= 0 ? page.verbs.slice() : ruleRow.modelData.verbs.slice()
                                v = checked ? v.concat([modelData]) : v.filter(x => x !== modelData)
                                page.rules[ruleRow.index].verbs = v
                            }
                        }
                    }
                    TextField { text: ruleRow.modelData.filter; placeholderText: qsTr("e.g. owner = 'alice'"); Layout.fillWidth: true
                        onEditingFinished: page.rules[ruleRow.index].filter = text }
                    ToolButton {
                        text: "✕"
                        Accessible.name: qsTr("Remove rule")
                        onClicked: { const r = page.rules.slice(); r.splice(ruleRow.index, 1); page.rules = r }
                    }
                }
            }
            RowLayout {
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
                opacity: 0.7
                Layout.fillWidth: true
            }
            Item { Layout.fillHeight: true }
        }
    }

    Dialog {
        id: confirmDelete
        objectName: "confirmDeleteRole"
        title: qsTr("Delete role %1?").arg(page.selectedName)
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: qsTr("Keys with this role stop working at once. This cannot be undone.")
            wrapMode: Text.Wrap
        }
        onAccepted: roles.remove(String(roles.items.get(page.selected).id))
    }
}

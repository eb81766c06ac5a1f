import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// API keys: create one for a role (shown once, with a copy button), see each key's prefix,
// role, expiry and last use, revoke.
Page {
    id: page
    objectName: "keysPage"
    padding: 16

    SystemCollection {
        id: keys
        collection: "api-key"
        keys: ["id", "key_prefix", "label", "role", "created_at", "expires_at", "revoked_at", "last_used"]
        onCreated: (item) => { newKey.text = item.api_key; createDialog.close() }
    }
    SystemCollection {
        id: roles
        collection: "role"
        keys: ["name"]
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        RowLayout {
            Label { text: qsTr("API keys"); font.pixelSize: 22; Layout.fillWidth: true }
            Button {
                text: qsTr("Create key")
                highlighted: true
                enabled: roles.items.count > 0
                onClicked: createDialog.open()
            }
        }
        ErrorBanner { text: keys.error }
        ColumnLayout {
            visible: newKey.text.length > 0
            Layout.fillWidth: true
            Label { text: qsTr("The new key, shown this once: copy it now.") ; font.bold: true }
            RowLayout {
                Layout.fillWidth: true
                CopyField { id: newKey; objectName: "newKey"; Layout.fillWidth: true }
                Button {
                    text: qsTr("Done: hide it")
                    onClicked: newKey.text = ""
                }
            }
        }
        ListView {
            objectName: "keyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: keys.items
            delegate: Frame {
                required property var model
                width: ListView.view.width
                RowLayout {
                    anchors.fill: parent
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            text: model.key_prefix + "…  " + (model.label || "") + (model.revoked_at ? qsTr("  (revoked)") : "")
                            font.bold: true
                        }
                        Flow {
                            spacing: 6
                            Layout.fillWidth: true
                            opacity: 0.7
                            Label { text: qsTr("Role %1 · created").arg(model.role) }
                            Timestamp { iso: model.created_at || "" }
                            Label { text: qsTr("· expires") }
                            Timestamp { iso: model.expires_at || ""; empty: qsTr("never") }
                            Label { text: qsTr("· last used") }
                            Timestamp { iso: model.last_used || ""; empty: qsTr("never") }
                        }
                    }
                    Button {
                        text: qsTr("Revoke")
                        enabled: !model.revoked_at
                        onClicked: {
                            confirmRevoke.keyId = String(model.id)
                            confirmRevoke.prefix = model.key_prefix
                            confirmRevoke.open()
                        }
                    }
                }
            }
        }
    }

    Dialog {
        id: confirmRevoke
        objectName: "confirmRevoke"
        property string keyId
        property string prefix
        title: qsTr("Revoke key %1…?").arg(prefix)
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: qsTr("Clients sending this key get 401 from now on. This cannot be undone.")
            wrapMode: Text.Wrap
        }
        onAccepted: {
            keys.act(keyId, "revoke")
            newKey.text = "" // a secret stays on screen no longer than needed
        }
    }

    Dialog {
        id: createDialog
        title: qsTr("Create API key")
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        GridLayout {
            columns: 2
            Label { text: qsTr("Role") }
            ComboBox { id: roleBox; model: roles.items; textRole: "name"; Layout.preferredWidth: 240 }
            Label { text: qsTr("Label") }
            TextField { id: labelField; Layout.preferredWidth: 240 }
            Label { text: qsTr("Expires after (days, 0 = never)") }
            SpinBox { id: days; from: 0; to: 3650; value: 90; editable: true }
        }
        onAccepted: {
            const body = { role: roleBox.currentText, label: labelField.text }
            if (days.value > 0)
                body.expires_in_days = days.value
            keys.create(body)
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// API keys: create one for a role (shown once, with a copy button), see each key's prefix,
// role, expiry and last use, revoke.
Page {
    id: page
    objectName: "keysPage"
    padding: Style.pageMargin

    SystemCollection {
        id: keys
        collection: "api-key"
        keys: ["id", "key_prefix", "label", "role", "created_at", "expires_at", "revoked_at", "last_used"]
        onCreated: (item) => { newKey.text = item.api_key; createDialog.close() }
        onChanged: toast.show(qsTr("Key revoked"))
    }
    SystemCollection {
        id: roles
        collection: "role"
        keys: ["name"]
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingLarge
        PageHeader {
            title: qsTr("API keys")
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
            spacing: Style.spacingMedium
            Layout.fillWidth: true
            Label { text: qsTr("The new key, shown this once: copy it now.") ; font.bold: true }
            RowLayout {
                spacing: Style.spacingMedium
                Layout.fillWidth: true
                CopyField { id: newKey; objectName: "newKey"; Layout.fillWidth: true }
                Button {
                    text: qsTr("Done: hide it")
                    onClicked: newKey.text = ""
                }
            }
        }
        EmptyState {
            objectName: "noKeys"
            visible: keys.items.count === 0 && !keys.busy
            title: qsTr("No API keys yet")
            text: roles.items.count > 0
                  ? qsTr("Clients send a key in the X-API-Key header; the key's role decides what they may do.")
                  : qsTr("A key gets a role: add one on the Roles page first.")
            actionText: roles.items.count > 0 ? qsTr("Create key") : ""
            onActionClicked: createDialog.open()
        }
        ListView {
            objectName: "keyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: count > 0
            clip: true
            spacing: Style.spacingSmall
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
                            spacing: Style.spacingSmall
                            Layout.fillWidth: true
                            Label { text: qsTr("Role %1 · created").arg(model.role); color: Style.muted }
                            Timestamp { iso: model.created_at || ""; color: Style.muted }
                            Label { text: qsTr("· expires"); color: Style.muted }
                            Timestamp { iso: model.expires_at || ""; empty: qsTr("never"); color: Style.muted }
                            Label { text: qsTr("· last used"); color: Style.muted }
                            Timestamp { iso: model.last_used || ""; empty: qsTr("never"); color: Style.muted }
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

    ConfirmDialog {
        id: confirmRevoke
        objectName: "confirmRevoke"
        property string keyId
        property string prefix
        title: qsTr("Revoke key %1…?").arg(prefix)
        text: qsTr("Clients sending this key get 401 from now on. This cannot be undone.")
        confirmText: qsTr("Revoke")
        destructive: true
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
        // Qt's own button texts are not translated (its catalogue is not loaded): ours are.
        onAboutToShow: {
            standardButton(Dialog.Ok).text = qsTr("Create key")
            standardButton(Dialog.Cancel).text = qsTr("Cancel")
        }
        GridLayout {
            columns: 2
            columnSpacing: Style.spacingLarge
            rowSpacing: Style.spacingMedium
            Label { text: qsTr("Role") }
            ComboBox { id: roleBox; model: roles.items; textRole: "name"; Layout.preferredWidth: Style.fieldWidth }
            Label { text: qsTr("Label") }
            TextField { id: labelField; Layout.preferredWidth: Style.fieldWidth }
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

    Toast { id: toast }
}

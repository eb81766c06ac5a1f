import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Admins: who may sign in to the system API and the API explorer; add, disable, enable.
Page {
    id: page
    objectName: "adminsPage"
    padding: 16

    SystemCollection {
        id: admins
        collection: "admin"
        keys: ["id", "email", "name", "disabled", "created_at", "last_login_at"]
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label { text: qsTr("Admins"); font.pixelSize: 22 }
        ErrorBanner { text: admins.error }
        ListView {
            objectName: "adminList"
            Layout.fillWidth: true
            Layout.preferredHeight: contentHeight
            Layout.maximumHeight: 400
            clip: true
            model: admins.items
            delegate: RowLayout {
                required property var model
                width: ListView.view.width
                Label {
                    text: model.email + (model.name ? " (" + model.name + ")" : "") + (model.disabled ? qsTr("  disabled") : "")
                    Layout.fillWidth: true
                }
                Label { text: qsTr("last sign-in %1").arg(model.last_login_at || qsTr("never")); opacity: 0.7 }
                Button {
                    text: model.disabled ? qsTr("Enable") : qsTr("Disable")
                    onClicked: admins.patch(String(model.id), { disabled: !model.disabled })
                }
            }
        }
        Label { text: qsTr("Add an admin"); font.bold: true }
        RowLayout {
            TextField { id: email; placeholderText: qsTr("Email"); Layout.preferredWidth: 240 }
            TextField { id: name; placeholderText: qsTr("Name"); Layout.preferredWidth: 160 }
            TextField { id: password; placeholderText: qsTr("Password (12+ characters)"); echoMode: TextInput.Password; Layout.preferredWidth: 220 }
            Button {
                text: qsTr("Add")
                enabled: email.text.length > 0 && password.text.length > 0
                onClicked: { admins.create({ email: email.text, name: name.text, password: password.text }); password.text = "" }
            }
        }
        Item { Layout.fillHeight: true }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Admins: who may sign in to the system API and the API explorer; add, disable, enable.
Page {
    id: page
    objectName: "adminsPage"
    padding: Style.pageMargin
    // What the toast says when the last enable or disable has been made.
    property string doneMessage

    SystemCollection {
        id: admins
        collection: "admin"
        keys: ["id", "email", "name", "disabled", "created_at", "last_login_at"]
        onCreated: (item) => toast.show(qsTr("Admin %1 added").arg(item.email))
        onChanged: if (page.doneMessage) toast.show(page.doneMessage)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingLarge
        PageHeader { title: qsTr("Admins") }
        ErrorBanner { text: admins.error }
        ListView {
            objectName: "adminList"
            Layout.fillWidth: true
            Layout.preferredHeight: contentHeight
            Layout.maximumHeight: parent.height / 2
            clip: true
            spacing: Style.spacingSmall
            model: admins.items
            delegate: RowLayout {
                required property var model
                width: ListView.view.width
                spacing: Style.spacingMedium
                Label {
                    text: model.email + (model.name ? " (" + model.name + ")" : "") + (model.disabled ? qsTr("  disabled") : "")
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label { text: qsTr("last sign-in"); color: Style.muted }
                Timestamp { iso: model.last_login_at || ""; empty: qsTr("never"); color: Style.muted }
                Button {
                    text: model.disabled ? qsTr("Enable") : qsTr("Disable")
                    onClicked: {
                        page.doneMessage = model.disabled ? qsTr("%1 can sign in again").arg(model.email)
                                                          : qsTr("%1 can no longer sign in").arg(model.email)
                        admins.patch(String(model.id), { disabled: !model.disabled })
                    }
                }
            }
        }
        SectionHeading { text: qsTr("Add an admin"); Layout.fillWidth: true }
        RowLayout {
            spacing: Style.spacingMedium
            // Each field at least as wide as its placeholder, in any language.
            TextField { id: email; placeholderText: qsTr("Email"); Layout.preferredWidth: Math.max(Style.fieldWidth, implicitWidth) }
            TextField { id: name; placeholderText: qsTr("Name"); Layout.preferredWidth: Math.max(Style.mediumFieldWidth, implicitWidth) }
            TextField { id: password; placeholderText: qsTr("Password (12+ characters)"); echoMode: TextInput.Password; Layout.preferredWidth: Math.max(Style.fieldWidth, implicitWidth) }
            Button {
                text: qsTr("Add")
                enabled: email.text.length > 0 && password.text.length > 0
                onClicked: { admins.create({ email: email.text, name: name.text, password: password.text }); password.text = "" }
            }
        }
        Item { Layout.fillHeight: true }
    }

    Toast { id: toast }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The connections: each with its driver, DSN (password masked) and state; test, pause, remove,
// and add a new one.
Page {
    id: page
    objectName: "connectionsPage"
    padding: 16

    required property ConnectionListModel connections

    Connections {
        target: page.connections
        function onTested(name, ok, message) { status.text = (name ? name + ": " : "") + message }
        function onFailed(message) { banner.text = message }
        function onAdded(name) { addDialog.close() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12

        RowLayout {
            Label {
                text: qsTr("Connections")
                font.pixelSize: 22
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Add connection")
                highlighted: true
                onClicked: addDialog.open()
            }
        }
        ErrorBanner { id: banner }
        Label { id: status; visible: text.length > 0 }
        Label {
            visible: page.connections.count === 0 && !page.connections.busy
            text: qsTr("No connections yet. Add one to serve it as a REST API.")
            opacity: 0.7
        }

        ListView {
            id: list
            objectName: "connectionList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: page.connections
            keyNavigationEnabled: true
            delegate: Frame {
                required property string name
                required property string label
                required property string driver
                required property string dsn
                required property bool enabled
                required property bool readOnly
                required property string schemaError
                width: ListView.view.width

                RowLayout {
                    anchors.fill: parent
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            text: name + (label ? " — " + label : "")
                                  + (enabled ? "" : qsTr(" (paused)"))
                                  + (readOnly ? qsTr(" · read-only") : "")
                            font.bold: true
                        }
                        Label {
                            text: driver + " · " + dsn
                            opacity: 0.7
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: schemaError.length > 0
                            text: qsTr("Unavailable: %1").arg(schemaError)
                            color: "#c42b1c"
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Button {
                        text: qsTr("Edit")
                        onClicked: editDialog.openFor(name, label, readOnly, driver)
                    }
                    Button {
                        text: qsTr("Test")
                        onClicked: page.connections.test(name)
                    }
                    Button {
                        text: enabled ? qsTr("Pause") : qsTr("Resume")
                        onClicked: page.connections.setEnabled(name, !enabled)
                    }
                    Button {
                        text: qsTr("Remove")
                        onClicked: {
                            confirmRemove.serviceName = name
                            confirmRemove.open()
                        }
                    }
                }
            }
        }
    }

    Dialog {
        id: addDialog
        title: qsTr("Add connection")
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 720)
        standardButtons: Dialog.Cancel

        ColumnLayout {
            anchors.fill: parent
            ConnectionForm {
                id: form
                Layout.fillWidth: true
            }
            RowLayout {
                Button {
                    text: qsTr("Test connection")
                    enabled: form.complete && !page.connections.busy
                    onClicked: page.connections.testNew(form.driver, form.fields, form.password)
                }
                Button {
                    text: qsTr("Save")
                    highlighted: true
                    enabled: form.complete && !page.connections.busy
                    onClicked: page.connections.add(form.name, form.driver, form.fields,
                                               form.password, form.label, form.readOnly)
                }
            }
        }
    }

    Dialog {
        id: editDialog
        property string serviceName
        property string driver
        function openFor(name, label, readOnly, driver) {
            serviceName = name
            editDialog.driver = driver
            editLabel.text = label
            editReadOnly.checked = readOnly
            editPassword.text = ""
            open()
        }
        title: qsTr("Edit %1").arg(serviceName)
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Save | Dialog.Cancel
        GridLayout {
            columns: 2
            Label { text: qsTr("Label") }
            TextField { id: editLabel; Layout.preferredWidth: 320 }
            Label { text: qsTr("New password"); visible: editDialog.driver !== "sqlite" }
            TextField {
                id: editPassword
                visible: editDialog.driver !== "sqlite"
                echoMode: TextInput.Password
                placeholderText: qsTr("Empty: keep the current one")
                Layout.preferredWidth: 320
            }
            Item { width: 1; height: 1 }
            CheckBox { id: editReadOnly; text: qsTr("Read-only") }
        }
        onAccepted: page.connections.edit(serviceName, editLabel.text, editReadOnly.checked, editPassword.text)
    }

    Dialog {
        id: confirmRemove
        property string serviceName
        title: qsTr("Remove %1?").arg(serviceName)
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: qsTr("The API of %1 goes away; the database itself is not touched.").arg(confirmRemove.serviceName)
        }
        onAccepted: page.connections.remove(serviceName)
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The connections: each with its driver, DSN (password masked) and state; test, pause, remove,
// and add a new one.
Page {
    id: page
    objectName: "connectionsPage"
    padding: Style.pageMargin

    required property ConnectionListModel connections

    // Answers go where the user is looking: inside an open dialog, else on the page.
    function answer(ok, message, onPage) {
        if (addDialog.opened)
            addResult.show(ok, message)
        else if (editDialog.opened)
            editResult.show(ok, message)
        else
            onPage()
    }
    Connections {
        target: page.connections
        function onTested(name, ok, message) {
            page.answer(ok, message, () => status.text = (name ? name + ": " : "") + message)
        }
        function onFailed(message) { page.answer(false, message, () => banner.text = message) }
        function onAdded(name) {
            addDialog.close()
            toast.show(qsTr("Connection %1 saved").arg(name))
        }
        function onEdited(name) {
            editDialog.close()
            toast.show(qsTr("Connection %1 saved").arg(name))
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingLarge

        PageHeader {
            title: qsTr("Connections")
            Button {
                text: qsTr("Add connection")
                highlighted: true
                onClicked: addDialog.open()
            }
        }
        ErrorBanner { id: banner }
        Label { id: status; visible: text.length > 0 }
        EmptyState {
            objectName: "noConnections"
            visible: page.connections.count === 0 && !page.connections.busy
            title: qsTr("No connections yet")
            text: qsTr("Add a database (SQLite, PostgreSQL, MySQL or ODBC) to serve it as a REST API.")
            actionText: qsTr("Add connection")
            onActionClicked: addDialog.open()
        }

        ListView {
            id: list
            objectName: "connectionList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: count > 0
            clip: true
            spacing: Style.spacingSmall
            model: page.connections
            keyNavigationEnabled: true
            delegate: Frame {
                required property string name
                required property string label
                required property string driver
                required property string dsn
                required property bool enabled
                required property bool readOnly
                required property bool rawSql
                required property string schemaError
                required property string tenancy
                required property string tenancyText
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
                            color: Style.muted
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                        }
                        // Per tenant (API.md §11): the tenants with a backend here. Backends are
                        // added with `sluice db tenant` or the system API.
                        Label {
                            objectName: "tenancyLine"
                            visible: tenancyText.length > 0
                            text: tenancyText
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: schemaError.length > 0
                            text: qsTr("Unavailable: %1").arg(schemaError)
                            color: Style.error
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Button {
                        text: qsTr("Edit")
                        onClicked: editDialog.openFor(name, label, readOnly, rawSql, driver, dsn, tenancy, tenancyText)
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

    // The result of a test or a save, inside the dialog that asked for it, wrapped.
    component DialogResult: Label {
        property bool ok: false
        function show(good, message) { ok = good; text = (good ? "✓ " : "✗ ") + message }
        visible: text.length > 0
        color: ok ? Style.success : Style.error
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Dialog {
        id: addDialog
        objectName: "addDialog"
        title: qsTr("Add connection")
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Style.spacingXLarge, Style.dialogMaxWidth)
        height: Math.min(parent.height - Style.spacingXLarge, implicitHeight)
        standardButtons: Dialog.Cancel
        // Qt's own button text is not translated (its catalogue is not loaded): ours is.
        onAboutToShow: standardButton(Dialog.Cancel).text = qsTr("Cancel")
        onOpened: addResult.text = ""
        onClosed: addResult.text = ""

        ScrollView {
            anchors.fill: parent
            contentWidth: availableWidth
            ColumnLayout {
                width: parent.width - Style.pageMargin // room for the scroll bar, which lies over the content
                spacing: Style.spacingMedium
                ConnectionForm {
                    id: form
                    connections: page.connections
                    Layout.fillWidth: true
                }
                RowLayout {
                    Button {
                        text: qsTr("Test connection")
                        enabled: form.complete && !page.connections.busy
                        onClicked: {
                            addResult.ok = true
                            addResult.text = qsTr("Testing…")
                            page.connections.testNew(form.driver, form.fields, form.password)
                        }
                    }
                    Button {
                        text: qsTr("Save")
                        highlighted: true
                        enabled: form.complete && !page.connections.busy
                        onClicked: page.connections.add(form.name, form.driver, form.fields,
                                                   form.password, form.label, form.readOnly,
                                                   form.rawSql)
                    }
                }
                DialogResult { id: addResult; objectName: "addResult" }
            }
        }
    }

    // Every part of a saved connection but its name; the new settings are tested before they
    // are saved.
    Dialog {
        id: editDialog
        objectName: "editDialog"
        property string serviceName
        function openFor(name, label, readOnly, rawSql, driver, dsn, tenancy, tenancyText) {
            serviceName = name
            editForm.tenancy = tenancy
            editForm.tenancyText = tenancyText
            editForm.name = name
            editForm.label = label
            editForm.readOnly = readOnly
            editForm.rawSql = rawSql
            editForm.password = ""
            editForm.load(driver, page.connections.fieldsOf(driver, dsn))
            open()
        }
        title: qsTr("Edit %1").arg(serviceName)
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Style.spacingXLarge, Style.dialogMaxWidth)
        height: Math.min(parent.height - Style.spacingXLarge, implicitHeight)
        standardButtons: Dialog.Cancel
        // Qt's own button text is not translated (its catalogue is not loaded): ours is.
        onAboutToShow: standardButton(Dialog.Cancel).text = qsTr("Cancel")
        onClosed: editResult.text = ""

        ScrollView {
            anchors.fill: parent
            contentWidth: availableWidth
            ColumnLayout {
                width: parent.width - Style.pageMargin
                spacing: Style.spacingMedium
                ConnectionForm {
                    id: editForm
                    objectName: "editForm"
                    editing: true
                    connections: page.connections
                    Layout.fillWidth: true
                }
                RowLayout {
                    Button {
                        objectName: "saveEdit"
                        text: qsTr("Test and save")
                        highlighted: true
                        enabled: editForm.complete && !page.connections.busy
                        onClicked: {
                            editResult.ok = true
                            editResult.text = qsTr("Testing…")
                            page.connections.update(editDialog.serviceName, editForm.driver,
                                                    editForm.fields, editForm.password,
                                                    editForm.label, editForm.readOnly,
                                                    editForm.rawSql)
                        }
                    }
                }
                DialogResult { id: editResult; objectName: "editResult" }
            }
        }
    }

    ConfirmDialog {
        id: confirmRemove
        objectName: "confirmRemove"
        property string serviceName
        title: qsTr("Remove %1?").arg(serviceName)
        text: qsTr("The API of %1 goes away; the database itself is not touched.").arg(serviceName)
        confirmText: qsTr("Remove")
        destructive: true
        onAccepted: page.connections.remove(serviceName)
    }

    Toast { id: toast }
}

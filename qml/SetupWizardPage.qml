import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// First run: an admin account, a first connection (tested before it is saved), a key for it,
// and the live API at the end.
Page {
    id: page
    objectName: "setupWizardPage"
    property string serviceName
    signal finished()

    SetupWizard {
        id: wizard
        onAdminCreated: steps.currentIndex = 1
        onKeyCreated: steps.currentIndex = 3
        onLiveChanged: steps.currentIndex = 4
        onFailed: (message) => banner.text = message
        onSuggestedPortChanged: if (suggestedPort > 0) livePort.text = suggestedPort
    }
    ConnectionListModel {
        id: connections
        onTested: (name, ok, message) => {
            testResult.ok = ok
            testResult.text = (ok ? "✓ " : "✗ ") + message
        }
        onAdded: (name) => { page.serviceName = name; steps.currentIndex = 2 }
        onFailed: (message) => banner.text = message
    }

    header: ToolBar {
        Label {
            anchors.centerIn: parent
            text: qsTr("Welcome to Sluice: a working API in four steps (%1 of 4)")
                .arg(Math.min(steps.currentIndex + 1, 4))
            font.bold: true
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Style.spacingXLarge
        spacing: Style.spacingLarge

        ErrorBanner { id: banner }

        StackLayout {
            id: steps
            objectName: "wizardSteps"
            Layout.fillWidth: true
            Layout.fillHeight: true
            onCurrentIndexChanged: banner.text = ""

            // 1. The admin account.
            ColumnLayout {
                spacing: Style.spacingLarge
                Label {
                    text: qsTr("Create the admin account")
                    font.pixelSize: Style.titleSize
                }
                Label {
                    text: qsTr("The admin signs in to the API explorer and the system API. The password needs 12 characters or more.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                GridLayout {
                    columns: 2
                    columnSpacing: Style.spacingLarge
                    rowSpacing: Style.spacingMedium
                    Layout.maximumWidth: Style.formMaxWidth
                    Label { text: qsTr("Email") }
                    TextField { id: email; objectName: "adminEmail"; Layout.fillWidth: true; focus: true }
                    Label { text: qsTr("Name") }
                    TextField { id: adminName; Layout.fillWidth: true }
                    Label { text: qsTr("Password") }
                    TextField { id: password; objectName: "adminPassword"; echoMode: TextInput.Password; Layout.fillWidth: true }
                    Label { text: qsTr("Repeat") }
                    TextField { id: repeat; echoMode: TextInput.Password; Layout.fillWidth: true }
                }
                Button {
                    text: qsTr("Create admin")
                    highlighted: true
                    enabled: !wizard.busy && email.text.length > 0 && password.text.length > 0
                             && password.text === repeat.text
                    onClicked: wizard.createAdmin(email.text, adminName.text, password.text)
                }
                Item { Layout.fillHeight: true }
            }

            // 2. The first connection.
            ColumnLayout {
                spacing: Style.spacingLarge
                Label {
                    text: qsTr("Connect a database")
                    font.pixelSize: Style.titleSize
                }
                // Something to explore at once: the bookshop `sluice serve --demo` serves.
                RowLayout {
                    spacing: Style.spacingMedium
                    Layout.maximumWidth: Style.formMaxWidth
                    Label {
                        text: qsTr("No database at hand? Try Sluice on a sample bookshop (SQLite, in the data directory).")
                        wrapMode: Text.Wrap
                        color: Style.muted
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "useDemoButton"
                        text: qsTr("Use the demo bookshop")
                        enabled: !connections.busy
                        onClicked: connections.addDemo()
                    }
                }
                ConnectionForm {
                    id: form
                    connections: connections
                    Layout.maximumWidth: Style.formMaxWidth
                    Layout.fillWidth: true
                }
                RowLayout {
                    spacing: Style.spacingMedium
                    Layout.maximumWidth: Style.formMaxWidth
                    Button {
                        text: qsTr("Test connection")
                        enabled: form.complete && !connections.busy
                        onClicked: {
                            testResult.ok = true
                            testResult.text = qsTr("Testing…")
                            connections.testNew(form.driver, form.fields, form.password)
                        }
                    }
                    Button {
                        text: qsTr("Save and continue")
                        highlighted: true
                        enabled: form.complete && !connections.busy
                        onClicked: connections.add(form.name, form.driver, form.fields,
                                                   form.password, form.label, form.readOnly,
                                                   form.rawSql)
                    }
                    Label {
                        id: testResult
                        property bool ok: true
                        color: ok ? Style.success : Style.error
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // 3. A key.
            ColumnLayout {
                spacing: Style.spacingLarge
                Label {
                    text: qsTr("Create an API key")
                    font.pixelSize: Style.titleSize
                }
                Label {
                    text: qsTr("Clients send the key in the X-API-Key header. It gets a role with full access to %1; narrow it later on the roles page.").arg(page.serviceName)
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Button {
                    text: qsTr("Create key")
                    highlighted: true
                    enabled: !wizard.busy
                    onClicked: wizard.createKey(page.serviceName)
                }
                Item { Layout.fillHeight: true }
            }

            // 4. The key, shown once.
            ColumnLayout {
                spacing: Style.spacingLarge
                Label {
                    text: qsTr("Your API key")
                    font.pixelSize: Style.titleSize
                }
                Label {
                    text: qsTr("Copy it now: Sluice keeps only its hash and cannot show it again.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                CopyField { text: wizard.apiKey; Layout.fillWidth: true }
                RowLayout {
                    spacing: Style.spacingMedium
                    Label { text: qsTr("Port") }
                    TextField {
                        id: livePort
                        objectName: "livePort"
                        text: App.serverPort // server.port, 8080 unless configured
                        validator: IntValidator { bottom: 1; top: 65535 }
                        Layout.preferredWidth: Style.shortFieldWidth
                    }
                    Button {
                        objectName: "startApiButton"
                        text: qsTr("Start the API")
                        highlighted: true
                        enabled: !wizard.busy && livePort.acceptableInput
                        onClicked: {
                            banner.text = ""
                            wizard.goLive(page.serviceName, parseInt(livePort.text))
                        }
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // 5. Live.
            ColumnLayout {
                spacing: Style.spacingLarge
                Label {
                    text: qsTr("Your API is live")
                    font.pixelSize: Style.titleSize
                }
                Label { text: qsTr("URL") }
                CopyField { text: wizard.liveUrl; Layout.fillWidth: true }
                Label { text: qsTr("Try it") }
                CopyField { text: wizard.curlExample; Layout.fillWidth: true }
                Label {
                    text: qsTr("API explorer: %1/docs").arg(App.serverUrl)
                }
                Label {
                    text: qsTr("The API runs while Sluice is open, and starts again when you open it next time (Server page: Stop turns that off).")
                    wrapMode: Text.Wrap
                    color: Style.muted
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "finishButton"
                    text: qsTr("Open Sluice")
                    highlighted: true
                    onClicked: page.finished()
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}

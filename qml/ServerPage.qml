import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Sluice.Gui

// The embedded server: where it listens (HTTP or HTTPS), start and stop, and where to go from
// there.
Page {
    id: page
    objectName: "serverPage"
    padding: Style.pageMargin

    // HTTPS on with a file still to choose: nothing to apply yet.
    readonly property bool tlsIncomplete: tlsSwitch.checked
                                          && (certField.text === "" || keyField.text === "")

    // Applies the HTTPS choice as it stands (a running server listens again); false, with the
    // reason under the fields, when it cannot be.
    function applyTls() {
        if (tlsIncomplete)
            return false
        return App.setTls(tlsSwitch.checked, certField.text, keyField.text)
    }

    Component.onCompleted: {
        // Set once, not bound: what the user types or chooses stays when it does not load.
        tlsSwitch.checked = App.tlsEnabled
        certField.text = App.tlsCert
        keyField.text = App.tlsKey
    }

    ServerMonitor {
        id: monitor
        active: App.serverRunning && page.visible
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingLarge

        PageHeader { title: qsTr("Server") }
        ErrorBanner { text: App.serverError }
        GridLayout {
            columns: 2
            columnSpacing: Style.spacingLarge
            rowSpacing: Style.spacingMedium
            // Wide enough for a certificate's path (/etc/letsencrypt/live/…/fullchain.pem).
            Layout.maximumWidth: Style.formMaxWidth
            Layout.fillWidth: true
            Label { text: qsTr("Host") }
            TextField {
                id: host
                text: App.serverHost
                enabled: !App.serverRunning
                Layout.fillWidth: true
            }
            Label { text: qsTr("Port") }
            TextField {
                id: port
                text: App.serverPort
                enabled: !App.serverRunning
                validator: IntValidator { bottom: 0; top: 65535 }
                Layout.fillWidth: true
            }
            Label { text: qsTr("HTTPS") }
            Switch {
                id: tlsSwitch
                objectName: "tlsSwitch"
                Accessible.name: qsTr("HTTPS")
                onToggled: page.applyTls()
            }
            Label { text: qsTr("Certificate"); visible: tlsSwitch.checked }
            RowLayout {
                visible: tlsSwitch.checked
                spacing: Style.spacingMedium
                Layout.fillWidth: true
                TextField {
                    id: certField
                    objectName: "tlsCertField"
                    placeholderText: qsTr("/path/to/fullchain.pem")
                    Layout.fillWidth: true
                    Layout.preferredWidth: Math.max(Style.fieldWidth, implicitWidth)
                    onEditingFinished: page.applyTls()
                }
                Button {
                    objectName: "browseTlsCert"
                    text: qsTr("Browse…")
                    onClicked: certDialog.open()
                }
            }
            Label { text: qsTr("Private key"); visible: tlsSwitch.checked }
            RowLayout {
                visible: tlsSwitch.checked
                spacing: Style.spacingMedium
                Layout.fillWidth: true
                TextField {
                    id: keyField
                    objectName: "tlsKeyField"
                    placeholderText: qsTr("/path/to/privkey.pem")
                    Layout.fillWidth: true
                    Layout.preferredWidth: Math.max(Style.fieldWidth, implicitWidth)
                    onEditingFinished: page.applyTls()
                }
                Button {
                    objectName: "browseTlsKey"
                    text: qsTr("Browse…")
                    onClicked: keyDialog.open()
                }
            }
            Label {
                // The server's own one-line reason when the files do not load.
                objectName: "tlsMessage"
                visible: App.tlsError !== "" || page.tlsIncomplete
                text: App.tlsError !== "" ? App.tlsError
                                          : qsTr("Choose the certificate (PEM, with its chain) and its private key.")
                color: App.tlsError !== "" ? Style.error : Style.muted
                font.pixelSize: Style.captionSize
                wrapMode: Text.Wrap
                Layout.columnSpan: 2
                Layout.fillWidth: true
            }
        }
        FileDialog {
            id: certDialog
            title: qsTr("Choose the server's certificate")
            currentFolder: App.folderOf(certField.text || keyField.text)
            nameFilters: [qsTr("PEM files (*.pem *.crt *.cer)"), qsTr("All files (*)")]
            onAccepted: {
                certField.text = App.localFile(selectedFile)
                page.applyTls()
            }
        }
        FileDialog {
            id: keyDialog
            title: qsTr("Choose the certificate's private key")
            currentFolder: App.folderOf(keyField.text || certField.text)
            nameFilters: [qsTr("PEM files (*.pem *.key)"), qsTr("All files (*)")]
            onAccepted: {
                keyField.text = App.localFile(selectedFile)
                page.applyTls()
            }
        }
        RowLayout {
            spacing: Style.spacingMedium
            Button {
                objectName: "startStopButton"
                text: App.serverRunning ? qsTr("Stop") : qsTr("Start")
                highlighted: !App.serverRunning
                enabled: App.serverRunning || !page.tlsIncomplete
                onClicked: {
                    if (App.serverRunning)
                        App.stopServer()
                    else if (page.applyTls())
                        App.startServer(host.text, parseInt(port.text))
                }
            }
            Label {
                text: App.serverRunning ? qsTr("Listening at %1").arg(App.serverUrl)
                                        : qsTr("Stopped")
            }
        }
        CheckBox {
            objectName: "startOnLaunch"
            text: qsTr("Start the API when Sluice opens")
            checked: App.startOnLaunch
            onToggled: App.startOnLaunch = checked
        }
        Label {
            text: qsTr("The API runs inside this window: closing Sluice stops it. For an API that keeps running, use 'sluice serve' (a service).")
            wrapMode: Text.Wrap
            color: Style.muted
            Layout.fillWidth: true
        }
        GridLayout {
            visible: App.serverRunning
            columns: 2
            columnSpacing: Style.spacingLarge
            rowSpacing: Style.spacingMedium
            Layout.fillWidth: true
            Label { text: qsTr("API explorer") }
            CopyField { text: App.serverUrl + "/docs"; Layout.fillWidth: true }
            Label { text: qsTr("OpenAPI") }
            CopyField { text: App.serverUrl + "/openapi.json"; Layout.fillWidth: true }
            Label { text: qsTr("MCP") }
            CopyField { text: App.serverUrl + "/mcp"; Layout.fillWidth: true }
        }
        Label {
            text: qsTr("Data directory: %1").arg(App.dataDir)
            color: Style.muted
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
        Label {
            // No figures before there is something to measure ("median 0.00 ms" of nothing).
            visible: monitor.total > 0
            text: qsTr("Requests: %1 · errors: %2 · %3 per second · median %4 ms")
                    .arg(monitor.total).arg(monitor.errors)
                    .arg(monitor.requestsPerSecond.toFixed(1)).arg(monitor.medianMs.toFixed(2))
            font.bold: true
        }
        EmptyState {
            objectName: "noRequests"
            visible: monitor.total === 0
            title: qsTr("No requests yet")
            text: App.serverRunning ? qsTr("Requests to the API show here as they arrive, with their status and time.")
                                    : qsTr("Start the API to serve your connections; its requests show here.")
            actionText: App.serverRunning ? qsTr("Open the API explorer") : ""
            onActionClicked: Qt.openUrlExternally(App.serverUrl + "/docs")
        }
        ListView {
            objectName: "requestLog"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: monitor.total > 0
            clip: true
            model: monitor.requests
            delegate: Label {
                required property string at
                required property string method
                required property string path
                required property int status
                required property double ms
                width: ListView.view.width
                elide: Text.ElideMiddle
                font.family: Style.monospace
                // The theme's text colour (palette.windowText stays dark in the dark theme).
                color: status >= 500 ? Style.error : status >= 400 ? Style.warning : Style.foreground
                text: at.substring(11, 23) + "  " + status + "  " + method.padEnd(6) + " " + path + "  " + ms.toFixed(2) + " ms"
            }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The embedded server: where it listens, start and stop, and where to go from there.
Page {
    id: page
    objectName: "serverPage"
    padding: Style.pageMargin

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
            Layout.maximumWidth: Style.confirmWidth
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
        }
        RowLayout {
            spacing: Style.spacingMedium
            Button {
                objectName: "startStopButton"
                text: App.serverRunning ? qsTr("Stop") : qsTr("Start")
                highlighted: !App.serverRunning
                onClicked: App.serverRunning ? App.stopServer()
                                             : App.startServer(host.text, parseInt(port.text))
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

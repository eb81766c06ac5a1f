import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown instead of the app when the data directory cannot be opened (a locked or unreadable
// config.db, a bad sluice.yaml), so a user who started Sluice from the menu sees why.
ApplicationWindow {
    id: window
    required property string dataDir
    required property string message
    width: 720
    height: 300
    visible: true
    title: qsTr("Sluice")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12
        Label {
            text: qsTr("Sluice cannot open its data directory")
            font.pixelSize: 20
        }
        Label {
            text: window.dataDir
            font.family: "monospace"
        }
        Label {
            objectName: "startupError"
            text: window.message
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        Button {
            text: qsTr("Quit")
            Layout.alignment: Qt.AlignRight
            onClicked: Qt.quit()
        }
    }
}

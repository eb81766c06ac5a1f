import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown instead of the app when the data directory cannot be opened (a locked or unreadable
// config.db, a bad sluice.yaml), so a user who started Sluice from the menu sees why.
ApplicationWindow {
    id: window
    required property string dataDir
    required property string message
    width: Style.formMaxWidth
    height: Style.formMaxWidth / 2
    visible: true
    title: qsTr("Sluice")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Style.spacingXLarge
        spacing: Style.spacingLarge
        Label {
            text: qsTr("Sluice cannot open its data directory")
            font.pixelSize: Style.titleSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: window.dataDir
            font.family: Style.monospace
            wrapMode: Text.WrapAnywhere
            Layout.fillWidth: true
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

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown instead of the app when the data directory cannot be opened (a locked or unreadable
// config.db, a bad sluice.yaml), so a user who started Sluice from the menu sees why.
// It cannot use Style: Style follows App.theme, and there is no App (the core did not open). Its
// numbers mirror Style's: spacingXLarge, spacingLarge, titleSize.
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
        anchors.margins: 24 // Style.spacingXLarge
        spacing: 12 // Style.spacingLarge
        Label {
            text: qsTr("Sluice cannot open its data directory")
            font.pixelSize: 22
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: window.dataDir
            font.family: "monospace"
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

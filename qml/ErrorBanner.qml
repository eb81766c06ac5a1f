import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A message the user must see (a failed call, a refused value), until dismissed or replaced.
Pane {
    id: banner
    property string text
    visible: text.length > 0
    Layout.fillWidth: true
    // The same red in both themes, with white text: readable on light and dark alike.
    background: Rectangle { color: Style.errorFill; radius: Style.radius }
    palette.windowText: Style.onFill
    palette.buttonText: Style.onFill

    RowLayout {
        anchors.fill: parent
        Label {
            text: banner.text
            color: Style.onFill
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ToolButton {
            text: qsTr("Dismiss")
            onClicked: banner.text = ""
        }
    }
}

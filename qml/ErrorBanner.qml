import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// A message the user must see (a failed call, a refused value), until dismissed or replaced.
Pane {
    id: banner
    property string text
    visible: text.length > 0
    Layout.fillWidth: true
    Material.background: Material.color(Material.Red, Material.Shade100)
    Material.foreground: Material.color(Material.Red, Material.Shade900)

    RowLayout {
        anchors.fill: parent
        Label {
            text: banner.text
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ToolButton {
            text: qsTr("Dismiss")
            onClicked: banner.text = ""
        }
    }
}

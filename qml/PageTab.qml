import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal

// A tab of a page's TabBar (the console's History/Saved, the schema's Table/Diagram): the current
// one in the text colour and underlined in the accent, the others muted but readable (the
// Universal style draws them at 20 % opacity: barely there on black), in running-text size (the
// style's tabs are headline-sized and cut off in German).
TabButton {
    id: tab
    font.pixelSize: Style.bodySize
    contentItem: Label {
        text: tab.text
        font: tab.font
        color: tab.checked || tab.hovered ? Style.foreground : Style.muted
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Item {
        Rectangle {
            visible: tab.checked
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Style.focusWidth
            color: tab.Universal.accent
        }
    }
}

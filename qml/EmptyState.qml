import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a list shows while it has nothing: what is missing, a line on what to do about it, and
// optionally the button that does it. Fills the space the list would take, centred.
Item {
    id: empty
    property string title
    property string text
    property string actionText // no button when empty
    signal actionClicked()

    implicitWidth: column.implicitWidth
    implicitHeight: column.implicitHeight
    Layout.fillWidth: true
    Layout.fillHeight: true

    ColumnLayout {
        id: column
        anchors.centerIn: parent
        width: Math.min(parent.width, Style.emptyStateWidth)
        spacing: Style.spacingMedium
        Label {
            objectName: "emptyTitle"
            text: empty.title
            font.pixelSize: Style.headingSize
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Label {
            objectName: "emptyText"
            visible: text.length > 0
            text: empty.text
            color: Style.muted
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Button {
            objectName: "emptyAction"
            visible: empty.actionText.length > 0
            text: empty.actionText
            highlighted: true
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Style.spacingMedium
            onClicked: empty.actionClicked()
        }
    }
}

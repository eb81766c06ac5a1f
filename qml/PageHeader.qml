import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A page's title with its actions on the right: the children declared inside it.
RowLayout {
    id: header
    property alias title: titleLabel.text
    spacing: Style.spacingMedium
    Layout.fillWidth: true

    Label {
        id: titleLabel
        font.pixelSize: Style.titleSize
        elide: Text.ElideRight
        Layout.fillWidth: true
    }
}

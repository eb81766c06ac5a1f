import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Read-only text (a key, a URL, a curl line) with a copy button.
RowLayout {
    id: field
    property alias text: value.text
    property string copyLabel: qsTr("Copy")

    TextField {
        id: value
        readOnly: true
        selectByMouse: true
        font.family: "monospace"
        Layout.fillWidth: true
    }
    Button {
        text: field.copyLabel
        enabled: value.text.length > 0
        onClicked: App.copyToClipboard(value.text)
    }
}

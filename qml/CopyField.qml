import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// Read-only text (a key, a URL, a curl line) with a copy button.
RowLayout {
    id: field
    spacing: Style.spacingMedium
    property alias text: value.text
    property string copyLabel: qsTr("Copy")

    TextField {
        id: value
        readOnly: true
        selectByMouse: true
        font.family: Style.monospace
        Layout.fillWidth: true
        // A long line shows its start (the method, the URL), not its end.
        onTextChanged: if (!activeFocus) cursorPosition = 0
    }
    Button {
        id: copyButton
        objectName: "copyButton"
        property bool copied: false
        text: copied ? qsTr("Copied ✓") : field.copyLabel
        enabled: value.text.length > 0
        onClicked: {
            App.copyToClipboard(value.text)
            copied = true
            copiedTimer.restart()
        }
        Timer {
            id: copiedTimer
            interval: Style.toastDuration
            onTriggered: copyButton.copied = false
        }
    }
}

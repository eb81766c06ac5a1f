import QtQuick
import QtQuick.Controls

// A short note that an action worked ("Copied ✓", "Rules saved"), at the bottom centre of the
// window, gone by itself after Style.toastDuration. It takes no focus and no clicks.
Popup {
    id: toast
    property string text
    property int duration: Style.toastDuration

    function show(message) {
        text = message
        open()
        timer.restart()
    }

    parent: Overlay.overlay
    x: parent ? Math.round((parent.width - width) / 2) : 0
    y: parent ? parent.height - height - Style.spacingXLarge : 0
    width: Math.min(implicitWidth, parent ? parent.width - 2 * Style.pageMargin : implicitWidth)
    modal: false
    focus: false
    closePolicy: Popup.NoAutoClose
    padding: Style.spacingMedium
    leftPadding: Style.spacingLarge
    rightPadding: Style.spacingLarge

    background: Rectangle {
        color: Style.toastFill
        radius: Style.radius
    }
    contentItem: Label {
        objectName: "toastText"
        text: toast.text
        color: Style.toastText
        wrapMode: Text.Wrap
    }

    Timer {
        id: timer
        interval: toast.duration
        onTriggered: toast.close()
    }
}

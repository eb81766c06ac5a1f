import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import QtQuick.Layouts

// Asks before an action: a question as the title, what will happen as the text, and a button
// named for the action ("Revoke", "Delete") beside Cancel. A destructive action's button is red.
// Emits accepted() only when the user confirms; Esc, Cancel and a click outside reject.
Dialog {
    id: dialog
    property string text
    property string confirmText: qsTr("OK")
    property bool destructive: false

    modal: true
    anchors.centerIn: parent
    // A fixed width, and the text wrapped to a fixed width inside it: sizes that follow the page
    // or the popup's own layout made a binding loop on implicitHeight while the page was built.
    width: Style.confirmWidth

    contentItem: Item {
        implicitHeight: textLabel.implicitHeight
        Label {
            id: textLabel
            objectName: "confirmText"
            width: Style.confirmWidth - dialog.leftPadding - dialog.rightPadding
            text: dialog.text
            wrapMode: Text.Wrap
        }
    }

    // Buttons of their own (not a DialogButtonBox, whose buttons overlapped after a width change):
    // the action on the left, Cancel on the right, as in the app's other rows of buttons.
    footer: Item {
        implicitWidth: buttons.implicitWidth + 2 * Style.spacingXLarge
        implicitHeight: buttons.implicitHeight + Style.spacingXLarge
        RowLayout {
            id: buttons
            anchors.right: parent.right
            anchors.rightMargin: Style.spacingXLarge
            anchors.top: parent.top
            spacing: Style.spacingMedium
            Button {
                objectName: "confirmButton"
                text: dialog.confirmText
                highlighted: true
                Universal.accent: dialog.destructive ? Style.errorFill : dialog.Universal.accent
                onClicked: dialog.accept()
            }
            Button {
                objectName: "cancelButton"
                text: qsTr("Cancel")
                onClicked: dialog.reject()
            }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import Sluice.Gui

// The window: the first-run wizard until an admin exists, then the main page.
ApplicationWindow {
    id: window
    width: 1280
    height: 800
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    title: qsTr("Sluice")

    // The Universal style draws with plain rectangles, so it looks the same under software
    // rendering (virtual machines, remote desktops, Xvfb) as on a GPU.
    Universal.theme: App.theme === "dark" ? Universal.Dark
                   : App.theme === "light" ? Universal.Light : Universal.System
    Universal.accent: Universal.Teal

    // Decided once at start: the wizard makes the admin in its first step and still has steps
    // to go, so it ends when the user finishes it, not when an admin exists.
    property bool showWizard: false
    Component.onCompleted: showWizard = App.needsSetup

    Loader {
        id: page
        objectName: "pageLoader"
        anchors.fill: parent
        sourceComponent: window.showWizard ? wizard : main
    }

    // Keyboard focus, plain to see on every control in both themes: a frame in the text colour
    // inside the control that has it, while it got there by keyboard (the style's own dotted
    // line is hard to see on a coloured button). Text fields show focus with their accent border.
    Rectangle {
        objectName: "focusFrame"
        readonly property Item target: window.activeFocusControl
        parent: target
        visible: target !== null && target.visualFocus === true
        anchors.fill: parent
        z: 1
        color: "transparent"
        border.width: Style.focusWidth
        border.color: Style.foreground
    }

    Component {
        id: wizard
        SetupWizardPage {
            onFinished: window.showWizard = false
        }
    }
    Component {
        id: main
        MainPage {}
    }
}

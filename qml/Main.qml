import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
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

    Material.theme: App.theme === "dark" ? Material.Dark
                  : App.theme === "light" ? Material.Light : Material.System
    Material.accent: Material.Teal
    Material.primary: Material.BlueGrey

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

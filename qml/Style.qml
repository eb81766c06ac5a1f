pragma Singleton
import QtQuick
import Sluice.Gui

// The app's one visual language: spacing, type sizes, fixed widths and the colours that carry
// meaning. Pages use these names, never their own numbers, so every page reads alike. Colours
// follow the theme (App.theme, as Main.qml sets the Universal theme) and stay readable on the
// light theme's white and the dark theme's black.
QtObject {
    // Spacing: between related things (a label and its field), between controls, between
    // sections, around a dialog's or the wizard's content; the margin around a page.
    readonly property int spacingSmall: 4
    readonly property int spacingMedium: 8
    readonly property int spacingLarge: 12
    readonly property int spacingXLarge: 24
    readonly property int pageMargin: 16
    // The frame around the control with the keyboard focus (Main.qml).
    readonly property int focusWidth: 2
    // Corners of filled surfaces (the error banner, a toast).
    readonly property int radius: 2

    // Type scale, in pixels: small print, running text, a section heading, a page title.
    readonly property int captionSize: 12
    readonly property int bodySize: 15
    readonly property int headingSize: 18
    readonly property int titleSize: 22
    readonly property string monospace: "monospace"

    // Widths: a short field (a port, a name), a regular field, the navigation column, a form and
    // a dialog at their widest, a confirmation's text.
    readonly property int compactWidth: 56 // a column of a check box, or one short word in captionSize (DELETE)
    readonly property int shortFieldWidth: 120
    readonly property int mediumFieldWidth: 160
    readonly property int fieldWidth: 240
    readonly property int navigationWidth: 200 // also other side columns (the role list)
    readonly property int formMaxWidth: 720
    readonly property int dialogMaxWidth: 840 // a dialog holding a form and its labels
    readonly property int confirmWidth: 480
    readonly property int emptyStateWidth: 480
    // A control's height in the Universal style: a grid row, a busy indicator beside controls.
    readonly property int controlHeight: 32
    // A page's main view beside a side panel (the console's editor and its history): the view's
    // least width, the panel's usual width, an editor's first height.
    readonly property int mainMinWidth: 400
    readonly property int sidePanelWidth: 280
    readonly property int editorHeight: 150

    // How long a toast stays, and how long the pointer rests before a tooltip shows, in
    // milliseconds.
    readonly property int toastDuration: 2000
    readonly property int toolTipDelay: 600

    // The effective theme: "system" follows the desktop's palette, as the Universal style does.
    readonly property SystemPalette systemPalette: SystemPalette {}
    // (Style needs App: StartupError.qml, shown when there is no App, does not use it.)
    readonly property string theme: App ? App.theme : "system"
    readonly property bool dark: theme === "dark"
        || (theme !== "light" && systemPalette.window.hslLightness < 0.5)

    // Colours with a meaning, each readable on its theme's background.
    readonly property color foreground: dark ? "#ffffff" : "#000000"
    readonly property color muted: dark ? "#a6a6a6" : "#5c5c5c"
    readonly property color success: dark ? "#6ccb5f" : "#107c10"
    readonly property color warning: dark ? "#fce100" : "#9d5d00"
    readonly property color error: dark ? "#ff99a4" : "#c42b1c"
    // Filled surfaces with white text on them, the same in both themes: the error banner, a
    // destructive button.
    readonly property color errorFill: "#c42b1c"
    readonly property color onFill: "#ffffff"
    // The toast: the opposite of the page, so it stands out in either theme.
    readonly property color toastFill: dark ? "#e6e6e6" : "#2b2b2b"
    readonly property color toastText: dark ? "#000000" : "#ffffff"
}

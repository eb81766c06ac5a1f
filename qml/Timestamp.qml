import QtQuick
import QtQuick.Controls

// A time from the API (RFC 3339 in UTC, with milliseconds) as the user reads time: local, to the
// second. The exact stored value shows on hover.
Label {
    id: stamp
    property string iso
    property string empty: "" // shown when there is no time ("never")

    readonly property date parsed: new Date(iso)
    text: iso ? Qt.formatDateTime(parsed, "yyyy-MM-dd HH:mm:ss") : empty
    ToolTip.visible: iso.length > 0 && hover.hovered
    ToolTip.text: iso
    HoverHandler { id: hover }
}

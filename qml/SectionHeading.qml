import QtQuick
import QtQuick.Controls

// The heading of a part of a page ("Add an admin", the selected role).
Label {
    font.pixelSize: Style.headingSize
    font.bold: true
    elide: Text.ElideRight
}

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import QtQuick.Layouts
import QtQuick.Shapes
import Sluice.Gui

// The connection's ER diagram: every table as a box (its columns, types and key marks), every
// foreign key as a line from the referencing column to the referenced one, laid out by ErModel.
// Drag to pan, Ctrl+wheel or pinch to zoom (or the buttons); a click selects a table, a double
// click (or "Open rows") asks to open its rows.
Item {
    id: diagram
    objectName: "erDiagram"
    required property SchemaBrowser schema
    signal openTableRequested(string table)

    property real zoom: 1
    readonly property real minZoom: 0.2
    readonly property real maxZoom: 3
    // Fits the whole diagram into the view as that changes size, until the user zooms or pans.
    property bool autoFit: true

    // The theme's colours (Style.dark follows App.theme as Main.qml's Universal theme does).
    readonly property color canvasColor: Style.dark ? "#161616" : "#f2f2f2"
    readonly property color boxColor: Style.dark ? "#262626" : "#ffffff"
    readonly property color titleColor: Style.dark ? "#383838" : "#e4e4e4"
    readonly property color borderColor: Style.dark ? "#5a5a5a" : "#bdbdbd"
    readonly property color lineColor: Style.dark ? "#8a8a8a" : "#8c8c8c"
    readonly property color accent: Universal.accent
    readonly property int boxFontSize: 13

    FontMetrics {
        id: metrics
        font.pixelSize: diagram.boxFontSize
    }
    ErModel {
        id: er
        schema: diagram.schema
        charWidth: metrics.averageCharacterWidth * 1.1
        onLaidOut: {
            diagram.autoFit = true
            diagram.fit()
        }
    }

    // Zooms to `z` keeping the diagram point under (px, py) of the view where it is.
    function setZoom(z, px, py) {
        autoFit = false
        z = Math.max(minZoom, Math.min(maxZoom, z))
        const cx = (flick.contentX + px - canvas.x) / zoom
        const cy = (flick.contentY + py - canvas.y) / zoom
        zoom = z // canvas.x/y and the content size follow
        flick.contentX = Math.max(0, Math.min(cx * z + canvas.x - px, flick.contentWidth - flick.width))
        flick.contentY = Math.max(0, Math.min(cy * z + canvas.y - py, flick.contentHeight - flick.height))
    }
    function zoomBy(factor) {
        setZoom(zoom * factor, flick.width / 2, flick.height / 2)
    }
    // The whole diagram in view, never larger than 100 %.
    function fit() {
        if (er.width <= 0 || flick.width <= 0)
            return
        zoom = Math.max(minZoom, Math.min(1, (flick.width - 16) / er.width,
                                          (flick.height - 16) / er.height))
        flick.contentX = 0
        flick.contentY = 0
    }
    // Scrolls the selected table's box into view when it is chosen elsewhere (the list).
    function reveal(table) {
        const row = er.indexOf(table)
        if (row < 0)
            return
        const box = er.tables.get(row)
        const left = canvas.x + box.x * zoom, top = canvas.y + box.y * zoom
        const right = left + box.width * zoom, bottom = top + box.height * zoom
        if (left < flick.contentX || right > flick.contentX + flick.width)
            flick.contentX = Math.max(0, Math.min(left - 24, flick.contentWidth - flick.width))
        if (top < flick.contentY || bottom > flick.contentY + flick.height)
            flick.contentY = Math.max(0, Math.min(top - 24, flick.contentHeight - flick.height))
    }
    Connections {
        target: diagram.schema
        function onTableChanged() { diagram.reveal(diagram.schema.table) }
    }

    Shortcut { sequence: StandardKey.ZoomIn; enabled: diagram.visible; onActivated: diagram.zoomBy(1.25) }
    Shortcut { sequence: StandardKey.ZoomOut; enabled: diagram.visible; onActivated: diagram.zoomBy(0.8) }
    Shortcut { sequence: "Ctrl+0"; enabled: diagram.visible; onActivated: { diagram.autoFit = true; diagram.fit() } }

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingMedium

        RowLayout {
            Layout.fillWidth: true
            spacing: Style.spacingSmall
            Button {
                objectName: "openRows"
                text: qsTr("Open rows")
                enabled: diagram.schema.table.length > 0
                onClicked: diagram.openTableRequested(diagram.schema.table)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Show the rows of %1 in the Data page").arg(diagram.schema.table)
            }
            Item { Layout.fillWidth: true }
            ToolButton {
                text: "−"
                onClicked: diagram.zoomBy(0.8)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoom out (Ctrl+−)")
            }
            ToolButton {
                objectName: "zoomLevel"
                text: Math.round(diagram.zoom * 100) + " %"
                implicitWidth: Math.max(implicitContentWidth + leftPadding + rightPadding, 64)
                onClicked: diagram.setZoom(1, flick.width / 2, flick.height / 2)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Actual size")
            }
            ToolButton {
                text: "+"
                onClicked: diagram.zoomBy(1.25)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoom in (Ctrl++)")
            }
            ToolButton {
                text: qsTr("Fit")
                onClicked: {
                    diagram.autoFit = true
                    diagram.fit()
                }
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Show the whole diagram (Ctrl+0)")
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: diagram.canvasColor
            border.color: diagram.borderColor
            clip: true

            Label {
                anchors.centerIn: parent
                visible: er.tables.count === 0
                text: diagram.schema.busy ? qsTr("Loading…") : qsTr("No tables")
                color: Style.muted
            }

            Flickable {
                id: flick
                objectName: "erView"
                anchors.fill: parent
                anchors.margins: 1
                contentWidth: Math.max(er.width * diagram.zoom, width)
                contentHeight: Math.max(er.height * diagram.zoom, height)
                boundsBehavior: Flickable.StopAtBounds
                onWidthChanged: if (diagram.autoFit) diagram.fit()
                onHeightChanged: if (diagram.autoFit) diagram.fit()
                onMovementStarted: diagram.autoFit = false
                ScrollBar.vertical: ScrollBar {}
                ScrollBar.horizontal: ScrollBar {}

                // Ctrl+wheel zooms about the pointer; the plain wheel scrolls.
                WheelHandler {
                    acceptedModifiers: Qt.ControlModifier
                    target: null
                    onWheel: (event) => {
                        const at = flick.mapFromItem(null, point.scenePosition)
                        diagram.setZoom(diagram.zoom * Math.pow(1.2, event.angleDelta.y / 120), at.x, at.y)
                    }
                }
                PinchHandler {
                    target: null
                    property real startZoom: 1
                    onActiveChanged: if (active) startZoom = diagram.zoom
                    onScaleChanged: {
                        if (!active)
                            return
                        const at = flick.mapFromItem(null, centroid.scenePosition)
                        diagram.setZoom(startZoom * scale, at.x, at.y)
                    }
                }

                Item {
                    id: canvas
                    // Centred while the diagram is smaller than the view.
                    x: Math.max(0, (flick.width - er.width * diagram.zoom) / 2)
                    y: Math.max(0, (flick.height - er.height * diagram.zoom) / 2)
                    width: er.width
                    height: er.height
                    scale: diagram.zoom
                    transformOrigin: Item.TopLeft

                    // Lines under the boxes; those of the selected table drawn over the others.
                    Repeater {
                        model: er.edges
                        Shape {
                            id: edge
                            required property var points
                            required property string from_table
                            required property string to_table
                            readonly property bool active: from_table === diagram.schema.table
                                                           || to_table === diagram.schema.table
                            readonly property var path: points.map(p => Qt.point(p.x, p.y))
                            readonly property point end: path[path.length - 1]
                            // The last run's direction: the arrow points into the referenced box.
                            readonly property real dir: Math.sign(end.x - path[path.length - 2].x) || 1
                            anchors.fill: parent
                            z: active ? 1 : 0
                            ShapePath {
                                strokeColor: edge.active ? diagram.accent : diagram.lineColor
                                // Never thinner than a device pixel, or a zoomed-out line vanishes.
                                strokeWidth: (edge.active ? 2 : 1.25) / Math.min(1, diagram.zoom)
                                fillColor: "transparent"
                                joinStyle: ShapePath.MiterJoin
                                PathPolyline { path: edge.path }
                            }
                            ShapePath {
                                strokeWidth: 0
                                strokeColor: "transparent"
                                fillColor: edge.active ? diagram.accent : diagram.lineColor
                                PathPolyline {
                                    path: [edge.end,
                                           Qt.point(edge.end.x - edge.dir * 8, edge.end.y - 4.5),
                                           Qt.point(edge.end.x - edge.dir * 8, edge.end.y + 4.5),
                                           edge.end]
                                }
                            }
                        }
                    }

                    Repeater {
                        model: er.tables
                        Rectangle {
                            id: box
                            objectName: "erTable"
                            required property var model
                            required property string name
                            required property string type
                            required property var columns
                            readonly property bool selected: name === diagram.schema.table
                            x: model.x
                            y: model.y
                            z: 2
                            width: model.width
                            height: model.height
                            radius: 4
                            color: diagram.boxColor
                            border.color: selected ? diagram.accent : diagram.borderColor
                            border.width: selected ? 2 : 1

                            Rectangle {
                                id: title
                                x: box.border.width
                                y: box.border.width
                                width: parent.width - 2 * box.border.width
                                height: er.headerHeight - box.border.width
                                radius: 3
                                color: box.selected ? diagram.accent : diagram.titleColor
                                // Square lower corners: the title bar meets the column rows.
                                Rectangle {
                                    anchors.bottom: parent.bottom
                                    width: parent.width
                                    height: parent.radius
                                    color: parent.color
                                }
                                Label {
                                    anchors.fill: parent
                                    anchors.leftMargin: 10
                                    anchors.rightMargin: 10
                                    verticalAlignment: Text.AlignVCenter
                                    text: box.name
                                    font.pixelSize: diagram.boxFontSize
                                    font.bold: true
                                    font.italic: box.type === "view"
                                    color: box.selected ? "#ffffff" : Style.foreground
                                    elide: Text.ElideRight
                                }
                            }
                            Column {
                                y: er.headerHeight
                                width: parent.width
                                Repeater {
                                    model: box.columns
                                    Item {
                                        required property var modelData
                                        width: box.width
                                        height: er.rowHeight
                                        Label {
                                            x: 10
                                            width: 26
                                            height: parent.height
                                            verticalAlignment: Text.AlignVCenter
                                            text: modelData.pk ? "PK" : modelData.fk ? "FK" : ""
                                            font.pixelSize: 10
                                            font.bold: true
                                            color: modelData.pk ? diagram.accent : Style.muted
                                        }
                                        Label {
                                            x: 36
                                            width: parent.width - x - typeLabel.implicitWidth - 20
                                            height: parent.height
                                            verticalAlignment: Text.AlignVCenter
                                            text: modelData.name
                                            font.pixelSize: diagram.boxFontSize
                                            font.bold: modelData.pk
                                            color: Style.foreground
                                            elide: Text.ElideRight
                                        }
                                        Label {
                                            id: typeLabel
                                            anchors.right: parent.right
                                            anchors.rightMargin: 10
                                            height: parent.height
                                            verticalAlignment: Text.AlignVCenter
                                            text: modelData.type.toLowerCase()
                                            font.pixelSize: diagram.boxFontSize - 1
                                            color: Style.muted
                                        }
                                    }
                                }
                            }

                            HoverHandler { id: hover; cursorShape: Qt.PointingHandCursor }
                            ToolTip.visible: hover.hovered
                            ToolTip.delay: 600
                            ToolTip.text: qsTr("Double-click to open the rows of %1").arg(box.name)
                            TapHandler {
                                onTapped: diagram.schema.table = box.name
                                onDoubleTapped: diagram.openTableRequested(box.name)
                            }
                        }
                    }
                }
            }
        }

        Label {
            text: qsTr("Click a table to select it, double-click to open its rows. Drag to move, Ctrl+wheel to zoom.")
            color: Style.muted
            font.pixelSize: Style.captionSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}

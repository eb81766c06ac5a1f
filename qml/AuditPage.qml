import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import QtQuick.Layouts
import Sluice.Gui

// The audit log: who did what, newest first, filtered by actor, action or service. A table that
// follows new entries while it is shown and scrolled to the top (the newest).
Page {
    id: page
    objectName: "auditPage"
    padding: 16

    // Column widths shared by the header and the rows; the detail takes what is left.
    readonly property var widths: ({ at: 175, actor: 170, action: 150, target: 170, rows: 70, status: 60 })

    SystemCollection {
        id: audit
        collection: "audit"
        keys: ["id", "at", "actor", "action", "service", "table", "verb", "rows", "status", "request_id", "detail"]
        query: "limit=200" + (actorField.text ? "&actor=" + encodeURIComponent(actorField.text) : "")
               + (actionField.text ? "&action=" + encodeURIComponent(actionField.text) : "")
               + (serviceField.text ? "&service=" + encodeURIComponent(serviceField.text) : "")
    }
    Timer {
        // Reading while the user scrolls through older entries would move them away.
        interval: 2000
        repeat: true
        running: page.visible && followBox.checked && auditList.atYBeginning
        onTriggered: if (!audit.busy) audit.reload()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        RowLayout {
            Label { text: qsTr("Audit log"); font.pixelSize: 22; Layout.fillWidth: true }
            CheckBox { id: followBox; objectName: "followAudit"; text: qsTr("Follow new entries"); checked: true }
            Button { text: qsTr("Refresh"); onClicked: audit.reload() }
        }
        RowLayout {
            TextField { id: actorField; placeholderText: qsTr("actor"); Layout.preferredWidth: 200 }
            TextField { id: actionField; placeholderText: qsTr("action, e.g. data.write"); Layout.preferredWidth: 200 }
            TextField { id: serviceField; placeholderText: qsTr("service"); Layout.preferredWidth: 160 }
            Label { text: qsTr("%n entries", "", audit.total); opacity: 0.7 }
        }
        ErrorBanner { text: audit.error }
        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Label { text: qsTr("Time"); font.bold: true; Layout.preferredWidth: page.widths.at }
            Label { text: qsTr("Actor"); font.bold: true; Layout.preferredWidth: page.widths.actor }
            Label { text: qsTr("Action"); font.bold: true; Layout.preferredWidth: page.widths.action }
            Label { text: qsTr("Service / table"); font.bold: true; Layout.preferredWidth: page.widths.target }
            Label { text: qsTr("Rows"); font.bold: true; horizontalAlignment: Text.AlignRight; Layout.preferredWidth: page.widths.rows }
            Label { text: qsTr("Status"); font.bold: true; horizontalAlignment: Text.AlignRight; Layout.preferredWidth: page.widths.status }
            Label { text: qsTr("Detail"); font.bold: true; Layout.fillWidth: true }
        }
        ListView {
            id: auditList
            objectName: "auditList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: audit.items
            ScrollBar.vertical: ScrollBar {}
            delegate: RowLayout {
                required property var model
                width: ListView.view.width
                spacing: 8
                Timestamp { iso: model.at; elide: Text.ElideRight; Layout.preferredWidth: page.widths.at }
                Label { text: model.actor; elide: Text.ElideRight; Layout.preferredWidth: page.widths.actor }
                Label { text: model.action; elide: Text.ElideRight; Layout.preferredWidth: page.widths.action }
                Label {
                    text: model.service ? model.service + (model.table ? "/" + model.table : "") : ""
                    elide: Text.ElideMiddle
                    Layout.preferredWidth: page.widths.target
                }
                Label {
                    text: model.rows !== undefined && model.rows !== null ? model.rows : ""
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: page.widths.rows
                }
                Label {
                    text: model.status
                    horizontalAlignment: Text.AlignRight
                    color: model.status >= 400 ? "#c42b1c" : Universal.foreground // the theme's text colour (palette.windowText stays dark in the dark theme)
                    Layout.preferredWidth: page.widths.status
                }
                Label {
                    text: model.detail || ""
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    ToolTip.visible: truncated && detailHover.hovered
                    ToolTip.text: text
                    HoverHandler { id: detailHover }
                }
            }
        }
    }
}

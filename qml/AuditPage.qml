import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The audit log: who did what, newest first, filtered by actor, action or service. A table that
// follows new entries while it is shown and scrolled to the top (the newest).
Page {
    id: page
    objectName: "auditPage"
    padding: Style.pageMargin

    // Column widths shared by the header and the rows; the detail takes what is left. The time
    // column fits a local time as Timestamp writes it; the narrow ones at least their heading.
    readonly property var widths: ({ at: timeMetrics.advanceWidth + Style.spacingMedium,
                                     actor: Style.mediumFieldWidth, action: Style.mediumFieldWidth,
                                     target: Style.mediumFieldWidth,
                                     rows: Math.max(Style.compactWidth, rowsHeading.implicitWidth),
                                     status: Math.max(Style.compactWidth, statusHeading.implicitWidth) })
    readonly property bool filtered: actorField.text || actionField.text || serviceField.text
    TextMetrics { id: timeMetrics; font: page.font; text: "2026-12-31 23:59:59" }

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
        spacing: Style.spacingMedium
        PageHeader {
            title: qsTr("Audit log")
            CheckBox { id: followBox; objectName: "followAudit"; text: qsTr("Follow new entries"); checked: true }
            Button { text: qsTr("Refresh"); onClicked: audit.reload() }
        }
        RowLayout {
            spacing: Style.spacingMedium
            // Each filter at least as wide as its placeholder, in any language.
            TextField { id: actorField; placeholderText: qsTr("actor"); Layout.preferredWidth: Math.max(Style.mediumFieldWidth, implicitWidth) }
            TextField { id: actionField; placeholderText: qsTr("action, e.g. data.write"); Layout.preferredWidth: Math.max(Style.fieldWidth, implicitWidth) }
            TextField { id: serviceField; placeholderText: qsTr("service"); Layout.preferredWidth: Math.max(Style.mediumFieldWidth, implicitWidth) }
            Label { text: qsTr("%n entries", "", audit.total); color: Style.muted }
        }
        ErrorBanner { text: audit.error }
        RowLayout {
            visible: auditList.visible
            spacing: Style.spacingMedium
            Layout.fillWidth: true
            Label { text: qsTr("Time"); font.bold: true; Layout.preferredWidth: page.widths.at }
            Label { text: qsTr("Actor"); font.bold: true; Layout.preferredWidth: page.widths.actor }
            Label { text: qsTr("Action"); font.bold: true; Layout.preferredWidth: page.widths.action }
            Label { text: qsTr("Service / table"); font.bold: true; Layout.preferredWidth: page.widths.target }
            Label { id: rowsHeading; text: qsTr("Rows"); font.bold: true; horizontalAlignment: Text.AlignRight; Layout.preferredWidth: page.widths.rows }
            Label { id: statusHeading; text: qsTr("Status"); font.bold: true; horizontalAlignment: Text.AlignRight; Layout.preferredWidth: page.widths.status }
            Label { text: qsTr("Detail"); font.bold: true; Layout.fillWidth: true }
        }
        EmptyState {
            objectName: "noAuditEntries"
            visible: audit.items.count === 0 && !audit.busy && !audit.error
            title: page.filtered ? qsTr("No entries match these filters") : qsTr("No audit entries yet")
            text: page.filtered ? qsTr("Each filter matches a whole value: an actor's full name, an action such as data.write, a service's name.")
                                : qsTr("Sign-ins, changes to settings and writes through the API appear here as they happen.")
            actionText: page.filtered ? qsTr("Clear filters") : ""
            onActionClicked: { actorField.text = ""; actionField.text = ""; serviceField.text = "" }
        }
        ListView {
            id: auditList
            objectName: "auditList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: count > 0
            clip: true
            model: audit.items
            ScrollBar.vertical: ScrollBar {}
            delegate: RowLayout {
                required property var model
                width: ListView.view.width
                spacing: Style.spacingMedium
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
                    color: model.status >= 400 ? Style.error : Style.foreground // the theme's text colour (palette.windowText stays dark in the dark theme)
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

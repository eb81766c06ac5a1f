import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The audit log: who did what, newest first, filtered by actor, action or service.
Page {
    id: page
    objectName: "auditPage"
    padding: 16

    SystemCollection {
        id: audit
        collection: "audit"
        keys: ["id", "at", "actor", "action", "service", "table", "verb", "rows", "status", "request_id", "detail"]
        query: "limit=200" + (actorField.text ? "&actor=" + encodeURIComponent(actorField.text) : "")
               + (actionField.text ? "&action=" + encodeURIComponent(actionField.text) : "")
               + (serviceField.text ? "&service=" + encodeURIComponent(serviceField.text) : "")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        RowLayout {
            Label { text: qsTr("Audit log"); font.pixelSize: 22; Layout.fillWidth: true }
            Button { text: qsTr("Refresh"); onClicked: audit.reload() }
        }
        RowLayout {
            TextField { id: actorField; placeholderText: qsTr("actor"); Layout.preferredWidth: 200 }
            TextField { id: actionField; placeholderText: qsTr("action, e.g. data.write"); Layout.preferredWidth: 200 }
            TextField { id: serviceField; placeholderText: qsTr("service"); Layout.preferredWidth: 160 }
            Label { text: qsTr("%n entries", "", audit.total); opacity: 0.7 }
        }
        ErrorBanner { text: audit.error }
        ListView {
            objectName: "auditList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: audit.items
            delegate: Label {
                required property var model
                width: ListView.view.width
                elide: Text.ElideRight
                text: model.at + "  " + model.actor + "  " + model.action
                      + (model.service ? "  " + model.service + (model.table ? "/" + model.table : "") : "")
                      + (model.rows !== undefined && model.rows !== null ? "  " + qsTr("%n row(s)", "", model.rows) : "")
                      + "  " + model.status + (model.detail ? "  " + model.detail : "")
            }
        }
    }
}

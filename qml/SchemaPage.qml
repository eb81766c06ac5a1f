import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The schema browser: a connection's tables and views, and the selected one's columns (types,
// keys, references) and foreign keys.
Page {
    id: page
    objectName: "schemaPage"
    required property SchemaBrowser schema
    required property ConnectionListModel connections
    padding: 16

    ColumnLayout {
        anchors.fill: parent
        spacing: 12

        Label {
            text: qsTr("Schema")
            font.pixelSize: 22
        }
        ServicePicker {
            schema: page.schema
            connections: page.connections
        }
        ErrorBanner { text: page.schema.error }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 16

            ListView {
                id: tableList
                objectName: "tableList"
                Layout.preferredWidth: 260
                Layout.fillHeight: true
                clip: true
                keyNavigationEnabled: true
                model: page.schema.tables
                delegate: ItemDelegate {
                    required property string name
                    required property string type
                    required property int column_count
                    width: ListView.view.width
                    text: name + (type === "view" ? qsTr("  (view)") : "")
                    highlighted: name === page.schema.table
                    onClicked: page.schema.table = name
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("%n column(s)", "", column_count)
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Label {
                    text: page.schema.table
                    font.pixelSize: 18
                    font.bold: true
                }
                Label {
                    visible: page.schema.primaryKey.length > 0
                    text: qsTr("Primary key: %1").arg(page.schema.primaryKey.join(", "))
                }
                // Column header and rows of the columns table.
                RowLayout {
                    Layout.fillWidth: true
                    Repeater {
                        model: [qsTr("Column"), qsTr("Type"), qsTr("JSON"), qsTr("Null"), qsTr("Default"), qsTr("References")]
                        Label {
                            required property string modelData
                            text: modelData
                            font.bold: true
                            Layout.preferredWidth: 150
                        }
                    }
                }
                ListView {
                    objectName: "columnList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: page.schema.columns
                    delegate: RowLayout {
                        required property string name
                        required property string db_type
                        required property string json_type
                        required property bool nullable
                        required property var model
                        required property bool is_primary_key
                        required property string references
                        width: ListView.view.width
                        Label { text: (is_primary_key ? "🔑 " : "") + name; Layout.preferredWidth: 150; elide: Text.ElideRight }
                        Label { text: db_type; Layout.preferredWidth: 150; elide: Text.ElideRight }
                        Label { text: json_type; Layout.preferredWidth: 150 }
                        Label { text: nullable ? qsTr("yes") : qsTr("no"); Layout.preferredWidth: 150 }
                        Label { text: model["default"] === undefined || model["default"] === null ? "" : String(model["default"]); Layout.preferredWidth: 150; elide: Text.ElideRight }
                        Label { text: references; Layout.preferredWidth: 150; elide: Text.ElideRight }
                    }
                }
            }
        }
    }
}

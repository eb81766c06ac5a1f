import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Universal
import QtQuick.Layouts
import Sluice.Gui

// The schema browser: a connection's tables and views, and either the selected one's columns
// (types, keys, references), foreign keys both ways, unique constraints and indexes, or the
// connection's ER diagram. A referenced or referencing table is a link that selects it; "Open
// rows" (or a double click in the diagram) asks for the table's rows in the Data page.
Page {
    id: page
    objectName: "schemaPage"
    required property SchemaBrowser schema
    required property ConnectionListModel connections
    padding: Style.pageMargin

    signal openTableRequested(string table)

    ColumnLayout {
        anchors.fill: parent
        spacing: Style.spacingLarge

        Label {
            text: qsTr("Schema")
            font.pixelSize: Style.titleSize
        }
        ServicePicker {
            schema: page.schema
            connections: page.connections
        }
        ErrorBanner { text: page.schema.error }
        TenantEmptyState { schema: page.schema }

        RowLayout {
            visible: !page.schema.needsTenant
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.pageMargin

            ListView {
                id: tableList
                objectName: "tableList"
                Layout.preferredWidth: Style.navigationWidth
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
                spacing: Style.spacingMedium

                TabBar {
                    id: viewTabs
                    objectName: "schemaViewTabs"
                    Layout.fillWidth: true
                    PageTab { text: qsTr("Table"); width: implicitWidth }
                    PageTab { text: qsTr("Diagram"); width: implicitWidth }
                }

                StackLayout {
                    currentIndex: viewTabs.currentIndex
                    Layout.fillWidth: true
                    Layout.fillHeight: true

                    // The selected table: columns, foreign keys both ways (click one to select the other
                    // table), uniques and indexes, scrolled as one page; column widths are shares of the
                    // width, so nothing is cut off at 1280 px.
                    ScrollView {
                        id: details
                        objectName: "tableDetails"
                        contentWidth: availableWidth
                        clip: true
                        readonly property var shares: [0.18, 0.15, 0.1, 0.06, 0.11, 0.2, 0.2] // of the width

                        ColumnLayout {
                            width: details.availableWidth
                            spacing: Style.spacingMedium
                            RowLayout {
                                Layout.fillWidth: true
                                Label {
                                    text: page.schema.table
                                    font.pixelSize: Style.headingSize
                                    font.bold: true
                                    elide: Text.ElideRight
                                    Layout.fillWidth: true
                                }
                                Button {
                                    objectName: "openTableRows"
                                    text: qsTr("Open rows")
                                    visible: page.schema.table.length > 0
                                    onClicked: page.openTableRequested(page.schema.table)
                                    ToolTip.visible: hovered
                                    ToolTip.text: qsTr("Show the rows of %1 in the Data page").arg(page.schema.table)
                                }
                            }
                            Label {
                                visible: page.schema.primaryKey.length > 0
                                text: qsTr("Primary key: %1").arg(page.schema.primaryKey.join(", "))
                            }
                            RowLayout {
                                spacing: 0
                                Repeater {
                                    model: [qsTr("Column"), qsTr("Type"), qsTr("JSON"), qsTr("Null"), qsTr("Unique"), qsTr("Default"), qsTr("References")]
                                    Label {
                                        required property string modelData
                                        required property int index
                                        text: modelData
                                        font.bold: true
                                        wrapMode: Text.Wrap // "Valor por defecto" on two lines rather than cut
                                        Layout.preferredWidth: details.availableWidth * details.shares[index]
                                        Layout.alignment: Qt.AlignBottom
                                    }
                                }
                            }
                            Repeater {
                                objectName: "columnList"
                                model: page.schema.columns
                                RowLayout {
                                    required property string name
                                    required property string db_type
                                    required property string json_type
                                    required property bool nullable
                                    required property var model
                                    required property bool is_primary_key
                                    required property string references
                                    required property bool unique
                                    spacing: 0
                                    Label { text: (is_primary_key ? "🔑 " : "") + name; elide: Text.ElideRight; Layout.preferredWidth: details.availableWidth * details.shares[0] }
                                    Label { text: db_type; elide: Text.ElideRight; Layout.preferredWidth: details.availableWidth * details.shares[1] }
                                    Label { text: json_type; elide: Text.ElideRight; Layout.preferredWidth: details.availableWidth * details.shares[2] }
                                    Label { text: nullable ? qsTr("yes") : qsTr("no"); Layout.preferredWidth: details.availableWidth * details.shares[3] }
                                    Label {
                                        objectName: "uniqueMark"
                                        text: unique ? qsTr("unique") : ""
                                        Layout.preferredWidth: details.availableWidth * details.shares[4]
                                    }
                                    Label {
                                        text: model["default"] === undefined || model["default"] === null ? "" : String(model["default"])
                                        elide: Text.ElideRight
                                        Layout.preferredWidth: details.availableWidth * details.shares[5]
                                        ToolTip.visible: truncated && defaultHover.hovered
                                        ToolTip.text: text
                                        HoverHandler { id: defaultHover }
                                    }
                                    Label {
                                        text: references
                                        elide: Text.ElideRight
                                        color: references ? (Style.dark ? Universal.accent : palette.link) : Universal.foreground // the theme's text colour (palette.windowText stays dark in the dark theme)
                                        Layout.preferredWidth: details.availableWidth * details.shares[6]
                                        TapHandler { enabled: references.length > 0; onTapped: page.schema.table = references.split(".")[0] }
                                    }
                                }
                            }

                            Label {
                                text: qsTr("Foreign keys")
                                font.bold: true
                                font.pixelSize: Style.headingSize
                                Layout.topMargin: Style.spacingLarge
                            }
                            Label {
                                visible: page.schema.foreignKeys.count === 0
                                text: qsTr("None")
                                color: Style.muted
                            }
                            Repeater {
                                objectName: "foreignKeyList"
                                model: page.schema.foreignKeys
                                RowLayout {
                                    required property string name
                                    required property string columns
                                    required property string ref_table
                                    required property string ref_columns
                                    Label { text: columns + "  →  "; font.family: "monospace" }
                                    Button {
                                        objectName: "foreignKeyLink"
                                        flat: true
                                        text: ref_table + " (" + ref_columns + ")"
                                        onClicked: page.schema.table = ref_table
                                        ToolTip.visible: hovered
                                        ToolTip.text: qsTr("Open %1").arg(ref_table)
                                    }
                                    Label { text: name; color: Style.muted; elide: Text.ElideRight; Layout.fillWidth: true }
                                }
                            }

                            Label {
                                text: qsTr("Referenced by")
                                font.bold: true
                                font.pixelSize: Style.headingSize
                                Layout.topMargin: Style.spacingLarge
                            }
                            Label {
                                visible: page.schema.referencedBy.count === 0
                                text: qsTr("None")
                                color: Style.muted
                            }
                            Repeater {
                                objectName: "referencedByList"
                                model: page.schema.referencedBy
                                RowLayout {
                                    required property string table
                                    required property string name
                                    required property string columns
                                    required property string ref_columns
                                    Button {
                                        objectName: "referencedByLink"
                                        flat: true
                                        text: table + " (" + columns + ")"
                                        onClicked: page.schema.table = table
                                        ToolTip.visible: hovered
                                        ToolTip.text: qsTr("Open %1").arg(table)
                                    }
                                    Label { text: "  →  " + ref_columns; font.family: "monospace" }
                                    Label { text: name; color: Style.muted; elide: Text.ElideRight; Layout.fillWidth: true; Layout.leftMargin: Style.spacingLarge }
                                }
                            }

                            Label {
                                text: qsTr("Unique constraints")
                                font.bold: true
                                font.pixelSize: Style.headingSize
                                Layout.topMargin: Style.spacingLarge
                            }
                            Label {
                                visible: page.schema.uniques.count === 0
                                text: page.schema.primaryKey.length > 0 ? qsTr("None besides the primary key") : qsTr("None")
                                color: Style.muted
                            }
                            Repeater {
                                objectName: "uniqueList"
                                model: page.schema.uniques
                                RowLayout {
                                    required property string name
                                    required property string columns
                                    Label { text: columns; font.family: "monospace"; Layout.preferredWidth: details.availableWidth * 0.4; elide: Text.ElideRight }
                                    Label { text: name; color: Style.muted; elide: Text.ElideRight; Layout.fillWidth: true }
                                }
                            }

                            Label {
                                text: qsTr("Indexes")
                                font.bold: true
                                font.pixelSize: Style.headingSize
                                Layout.topMargin: Style.spacingLarge
                            }
                            Label {
                                visible: page.schema.indexes.count === 0
                                text: qsTr("None")
                                color: Style.muted
                            }
                            Repeater {
                                objectName: "indexList"
                                model: page.schema.indexes
                                RowLayout {
                                    required property string name
                                    required property string columns
                                    required property bool unique
                                    required property bool primary
                                    Label { text: columns; font.family: "monospace"; Layout.preferredWidth: details.availableWidth * 0.4; elide: Text.ElideRight }
                                    Label { text: primary ? qsTr("primary key") : unique ? qsTr("unique") : qsTr("index"); Layout.preferredWidth: details.availableWidth * 0.2 }
                                    Label { text: name; color: Style.muted; elide: Text.ElideRight; Layout.fillWidth: true }
                                }
                            }
                        }
                    }

                    ErDiagram {
                        schema: page.schema
                        onOpenTableRequested: (table) => page.openTableRequested(table)
                    }
                }
            }
        }
    }
}

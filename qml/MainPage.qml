import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The app after set-up: a navigation column and the selected page.
Page {
    id: page
    objectName: "mainPage"

    // Opens `item`, one of the pages, as a click on its name in the navigation would.
    function show(item) {
        for (let i = 0; i < pages.children.length; ++i) {
            if (pages.children[i] === item)
                navigation.currentIndex = i
        }
    }

    // Opens page `index` as the user asked for it (a click, Ctrl+1…9): a page with an
    // `initialFocus` item (the SQL console's editor) gives it the keyboard, so typing starts at
    // once; any other keeps it in the navigation. The arrow keys keep it there on every page.
    function open(index) {
        navigation.currentIndex = index
        const target = pages.children[index]
        if (target && target.initialFocus)
            target.initialFocus.forceActiveFocus()
        else
            navigation.forceActiveFocus()
    }

    // Shared by the pages: the connections, and the schema the schema and data pages look at.
    ConnectionListModel { id: connections }
    SchemaBrowser { id: schema }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Style.spacingLarge
            Label {
                text: qsTr("Sluice")
                font.bold: true
                font.pixelSize: Style.headingSize
            }
            Label {
                text: App.serverRunning ? qsTr("API live at %1").arg(App.serverUrl)
                                        : qsTr("API stopped")
                color: Style.muted
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
            }
            ComboBox {
                id: themeBox
                objectName: "themeBox"
                model: [qsTr("System theme"), qsTr("Light"), qsTr("Dark")]
                readonly property var values: ["system", "light", "dark"]
                currentIndex: Math.max(0, values.indexOf(App.theme))
                implicitContentWidthPolicy: ComboBox.WidestText // "System theme", never "System th"
                onActivated: (index) => App.theme = values[index]
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ListView {
            id: navigation
            objectName: "navigation"
            Layout.preferredWidth: Style.navigationWidth
            Layout.fillHeight: true
            focus: true
            keyNavigationEnabled: true
            currentIndex: 0
            model: [qsTr("Connections"), qsTr("Schema"), qsTr("Data"), qsTr("SQL console"), qsTr("Roles"),
                    qsTr("API keys"), qsTr("Admins"), qsTr("Audit log"), qsTr("Server")]
            // The list keeps the keyboard focus (arrow keys move through the pages) and shows it.
            delegate: ItemDelegate {
                required property int index
                required property string modelData
                width: ListView.view.width
                text: modelData
                highlighted: ListView.isCurrentItem
                focusPolicy: Qt.NoFocus
                font.underline: ListView.isCurrentItem && navigation.activeFocus
                onClicked: page.open(index)
            }
            // Ctrl+1 … Ctrl+9 open the pages in the list's order.
            Repeater {
                model: navigation.count
                Item {
                    required property int index
                    Shortcut {
                        sequence: "Ctrl+" + (index + 1)
                        onActivated: page.open(index)
                    }
                }
            }
        }
        ToolSeparator {
            orientation: Qt.Vertical
            Layout.fillHeight: true
        }
        StackLayout {
            id: pages
            objectName: "pages"
            currentIndex: navigation.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true
            ConnectionsPage { connections: connections }
            SchemaPage {
                schema: schema
                connections: connections
                onOpenTableRequested: (table) => {
                    schema.table = table
                    page.show(dataPage)
                }
            }
            DataPage { id: dataPage; schema: schema; connections: connections }
            SqlConsolePage { schema: schema; connections: connections }
            RolesPage {}
            KeysPage {}
            AdminsPage {}
            AuditPage {}
            ServerPage {}
        }
    }
}

import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The SQL console page on the demo bookshop (raw SQL on): Ctrl+Enter in the editor runs the
// statement into the grid's model; an error moves the cursor to its place and says where under
// the editor; the history keeps what ran.
TestCase {
    name: "SqlConsolePage"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    ConnectionListModel { id: testConnections }
    SchemaBrowser { id: testSchema }
    SignalSpy { id: demoAdded; target: testConnections; signalName: "added" }
    Component {
        id: pageComponent
        SqlConsolePage { anchors.fill: parent; schema: testSchema; connections: testConnections }
    }

    function findChild(item, objectName) {
        for (let i = 0; i < item.children.length; ++i) {
            const child = item.children[i]
            if (child.objectName === objectName)
                return child
            const found = findChild(child, objectName)
            if (found)
                return found
        }
        return null
    }

    function test_ctrlEnterRunsAndAnErrorShowsItsPlace() {
        // The bookshop, unless an earlier test (the wizard's) added it already.
        tryVerify(() => !testConnections.busy)
        let hasDemo = false
        for (let i = 0; i < testConnections.count; ++i)
            hasDemo = hasDemo || testConnections.get(i).name === "demo"
        if (!hasDemo) {
            testConnections.addDemo()
            demoAdded.wait(20000)
        }
        const page = createTemporaryObject(pageComponent, this)
        testSchema.service = "demo"
        const model = page.consoleModel
        tryCompare(model, "service", "demo")
        const editor = findChild(page, "sqlEditor")
        verify(editor)
        editor.forceActiveFocus()
        editor.text = "SELECT 1 AS one, 'two' AS two"
        keyClick(Qt.Key_Return, Qt.ControlModifier)
        tryVerify(() => model.summary.length > 0, 10000)
        compare(model.error, "")
        compare(model.rows.rowCount(), 1)
        compare(model.rows.columnName(1), "two")
        verify(model.summary.indexOf("read-only") >= 0)

        // FROMM reads as an alias, so SQLite stops at x: line 2, column 7.
        editor.text = "SELECT 1\nFROMM x"
        editor.cursorPosition = 0
        keyClick(Qt.Key_Enter, Qt.ControlModifier)
        tryVerify(() => model.error.length > 0, 10000)
        compare(model.errorLine, 2)
        compare(model.errorColumn, 7)
        compare(editor.cursorPosition, editor.text.indexOf("x"))
        const error = findChild(page, "sqlError")
        verify(error.visible)
        verify(error.text.startsWith("line 2, column 7: "), error.text)

        // Both ran: newest first.
        const history = findChild(page, "historyList")
        tryCompare(history, "count", 2)
        compare(model.history.get(0).sql, "SELECT 1\nFROMM x")
    }

    // In both themes the side panel's tab labels read clearly (the other tab muted, not at the
    // style's 20 % opacity) and the split between editor and panel is a thin line in the theme's
    // divider colour, not the style's wide grey bar.
    function test_tabsAndSplitReadInBothThemes_data() {
        return [{ tag: "dark", theme: "dark" }, { tag: "light", theme: "light" }]
    }
    function test_tabsAndSplitReadInBothThemes(data) {
        const before = App.theme
        App.theme = data.theme
        try {
            const page = createTemporaryObject(pageComponent, this)
            const historyTab = findChild(page, "historyTab")
            const savedTab = findChild(page, "savedTab")
            verify(historyTab && savedTab)
            verify(historyTab.checked)
            compare(historyTab.contentItem.color, Style.foreground)
            compare(savedTab.contentItem.color, Style.muted)
            compare(savedTab.contentItem.color.a, 1)
            const line = findChild(findChild(page, "consoleSplit"), "splitHandleLine")
            verify(line)
            compare(line.width, 1)
            verify(line.height > 0)
            verify(!Qt.colorEqual(line.color, "transparent"))
        } finally {
            App.theme = before
        }
    }
}

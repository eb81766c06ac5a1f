import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The main page with keyboard and mouse: a click on a page keeps the arrow keys working in the
// navigation (they went to the clicked item before), and Ctrl+1…9 open the pages.
TestCase {
    name: "MainPage"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    Component {
        id: pageComponent
        MainPage { anchors.fill: parent }
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

    function test_arrowsAndShortcutsMoveThroughThePages() {
        const page = createTemporaryObject(pageComponent, this)
        const navigation = findChild(page, "navigation")
        const pages = findChild(page, "pages")
        verify(navigation && pages)
        tryVerify(() => navigation.itemAtIndex(2) !== null)
        mouseClick(navigation.itemAtIndex(2)) // "Data"
        compare(navigation.currentIndex, 2)
        keyClick(Qt.Key_Down)
        compare(navigation.currentIndex, 3)
        compare(pages.currentIndex, 3)
        keyClick(Qt.Key_Up)
        keyClick(Qt.Key_Up)
        compare(navigation.currentIndex, 1)
        keySequence("Ctrl+4") // "SQL console", right after "Data"
        compare(navigation.currentIndex, 3)
        compare(navigation.model[3], "SQL console")
        keySequence("Ctrl+9")
        compare(navigation.currentIndex, 8)
        keySequence("Ctrl+1")
        compare(navigation.currentIndex, 0)
    }

    // Opened by Ctrl+4 or a click, the SQL console gives its editor the keyboard: typing goes
    // into the statement at once. Arrow keys passing through it keep the keyboard in the
    // navigation.
    function test_sqlConsoleEditorTakesTheKeyboard() {
        const page = createTemporaryObject(pageComponent, this)
        const navigation = findChild(page, "navigation")
        const editor = findChild(page, "sqlEditor")
        verify(navigation && editor)
        tryVerify(() => navigation.itemAtIndex(3) !== null)
        keySequence("Ctrl+4")
        compare(navigation.currentIndex, 3)
        verify(editor.activeFocus)
        keyClick(Qt.Key_S)
        compare(editor.text, "s")

        mouseClick(navigation.itemAtIndex(0)) // "Connections": the navigation has the keyboard
        verify(navigation.activeFocus)
        mouseClick(navigation.itemAtIndex(3))
        compare(navigation.currentIndex, 3)
        verify(editor.activeFocus)

        mouseClick(navigation.itemAtIndex(2))
        keyClick(Qt.Key_Down) // through the console with the arrows
        compare(navigation.currentIndex, 3)
        verify(navigation.activeFocus)
        keyClick(Qt.Key_Down)
        compare(navigation.currentIndex, 4)
    }
}

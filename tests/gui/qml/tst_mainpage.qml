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
}

import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The connection form: which fields each driver shows, when it is complete, and the fields it
// hands to the view-model.
TestCase {
    name: "ConnectionForm"
    when: windowShown
    visible: true
    width: 800
    height: 600

    Component {
        id: formComponent
        ConnectionForm { width: 700 }
    }

    // Through `data`: visual children and the rest (the file dialog is not an Item).
    function findChild(item, objectName) {
        const all = item.data || item.children || []
        for (let i = 0; i < all.length; ++i) {
            const child = all[i]
            if (child.objectName === objectName)
                return child
            const found = findChild(child, objectName)
            if (found)
                return found
        }
        return null
    }

    function test_sqliteNeedsANameAndAFile() {
        const form = createTemporaryObject(formComponent, this)
        compare(form.driver, "sqlite")
        verify(!form.complete)
        form.name = "notes"
        verify(!form.complete)
        findChild(form, "fileField").text = "/tmp/notes.sqlite"
        verify(form.complete)
        compare(form.fields.file, "/tmp/notes.sqlite")
    }

    function test_nameMustBeAUrlSegment() {
        const form = createTemporaryObject(formComponent, this)
        findChild(form, "fileField").text = "/tmp/notes.sqlite"
        form.name = "two words"
        verify(!form.complete)
        form.name = "two-words_2"
        verify(form.complete)
    }

    function test_serverDriversShowTheirFields() {
        const form = createTemporaryObject(formComponent, this)
        const box = findChild(form, "driverBox")
        const file = findChild(form, "fileField")
        verify(file.visible)
        verify(!form.server)
        box.currentIndex = 1
        compare(form.driver, "postgres")
        verify(form.server)
        verify(!file.visible)
        box.currentIndex = 2
        compare(form.driver, "mysql")
        box.currentIndex = 3
        compare(form.driver, "odbc")
        verify(!form.server)
    }

    function test_keyboardMovesThroughTheFields() {
        const form = createTemporaryObject(formComponent, this)
        const name = findChild(form, "connectionName")
        name.forceActiveFocus()
        tryVerify(() => name.activeFocus)
        keyClick(Qt.Key_Tab)
        tryVerify(() => !name.activeFocus && name.text === "")
    }

    function test_browsePicksAnSqliteFile() {
        const form = createTemporaryObject(formComponent, this)
        const browse = findChild(form, "browseFile")
        verify(browse.visible)
        const dialog = findChild(form, "fileDialog")
        verify(dialog)
        findChild(form, "fileField").text = App.dataDir + "/notes.sqlite"
        compare(dialog.currentFolder.toString(), "file://" + App.dataDir) // beside the file typed
        mouseClick(browse)
        tryVerify(() => dialog.visible)
        dialog.reject()
        findChild(form, "fileField").text = ""
        // What the dialog answers when a file is chosen: a URL, spaces encoded.
        form.useFile("file:///tmp/My%20notes.v2.sqlite")
        compare(findChild(form, "fileField").text, "/tmp/My notes.v2.sqlite")
        compare(form.name, "My_notes_v2") // named after the file, as a URL segment
        // A name given is kept.
        form.useFile("file:///tmp/other.db")
        compare(form.name, "My_notes_v2")
        verify(form.complete)
    }
}

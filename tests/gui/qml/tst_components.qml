import QtQuick
import QtTest
import Sluice.App

// The shared components every page uses: a confirmation that fires only on confirm, a toast
// that shows and goes by itself, an empty state with its action.
TestCase {
    name: "Components"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    Component {
        id: confirmComponent
        ConfirmDialog {
            title: "Delete role reader?"
            text: "Keys with this role stop working."
            confirmText: "Delete"
            destructive: true
        }
    }
    Component {
        id: toastComponent
        Toast { duration: 50 }
    }
    Component {
        id: emptyComponent
        EmptyState { width: 600; height: 400 }
    }
    SignalSpy { id: acceptedSpy; signalName: "accepted" }
    SignalSpy { id: actionSpy; signalName: "actionClicked" }

    function findChild(item, objectName) {
        const children = Array.from(item.data || item.children || [])
        if (item.contentItem)
            children.push(item.contentItem)
        if (item.footer)
            children.push(item.footer)
        for (let i = 0; i < children.length; ++i) {
            const child = children[i]
            if (child.objectName === objectName)
                return child
            const found = findChild(child, objectName)
            if (found)
                return found
        }
        return null
    }

    function test_confirmDialogAcceptsOnlyOnConfirm() {
        const dialog = createTemporaryObject(confirmComponent, this)
        acceptedSpy.target = dialog
        acceptedSpy.clear()
        const confirm = findChild(dialog, "confirmButton")
        const cancel = findChild(dialog, "cancelButton")
        verify(confirm && cancel)
        compare(confirm.text, "Delete")

        dialog.open()
        tryVerify(() => dialog.opened)
        mouseClick(cancel)
        tryVerify(() => !dialog.visible)
        compare(acceptedSpy.count, 0)

        dialog.open()
        tryVerify(() => dialog.opened)
        keyClick(Qt.Key_Escape)
        tryVerify(() => !dialog.visible)
        compare(acceptedSpy.count, 0)

        dialog.open()
        tryVerify(() => dialog.opened)
        mouseClick(confirm)
        tryVerify(() => !dialog.visible)
        compare(acceptedSpy.count, 1)
    }

    function test_toastShowsAndHides() {
        const toast = createTemporaryObject(toastComponent, this)
        verify(!toast.visible)
        toast.show("Copied ✓")
        verify(toast.visible)
        compare(findChild(toast, "toastText").text, "Copied ✓")
        tryVerify(() => !toast.visible)
    }

    function test_emptyStateShowsItsAction() {
        const empty = createTemporaryObject(emptyComponent, this,
            { title: "No connections yet", text: "Add one to serve it as a REST API." })
        const action = findChild(empty, "emptyAction")
        compare(findChild(empty, "emptyTitle").text, "No connections yet")
        verify(!action.visible) // no action text, no button
        empty.actionText = "Add a connection"
        verify(action.visible)
        actionSpy.target = empty
        actionSpy.clear()
        mouseClick(action)
        compare(actionSpy.count, 1)
    }
}

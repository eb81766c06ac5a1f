import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The roles page against the real core: a role just added is the one the page shows, and
// deleting a role asks first.
TestCase {
    name: "RolesPage"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    Component {
        id: pageComponent
        RolesPage { anchors.fill: parent }
    }

    // Items and popups (a Dialog is in its parent's data, not among its children).
    function findChild(item, objectName) {
        const children = Array.from(item.data || item.children || [])
        if (item.contentItem)
            children.push(item.contentItem)
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

    function addRole(page, name) {
        const list = findChild(page, "roleList")
        const before = list.count
        findChild(page, "newRoleName").text = name
        mouseClick(findChild(page, "addRole"))
        tryCompare(list, "count", before + 1, 10000)
    }

    function test_newRoleIsShownAndDeleteAsks() {
        const page = createTemporaryObject(pageComponent, this)
        const heading = findChild(page, "roleHeading")
        addRole(page, "alpha")
        tryCompare(heading, "text", "alpha", 10000)
        addRole(page, "beta")
        // Before: the heading kept showing the role selected before the new one.
        tryCompare(heading, "text", "beta", 10000)

        const list = findChild(page, "roleList")
        const count = list.count
        mouseClick(findChild(page, "deleteRole"))
        const confirm = findChild(page, "confirmDeleteRole")
        tryVerify(() => confirm.opened)
        confirm.reject()
        wait(200)
        compare(list.count, count) // nothing deleted without the confirmation
        mouseClick(findChild(page, "deleteRole"))
        tryVerify(() => confirm.opened)
        confirm.accept()
        tryCompare(list, "count", count - 1, 10000)
    }
}

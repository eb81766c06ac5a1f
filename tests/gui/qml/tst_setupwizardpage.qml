import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The wizard page against the real core (a temporary data directory): the admin step refuses a
// mismatched repeat, and a good admin moves the wizard to the connection step.
TestCase {
    name: "SetupWizardPage"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    Component {
        id: pageComponent
        SetupWizardPage { anchors.fill: parent }
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

    function test_adminStepLeadsToTheConnection() {
        verify(App.needsSetup)
        const page = createTemporaryObject(pageComponent, this)
        const steps = findChild(page, "wizardSteps")
        compare(steps.currentIndex, 0)
        findChild(page, "adminEmail").text = "owner@example.com"
        findChild(page, "adminPassword").text = "a long enough password"
        // Filled in through the form, as a user would; the repeat field has no objectName, so
        // the form is completed by typing into it after a Tab from the password.
        findChild(page, "adminPassword").forceActiveFocus()
        tryVerify(() => findChild(page, "adminPassword").activeFocus)
        keyClick(Qt.Key_Tab)
        for (const c of "a long enough password")
            keyClick(c)
        keyClick(Qt.Key_Tab)
        keyClick(Qt.Key_Space) // the "Create admin" button
        tryCompare(steps, "currentIndex", 1, 10000)
        verify(!App.needsSetup)
    }

    function test_demoBookshopLeadsToTheKey() {
        const page = createTemporaryObject(pageComponent, this)
        const steps = findChild(page, "wizardSteps")
        steps.currentIndex = 1 // the admin exists (the test above)
        const demo = findChild(page, "useDemoButton")
        tryVerify(() => demo.visible && demo.enabled)
        mouseClick(demo)
        tryCompare(steps, "currentIndex", 2, 10000)
        compare(page.serviceName, "demo")
    }
}

import QtQuick
import QtTest
import Sluice.Gui
import Sluice.App

// The Server page's HTTPS switch with the mouse and keyboard: on, it asks for a certificate and
// its key (Start waits for both); a file that does not load is answered under the fields with the
// server's own reason and nothing changes; off again, the reason goes.
TestCase {
    name: "ServerPage"
    when: windowShown
    visible: true
    width: 1280
    height: 800

    Component {
        id: pageComponent
        ServerPage { anchors.fill: parent }
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

    function typeInto(field, text) {
        field.forceActiveFocus()
        field.selectAll()
        keyClick(Qt.Key_Delete)
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
        keyClick(Qt.Key_Return) // editingFinished
    }

    function test_aMissingFileIsRefusedWithTheServersReason() {
        const page = createTemporaryObject(pageComponent, this)
        const tlsSwitch = findChild(page, "tlsSwitch")
        const cert = findChild(page, "tlsCertField")
        const key = findChild(page, "tlsKeyField")
        const message = findChild(page, "tlsMessage")
        const start = findChild(page, "startStopButton")
        verify(tlsSwitch && cert && key && message && start)
        verify(!App.serverRunning)
        verify(!tlsSwitch.checked)
        verify(!cert.visible)

        mouseClick(tlsSwitch)
        verify(tlsSwitch.checked)
        verify(cert.visible && key.visible)
        verify(message.visible) // which files to choose
        compare(App.tlsError, "")
        verify(!start.enabled)

        typeInto(cert, "/nonexistent/cert.pem")
        compare(cert.text, "/nonexistent/cert.pem")
        compare(App.tlsError, "") // the key is still to come
        typeInto(key, "/nonexistent/key.pem")
        compare(App.tlsError, "server.tls.cert '/nonexistent/cert.pem': No such file or directory")
        compare(message.text, App.tlsError)
        compare(message.color, Style.error)
        verify(!App.tlsEnabled)
        verify(start.enabled)
        mouseClick(start) // refused again: not started over plain HTTP instead
        verify(!App.serverRunning)

        mouseClick(tlsSwitch)
        verify(!tlsSwitch.checked)
        compare(App.tlsError, "")
        verify(!message.visible)
        verify(!App.tlsEnabled)
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The fields of a connection, by driver: a file for SQLite; host, port, database, user and
// password for PostgreSQL and MySQL; a connection string for ODBC. The password never becomes
// part of the DSN: it travels apart and lands in the OS keychain.
GridLayout {
    id: form
    columns: 2
    columnSpacing: 12
    rowSpacing: 8

    property alias name: nameField.text
    property alias label: labelField.text
    readonly property var driverValues: ["sqlite", "postgres", "mysql", "odbc"]
    readonly property string driver: driverValues[Math.max(0, driverBox.currentIndex)]
    property alias password: passwordField.text
    property alias readOnly: readOnlyBox.checked
    readonly property bool server: driver === "postgres" || driver === "mysql"
    readonly property var fields: ({
        file: fileField.text,
        host: hostField.text,
        port: portField.text,
        database: databaseField.text,
        user: userField.text,
        connection_string: odbcField.text
    })
    readonly property bool complete: nameField.acceptableInput
        && (driver === "sqlite" ? fileField.text.length > 0
            : driver === "odbc" ? odbcField.text.length > 0
            : databaseField.text.length > 0)

    Label { text: qsTr("Name") }
    TextField {
        id: nameField
        objectName: "connectionName"
        placeholderText: qsTr("shop (the URL segment: /api/v1/shop)")
        validator: RegularExpressionValidator { regularExpression: /[A-Za-z0-9_-]{1,64}/ }
        Layout.fillWidth: true
        focus: true
    }
    Label { text: qsTr("Label") }
    TextField {
        id: labelField
        placeholderText: qsTr("Optional: a human name")
        Layout.fillWidth: true
    }
    Label { text: qsTr("Database") }
    ComboBox {
        id: driverBox
        objectName: "driverBox"
        model: ["SQLite", "PostgreSQL", "MySQL / MariaDB", qsTr("ODBC (SQL Server, …)")]
        Layout.fillWidth: true
    }

    Label { text: qsTr("File"); visible: form.driver === "sqlite" }
    TextField {
        id: fileField
        objectName: "fileField"
        visible: form.driver === "sqlite"
        placeholderText: qsTr("/path/to/database.sqlite")
        Layout.fillWidth: true
    }

    Label { text: qsTr("Host"); visible: form.server }
    TextField {
        id: hostField
        visible: form.server
        placeholderText: "localhost"
        Layout.fillWidth: true
    }
    Label { text: qsTr("Port"); visible: form.server }
    TextField {
        id: portField
        visible: form.server
        placeholderText: form.driver === "mysql" ? "3306" : "5432"
        validator: IntValidator { bottom: 1; top: 65535 }
        Layout.fillWidth: true
    }
    Label { text: qsTr("Database name"); visible: form.server }
    TextField {
        id: databaseField
        visible: form.server
        Layout.fillWidth: true
    }
    Label { text: qsTr("User"); visible: form.server }
    TextField {
        id: userField
        visible: form.server
        Layout.fillWidth: true
    }
    Label { text: qsTr("Password"); visible: form.driver !== "sqlite" }
    TextField {
        id: passwordField
        visible: form.driver !== "sqlite"
        echoMode: TextInput.Password
        placeholderText: qsTr("Kept in the system keychain")
        Layout.fillWidth: true
    }

    Label { text: qsTr("Connection string"); visible: form.driver === "odbc" }
    TextField {
        id: odbcField
        visible: form.driver === "odbc"
        placeholderText: "Driver={ODBC Driver 18 for SQL Server};Server=…;Database=…;UID=…"
        Layout.fillWidth: true
    }

    Item { width: 1; height: 1 }
    CheckBox {
        id: readOnlyBox
        text: qsTr("Read-only: the API never writes to this database")
    }
}

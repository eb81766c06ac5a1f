import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Sluice.Gui

// The fields of a connection, by driver: a file for SQLite; host, port, database, user,
// password, TLS and other parameters for PostgreSQL and MySQL; a connection string for ODBC.
// A pasted URL fills them in. The password never becomes part of the DSN: it travels apart and
// lands in the OS keychain.
GridLayout {
    id: form
    columns: 2
    columnSpacing: Style.spacingLarge
    rowSpacing: Style.spacingMedium

    // Reads pasted URLs and saved DSNs (dsnform.h); without it there is no paste row.
    property ConnectionListModel connections: null
    // Editing a saved connection: its name (the URL segment) cannot change.
    property bool editing: false
    // Editing a connection that serves each tenant separately: its tenancy and tenants
    // (ConnectionListModel's tenancy and tenancyText), shown read-only.
    property string tenancy: "none"
    property string tenancyText

    property alias name: nameField.text
    property alias label: labelField.text
    readonly property var driverValues: ["sqlite", "postgres", "mysql", "odbc"]
    readonly property string driver: driverValues[Math.max(0, driverBox.currentIndex)]
    property alias password: passwordField.text
    property alias readOnly: readOnlyBox.checked
    property alias rawSql: rawSqlBox.checked
    readonly property bool server: driver === "postgres" || driver === "mysql"
    // The driver's own TLS words; "" is the client library's default.
    readonly property var tlsModes: driver === "mysql" ? ["", "disabled", "required"]
                                                       : ["", "disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
    readonly property var fields: ({
        file: fileField.text,
        host: hostField.text,
        port: portField.text,
        database: databaseField.text,
        user: userField.text,
        sslmode: form.server ? form.tlsModes[Math.max(0, tlsBox.currentIndex)] : "",
        sslca: caField.text,
        extra: extraField.text,
        connection_string: odbcField.text
    })
    // The file a file dialog chose (a URL): into the file field, and, for a new connection not
    // named yet, its base name as the name (a URL segment).
    function useFile(url) {
        fileField.text = App.localFile(url)
        if (nameField.text.length === 0) {
            const base = fileField.text.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "")
            nameField.text = base.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64)
        }
    }
    readonly property bool complete: nameField.acceptableInput
        && (driver === "sqlite" ? fileField.text.length > 0
            : driver === "odbc" ? odbcField.text.length > 0
            : databaseField.text.length > 0)
    // Why the last paste could not be read; empty when it could.
    property string pasteError

    // Fills the form: `values` as dsnform's fields (plus "password" when the text had one).
    function load(driverName, values) {
        driverBox.currentIndex = Math.max(0, driverValues.indexOf(driverName))
        fileField.text = values.file || ""
        hostField.text = values.host || ""
        portField.text = values.port || ""
        databaseField.text = values.database || ""
        userField.text = values.user || ""
        tlsBox.currentIndex = Math.max(0, tlsModes.indexOf(values.sslmode || ""))
        caField.text = values.sslca || ""
        extraField.text = values.extra || ""
        odbcField.text = values.connection_string || ""
        if (values.password)
            passwordField.text = values.password
    }
    function loadPasted(text) {
        const read = connections.readPasted(text)
        pasteError = read.error || ""
        if (!read.error) {
            load(read.driver, read)
            pasteField.text = "" // it may hold a password
        }
    }

    Label { text: qsTr("Paste a URL"); visible: form.connections !== null && !form.editing }
    RowLayout {
        visible: form.connections !== null && !form.editing
        spacing: Style.spacingMedium
        Layout.fillWidth: true
        TextField {
            id: pasteField
            objectName: "pasteField"
            placeholderText: qsTr("postgres://user@host/db, mysql://…, or a file path")
            echoMode: TextInput.Normal
            Layout.fillWidth: true
            onAccepted: form.loadPasted(text)
        }
        Button {
            objectName: "pasteButton"
            text: qsTr("Fill in")
            enabled: pasteField.text.length > 0
            onClicked: form.loadPasted(pasteField.text)
        }
    }
    Item { width: 1; height: 1; visible: form.pasteError.length > 0 }
    Label {
        objectName: "pasteError"
        visible: form.pasteError.length > 0
        text: form.pasteError
        color: Style.error
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label { text: qsTr("Name") }
    TextField {
        id: nameField
        objectName: "connectionName"
        placeholderText: qsTr("shop (the URL segment: /api/v1/shop)")
        validator: RegularExpressionValidator { regularExpression: /[A-Za-z0-9_-]{1,64}/ }
        readOnly: form.editing
        Layout.fillWidth: true
        focus: !form.editing
    }
    Label { text: qsTr("Label") }
    TextField {
        id: labelField
        objectName: "labelField"
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
    RowLayout {
        visible: form.driver === "sqlite"
        spacing: Style.spacingMedium
        Layout.fillWidth: true
        TextField {
            id: fileField
            objectName: "fileField"
            placeholderText: qsTr("/path/to/database.sqlite")
            Layout.fillWidth: true
        }
        Button {
            objectName: "browseFile"
            text: qsTr("Browse…")
            onClicked: fileDialog.open()
        }
        FileDialog {
            id: fileDialog
            objectName: "fileDialog"
            title: qsTr("Choose an SQLite database")
            currentFolder: App.folderOf(fileField.text)
            nameFilters: [qsTr("SQLite databases (*.sqlite *.sqlite3 *.db *.db3)"), qsTr("All files (*)")]
            onAccepted: form.useFile(selectedFile)
        }
    }

    Label { text: qsTr("Host"); visible: form.server }
    TextField {
        id: hostField
        objectName: "hostField"
        visible: form.server
        placeholderText: "localhost"
        Layout.fillWidth: true
    }
    Label { text: qsTr("Port"); visible: form.server }
    TextField {
        id: portField
        objectName: "portField"
        visible: form.server
        placeholderText: form.driver === "mysql" ? "3306" : "5432"
        validator: IntValidator { bottom: 1; top: 65535 }
        Layout.fillWidth: true
    }
    Label { text: qsTr("Database name"); visible: form.server }
    TextField {
        id: databaseField
        objectName: "databaseField"
        visible: form.server
        Layout.fillWidth: true
    }
    Label { text: qsTr("User"); visible: form.server }
    TextField {
        id: userField
        objectName: "userField"
        visible: form.server
        Layout.fillWidth: true
    }
    Label { text: qsTr("Password"); visible: form.driver !== "sqlite" }
    TextField {
        id: passwordField
        objectName: "passwordField"
        visible: form.driver !== "sqlite"
        echoMode: TextInput.Password
        placeholderText: form.editing ? qsTr("Empty: keep the current one")
                                      : qsTr("Kept in the system keychain")
        Layout.fillWidth: true
    }
    Label { text: qsTr("TLS"); visible: form.server }
    ComboBox {
        id: tlsBox
        objectName: "tlsBox"
        visible: form.server
        model: form.tlsModes.map(mode => mode === "" ? qsTr("the client's default") : mode)
        Layout.fillWidth: true
    }
    Label { text: qsTr("CA certificate"); visible: form.server }
    TextField {
        id: caField
        objectName: "caField"
        visible: form.server
        placeholderText: qsTr("Optional: /path/to/ca.pem")
        Layout.fillWidth: true
    }
    Label { text: qsTr("Other parameters"); visible: form.server }
    TextField {
        id: extraField
        objectName: "extraField"
        visible: form.server
        placeholderText: "connect_timeout=5&application_name=sluice"
        Layout.fillWidth: true
    }

    Label { text: qsTr("Connection string"); visible: form.driver === "odbc" }
    TextField {
        id: odbcField
        objectName: "odbcField"
        visible: form.driver === "odbc"
        placeholderText: "Driver={ODBC Driver 18 for SQL Server};Server=…;Database=…;UID=…"
        Layout.fillWidth: true
    }

    Item { width: 1; height: 1 }
    CheckBox {
        id: readOnlyBox
        objectName: "readOnlyBox"
        text: qsTr("Read-only: the API never writes to this database")
    }
    Item { width: 1; height: 1 }
    CheckBox {
        id: rawSqlBox
        objectName: "rawSqlBox"
        text: qsTr("Raw SQL: roles granted _sql may run statements (POST _sql)")
    }

    // A saved connection that serves each tenant separately (API.md §11), shown, not edited
    // here: tenants' backends are set with `sluice db tenant` or the system API.
    Label { text: qsTr("Tenants"); visible: form.editing && form.tenancyText.length > 0 }
    Label {
        objectName: "tenancyInfo"
        visible: form.editing && form.tenancyText.length > 0
        text: form.tenancy === "setting" ? form.tenancyText
              : form.tenancyText + "\n" + qsTr("Tenants' backends are set with: sluice db tenant %1 TENANT %2")
                    .arg(form.name).arg(form.tenancy === "schema" ? "--schema SCHEMA" : "--dsn DSN")
        color: Style.muted
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}

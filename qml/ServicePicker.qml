import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sluice.Gui

// The connection and the table a page works on, shared by the schema and data pages through
// one SchemaBrowser; for a connection that serves each tenant separately (API.md §11), the
// tenant too: every request of the pages is that tenant's.
RowLayout {
    id: picker
    required property SchemaBrowser schema
    required property ConnectionListModel connections
    // Off: only the connection (the SQL console works on a whole connection).
    property bool showTable: true
    spacing: Style.spacingMedium

    Label { text: qsTr("Connection") }
    ComboBox {
        id: serviceBox
        objectName: "serviceBox"
        model: picker.connections
        textRole: "name"
        valueRole: "name"
        Layout.preferredWidth: Style.navigationWidth
        onActivated: picker.schema.service = currentValue
        Component.onCompleted: if (count > 0 && !picker.schema.service) picker.schema.service = valueAt(0)
        onCountChanged: if (count > 0 && !picker.schema.service) picker.schema.service = valueAt(0)
        // `count` in the binding: the list arrives after the page is built.
        currentIndex: count > 0 ? indexOfValue(picker.schema.service) : -1
    }
    Label { text: qsTr("Tenant"); visible: picker.schema.perTenant }
    ComboBox {
        id: tenantBox
        objectName: "tenantBox"
        visible: picker.schema.perTenant
        model: picker.schema.tenants
        currentIndex: picker.schema.tenants.indexOf(picker.schema.tenant)
        displayText: currentIndex < 0 ? qsTr("Choose…") : currentText
        Layout.preferredWidth: Style.mediumFieldWidth
        onActivated: picker.schema.tenant = currentText
        ToolTip.visible: hovered
        ToolTip.text: qsTr("%1 serves each tenant separately (%2): these pages read and write the chosen tenant's backend.")
                      .arg(picker.schema.service).arg(picker.schema.tenancy)
    }
    Label { text: qsTr("Table"); visible: picker.showTable }
    ComboBox {
        id: tableBox
        objectName: "tableBox"
        visible: picker.showTable
        model: picker.schema.tables
        textRole: "name"
        valueRole: "name"
        Layout.preferredWidth: Style.fieldWidth
        currentIndex: count > 0 ? indexOfValue(picker.schema.table) : -1
        onActivated: picker.schema.table = currentValue
    }
    BusyIndicator {
        running: picker.schema.busy
        visible: running
        Layout.preferredHeight: Style.controlHeight
        Layout.preferredWidth: Style.controlHeight
    }
}

import QtQuick
import Sluice.Gui

// What a page shows for a per-tenant connection (API.md §11) while no tenant is chosen: the
// connection serves each tenant separately, so nothing is read until one is picked beside it
// (or, when it has no tenant yet, how to give it one). Never the API's 403.
EmptyState {
    required property SchemaBrowser schema
    objectName: "tenantEmptyState"
    visible: schema.needsTenant
    title: qsTr("Choose a tenant")
    text: schema.tenants.length > 0
          ? qsTr("%1 serves each tenant separately: choose one beside the connection to work on that tenant's data.").arg(schema.service)
          : schema.tenancy === "setting"
          ? qsTr("%1 serves each tenant separately, and there is no tenant yet. Create one with: sluice tenant create NAME").arg(schema.service)
          : qsTr("%1 serves each tenant separately, and no tenant has a backend on it yet. Add one with: sluice db tenant %1 TENANT %2")
                .arg(schema.service).arg(schema.tenancy === "schema" ? "--schema SCHEMA" : "--dsn DSN")
}

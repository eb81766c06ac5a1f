<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AddRowDialog</name>
    <message>
        <source>Add a row to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default or generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NULL if empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave a field empty to use the column&apos;s default; its ⋯ menu sends NULL or empty text instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default, NULL or empty text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminsPage</name>
    <message>
        <source>Admins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (12+ characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can no longer sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action, e.g. data.write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Follow new entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service / table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries match these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit entries yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each filter matches a whole value: an actor&apos;s full name, an action such as data.write, a service&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-ins, changes to settings and writes through the API appear here as they happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shop (the URL segment: /api/v1/shop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: a human name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ODBC (SQL Server, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/to/database.sqlite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the API never writes to this database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postgres://user@host/db, mysql://…, or a file path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: keep the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: /path/to/ca.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw SQL: roles granted _sql may run statements (POST _sql)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db *.db3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenants&apos; backends are set with: sluice db tenant %1 TENANT %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API of %1 goes away; the database itself is not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connections yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a database (SQLite, PostgreSQL, MySQL or ODBC) to serve it as a REST API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(owner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit a cell and press Enter to save it through the API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns: all %1 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns: %1 of %2 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key for the curl line (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key to write it into the curl line; without one it reads $SLUICE_API_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key to write it into the curl line: a key acts for its own tenant. Without one the line acts for %1 as an admin session ($SLUICE_SESSION_TOKEN) with X-Sluice-Tenant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErDiagram</name>
    <message>
        <source>Click a table to select it, double-click to open its rows. Drag to move, Ctrl+wheel to zoom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the rows of %1 in the Data page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole diagram (Ctrl+0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the rows of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new key, shown this once: copy it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires after (days, 0 = never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: hide it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1 · created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke key %1…?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients sending this key get 401 from now on. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients send a key in the X-API-Key header; the key&apos;s role decides what they may do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key gets a role: add one on the Roles page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Sluice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <source>Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API live at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The request failed (HTTP %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultGrid</name>
    <message>
        <source>Copied ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open referenced row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy selection as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy selection for a spreadsheet (tab-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy selection as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy row as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy row as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy all rows as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 selected rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 rows?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this row?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is deleted from the database through the API, under the rules of the role you view as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are deleted from the database in one request through the API, under the rules of the role you view as: all of them or none.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new role name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. owner = &apos;alice&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components: _table/NAME, _table/*, _proc/NAME, _schema, _sql, or * (everything but _sql). &quot;View as role&quot; on the data page shows what a role sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete role %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys with this role stop working at once. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules of %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No roles yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role says which services, tables and verbs an API key may use. Name one on the left, then give it rules here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaPage</name>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (view)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Primary key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Foreign keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the rows of %1 in the Data page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referenced by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None besides the primary key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAPI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests: %1 · errors: %2 · %3 per second · median %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the API when Sluice opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API runs inside this window: closing Sluice stops it. For an API that keeps running, use &apos;sluice serve&apos; (a service).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests to the API show here as they arrive, with their status and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the API to serve your connections; its requests show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the API explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/to/fullchain.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/to/privkey.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate (PEM, with its chain) and its private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the server&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate&apos;s private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 serves each tenant separately (%2): these pages read and write the chosen tenant&apos;s backend.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizardPage</name>
    <message>
        <source>Welcome to Sluice: a working API in four steps (%1 of 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the admin account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The admin signs in to the API explorer and the system API. The password needs 12 characters or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients send the key in the X-API-Key header. It gets a role with full access to %1; narrow it later on the roles page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy it now: Sluice keeps only its hash and cannot show it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your API is live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API explorer: %1/docs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API runs while Sluice is open, and starts again when you open it next time (Server page: Stop turns that off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database at hand? Try Sluice on a sample bookshop (SQLite, in the data directory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the demo bookshop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlConsolePage</name>
    <message>
        <source>Copied ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statements may change data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: statements run read-only; the database refuses writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw SQL is off for this connection: the API refuses every statement until it is turned on. API keys still need a role rule naming _sql.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on raw SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SELECT … (Ctrl+Enter runs it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as REST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as MCP call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statements you run on this connection show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the statement in the editor and save it to keep it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved query “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the saved statement goes; the database is not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the history of this connection?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statements run here are forgotten; saved queries stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <source>Sluice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sluice cannot open its data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenantEmptyState</name>
    <message>
        <source>Choose a tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 serves each tenant separately: choose one beside the connection to work on that tenant&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 serves each tenant separately, and there is no tenant yet. Create one with: sluice tenant create NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 serves each tenant separately, and no tenant has a backend on it yet. Add one with: sluice db tenant %1 TENANT %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sluice::AccessExplainer</name>
    <message>
        <source> · rows where %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · for tenant %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sluice::AppController</name>
    <message>
        <source>HTTPS needs a certificate file and its private key file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sluice::ConnectionListModel</name>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per tenant (setting): every tenant, told apart by row-level security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per tenant (%1): no tenant has a backend yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per tenant (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sluice::QueryBuilder</name>
    <message>
        <source>no rows here; %1 in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows deleted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted, as this role cannot see them or they were gone already: %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a whole number, such as 42 or -7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a number, such as 3.14, -2 or 1e6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a date as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a time as HH:MM:SS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a date and time as YYYY-MM-DD HH:MM:SS, with a zone (Z, +02:00) if the column keeps one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a UUID, such as 123e4567-e89b-12d3-a456-426614174000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM:SS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row added: %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sluice::SetupWizard</name>
    <message>
        <source>Full access to %1, made by the first-run wizard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first-run wizard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Port %2 is free: start there, or type another port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sluice::SqlConsole</name>
    <message>
        <source>1 row affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows affected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more left out (limit %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

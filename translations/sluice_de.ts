<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AddRowDialog</name>
    <message>
        <source>Add a row to %1</source>
        <translation>Eine Zeile zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>default or generated</source>
        <translation>Standardwert oder erzeugt</translation>
    </message>
    <message>
        <source>NULL if empty</source>
        <translation>NULL, wenn leer</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Leave a field empty to use the column's default; its ⋯ menu sends NULL or empty text instead.</source>
        <translation>Lassen Sie ein Feld leer, um den Standardwert der Spalte zu verwenden; sein Menü ⋯ sendet stattdessen NULL oder leeren Text.</translation>
    </message>
    <message>
        <source>empty text</source>
        <translation>leerer Text</translation>
    </message>
    <message>
        <source>(empty text)</source>
        <translation>(leerer Text)</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Wert von %1</translation>
    </message>
    <message>
        <source>Default, NULL or empty text</source>
        <translation>Standardwert, NULL oder leerer Text</translation>
    </message>
    <message>
        <source>Column default</source>
        <translation>Standardwert der Spalte</translation>
    </message>
    <message>
        <source>Empty text</source>
        <translation>Leerer Text</translation>
    </message>
</context>
<context>
    <name>AdminsPage</name>
    <message>
        <source>Admins</source>
        <translation>Admins</translation>
    </message>
    <message>
        <source>  disabled</source>
        <translation>  deaktiviert</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Add an admin</source>
        <translation>Admin hinzufügen</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Password (12+ characters)</source>
        <translation>Passwort (12+ Zeichen)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Admin %1 added</source>
        <translation>Admin %1 hinzugefügt</translation>
    </message>
    <message>
        <source>last sign-in</source>
        <translation>letzte Anmeldung</translation>
    </message>
    <message>
        <source>%1 can sign in again</source>
        <translation>%1 kann sich wieder anmelden</translation>
    </message>
    <message>
        <source>%1 can no longer sign in</source>
        <translation>%1 kann sich nicht mehr anmelden</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>action, e.g. data.write</source>
        <translation>Aktion, z. B. data.write</translation>
    </message>
    <message>
        <source>service</source>
        <translation>Dienst</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation><numerusform>%n Eintrag</numerusform><numerusform>%n Einträge</numerusform></translation>
    </message>
    <message>
        <source>Follow new entries</source>
        <translation>Neuen Einträgen folgen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Service / table</source>
        <translation>Dienst / Tabelle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>No entries match these filters</source>
        <translation>Keine Einträge passen zu diesen Filtern</translation>
    </message>
    <message>
        <source>No audit entries yet</source>
        <translation>Noch keine Einträge im Audit-Protokoll</translation>
    </message>
    <message>
        <source>Each filter matches a whole value: an actor's full name, an action such as data.write, a service's name.</source>
        <translation>Jeder Filter passt auf einen ganzen Wert: den vollen Namen eines Akteurs, eine Aktion wie data.write, den Namen eines Dienstes.</translation>
    </message>
    <message>
        <source>Sign-ins, changes to settings and writes through the API appear here as they happen.</source>
        <translation>Anmeldungen, geänderte Einstellungen und Schreibzugriffe über die API erscheinen hier, sobald sie geschehen.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter leeren</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>shop (the URL segment: /api/v1/shop)</source>
        <translation>shop (das URL-Segment: /api/v1/shop)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Optional: a human name</source>
        <translation>Optional: ein lesbarer Name</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>ODBC (SQL Server, …)</source>
        <translation>ODBC (SQL Server, …)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>/path/to/database.sqlite</source>
        <translation>/pfad/zur/datenbank.sqlite</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database name</source>
        <translation>Datenbankname</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation>Wird im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Verbindungszeichenfolge</translation>
    </message>
    <message>
        <source>Read-only: the API never writes to this database</source>
        <translation>Schreibgeschützt: Die API schreibt nie in diese Datenbank</translation>
    </message>
    <message>
        <source>Paste a URL</source>
        <translation>URL einfügen</translation>
    </message>
    <message>
        <source>postgres://user@host/db, mysql://…, or a file path</source>
        <translation>postgres://benutzer@host/db, mysql://… oder ein Dateipfad</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Empty: keep the current one</source>
        <translation>Leer: das bisherige behalten</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>the client's default</source>
        <translation>Vorgabe des Clients</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Optional: /path/to/ca.pem</source>
        <translation>Optional: /pfad/zu/ca.pem</translation>
    </message>
    <message>
        <source>Other parameters</source>
        <translation>Weitere Parameter</translation>
    </message>
    <message>
        <source>Raw SQL: roles granted _sql may run statements (POST _sql)</source>
        <translation>Rohes SQL: Rollen mit _sql dürfen Anweisungen ausführen (POST _sql)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose an SQLite database</source>
        <translation>SQLite-Datenbank wählen</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db *.db3)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.sqlite3 *.db *.db3)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>Tenants' backends are set with: sluice db tenant %1 TENANT %2</source>
        <translation>Die Backends der Mandanten werden gesetzt mit: sluice db tenant %1 TENANT %2</translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Verbindung hinzufügen</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation> (pausiert)</translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>Nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>The API of %1 goes away; the database itself is not touched.</source>
        <translation>Die API von %1 verschwindet; die Datenbank selbst bleibt unberührt.</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste …</translation>
    </message>
    <message>
        <source>Test and save</source>
        <translation>Testen und speichern</translation>
    </message>
    <message>
        <source>Connection %1 saved</source>
        <translation>Verbindung %1 gespeichert</translation>
    </message>
    <message>
        <source>No connections yet</source>
        <translation>Noch keine Verbindungen</translation>
    </message>
    <message>
        <source>Add a database (SQLite, PostgreSQL, MySQL or ODBC) to serve it as a REST API.</source>
        <translation>Fügen Sie eine Datenbank hinzu (SQLite, PostgreSQL, MySQL oder ODBC), um sie als REST-API bereitzustellen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>Kopiert ✓</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation>Bedingung entfernen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Order by</source>
        <translation>Sortieren nach</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>Absteigend</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>REST</source>
        <translation>REST</translation>
    </message>
    <message>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <source>MCP</source>
        <translation>MCP</translation>
    </message>
    <message>
        <source>View as</source>
        <translation>Ansehen als</translation>
    </message>
    <message>
        <source>(owner)</source>
        <translation>(Eigentümer)</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Zurück</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Weiter ›</translation>
    </message>
    <message>
        <source>Edit a cell and press Enter to save it through the API.</source>
        <translation>Bearbeiten Sie eine Zelle und drücken Sie Enter, um sie über die API zu speichern.</translation>
    </message>
    <message>
        <source>Delete row…</source>
        <translation>Zeile löschen…</translation>
    </message>
    <message>
        <source>← back to %1</source>
        <translation>← zurück zu %1</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Erste Seite</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Letzte Seite</translation>
    </message>
    <message>
        <source>Add row…</source>
        <translation>Zeile hinzufügen …</translation>
    </message>
    <message>
        <source>Delete %1 rows…</source>
        <translation>%1 Zeilen löschen …</translation>
    </message>
    <message>
        <source>Columns: all %1 ▾</source>
        <translation>Spalten: alle %1 ▾</translation>
    </message>
    <message>
        <source>Columns: %1 of %2 ▾</source>
        <translation>Spalten: %1 von %2 ▾</translation>
    </message>
    <message>
        <source>Key for the curl line (optional)</source>
        <translation>Schlüssel für die curl-Zeile (optional)</translation>
    </message>
    <message>
        <source>Paste a key to write it into the curl line; without one it reads $SLUICE_API_KEY</source>
        <translation>Fügen Sie einen Schlüssel ein, um ihn in die curl-Zeile zu schreiben; ohne liest sie $SLUICE_API_KEY</translation>
    </message>
    <message>
        <source>As %1: %2</source>
        <translation>Als %1: %2</translation>
    </message>
    <message>
        <source>Paste a key to write it into the curl line: a key acts for its own tenant. Without one the line acts for %1 as an admin session ($SLUICE_SESSION_TOKEN) with X-Sluice-Tenant</source>
        <translation>Fügen Sie einen Schlüssel ein, um ihn in die curl-Zeile zu schreiben: Ein Schlüssel handelt für seinen eigenen Mandanten. Ohne Schlüssel handelt die Zeile für %1 als Admin-Sitzung ($SLUICE_SESSION_TOKEN) mit X-Sluice-Tenant</translation>
    </message>
</context>
<context>
    <name>ErDiagram</name>
    <message>
        <source>Click a table to select it, double-click to open its rows. Drag to move, Ctrl+wheel to zoom.</source>
        <translation>Klicken Sie auf eine Tabelle, um sie auszuwählen, doppelklicken Sie, um ihre Zeilen zu öffnen. Ziehen zum Verschieben, Strg+Mausrad zum Zoomen.</translation>
    </message>
    <message>
        <source>Open rows</source>
        <translation>Zeilen öffnen</translation>
    </message>
    <message>
        <source>Show the rows of %1 in the Data page</source>
        <translation>Die Zeilen von %1 auf der Seite Daten zeigen</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Verkleinern (Strg+−)</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Vergrößern (Strg++)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole diagram (Ctrl+0)</source>
        <translation>Das ganze Diagramm zeigen (Strg+0)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No tables</source>
        <translation>Keine Tabellen</translation>
    </message>
    <message>
        <source>Double-click to open the rows of %1</source>
        <translation>Doppelklicken, um die Zeilen von %1 zu öffnen</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>The new key, shown this once: copy it now.</source>
        <translation>Der neue Schlüssel, nur dieses eine Mal angezeigt: jetzt kopieren.</translation>
    </message>
    <message>
        <source>  (revoked)</source>
        <translation>  (widerrufen)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation>API-Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Expires after (days, 0 = never)</source>
        <translation>Läuft ab nach (Tagen, 0 = nie)</translation>
    </message>
    <message>
        <source>Done: hide it</source>
        <translation>Fertig: ausblenden</translation>
    </message>
    <message>
        <source>Role %1 · created</source>
        <translation>Rolle %1 · erstellt</translation>
    </message>
    <message>
        <source>· expires</source>
        <translation>· läuft ab</translation>
    </message>
    <message>
        <source>· last used</source>
        <translation>· zuletzt benutzt</translation>
    </message>
    <message>
        <source>Revoke key %1…?</source>
        <translation>Schlüssel %1… widerrufen?</translation>
    </message>
    <message>
        <source>Clients sending this key get 401 from now on. This cannot be undone.</source>
        <translation>Clients mit diesem Schlüssel erhalten ab jetzt 401. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Key revoked</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation>Noch keine API-Schlüssel</translation>
    </message>
    <message>
        <source>Clients send a key in the X-API-Key header; the key's role decides what they may do.</source>
        <translation>Clients senden einen Schlüssel im Header X-API-Key; die Rolle des Schlüssels bestimmt, was sie dürfen.</translation>
    </message>
    <message>
        <source>A key gets a role: add one on the Roles page first.</source>
        <translation>Ein Schlüssel bekommt eine Rolle: Legen Sie zuerst eine auf der Seite Rollen an.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <source>API live at %1</source>
        <translation>API läuft unter %1</translation>
    </message>
    <message>
        <source>API stopped</source>
        <translation>API angehalten</translation>
    </message>
    <message>
        <source>System theme</source>
        <translation>Systemdesign</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Admins</source>
        <translation>Admins</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>SQL console</source>
        <translation>SQL-Konsole</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The request failed (HTTP %1)</source>
        <translation>Die Anfrage ist fehlgeschlagen (HTTP %1)</translation>
    </message>
</context>
<context>
    <name>ResultGrid</name>
    <message>
        <source>Copied ✓</source>
        <translation>Kopiert ✓</translation>
    </message>
    <message>
        <source>Sort by %1</source>
        <translation>Nach %1 sortieren</translation>
    </message>
    <message>
        <source>Open referenced row</source>
        <translation>Referenzierte Zeile öffnen</translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation>Zelle kopieren</translation>
    </message>
    <message>
        <source>Copy selection as CSV</source>
        <translation>Auswahl als CSV kopieren</translation>
    </message>
    <message>
        <source>Copy selection for a spreadsheet (tab-separated)</source>
        <translation>Auswahl für eine Tabellenkalkulation kopieren (tabulatorgetrennt)</translation>
    </message>
    <message>
        <source>Copy selection as JSON</source>
        <translation>Auswahl als JSON kopieren</translation>
    </message>
    <message>
        <source>Copy row as JSON</source>
        <translation>Zeile als JSON kopieren</translation>
    </message>
    <message>
        <source>Copy row as CSV</source>
        <translation>Zeile als CSV kopieren</translation>
    </message>
    <message>
        <source>Copy all rows as CSV</source>
        <translation>Alle Zeilen als CSV kopieren</translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation>Auf NULL setzen</translation>
    </message>
    <message>
        <source>Delete %1 selected rows…</source>
        <translation>%1 ausgewählte Zeilen löschen …</translation>
    </message>
    <message>
        <source>Delete row…</source>
        <translation>Zeile löschen…</translation>
    </message>
    <message>
        <source>Delete %1 rows?</source>
        <translation>%1 Zeilen löschen?</translation>
    </message>
    <message>
        <source>Delete this row?</source>
        <translation>Diese Zeile löschen?</translation>
    </message>
    <message>
        <source>It is deleted from the database through the API, under the rules of the role you view as.</source>
        <translation>Sie wird über die API aus der Datenbank gelöscht, nach den Regeln der Rolle, als die Sie ansehen.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>They are deleted from the database in one request through the API, under the rules of the role you view as: all of them or none.</source>
        <translation>Sie werden in einer Anfrage über die API aus der Datenbank gelöscht, nach den Regeln der Rolle, als die Sie ansehen: alle oder keine.</translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>new role name</source>
        <translation>Name der neuen Rolle</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Row filter</source>
        <translation>Zeilenfilter</translation>
    </message>
    <message>
        <source>e.g. owner = 'alice'</source>
        <translation>z. B. owner = 'alice'</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Regeln speichern</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>Rolle löschen</translation>
    </message>
    <message>
        <source>Components: _table/NAME, _table/*, _proc/NAME, _schema, _sql, or * (everything but _sql). "View as role" on the data page shows what a role sees.</source>
        <translation>Komponenten: _table/NAME, _table/*, _proc/NAME, _schema, _sql oder * (alles außer _sql). „Ansehen als“ auf der Datenseite zeigt, was eine Rolle sieht.</translation>
    </message>
    <message>
        <source>Delete role %1?</source>
        <translation>Rolle %1 löschen?</translation>
    </message>
    <message>
        <source>Keys with this role stop working at once. This cannot be undone.</source>
        <translation>Schlüssel mit dieser Rolle funktionieren sofort nicht mehr. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Role %1 added</source>
        <translation>Rolle %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Rules of %1 saved</source>
        <translation>Regeln von %1 gespeichert</translation>
    </message>
    <message>
        <source>No roles yet</source>
        <translation>Noch keine Rollen</translation>
    </message>
    <message>
        <source>A role says which services, tables and verbs an API key may use. Name one on the left, then give it rules here.</source>
        <translation>Eine Rolle legt fest, welche Dienste, Tabellen und Verben ein API-Schlüssel verwenden darf. Benennen Sie links eine und geben Sie ihr hier Regeln.</translation>
    </message>
    <message>
        <source>Name a role</source>
        <translation>Rolle benennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Role %1 deleted</source>
        <translation>Rolle %1 gelöscht</translation>
    </message>
</context>
<context>
    <name>SchemaPage</name>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>  (view)</source>
        <translation>  (Sicht)</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation><numerusform>%n Spalte</numerusform><numerusform>%n Spalten</numerusform></translation>
    </message>
    <message>
        <source>Primary key: %1</source>
        <translation>Primärschlüssel: %1</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Null</source>
        <translation>Null</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standardwert</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Verweist auf</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Foreign keys</source>
        <translation>Fremdschlüssel</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Open rows</source>
        <translation>Zeilen öffnen</translation>
    </message>
    <message>
        <source>Show the rows of %1 in the Data page</source>
        <translation>Die Zeilen von %1 auf der Seite Daten zeigen</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Eindeutig</translation>
    </message>
    <message>
        <source>Referenced by</source>
        <translation>Referenziert von</translation>
    </message>
    <message>
        <source>Unique constraints</source>
        <translation>Eindeutigkeitsbedingungen</translation>
    </message>
    <message>
        <source>None besides the primary key</source>
        <translation>Keine außer dem Primärschlüssel</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>API explorer</source>
        <translation>API-Explorer</translation>
    </message>
    <message>
        <source>OpenAPI</source>
        <translation>OpenAPI</translation>
    </message>
    <message>
        <source>MCP</source>
        <translation>MCP</translation>
    </message>
    <message>
        <source>Data directory: %1</source>
        <translation>Datenverzeichnis: %1</translation>
    </message>
    <message>
        <source>Requests: %1 · errors: %2 · %3 per second · median %4 ms</source>
        <translation>Anfragen: %1 · Fehler: %2 · %3 pro Sekunde · Median %4 ms</translation>
    </message>
    <message>
        <source>Start the API when Sluice opens</source>
        <translation>API beim Öffnen von Sluice starten</translation>
    </message>
    <message>
        <source>The API runs inside this window: closing Sluice stops it. For an API that keeps running, use 'sluice serve' (a service).</source>
        <translation>Die API läuft in diesem Fenster: Schließen von Sluice beendet sie. Für eine API, die weiterläuft, nutzen Sie 'sluice serve' (einen Dienst).</translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>Noch keine Anfragen</translation>
    </message>
    <message>
        <source>Requests to the API show here as they arrive, with their status and time.</source>
        <translation>Anfragen an die API erscheinen hier, sobald sie eintreffen, mit Status und Dauer.</translation>
    </message>
    <message>
        <source>Start the API to serve your connections; its requests show here.</source>
        <translation>Starten Sie die API, um Ihre Verbindungen bereitzustellen; ihre Anfragen erscheinen hier.</translation>
    </message>
    <message>
        <source>Open the API explorer</source>
        <translation>API-Explorer öffnen</translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>/path/to/fullchain.pem</source>
        <translation>/pfad/zu/fullchain.pem</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>/path/to/privkey.pem</source>
        <translation>/pfad/zu/privkey.pem</translation>
    </message>
    <message>
        <source>Choose the certificate (PEM, with its chain) and its private key.</source>
        <translation>Wählen Sie das Zertifikat (PEM, mit seiner Kette) und seinen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>Choose the server's certificate</source>
        <translation>Zertifikat des Servers wählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the certificate's private key</source>
        <translation>Privaten Schlüssel des Zertifikats wählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key)</source>
        <translation>PEM-Dateien (*.pem *.key)</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately (%2): these pages read and write the chosen tenant's backend.</source>
        <translation>%1 bedient jeden Mandanten getrennt (%2): Diese Seiten lesen und schreiben im Backend des gewählten Mandanten.</translation>
    </message>
</context>
<context>
    <name>SetupWizardPage</name>
    <message>
        <source>Welcome to Sluice: a working API in four steps (%1 of 4)</source>
        <translation>Willkommen bei Sluice: eine laufende API in vier Schritten (%1 von 4)</translation>
    </message>
    <message>
        <source>Create the admin account</source>
        <translation>Admin-Konto anlegen</translation>
    </message>
    <message>
        <source>The admin signs in to the API explorer and the system API. The password needs 12 characters or more.</source>
        <translation>Der Admin meldet sich im API-Explorer und an der System-API an. Das Passwort braucht mindestens 12 Zeichen.</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Create admin</source>
        <translation>Admin anlegen</translation>
    </message>
    <message>
        <source>Connect a database</source>
        <translation>Eine Datenbank verbinden</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste …</translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation>Speichern und weiter</translation>
    </message>
    <message>
        <source>Create an API key</source>
        <translation>Einen API-Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Clients send the key in the X-API-Key header. It gets a role with full access to %1; narrow it later on the roles page.</source>
        <translation>Clients senden den Schlüssel im Header X-API-Key. Er erhält eine Rolle mit Vollzugriff auf %1; schränken Sie sie später auf der Seite Rollen ein.</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Your API key</source>
        <translation>Ihr API-Schlüssel</translation>
    </message>
    <message>
        <source>Copy it now: Sluice keeps only its hash and cannot show it again.</source>
        <translation>Kopieren Sie ihn jetzt: Sluice speichert nur seinen Hash und kann ihn nicht erneut anzeigen.</translation>
    </message>
    <message>
        <source>Start the API</source>
        <translation>API starten</translation>
    </message>
    <message>
        <source>Your API is live</source>
        <translation>Ihre API läuft</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Ausprobieren</translation>
    </message>
    <message>
        <source>API explorer: %1/docs</source>
        <translation>API-Explorer: %1/docs</translation>
    </message>
    <message>
        <source>Open Sluice</source>
        <translation>Sluice öffnen</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>The API runs while Sluice is open, and starts again when you open it next time (Server page: Stop turns that off).</source>
        <translation>Die API läuft, solange Sluice geöffnet ist, und startet beim nächsten Öffnen wieder (Seite Server: Stopp schaltet das ab).</translation>
    </message>
    <message>
        <source>No database at hand? Try Sluice on a sample bookshop (SQLite, in the data directory).</source>
        <translation>Keine Datenbank zur Hand? Probieren Sie Sluice an einer Beispiel-Buchhandlung aus (SQLite, im Datenverzeichnis).</translation>
    </message>
    <message>
        <source>Use the demo bookshop</source>
        <translation>Demo-Buchhandlung verwenden</translation>
    </message>
</context>
<context>
    <name>SqlConsolePage</name>
    <message>
        <source>Copied ✓</source>
        <translation>Kopiert ✓</translation>
    </message>
    <message>
        <source>SQL console</source>
        <translation>SQL-Konsole</translation>
    </message>
    <message>
        <source>Allow writes</source>
        <translation>Schreiben erlauben</translation>
    </message>
    <message>
        <source>This connection is read-only.</source>
        <translation>Diese Verbindung ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Statements may change data.</source>
        <translation>Anweisungen dürfen Daten ändern.</translation>
    </message>
    <message>
        <source>Off: statements run read-only; the database refuses writes.</source>
        <translation>Aus: Anweisungen laufen schreibgeschützt; die Datenbank lehnt Schreibzugriffe ab.</translation>
    </message>
    <message>
        <source>Raw SQL is off for this connection: the API refuses every statement until it is turned on. API keys still need a role rule naming _sql.</source>
        <translation>Raw SQL ist für diese Verbindung aus: Die API lehnt jede Anweisung ab, bis es eingeschaltet wird. API-Schlüssel brauchen weiterhin eine Rollenregel für _sql.</translation>
    </message>
    <message>
        <source>Turn on raw SQL</source>
        <translation>Raw SQL einschalten</translation>
    </message>
    <message>
        <source>SELECT … (Ctrl+Enter runs it)</source>
        <translation>SELECT … (Strg+Enter führt aus)</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Strg+Enter</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Copy as REST</source>
        <translation>Als REST kopieren</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>Copy as MCP call</source>
        <translation>Als MCP-Aufruf kopieren</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Statements you run on this connection show here.</source>
        <translation>Hier erscheinen die Anweisungen, die Sie auf dieser Verbindung ausführen.</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf leeren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Saved as “%1”</source>
        <translation>Gespeichert als „%1“</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Name the statement in the editor and save it to keep it here.</source>
        <translation>Benennen Sie die Anweisung im Editor und speichern Sie sie, um sie hier zu behalten.</translation>
    </message>
    <message>
        <source>Delete the saved query “%1”?</source>
        <translation>Die gespeicherte Abfrage „%1“ löschen?</translation>
    </message>
    <message>
        <source>Only the saved statement goes; the database is not touched.</source>
        <translation>Nur die gespeicherte Anweisung wird entfernt; die Datenbank bleibt unberührt.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Clear the history of this connection?</source>
        <translation>Den Verlauf dieser Verbindung leeren?</translation>
    </message>
    <message>
        <source>The statements run here are forgotten; saved queries stay.</source>
        <translation>Die hier ausgeführten Anweisungen werden vergessen; gespeicherte Abfragen bleiben.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <source>Sluice cannot open its data directory</source>
        <translation>Sluice kann sein Datenverzeichnis nicht öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>TenantEmptyState</name>
    <message>
        <source>Choose a tenant</source>
        <translation>Mandanten auswählen</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately: choose one beside the connection to work on that tenant's data.</source>
        <translation>%1 bedient jeden Mandanten getrennt: Wählen Sie neben der Verbindung einen aus, um mit seinen Daten zu arbeiten.</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately, and there is no tenant yet. Create one with: sluice tenant create NAME</source>
        <translation>%1 bedient jeden Mandanten getrennt, und es gibt noch keinen Mandanten. Legen Sie einen an mit: sluice tenant create NAME</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately, and no tenant has a backend on it yet. Add one with: sluice db tenant %1 TENANT %2</source>
        <translation>%1 bedient jeden Mandanten getrennt, und noch kein Mandant hat dort ein Backend. Fügen Sie eines hinzu mit: sluice db tenant %1 TENANT %2</translation>
    </message>
</context>
<context>
    <name>sluice::AccessExplainer</name>
    <message>
        <source> · rows where %1</source>
        <translation> · Zeilen mit %1</translation>
    </message>
    <message>
        <source> · for tenant %1</source>
        <translation> · für Mandant %1</translation>
    </message>
</context>
<context>
    <name>sluice::AppController</name>
    <message>
        <source>HTTPS needs a certificate file and its private key file.</source>
        <translation>HTTPS braucht eine Zertifikatsdatei und die Datei seines privaten Schlüssels.</translation>
    </message>
</context>
<context>
    <name>sluice::ConnectionListModel</name>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Per tenant (setting): every tenant, told apart by row-level security</source>
        <translation>Je Mandant (setting): jeder Mandant, getrennt durch Row-Level-Security</translation>
    </message>
    <message>
        <source>Per tenant (%1): no tenant has a backend yet</source>
        <translation>Je Mandant (%1): noch kein Mandant hat ein Backend</translation>
    </message>
    <message>
        <source>Per tenant (%1): %2</source>
        <translation>Je Mandant (%1): %2</translation>
    </message>
</context>
<context>
    <name>sluice::QueryBuilder</name>
    <message>
        <source>no rows here; %1 in all</source>
        <translation>hier keine Zeilen; %1 insgesamt</translation>
    </message>
    <message>
        <source>no rows</source>
        <translation>keine Zeilen</translation>
    </message>
    <message>
        <source>rows %1–%2</source>
        <translation>Zeilen %1–%2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>Rows deleted: %1.</source>
        <translation>Gelöschte Zeilen: %1.</translation>
    </message>
    <message>
        <source>Not deleted, as this role cannot see them or they were gone already: %1 %2.</source>
        <translation>Nicht gelöscht, da diese Rolle sie nicht sieht oder sie schon fehlten: %1 %2.</translation>
    </message>
    <message>
        <source>%1 takes a whole number, such as 42 or -7.</source>
        <translation>%1 nimmt eine ganze Zahl, etwa 42 oder -7.</translation>
    </message>
    <message>
        <source>%1 takes a number, such as 3.14, -2 or 1e6.</source>
        <translation>%1 nimmt eine Zahl, etwa 3.14, -2 oder 1e6.</translation>
    </message>
    <message>
        <source>%1 takes true or false.</source>
        <translation>%1 nimmt true oder false.</translation>
    </message>
    <message>
        <source>%1 takes a date as YYYY-MM-DD.</source>
        <translation>%1 nimmt ein Datum als JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>%1 takes a time as HH:MM:SS.</source>
        <translation>%1 nimmt eine Uhrzeit als HH:MM:SS.</translation>
    </message>
    <message>
        <source>%1 takes a date and time as YYYY-MM-DD HH:MM:SS, with a zone (Z, +02:00) if the column keeps one.</source>
        <translation>%1 nimmt Datum und Uhrzeit als JJJJ-MM-TT HH:MM:SS, mit Zone (Z, +02:00), wenn die Spalte eine speichert.</translation>
    </message>
    <message>
        <source>%1 takes a UUID, such as 123e4567-e89b-12d3-a456-426614174000.</source>
        <translation>%1 nimmt eine UUID, etwa 123e4567-e89b-12d3-a456-426614174000.</translation>
    </message>
    <message>
        <source>whole number</source>
        <translation>ganze Zahl</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>HH:MM:SS</source>
        <translation>HH:MM:SS</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS</source>
        <translation>JJJJ-MM-TT HH:MM:SS</translation>
    </message>
    <message>
        <source>UUID</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Row added.</source>
        <translation>Zeile hinzugefügt.</translation>
    </message>
    <message>
        <source>Row added: %1 %2.</source>
        <translation>Zeile hinzugefügt: %1 %2.</translation>
    </message>
</context>
<context>
    <name>sluice::SetupWizard</name>
    <message>
        <source>Full access to %1, made by the first-run wizard</source>
        <translation>Vollzugriff auf %1, angelegt vom Einrichtungsassistenten</translation>
    </message>
    <message>
        <source>first-run wizard</source>
        <translation>Einrichtungsassistent</translation>
    </message>
    <message>
        <source>%1. Port %2 is free: start there, or type another port.</source>
        <translation>%1. Port %2 ist frei: dort starten oder einen anderen Port eingeben.</translation>
    </message>
</context>
<context>
    <name>sluice::SqlConsole</name>
    <message>
        <source>1 row affected</source>
        <translation>1 Zeile betroffen</translation>
    </message>
    <message>
        <source>%1 rows affected</source>
        <translation>%1 Zeilen betroffen</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>more left out (limit %1)</source>
        <translation>weitere ausgelassen (Limit %1)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>schreibgeschützt</translation>
    </message>
</context>
</TS>

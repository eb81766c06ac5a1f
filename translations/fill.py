#!/usr/bin/env python3
"""Fills the German and Spanish .ts files from the tables below, after `update_translations`
(lupdate) added new source texts. A source text missing here stays unfinished, and the
translations test (tests/translations/check-ts.sh) fails until it is added.
usage: python3 translations/fill.py"""
import pathlib
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent

# Source text -> (German, Spanish). Plural forms: a pair of (singular, plural) per language.
T = {
    "Name": ("Name", "Nombre"),
    "shop (the URL segment: /api/v1/shop)": ("shop (das URL-Segment: /api/v1/shop)", "shop (el segmento de la URL: /api/v1/shop)"),
    "Label": ("Bezeichnung", "Etiqueta"),
    "Optional: a human name": ("Optional: ein lesbarer Name", "Opcional: un nombre legible"),
    "Database": ("Datenbank", "Base de datos"),
    "ODBC (SQL Server, …)": ("ODBC (SQL Server, …)", "ODBC (SQL Server, …)"),
    "File": ("Datei", "Archivo"),
    "/path/to/database.sqlite": ("/pfad/zur/datenbank.sqlite", "/ruta/a/la/base.sqlite"),
    "Host": ("Host", "Host"),
    "Port": ("Port", "Puerto"),
    "Database name": ("Datenbankname", "Nombre de la base de datos"),
    "User": ("Benutzer", "Usuario"),
    "Password": ("Passwort", "Contraseña"),
    "Kept in the system keychain": ("Wird im Schlüsselbund des Systems gespeichert", "Se guarda en el llavero del sistema"),
    "Connection string": ("Verbindungszeichenfolge", "Cadena de conexión"),
    "Read-only: the API never writes to this database": ("Schreibgeschützt: Die API schreibt nie in diese Datenbank", "Solo lectura: la API nunca escribe en esta base de datos"),
    "Connected": ("Verbunden", "Conectado"),
    "Connections": ("Verbindungen", "Conexiones"),
    "Add connection": ("Verbindung hinzufügen", "Añadir conexión"),
    "No connections yet. Add one to serve it as a REST API.": ("Noch keine Verbindungen. Fügen Sie eine hinzu, um sie als REST-API bereitzustellen.", "Aún no hay conexiones. Añada una para servirla como API REST."),
    " (paused)": (" (pausiert)", " (en pausa)"),
    " · read-only": (" · schreibgeschützt", " · solo lectura"),
    "Unavailable: %1": ("Nicht verfügbar: %1", "No disponible: %1"),
    "Test": ("Testen", "Probar"),
    "Pause": ("Pausieren", "Pausar"),
    "Resume": ("Fortsetzen", "Reanudar"),
    "Remove": ("Entfernen", "Eliminar"),
    "Test connection": ("Verbindung testen", "Probar conexión"),
    "Save": ("Speichern", "Guardar"),
    "Remove %1?": ("%1 entfernen?", "¿Eliminar %1?"),
    "The API of %1 goes away; the database itself is not touched.": ("Die API von %1 verschwindet; die Datenbank selbst bleibt unberührt.", "La API de %1 desaparece; la base de datos no se toca."),
    "Copy": ("Kopieren", "Copiar"),
    "Data": ("Daten", "Datos"),
    "Columns:": ("Spalten:", "Columnas:"),
    "Remove condition": ("Bedingung entfernen", "Quitar condición"),
    "Where": ("Wo", "Donde"),
    "value": ("Wert", "valor"),
    "Add condition": ("Bedingung hinzufügen", "Añadir condición"),
    "Order by": ("Sortieren nach", "Ordenar por"),
    "(none)": ("(keine)", "(ninguno)"),
    "Descending": ("Absteigend", "Descendente"),
    "Limit": ("Limit", "Límite"),
    "Run": ("Ausführen", "Ejecutar"),
    "%n row(s). Edit a cell and press Enter to save it through the API.": (
        ("%n Zeile. Bearbeiten Sie eine Zelle und drücken Sie Enter, um sie über die API zu speichern.",
         "%n Zeilen. Bearbeiten Sie eine Zelle und drücken Sie Enter, um sie über die API zu speichern."),
        ("%n fila. Edite una celda y pulse Intro para guardarla a través de la API.",
         "%n filas. Edite una celda y pulse Intro para guardarla a través de la API.")),
    "%n row(s).": (("%n Zeile.", "%n Zeilen."), ("%n fila.", "%n filas.")),
    "REST": ("REST", "REST"),
    "curl": ("curl", "curl"),
    "MCP": ("MCP", "MCP"),
    "Dismiss": ("Schließen", "Descartar"),
    "Sluice": ("Sluice", "Sluice"),
    "API live at %1": ("API läuft unter %1", "API activa en %1"),
    "API stopped": ("API angehalten", "API detenida"),
    "System theme": ("Systemdesign", "Tema del sistema"),
    "Light": ("Hell", "Claro"),
    "Dark": ("Dunkel", "Oscuro"),
    "Schema": ("Schema", "Esquema"),
    "Server": ("Server", "Servidor"),
    "The request failed (HTTP %1)": ("Die Anfrage ist fehlgeschlagen (HTTP %1)", "La solicitud falló (HTTP %1)"),
    "  (view)": ("  (Sicht)", "  (vista)"),
    "%n column(s)": (("%n Spalte", "%n Spalten"), ("%n columna", "%n columnas")),
    "Primary key: %1": ("Primärschlüssel: %1", "Clave primaria: %1"),
    "Column": ("Spalte", "Columna"),
    "Type": ("Typ", "Tipo"),
    "JSON": ("JSON", "JSON"),
    "Null": ("Null", "Nulo"),
    "Default": ("Standardwert", "Valor por defecto"),
    "References": ("Verweist auf", "Referencia"),
    "yes": ("ja", "sí"),
    "no": ("nein", "no"),
    "Stop": ("Anhalten", "Detener"),
    "Start": ("Starten", "Iniciar"),
    "Listening at %1": ("Lauscht auf %1", "Escuchando en %1"),
    "Stopped": ("Angehalten", "Detenido"),
    "API explorer": ("API-Explorer", "Explorador de la API"),
    "OpenAPI": ("OpenAPI", "OpenAPI"),
    "Data directory: %1": ("Datenverzeichnis: %1", "Directorio de datos: %1"),
    "Connection": ("Verbindung", "Conexión"),
    "Table": ("Tabelle", "Tabla"),
    "Full access to %1, made by the first-run wizard": ("Vollzugriff auf %1, angelegt vom Einrichtungsassistenten", "Acceso completo a %1, creado por el asistente inicial"),
    "first-run wizard": ("Einrichtungsassistent", "asistente inicial"),
    "Welcome to Sluice: a working API in four steps (%1 of 4)": ("Willkommen bei Sluice: eine laufende API in vier Schritten (%1 von 4)", "Bienvenido a Sluice: una API funcionando en cuatro pasos (%1 de 4)"),
    "Create the admin account": ("Admin-Konto anlegen", "Crear la cuenta de administrador"),
    "The admin signs in to the API explorer and the system API. The password needs 12 characters or more.": (
        "Der Admin meldet sich im API-Explorer und an der System-API an. Das Passwort braucht mindestens 12 Zeichen.",
        "El administrador inicia sesión en el explorador de la API y en la API del sistema. La contraseña necesita 12 caracteres o más."),
    "Email": ("E-Mail", "Correo electrónico"),
    "Repeat": ("Wiederholen", "Repetir"),
    "Create admin": ("Admin anlegen", "Crear administrador"),
    "Connect a database": ("Eine Datenbank verbinden", "Conectar una base de datos"),
    "Testing…": ("Teste …", "Probando…"),
    "Save and continue": ("Speichern und weiter", "Guardar y continuar"),
    "Create an API key": ("Einen API-Schlüssel erzeugen", "Crear una clave de API"),
    "Clients send the key in the X-API-Key header. It gets a role with full access to %1; narrow it later on the roles page.": (
        "Clients senden den Schlüssel im Header X-API-Key. Er erhält eine Rolle mit Vollzugriff auf %1; schränken Sie sie später auf der Seite Rollen ein.",
        "Los clientes envían la clave en la cabecera X-API-Key. Recibe un rol con acceso completo a %1; restríngalo más tarde en la página de roles."),
    "Create key": ("Schlüssel erzeugen", "Crear clave"),
    "Your API key": ("Ihr API-Schlüssel", "Su clave de API"),
    "Copy it now: Sluice keeps only its hash and cannot show it again.": ("Kopieren Sie ihn jetzt: Sluice speichert nur seinen Hash und kann ihn nicht erneut anzeigen.", "Cópiela ahora: Sluice solo guarda su hash y no puede volver a mostrarla."),
    "Start the API": ("API starten", "Iniciar la API"),
    "Your API is live": ("Ihre API läuft", "Su API está activa"),
    "URL": ("URL", "URL"),
    "Try it": ("Ausprobieren", "Pruébela"),
    "API explorer: %1/docs": ("API-Explorer: %1/docs", "Explorador de la API: %1/docs"),
    "Open Sluice": ("Sluice öffnen", "Abrir Sluice"),
    "e.g. owner = 'alice'": ("z. B. owner = 'alice'", "p. ej. owner = 'alice'"),
    "  (revoked)": ("  (widerrufen)", "  (revocada)"),
    "  disabled": ("  deaktiviert", "  desactivado"),
    "%n entries": (("%n Eintrag", "%n Einträge"), ("%n entrada", "%n entradas")),
    "%n row(s)": (("%n Zeile", "%n Zeilen"), ("%n fila", "%n filas")),
    "(owner)": ("(Eigentümer)", "(propietario)"),
    "API keys": ("API-Schlüssel", "Claves de API"),
    "Add an admin": ("Admin hinzufügen", "Añadir un administrador"),
    "Add rule": ("Regel hinzufügen", "Añadir regla"),
    "Add": ("Hinzufügen", "Añadir"),
    "Admins": ("Admins", "Administradores"),
    "Audit log": ("Prüfprotokoll", "Registro de auditoría"),
    "Component": ("Komponente", "Componente"),
    "Components: _table/NAME, _table/*, _proc/NAME, _schema, _sql, or * (everything but _sql). \"View as role\" on the data page shows what a role sees.": (
        "Komponenten: _table/NAME, _table/*, _proc/NAME, _schema, _sql oder * (alles außer _sql). „Ansehen als“ auf der Datenseite zeigt, was eine Rolle sieht.",
        "Componentes: _table/NOMBRE, _table/*, _proc/NOMBRE, _schema, _sql o * (todo salvo _sql). «Ver como» en la página de datos muestra lo que ve un rol."),
    "Create API key": ("API-Schlüssel erzeugen", "Crear clave de API"),
    "Delete role": ("Rolle löschen", "Eliminar rol"),
    "Disable": ("Deaktivieren", "Desactivar"),
    "Enable": ("Aktivieren", "Activar"),
    "Expires after (days, 0 = never)": ("Läuft ab nach (Tagen, 0 = nie)", "Caduca a los (días, 0 = nunca)"),
    "Password (12+ characters)": ("Passwort (12+ Zeichen)", "Contraseña (12+ caracteres)"),
    "Refresh": ("Aktualisieren", "Actualizar"),
    "Remove rule": ("Regel entfernen", "Quitar regla"),
    "Revoke": ("Widerrufen", "Revocar"),
    "Role %1 · created %2 · expires %3 · last used %4": ("Rolle %1 · erstellt %2 · läuft ab %3 · zuletzt benutzt %4", "Rol %1 · creada %2 · caduca %3 · último uso %4"),
    "Role": ("Rolle", "Rol"),
    "Roles": ("Rollen", "Roles"),
    "Row filter": ("Zeilenfilter", "Filtro de filas"),
    "Save rules": ("Regeln speichern", "Guardar reglas"),
    "Service": ("Dienst", "Servicio"),
    "The new key, shown this once: copy it now.": ("Der neue Schlüssel, nur dieses eine Mal angezeigt: jetzt kopieren.", "La nueva clave, mostrada solo esta vez: cópiela ahora."),
    "View as": ("Ansehen als", "Ver como"),
    "action, e.g. data.write": ("Aktion, z. B. data.write", "acción, p. ej. data.write"),
    "actor": ("Akteur", "actor"),
    "last sign-in %1": ("letzte Anmeldung %1", "último acceso %1"),
    "never": ("nie", "nunca"),
    "new role name": ("Name der neuen Rolle", "nombre del nuevo rol"),
    "service": ("Dienst", "servicio"),
    "Sluice cannot open its data directory": ("Sluice kann sein Datenverzeichnis nicht öffnen", "Sluice no puede abrir su directorio de datos"),
    "Quit": ("Beenden", "Salir"),
    "Edit": ("Bearbeiten", "Editar"),
    "Edit %1": ("%1 bearbeiten", "Editar %1"),
    "New password": ("Neues Passwort", "Nueva contraseña"),
    "Empty: keep the current one": ("Leer: das bisherige behalten", "Vacío: mantener la actual"),
    "Read-only": ("Schreibgeschützt", "Solo lectura"),
    "Requests: %1 · errors: %2 · %3 per second · median %4 ms": (
        "Anfragen: %1 · Fehler: %2 · %3 pro Sekunde · Median %4 ms",
        "Solicitudes: %1 · errores: %2 · %3 por segundo · mediana %4 ms"),
    'Follow new entries': ('Neuen Einträgen folgen', 'Seguir las entradas nuevas'),
    'Time': ('Zeit', 'Hora'),
    'Actor': ('Akteur', 'Actor'),
    'Action': ('Aktion', 'Acción'),
    'Service / table': ('Dienst / Tabelle', 'Servicio / tabla'),
    'Rows': ('Zeilen', 'Filas'),
    'Status': ('Status', 'Estado'),
    'Detail': ('Detail', 'Detalle'),
    'Paste a URL': ('URL einfügen', 'Pegar una URL'),
    'postgres://user@host/db, mysql://…, or a file path': ('postgres://benutzer@host/db, mysql://… oder ein Dateipfad', 'postgres://usuario@host/bd, mysql://… o una ruta de archivo'),
    'Fill in': ('Übernehmen', 'Rellenar'),
    'TLS': ('TLS', 'TLS'),
    "the client's default": ('Vorgabe des Clients', 'lo predeterminado del cliente'),
    'CA certificate': ('CA-Zertifikat', 'Certificado de la CA'),
    'Optional: /path/to/ca.pem': ('Optional: /pfad/zu/ca.pem', 'Opcional: /ruta/a/ca.pem'),
    'Other parameters': ('Weitere Parameter', 'Otros parámetros'),
    'Raw SQL: roles granted _sql may run statements (POST _sql)': ('Rohes SQL: Rollen mit _sql dürfen Anweisungen ausführen (POST _sql)', 'SQL directo: los roles con _sql pueden ejecutar sentencias (POST _sql)'),
    'Test and save': ('Testen und speichern', 'Probar y guardar'),
    'Copied ✓': ('Kopiert ✓', 'Copiado ✓'),
    'Done: hide it': ('Fertig: ausblenden', 'Hecho: ocultarla'),
    'Role %1 · created': ('Rolle %1 · erstellt', 'Rol %1 · creada'),
    '· expires': ('· läuft ab', '· caduca'),
    '· last used': ('· zuletzt benutzt', '· último uso'),
    'Revoke key %1…?': ('Schlüssel %1… widerrufen?', '¿Revocar la clave %1…?'),
    'Clients sending this key get 401 from now on. This cannot be undone.': ('Clients mit diesem Schlüssel erhalten ab jetzt 401. Das lässt sich nicht rückgängig machen.', 'Los clientes que envíen esta clave reciben 401 desde ahora. No se puede deshacer.'),
    'Delete role %1?': ('Rolle %1 löschen?', '¿Eliminar el rol %1?'),
    'Keys with this role stop working at once. This cannot be undone.': ('Schlüssel mit dieser Rolle funktionieren sofort nicht mehr. Das lässt sich nicht rückgängig machen.', 'Las claves con este rol dejan de funcionar de inmediato. No se puede deshacer.'),
    'Start the API when Sluice opens': ('API beim Öffnen von Sluice starten', 'Iniciar la API al abrir Sluice'),
    "The API runs inside this window: closing Sluice stops it. For an API that keeps running, use 'sluice serve' (a service).": ("Die API läuft in diesem Fenster: Schließen von Sluice beendet sie. Für eine API, die weiterläuft, nutzen Sie 'sluice serve' (einen Dienst).", "La API se ejecuta en esta ventana: cerrar Sluice la detiene. Para una API que siga en marcha, use 'sluice serve' (un servicio)."),
    'No requests yet': ('Noch keine Anfragen', 'Aún no hay peticiones'),
    'The API runs while Sluice is open, and starts again when you open it next time (Server page: Stop turns that off).': ('Die API läuft, solange Sluice geöffnet ist, und startet beim nächsten Öffnen wieder (Seite Server: Stopp schaltet das ab).', 'La API se ejecuta mientras Sluice está abierto y vuelve a iniciarse la próxima vez que lo abra (página Servidor: Detener lo desactiva).'),
    '%1. Port %2 is free: start there, or type another port.': ('%1. Port %2 ist frei: dort starten oder einen anderen Port eingeben.', '%1. El puerto %2 está libre: inicie allí o escriba otro puerto.'),
    'Key in curl': ('Schlüssel in curl', 'Clave en curl'),
    'Optional: paste a key to write it into the curl line (else $SLUICE_API_KEY)': ('Optional: einen Schlüssel einfügen, um ihn in die curl-Zeile zu schreiben (sonst $SLUICE_API_KEY)', 'Opcional: pegue una clave para escribirla en la línea de curl (si no, $SLUICE_API_KEY)'),
    'Foreign keys': ('Fremdschlüssel', 'Claves foráneas'),
    'None': ('Keine', 'Ninguna'),
    'Open %1': ('%1 öffnen', 'Abrir %1'),
    'Indexes': ('Indizes', 'Índices'),
    'primary key': ('Primärschlüssel', 'clave primaria'),
    'unique': ('eindeutig', 'único'),
    'index': ('Index', 'índice'),
    'Sort by %1': ('Nach %1 sortieren', 'Ordenar por %1'),
    '‹ Previous': ('‹ Zurück', '‹ Anterior'),
    'Next ›': ('Weiter ›', 'Siguiente ›'),
    'Edit a cell and press Enter to save it through the API.': ('Bearbeiten Sie eine Zelle und drücken Sie Enter, um sie über die API zu speichern.', 'Edite una celda y pulse Intro para guardarla a través de la API.'),
    'no rows here; %1 in all': ('hier keine Zeilen; %1 insgesamt', 'aquí no hay filas; %1 en total'),
    'no rows': ('keine Zeilen', 'ninguna fila'),
    'rows %1–%2': ('Zeilen %1–%2', 'filas %1–%2'),
    '%1 of %2': ('%1 von %2', '%1 de %2'),
    'Copy cell': ('Zelle kopieren', 'Copiar celda'),
    'Copy row as JSON': ('Zeile als JSON kopieren', 'Copiar fila como JSON'),
    'Copy row as CSV': ('Zeile als CSV kopieren', 'Copiar fila como CSV'),
    'Copy all rows as CSV': ('Alle Zeilen als CSV kopieren', 'Copiar todas las filas como CSV'),
    'Set NULL': ('Auf NULL setzen', 'Poner NULL'),
}


def fill(path, index):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        entry = T.get(source)
        if entry is None:
            missing.append(source)
            continue
        text = entry[index]
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            singular, plural = text if isinstance(text, tuple) else (text, text)
            translation.text = None
            for form in (singular, plural):
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = text
        translation.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n")
    return missing


for language, index in (("de", 0), ("es", 1)):
    missing = fill(HERE / f"sluice_{language}.ts", index)
    for source in missing:
        print(f"{language}: no translation for {source!r}")

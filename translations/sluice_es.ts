<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AddRowDialog</name>
    <message>
        <source>Add a row to %1</source>
        <translation>Añadir una fila a %1</translation>
    </message>
    <message>
        <source>default or generated</source>
        <translation>por defecto o generado</translation>
    </message>
    <message>
        <source>NULL if empty</source>
        <translation>NULL si está vacío</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatorio</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Añadir fila</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Leave a field empty to use the column's default; its ⋯ menu sends NULL or empty text instead.</source>
        <translation>Deje un campo vacío para usar el valor por defecto de la columna; su menú ⋯ envía NULL o texto vacío en su lugar.</translation>
    </message>
    <message>
        <source>empty text</source>
        <translation>texto vacío</translation>
    </message>
    <message>
        <source>(empty text)</source>
        <translation>(texto vacío)</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Valor de %1</translation>
    </message>
    <message>
        <source>Default, NULL or empty text</source>
        <translation>Valor por defecto, NULL o texto vacío</translation>
    </message>
    <message>
        <source>Column default</source>
        <translation>Valor por defecto de la columna</translation>
    </message>
    <message>
        <source>Empty text</source>
        <translation>Texto vacío</translation>
    </message>
</context>
<context>
    <name>AdminsPage</name>
    <message>
        <source>Admins</source>
        <translation>Administradores</translation>
    </message>
    <message>
        <source>  disabled</source>
        <translation>  desactivado</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Add an admin</source>
        <translation>Añadir un administrador</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Password (12+ characters)</source>
        <translation>Contraseña (12+ caracteres)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Admin %1 added</source>
        <translation>Administrador %1 añadido</translation>
    </message>
    <message>
        <source>last sign-in</source>
        <translation>último inicio de sesión</translation>
    </message>
    <message>
        <source>%1 can sign in again</source>
        <translation>%1 puede volver a iniciar sesión</translation>
    </message>
    <message>
        <source>%1 can no longer sign in</source>
        <translation>%1 ya no puede iniciar sesión</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>actor</source>
        <translation>actor</translation>
    </message>
    <message>
        <source>action, e.g. data.write</source>
        <translation>acción, p. ej. data.write</translation>
    </message>
    <message>
        <source>service</source>
        <translation>servicio</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation><numerusform>%n entrada</numerusform><numerusform>%n entradas</numerusform></translation>
    </message>
    <message>
        <source>Follow new entries</source>
        <translation>Seguir las entradas nuevas</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Actor</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Service / table</source>
        <translation>Servicio / tabla</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>No entries match these filters</source>
        <translation>Ninguna entrada coincide con estos filtros</translation>
    </message>
    <message>
        <source>No audit entries yet</source>
        <translation>Aún no hay entradas de auditoría</translation>
    </message>
    <message>
        <source>Each filter matches a whole value: an actor's full name, an action such as data.write, a service's name.</source>
        <translation>Cada filtro coincide con un valor completo: el nombre completo de un actor, una acción como data.write, el nombre de un servicio.</translation>
    </message>
    <message>
        <source>Sign-ins, changes to settings and writes through the API appear here as they happen.</source>
        <translation>Los inicios de sesión, los cambios de configuración y las escrituras a través de la API aparecen aquí en cuanto ocurren.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Borrar filtros</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>shop (the URL segment: /api/v1/shop)</source>
        <translation>shop (el segmento de la URL: /api/v1/shop)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Optional: a human name</source>
        <translation>Opcional: un nombre legible</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>ODBC (SQL Server, …)</source>
        <translation>ODBC (SQL Server, …)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>/path/to/database.sqlite</source>
        <translation>/ruta/a/la/base.sqlite</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Database name</source>
        <translation>Nombre de la base de datos</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation>Se guarda en el llavero del sistema</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Cadena de conexión</translation>
    </message>
    <message>
        <source>Read-only: the API never writes to this database</source>
        <translation>Solo lectura: la API nunca escribe en esta base de datos</translation>
    </message>
    <message>
        <source>Paste a URL</source>
        <translation>Pegar una URL</translation>
    </message>
    <message>
        <source>postgres://user@host/db, mysql://…, or a file path</source>
        <translation>postgres://usuario@host/bd, mysql://… o una ruta de archivo</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>Rellenar</translation>
    </message>
    <message>
        <source>Empty: keep the current one</source>
        <translation>Vacío: mantener la actual</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>the client's default</source>
        <translation>lo predeterminado del cliente</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Certificado de la CA</translation>
    </message>
    <message>
        <source>Optional: /path/to/ca.pem</source>
        <translation>Opcional: /ruta/a/ca.pem</translation>
    </message>
    <message>
        <source>Other parameters</source>
        <translation>Otros parámetros</translation>
    </message>
    <message>
        <source>Raw SQL: roles granted _sql may run statements (POST _sql)</source>
        <translation>SQL directo: los roles con _sql pueden ejecutar sentencias (POST _sql)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Choose an SQLite database</source>
        <translation>Elegir una base de datos SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db *.db3)</source>
        <translation>Bases de datos SQLite (*.sqlite *.sqlite3 *.db *.db3)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>Inquilinos</translation>
    </message>
    <message>
        <source>Tenants' backends are set with: sluice db tenant %1 TENANT %2</source>
        <translation>Los backends de los inquilinos se configuran con: sluice db tenant %1 TENANT %2</translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Add connection</source>
        <translation>Añadir conexión</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation> (en pausa)</translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation> · solo lectura</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>No disponible: %1</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>¿Eliminar %1?</translation>
    </message>
    <message>
        <source>The API of %1 goes away; the database itself is not touched.</source>
        <translation>La API de %1 desaparece; la base de datos no se toca.</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Test and save</source>
        <translation>Probar y guardar</translation>
    </message>
    <message>
        <source>Connection %1 saved</source>
        <translation>Conexión %1 guardada</translation>
    </message>
    <message>
        <source>No connections yet</source>
        <translation>Aún no hay conexiones</translation>
    </message>
    <message>
        <source>Add a database (SQLite, PostgreSQL, MySQL or ODBC) to serve it as a REST API.</source>
        <translation>Añada una base de datos (SQLite, PostgreSQL, MySQL u ODBC) para servirla como API REST.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>Copiado ✓</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation>Quitar condición</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Donde</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Añadir condición</translation>
    </message>
    <message>
        <source>Order by</source>
        <translation>Ordenar por</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>Descendente</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Límite</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
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
        <translation>Ver como</translation>
    </message>
    <message>
        <source>(owner)</source>
        <translation>(propietario)</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Anterior</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Siguiente ›</translation>
    </message>
    <message>
        <source>Edit a cell and press Enter to save it through the API.</source>
        <translation>Edite una celda y pulse Intro para guardarla a través de la API.</translation>
    </message>
    <message>
        <source>Delete row…</source>
        <translation>Eliminar fila…</translation>
    </message>
    <message>
        <source>← back to %1</source>
        <translation>← volver a %1</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Primera página</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Última página</translation>
    </message>
    <message>
        <source>Add row…</source>
        <translation>Añadir fila…</translation>
    </message>
    <message>
        <source>Delete %1 rows…</source>
        <translation>Eliminar %1 filas…</translation>
    </message>
    <message>
        <source>Columns: all %1 ▾</source>
        <translation>Columnas: las %1 ▾</translation>
    </message>
    <message>
        <source>Columns: %1 of %2 ▾</source>
        <translation>Columnas: %1 de %2 ▾</translation>
    </message>
    <message>
        <source>Key for the curl line (optional)</source>
        <translation>Clave para la línea curl (opcional)</translation>
    </message>
    <message>
        <source>Paste a key to write it into the curl line; without one it reads $SLUICE_API_KEY</source>
        <translation>Pegue una clave para escribirla en la línea curl; sin ella, la línea lee $SLUICE_API_KEY</translation>
    </message>
    <message>
        <source>As %1: %2</source>
        <translation>Como %1: %2</translation>
    </message>
    <message>
        <source>Paste a key to write it into the curl line: a key acts for its own tenant. Without one the line acts for %1 as an admin session ($SLUICE_SESSION_TOKEN) with X-Sluice-Tenant</source>
        <translation>Pegue una clave para escribirla en la línea curl: una clave actúa para su propio inquilino. Sin ella, la línea actúa para %1 como sesión de administrador ($SLUICE_SESSION_TOKEN) con X-Sluice-Tenant</translation>
    </message>
</context>
<context>
    <name>ErDiagram</name>
    <message>
        <source>Click a table to select it, double-click to open its rows. Drag to move, Ctrl+wheel to zoom.</source>
        <translation>Haga clic en una tabla para seleccionarla y doble clic para abrir sus filas. Arrastre para mover, Ctrl+rueda para ampliar.</translation>
    </message>
    <message>
        <source>Open rows</source>
        <translation>Abrir filas</translation>
    </message>
    <message>
        <source>Show the rows of %1 in the Data page</source>
        <translation>Mostrar las filas de %1 en la página Datos</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Alejar (Ctrl+−)</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Tamaño real</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Acercar (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Show the whole diagram (Ctrl+0)</source>
        <translation>Mostrar todo el diagrama (Ctrl+0)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>No tables</source>
        <translation>Sin tablas</translation>
    </message>
    <message>
        <source>Double-click to open the rows of %1</source>
        <translation>Doble clic para abrir las filas de %1</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Crear clave</translation>
    </message>
    <message>
        <source>The new key, shown this once: copy it now.</source>
        <translation>La nueva clave, mostrada solo esta vez: cópiela ahora.</translation>
    </message>
    <message>
        <source>  (revoked)</source>
        <translation>  (revocada)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Create API key</source>
        <translation>Crear clave de API</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Expires after (days, 0 = never)</source>
        <translation>Caduca a los (días, 0 = nunca)</translation>
    </message>
    <message>
        <source>Done: hide it</source>
        <translation>Hecho: ocultarla</translation>
    </message>
    <message>
        <source>Role %1 · created</source>
        <translation>Rol %1 · creada</translation>
    </message>
    <message>
        <source>· expires</source>
        <translation>· caduca</translation>
    </message>
    <message>
        <source>· last used</source>
        <translation>· último uso</translation>
    </message>
    <message>
        <source>Revoke key %1…?</source>
        <translation>¿Revocar la clave %1…?</translation>
    </message>
    <message>
        <source>Clients sending this key get 401 from now on. This cannot be undone.</source>
        <translation>Los clientes que envíen esta clave reciben 401 desde ahora. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Key revoked</source>
        <translation>Clave revocada</translation>
    </message>
    <message>
        <source>No API keys yet</source>
        <translation>Aún no hay claves de API</translation>
    </message>
    <message>
        <source>Clients send a key in the X-API-Key header; the key's role decides what they may do.</source>
        <translation>Los clientes envían una clave en la cabecera X-API-Key; el rol de la clave decide qué pueden hacer.</translation>
    </message>
    <message>
        <source>A key gets a role: add one on the Roles page first.</source>
        <translation>Una clave recibe un rol: cree uno primero en la página Roles.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
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
        <translation>API activa en %1</translation>
    </message>
    <message>
        <source>API stopped</source>
        <translation>API detenida</translation>
    </message>
    <message>
        <source>System theme</source>
        <translation>Tema del sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Esquema</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Admins</source>
        <translation>Administradores</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>SQL console</source>
        <translation>Consola SQL</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The request failed (HTTP %1)</source>
        <translation>La solicitud falló (HTTP %1)</translation>
    </message>
</context>
<context>
    <name>ResultGrid</name>
    <message>
        <source>Copied ✓</source>
        <translation>Copiado ✓</translation>
    </message>
    <message>
        <source>Sort by %1</source>
        <translation>Ordenar por %1</translation>
    </message>
    <message>
        <source>Open referenced row</source>
        <translation>Abrir la fila referenciada</translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation>Copiar celda</translation>
    </message>
    <message>
        <source>Copy selection as CSV</source>
        <translation>Copiar la selección como CSV</translation>
    </message>
    <message>
        <source>Copy selection for a spreadsheet (tab-separated)</source>
        <translation>Copiar la selección para una hoja de cálculo (separada por tabuladores)</translation>
    </message>
    <message>
        <source>Copy selection as JSON</source>
        <translation>Copiar la selección como JSON</translation>
    </message>
    <message>
        <source>Copy row as JSON</source>
        <translation>Copiar fila como JSON</translation>
    </message>
    <message>
        <source>Copy row as CSV</source>
        <translation>Copiar fila como CSV</translation>
    </message>
    <message>
        <source>Copy all rows as CSV</source>
        <translation>Copiar todas las filas como CSV</translation>
    </message>
    <message>
        <source>Set NULL</source>
        <translation>Poner NULL</translation>
    </message>
    <message>
        <source>Delete %1 selected rows…</source>
        <translation>Eliminar %1 filas seleccionadas…</translation>
    </message>
    <message>
        <source>Delete row…</source>
        <translation>Eliminar fila…</translation>
    </message>
    <message>
        <source>Delete %1 rows?</source>
        <translation>¿Eliminar %1 filas?</translation>
    </message>
    <message>
        <source>Delete this row?</source>
        <translation>¿Eliminar esta fila?</translation>
    </message>
    <message>
        <source>It is deleted from the database through the API, under the rules of the role you view as.</source>
        <translation>Se elimina de la base de datos a través de la API, con las reglas del rol con el que está viendo.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>They are deleted from the database in one request through the API, under the rules of the role you view as: all of them or none.</source>
        <translation>Se eliminan de la base de datos en una sola petición a través de la API, según las reglas del rol con el que mira: todas o ninguna.</translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>new role name</source>
        <translation>nombre del nuevo rol</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Row filter</source>
        <translation>Filtro de filas</translation>
    </message>
    <message>
        <source>e.g. owner = 'alice'</source>
        <translation>p. ej. owner = 'alice'</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Quitar regla</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Añadir regla</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Guardar reglas</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>Eliminar rol</translation>
    </message>
    <message>
        <source>Components: _table/NAME, _table/*, _proc/NAME, _schema, _sql, or * (everything but _sql). "View as role" on the data page shows what a role sees.</source>
        <translation>Componentes: _table/NOMBRE, _table/*, _proc/NOMBRE, _schema, _sql o * (todo salvo _sql). «Ver como» en la página de datos muestra lo que ve un rol.</translation>
    </message>
    <message>
        <source>Delete role %1?</source>
        <translation>¿Eliminar el rol %1?</translation>
    </message>
    <message>
        <source>Keys with this role stop working at once. This cannot be undone.</source>
        <translation>Las claves con este rol dejan de funcionar de inmediato. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Role %1 added</source>
        <translation>Rol %1 añadido</translation>
    </message>
    <message>
        <source>Rules of %1 saved</source>
        <translation>Reglas de %1 guardadas</translation>
    </message>
    <message>
        <source>No roles yet</source>
        <translation>Aún no hay roles</translation>
    </message>
    <message>
        <source>A role says which services, tables and verbs an API key may use. Name one on the left, then give it rules here.</source>
        <translation>Un rol indica qué servicios, tablas y verbos puede usar una clave de API. Nombre uno a la izquierda y dele reglas aquí.</translation>
    </message>
    <message>
        <source>Name a role</source>
        <translation>Nombrar un rol</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Role %1 deleted</source>
        <translation>Rol %1 eliminado</translation>
    </message>
</context>
<context>
    <name>SchemaPage</name>
    <message>
        <source>Schema</source>
        <translation>Esquema</translation>
    </message>
    <message>
        <source>  (view)</source>
        <translation>  (vista)</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation><numerusform>%n columna</numerusform><numerusform>%n columnas</numerusform></translation>
    </message>
    <message>
        <source>Primary key: %1</source>
        <translation>Clave primaria: %1</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Null</source>
        <translation>Nulo</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Valor por defecto</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Foreign keys</source>
        <translation>Claves foráneas</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Índices</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>clave primaria</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>único</translation>
    </message>
    <message>
        <source>index</source>
        <translation>índice</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>Diagrama</translation>
    </message>
    <message>
        <source>Open rows</source>
        <translation>Abrir filas</translation>
    </message>
    <message>
        <source>Show the rows of %1 in the Data page</source>
        <translation>Mostrar las filas de %1 en la página Datos</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Único</translation>
    </message>
    <message>
        <source>Referenced by</source>
        <translation>Referenciada por</translation>
    </message>
    <message>
        <source>Unique constraints</source>
        <translation>Restricciones de unicidad</translation>
    </message>
    <message>
        <source>None besides the primary key</source>
        <translation>Ninguna aparte de la clave primaria</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Escuchando en %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>API explorer</source>
        <translation>Explorador de la API</translation>
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
        <translation>Directorio de datos: %1</translation>
    </message>
    <message>
        <source>Requests: %1 · errors: %2 · %3 per second · median %4 ms</source>
        <translation>Solicitudes: %1 · errores: %2 · %3 por segundo · mediana %4 ms</translation>
    </message>
    <message>
        <source>Start the API when Sluice opens</source>
        <translation>Iniciar la API al abrir Sluice</translation>
    </message>
    <message>
        <source>The API runs inside this window: closing Sluice stops it. For an API that keeps running, use 'sluice serve' (a service).</source>
        <translation>La API se ejecuta en esta ventana: cerrar Sluice la detiene. Para una API que siga en marcha, use 'sluice serve' (un servicio).</translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>Aún no hay peticiones</translation>
    </message>
    <message>
        <source>Requests to the API show here as they arrive, with their status and time.</source>
        <translation>Las solicitudes a la API aparecen aquí en cuanto llegan, con su estado y su duración.</translation>
    </message>
    <message>
        <source>Start the API to serve your connections; its requests show here.</source>
        <translation>Inicie la API para servir sus conexiones; sus solicitudes aparecen aquí.</translation>
    </message>
    <message>
        <source>Open the API explorer</source>
        <translation>Abrir el explorador de la API</translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificado</translation>
    </message>
    <message>
        <source>/path/to/fullchain.pem</source>
        <translation>/ruta/a/fullchain.pem</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Clave privada</translation>
    </message>
    <message>
        <source>/path/to/privkey.pem</source>
        <translation>/ruta/a/privkey.pem</translation>
    </message>
    <message>
        <source>Choose the certificate (PEM, with its chain) and its private key.</source>
        <translation>Elija el certificado (PEM, con su cadena) y su clave privada.</translation>
    </message>
    <message>
        <source>Choose the server's certificate</source>
        <translation>Elegir el certificado del servidor</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer)</source>
        <translation>Archivos PEM (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose the certificate's private key</source>
        <translation>Elegir la clave privada del certificado</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key)</source>
        <translation>Archivos PEM (*.pem *.key)</translation>
    </message>
</context>
<context>
    <name>ServicePicker</name>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Inquilino</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately (%2): these pages read and write the chosen tenant's backend.</source>
        <translation>%1 sirve a cada inquilino por separado (%2): estas páginas leen y escriben en el backend del inquilino elegido.</translation>
    </message>
</context>
<context>
    <name>SetupWizardPage</name>
    <message>
        <source>Welcome to Sluice: a working API in four steps (%1 of 4)</source>
        <translation>Bienvenido a Sluice: una API funcionando en cuatro pasos (%1 de 4)</translation>
    </message>
    <message>
        <source>Create the admin account</source>
        <translation>Crear la cuenta de administrador</translation>
    </message>
    <message>
        <source>The admin signs in to the API explorer and the system API. The password needs 12 characters or more.</source>
        <translation>El administrador inicia sesión en el explorador de la API y en la API del sistema. La contraseña necesita 12 caracteres o más.</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>Create admin</source>
        <translation>Crear administrador</translation>
    </message>
    <message>
        <source>Connect a database</source>
        <translation>Conectar una base de datos</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation>Guardar y continuar</translation>
    </message>
    <message>
        <source>Create an API key</source>
        <translation>Crear una clave de API</translation>
    </message>
    <message>
        <source>Clients send the key in the X-API-Key header. It gets a role with full access to %1; narrow it later on the roles page.</source>
        <translation>Los clientes envían la clave en la cabecera X-API-Key. Recibe un rol con acceso completo a %1; restríngalo más tarde en la página de roles.</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Crear clave</translation>
    </message>
    <message>
        <source>Your API key</source>
        <translation>Su clave de API</translation>
    </message>
    <message>
        <source>Copy it now: Sluice keeps only its hash and cannot show it again.</source>
        <translation>Cópiela ahora: Sluice solo guarda su hash y no puede volver a mostrarla.</translation>
    </message>
    <message>
        <source>Start the API</source>
        <translation>Iniciar la API</translation>
    </message>
    <message>
        <source>Your API is live</source>
        <translation>Su API está activa</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Pruébela</translation>
    </message>
    <message>
        <source>API explorer: %1/docs</source>
        <translation>Explorador de la API: %1/docs</translation>
    </message>
    <message>
        <source>Open Sluice</source>
        <translation>Abrir Sluice</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>The API runs while Sluice is open, and starts again when you open it next time (Server page: Stop turns that off).</source>
        <translation>La API se ejecuta mientras Sluice está abierto y vuelve a iniciarse la próxima vez que lo abra (página Servidor: Detener lo desactiva).</translation>
    </message>
    <message>
        <source>No database at hand? Try Sluice on a sample bookshop (SQLite, in the data directory).</source>
        <translation>¿No tiene una base de datos a mano? Pruebe Sluice con una librería de ejemplo (SQLite, en el directorio de datos).</translation>
    </message>
    <message>
        <source>Use the demo bookshop</source>
        <translation>Usar la librería de demostración</translation>
    </message>
</context>
<context>
    <name>SqlConsolePage</name>
    <message>
        <source>Copied ✓</source>
        <translation>Copiado ✓</translation>
    </message>
    <message>
        <source>SQL console</source>
        <translation>Consola SQL</translation>
    </message>
    <message>
        <source>Allow writes</source>
        <translation>Permitir escrituras</translation>
    </message>
    <message>
        <source>This connection is read-only.</source>
        <translation>Esta conexión es de solo lectura.</translation>
    </message>
    <message>
        <source>Statements may change data.</source>
        <translation>Las sentencias pueden modificar datos.</translation>
    </message>
    <message>
        <source>Off: statements run read-only; the database refuses writes.</source>
        <translation>Desactivado: las sentencias se ejecutan en solo lectura; la base de datos rechaza las escrituras.</translation>
    </message>
    <message>
        <source>Raw SQL is off for this connection: the API refuses every statement until it is turned on. API keys still need a role rule naming _sql.</source>
        <translation>El SQL directo está desactivado para esta conexión: la API rechaza toda sentencia hasta que se active. Las claves de API siguen necesitando una regla de rol que nombre _sql.</translation>
    </message>
    <message>
        <source>Turn on raw SQL</source>
        <translation>Activar SQL directo</translation>
    </message>
    <message>
        <source>SELECT … (Ctrl+Enter runs it)</source>
        <translation>SELECT … (Ctrl+Intro lo ejecuta)</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>línea %1, columna %2: %3</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Intro</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Límite</translation>
    </message>
    <message>
        <source>Copy as REST</source>
        <translation>Copiar como REST</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Copiar como curl</translation>
    </message>
    <message>
        <source>Copy as MCP call</source>
        <translation>Copiar como llamada MCP</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardadas</translation>
    </message>
    <message>
        <source>Statements you run on this connection show here.</source>
        <translation>Aquí aparecen las sentencias que ejecute en esta conexión.</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Borrar historial</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Saved as “%1”</source>
        <translation>Guardada como «%1»</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Eliminar %1</translation>
    </message>
    <message>
        <source>Name the statement in the editor and save it to keep it here.</source>
        <translation>Ponga nombre a la sentencia del editor y guárdela para conservarla aquí.</translation>
    </message>
    <message>
        <source>Delete the saved query “%1”?</source>
        <translation>¿Eliminar la consulta guardada «%1»?</translation>
    </message>
    <message>
        <source>Only the saved statement goes; the database is not touched.</source>
        <translation>Solo se elimina la sentencia guardada; la base de datos no cambia.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Clear the history of this connection?</source>
        <translation>¿Borrar el historial de esta conexión?</translation>
    </message>
    <message>
        <source>The statements run here are forgotten; saved queries stay.</source>
        <translation>Se olvidan las sentencias ejecutadas aquí; las consultas guardadas se mantienen.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
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
        <translation>Sluice no puede abrir su directorio de datos</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>TenantEmptyState</name>
    <message>
        <source>Choose a tenant</source>
        <translation>Elija un inquilino</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately: choose one beside the connection to work on that tenant's data.</source>
        <translation>%1 sirve a cada inquilino por separado: elija uno junto a la conexión para trabajar con sus datos.</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately, and there is no tenant yet. Create one with: sluice tenant create NAME</source>
        <translation>%1 sirve a cada inquilino por separado y aún no hay ningún inquilino. Cree uno con: sluice tenant create NAME</translation>
    </message>
    <message>
        <source>%1 serves each tenant separately, and no tenant has a backend on it yet. Add one with: sluice db tenant %1 TENANT %2</source>
        <translation>%1 sirve a cada inquilino por separado y ningún inquilino tiene todavía un backend en ella. Añada uno con: sluice db tenant %1 TENANT %2</translation>
    </message>
</context>
<context>
    <name>sluice::AccessExplainer</name>
    <message>
        <source> · rows where %1</source>
        <translation> · filas donde %1</translation>
    </message>
    <message>
        <source> · for tenant %1</source>
        <translation> · para el inquilino %1</translation>
    </message>
</context>
<context>
    <name>sluice::AppController</name>
    <message>
        <source>HTTPS needs a certificate file and its private key file.</source>
        <translation>HTTPS necesita un archivo de certificado y el archivo de su clave privada.</translation>
    </message>
</context>
<context>
    <name>sluice::ConnectionListModel</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Per tenant (setting): every tenant, told apart by row-level security</source>
        <translation>Por inquilino (setting): cada inquilino, separado por seguridad a nivel de fila</translation>
    </message>
    <message>
        <source>Per tenant (%1): no tenant has a backend yet</source>
        <translation>Por inquilino (%1): ningún inquilino tiene todavía un backend</translation>
    </message>
    <message>
        <source>Per tenant (%1): %2</source>
        <translation>Por inquilino (%1): %2</translation>
    </message>
</context>
<context>
    <name>sluice::QueryBuilder</name>
    <message>
        <source>no rows here; %1 in all</source>
        <translation>aquí no hay filas; %1 en total</translation>
    </message>
    <message>
        <source>no rows</source>
        <translation>ninguna fila</translation>
    </message>
    <message>
        <source>rows %1–%2</source>
        <translation>filas %1–%2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>No se eliminó nada.</translation>
    </message>
    <message>
        <source>Rows deleted: %1.</source>
        <translation>Filas eliminadas: %1.</translation>
    </message>
    <message>
        <source>Not deleted, as this role cannot see them or they were gone already: %1 %2.</source>
        <translation>No eliminadas, porque este rol no las ve o ya no existían: %1 %2.</translation>
    </message>
    <message>
        <source>%1 takes a whole number, such as 42 or -7.</source>
        <translation>%1 admite un número entero, como 42 o -7.</translation>
    </message>
    <message>
        <source>%1 takes a number, such as 3.14, -2 or 1e6.</source>
        <translation>%1 admite un número, como 3.14, -2 o 1e6.</translation>
    </message>
    <message>
        <source>%1 takes true or false.</source>
        <translation>%1 admite true o false.</translation>
    </message>
    <message>
        <source>%1 takes a date as YYYY-MM-DD.</source>
        <translation>%1 admite una fecha como AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>%1 takes a time as HH:MM:SS.</source>
        <translation>%1 admite una hora como HH:MM:SS.</translation>
    </message>
    <message>
        <source>%1 takes a date and time as YYYY-MM-DD HH:MM:SS, with a zone (Z, +02:00) if the column keeps one.</source>
        <translation>%1 admite fecha y hora como AAAA-MM-DD HH:MM:SS, con zona (Z, +02:00) si la columna la guarda.</translation>
    </message>
    <message>
        <source>%1 takes a UUID, such as 123e4567-e89b-12d3-a456-426614174000.</source>
        <translation>%1 admite un UUID, como 123e4567-e89b-12d3-a456-426614174000.</translation>
    </message>
    <message>
        <source>whole number</source>
        <translation>número entero</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true o false</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>HH:MM:SS</source>
        <translation>HH:MM:SS</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS</source>
        <translation>AAAA-MM-DD HH:MM:SS</translation>
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
        <translation>Fila añadida.</translation>
    </message>
    <message>
        <source>Row added: %1 %2.</source>
        <translation>Fila añadida: %1 %2.</translation>
    </message>
</context>
<context>
    <name>sluice::SetupWizard</name>
    <message>
        <source>Full access to %1, made by the first-run wizard</source>
        <translation>Acceso completo a %1, creado por el asistente inicial</translation>
    </message>
    <message>
        <source>first-run wizard</source>
        <translation>asistente inicial</translation>
    </message>
    <message>
        <source>%1. Port %2 is free: start there, or type another port.</source>
        <translation>%1. El puerto %2 está libre: inicie allí o escriba otro puerto.</translation>
    </message>
</context>
<context>
    <name>sluice::SqlConsole</name>
    <message>
        <source>1 row affected</source>
        <translation>1 fila afectada</translation>
    </message>
    <message>
        <source>%1 rows affected</source>
        <translation>%1 filas afectadas</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 fila</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 filas</translation>
    </message>
    <message>
        <source>more left out (limit %1)</source>
        <translation>se omitieron más (límite %1)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>solo lectura</translation>
    </message>
</context>
</TS>

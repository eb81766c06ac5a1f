cmake_minimum_required(VERSION 3.24)
# The layering rule of server/db/ (ARCHITECTURE.md): only backends.cpp names the backends. No
# other file of the core, of sql/, or of anything above db/ (server/, app/, gui/) includes a
# header of sqlite/, postgres/, mysql/, sqlserver/ or odbc/. Run: cmake -DROOT=<repo> -P this.
file(GLOB_RECURSE sources RELATIVE "${ROOT}"
     "${ROOT}/server/*.h" "${ROOT}/server/*.cpp"
     "${ROOT}/app/*.h" "${ROOT}/app/*.cpp"
     "${ROOT}/gui/*.h" "${ROOT}/gui/*.cpp")
set(offences "")
foreach(source IN LISTS sources)
    if(source STREQUAL "server/db/backends.cpp")
        continue()
    endif()
    if(source MATCHES "^server/db/(sqlite|postgres|mysql|sqlserver|odbc)/")
        continue() # backends are peers: ODBC reaches the others' dialects as its flavours
    endif()
    file(STRINGS "${ROOT}/${source}" includes
         REGEX "^#include \"db/(sqlite|postgres|mysql|sqlserver|odbc)/")
    foreach(line IN LISTS includes)
        string(APPEND offences "\n  ${source}: ${line}")
    endforeach()
endforeach()
if(offences)
    message(FATAL_ERROR "Backend headers included outside their backend and backends.cpp:${offences}")
endif()
list(LENGTH sources count)
message(STATUS "layering: ${count} files, no backend header outside its backend")

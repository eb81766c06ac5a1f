# Swagger UI for /docs, from the npm package swagger-ui-dist, fetched once at configure time into
# the build directory and embedded in the binary, so the explorer works offline afterwards.
# Without npm or the registry the build goes on without it: /docs then says how to get it.
#
# Sets SLUICE_SWAGGER_UI_DIR to the directory holding the files, or leaves it empty.

set(SLUICE_SWAGGER_UI_VERSION "5.35.0" CACHE STRING "swagger-ui-dist version embedded for /docs")
option(SLUICE_SWAGGER_UI "Embed Swagger UI (npm swagger-ui-dist) as the /docs explorer" ON)

set(SLUICE_SWAGGER_UI_DIR "")
set(_swagger_dir "${CMAKE_BINARY_DIR}/swagger-ui-${SLUICE_SWAGGER_UI_VERSION}")
set(_swagger_files swagger-ui-bundle.js swagger-ui.css favicon-32x32.png LICENSE NOTICE)

if(SLUICE_SWAGGER_UI AND NOT EXISTS "${_swagger_dir}/swagger-ui-bundle.js")
    find_program(NPM_EXECUTABLE npm)
    if(NPM_EXECUTABLE)
        set(_download "${CMAKE_BINARY_DIR}/swagger-ui-download")
        file(MAKE_DIRECTORY "${_download}")
        execute_process(
            COMMAND "${NPM_EXECUTABLE}" pack "swagger-ui-dist@${SLUICE_SWAGGER_UI_VERSION}"
                    --pack-destination "${_download}" --loglevel=error
            WORKING_DIRECTORY "${_download}"
            RESULT_VARIABLE _npm_result OUTPUT_QUIET ERROR_VARIABLE _npm_error TIMEOUT 300)
        set(_tarball "${_download}/swagger-ui-dist-${SLUICE_SWAGGER_UI_VERSION}.tgz")
        if(_npm_result EQUAL 0 AND EXISTS "${_tarball}")
            file(ARCHIVE_EXTRACT INPUT "${_tarball}" DESTINATION "${_download}")
            file(MAKE_DIRECTORY "${_swagger_dir}")
            foreach(_file IN LISTS _swagger_files)
                file(COPY "${_download}/package/${_file}" DESTINATION "${_swagger_dir}")
            endforeach()
        else()
            message(WARNING "Swagger UI not embedded: npm pack failed (${_npm_error}); /docs "
                            "will point to /openapi.json instead")
        endif()
    else()
        message(WARNING "Swagger UI not embedded: npm not found; /docs will point to "
                        "/openapi.json instead")
    endif()
endif()

if(SLUICE_SWAGGER_UI AND EXISTS "${_swagger_dir}/swagger-ui-bundle.js")
    set(SLUICE_SWAGGER_UI_DIR "${_swagger_dir}")
    message(STATUS "Swagger UI ${SLUICE_SWAGGER_UI_VERSION} embedded for /docs")
endif()

# The C API's tests, and the library as users get it: built against an
# installed tree, loaded from Python, packed into a .deb. Included by
# tests/CMakeLists.txt; every test here is labelled "capi".

set(cq_capi_dir ${CMAKE_CURRENT_LIST_DIR})

# Catch2: ownership, failures and the last error, diagnostics and outputs.
add_executable(communique-capi-tests ${cq_capi_dir}/test_capi.cpp ${cq_capi_dir}/test_capi_job.cpp)
target_link_libraries(communique-capi-tests PRIVATE communique_internal communique-catch-main)
target_compile_definitions(communique-capi-tests PRIVATE CQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
catch_discover_tests(communique-capi-tests TEST_PREFIX "capi: " PROPERTIES LABELS capi)

# The examples build with everything else (and, installed, in the consumer
# test below).
add_executable(communique-example-embed-cpp ${PROJECT_SOURCE_DIR}/examples/embed.cpp)
target_link_libraries(communique-example-embed-cpp PRIVATE communique)
add_executable(communique-example-embed-c ${PROJECT_SOURCE_DIR}/examples/embed.c)
target_link_libraries(communique-example-embed-c PRIVATE communique)
set_target_properties(communique-example-embed-c PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
add_executable(communique-example-convert-folder ${PROJECT_SOURCE_DIR}/examples/convert_folder.c)
target_link_libraries(communique-example-convert-folder PRIVATE communique)
set_target_properties(communique-example-convert-folder PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON
                                                                   C_EXTENSIONS OFF)
# The job example converts a small folder of fixtures.
add_test(NAME capi-convert-folder
         COMMAND bash ${cq_capi_dir}/convert_folder_test.sh $<TARGET_FILE:communique-example-convert-folder>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(capi-convert-folder PROPERTIES LABELS capi PROCESSORS 2)

# The shared library, as programs load it.
set(cq_capi_shared $<TARGET_FILE:communique>)

# Only the API's own symbols are exported.
add_test(NAME capi-exports
         COMMAND bash ${cq_capi_dir}/exports_test.sh ${CMAKE_NM} ${cq_capi_shared} ${PROJECT_VERSION_MAJOR})

# Under AddressSanitizer (the asan preset) what is built against the library
# must be instrumented too (consumers get the same -fsanitize flags), and a
# program that is not (python3) must load the sanitizer's runtime first, and
# libstdc++ with it (ASan looks for __cxa_throw when it starts). CPython
# itself does not free everything at exit, so that one test (capi-python,
# below) does not look for leaks; the library's own are looked for by every
# other test.
set(cq_capi_sanitize "-")
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=[^ ]*address")
  string(REGEX MATCH "-fsanitize=[^ ]+" cq_capi_sanitize "${CMAKE_CXX_FLAGS}")
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE cq_capi_libasan OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.so
                  OUTPUT_VARIABLE cq_capi_libstdcxx OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()

# The module the command loads its writers from, relative to the install
# prefix (cmake/packaging.cmake installs it), or "-" when there is none.
if(TARGET communique-writers)
  set(cq_capi_writers "$<TARGET_PROPERTY:communique-writers,COMMUNIQUE_INSTALL_DIR>/$<TARGET_FILE_NAME:communique-writers>")
else()
  set(cq_capi_writers "-")
endif()

# cmake --install into a temporary prefix, then C++ projects (CMake package,
# shared and static) and C programs (pkg-config, shared and static) built
# against it and run.
get_property(cq_capi_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
if(cq_capi_multi_config)
  set(cq_capi_generator "Unix Makefiles")
else()
  set(cq_capi_generator "${CMAKE_GENERATOR}")
endif()
add_test(NAME capi-consumers
         COMMAND bash ${cq_capi_dir}/consumer_test.sh ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${CMAKE_INSTALL_LIBDIR} ${PROJECT_VERSION_MAJOR} ${CMAKE_C_COMPILER} ${CMAKE_CXX_COMPILER}
                 ${cq_capi_generator} ${PKG_CONFIG_EXECUTABLE} ${PROJECT_VERSION} ${cq_capi_writers}
                 ${cq_capi_sanitize})

# cpack -G DEB: three packages, checked with dpkg-deb, installed with dpkg
# into a root of their own and built against (dpkg-shlibdeps from dpkg-dev
# computes their dependencies, with file's help).
foreach(tool dpkg-deb dpkg-shlibdeps file)
  string(MAKE_C_IDENTIFIER "CQ_${tool}" var)
  find_program(${var} ${tool})
  if(NOT ${var})
    message(FATAL_ERROR "${tool} not found (the .deb test needs it): install the Debian packages dpkg-dev and file")
  endif()
endforeach()
add_test(NAME capi-deb
         COMMAND bash ${cq_capi_dir}/deb_test.sh ${CMAKE_CPACK_COMMAND} ${PROJECT_BINARY_DIR} ${PROJECT_VERSION}
                 ${CMAKE_INSTALL_LIBDIR} ${PROJECT_VERSION_MAJOR} ${CMAKE_COMMAND} ${CMAKE_C_COMPILER}
                 ${CMAKE_CXX_COMPILER} ${cq_capi_generator} ${PKG_CONFIG_EXECUTABLE} ${PROJECT_SOURCE_DIR}
                 ${cq_capi_writers} ${cq_capi_sanitize})

# The Python package (python/), installed, under pytest (python3-pytest).
# /usr/bin/python3 is named: a python3 earlier on PATH may be another
# interpreter (pyenv) without Debian's pytest.
set(CQ_SYSTEM_PYTHON3 /usr/bin/python3 CACHE FILEPATH "The Python that the Python package's tests run under")
execute_process(COMMAND ${CQ_SYSTEM_PYTHON3} -c "import pytest" RESULT_VARIABLE cq_capi_no_pytest
                OUTPUT_QUIET ERROR_QUIET)
if(cq_capi_no_pytest)
  message(FATAL_ERROR "${CQ_SYSTEM_PYTHON3} has no pytest (the tests need it): "
                      "install the Debian package python3-pytest")
endif()
add_test(NAME capi-python
         COMMAND bash ${cq_capi_dir}/python_test.sh ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${CQ_SYSTEM_PYTHON3} ${COMMUNIQUE_PYTHON_DIR} ${PROJECT_VERSION})
if(NOT cq_capi_sanitize STREQUAL "-")
  # python3 is not instrumented: see cq_capi_sanitize above.
  set_tests_properties(capi-python PROPERTIES ENVIRONMENT
                       "LD_PRELOAD=${cq_capi_libasan}:${cq_capi_libstdcxx};ASAN_OPTIONS=detect_leaks=0:halt_on_error=1")
endif()

set_tests_properties(capi-exports capi-consumers capi-deb capi-python PROPERTIES LABELS capi)
# They install the build tree (cpack installs it into its own staging folder).
set_tests_properties(capi-consumers capi-deb capi-python PROPERTIES RESOURCE_LOCK communique-install TIMEOUT 300)

# Installation: the command, the library, its headers, the schema and the
# stylesheets (the stylesheets are also built into the library).
install(TARGETS communique communique-cli
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/communique DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/communique/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/communique)
install(FILES schemas/release.xsd schemas/xml.xsd
        DESTINATION ${CMAKE_INSTALL_DATADIR}/communique/schemas)
install(DIRECTORY xslt/ DESTINATION ${CMAKE_INSTALL_DATADIR}/communique/xslt
        FILES_MATCHING PATTERN "*.xsl")
# The writers module that the command loads on its first conversion.
install(TARGETS communique-writers LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/communique)

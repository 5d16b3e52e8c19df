# The manual page and the shell completions, made by the built command from
# its own options (src/cli/manual.cpp) and the README's prose sections, and
# installed where man and the shells look.
set(cq_manual_dir ${CMAKE_CURRENT_BINARY_DIR}/manual)
set(cq_manual_outputs ${cq_manual_dir}/communique.1 ${cq_manual_dir}/communique.bash
                      ${cq_manual_dir}/_communique ${cq_manual_dir}/communique.fish)
# sh for the redirections; each file is written whole or not at all.
set(cq_generate sh -c "\"$0\" \"$1\" \"$2\" > \"$3.tmp\" && mv \"$3.tmp\" \"$3\"" $<TARGET_FILE:communique-cli>)
add_custom_command(
  OUTPUT ${cq_manual_outputs}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${cq_manual_dir}
  COMMAND ${cq_generate} --generate-man ${PROJECT_SOURCE_DIR}/README.md ${cq_manual_dir}/communique.1
  COMMAND ${cq_generate} --generate-completion bash ${cq_manual_dir}/communique.bash
  COMMAND ${cq_generate} --generate-completion zsh ${cq_manual_dir}/_communique
  COMMAND ${cq_generate} --generate-completion fish ${cq_manual_dir}/communique.fish
  DEPENDS communique-cli ${PROJECT_SOURCE_DIR}/README.md
  COMMENT "Writing the manual page and the shell completions"
  VERBATIM)
add_custom_target(communique-manual ALL DEPENDS ${cq_manual_outputs})

# In the command's package (the .deb's component "command", as the command's).
install(FILES ${cq_manual_dir}/communique.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT command)
install(FILES ${cq_manual_dir}/communique.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME communique COMPONENT command)
install(FILES ${cq_manual_dir}/_communique DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        COMPONENT command)
install(FILES ${cq_manual_dir}/communique.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
        COMPONENT command)

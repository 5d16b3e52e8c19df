# The bulk runner's tests (src/batch): shell scripts that drive the command
# over generated archives (tools/gen-archive). Included by tests/CMakeLists.txt,
# after VNU_JAR is found.
foreach(cq_batch_test archive kill shard paths inplace catalog_memory)
  add_test(NAME batch-${cq_batch_test}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${cq_batch_test}_test.sh $<TARGET_FILE:communique-cli>
                   ${PROJECT_SOURCE_DIR} ${VNU_JAR})
  # Each runs the command with -j 2.
  set_tests_properties(batch-${cq_batch_test} PROPERTIES LABELS batch TIMEOUT 180 PROCESSORS 2)
endforeach()

# The README's and docs/bulk.md's recipes for many machines, run as written:
# GNU parallel, and Slurm on a one-node cluster the test starts and stops
# (munged, slurmctld and slurmd from Debian, all in a scratch folder).
foreach(cq_batch_test parallel slurm)
  add_test(NAME batch-${cq_batch_test}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${cq_batch_test}_test.sh $<TARGET_FILE:communique-cli>
                   ${PROJECT_SOURCE_DIR})
  set_tests_properties(batch-${cq_batch_test} PROPERTIES LABELS batch TIMEOUT 300 PROCESSORS 2)
endforeach()

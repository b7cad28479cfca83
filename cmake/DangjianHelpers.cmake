# Helpers shared by dangjian's CMakeLists.

# dangjian_strict_warnings(TARGET): -Wall -Wextra (and -Werror with DANGJIAN_WERROR)
# for dangjian's own sources; generated and third-party code is left alone.
function(dangjian_strict_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(DANGJIAN_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()

# Install rules: headers, .proto files, generated .pb.h, libraries, the CMake package
# (dangjianConfig.cmake + version file) and dangjian.pc.

include(CMakePackageConfigHelpers)

set(DANGJIAN_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/dangjian")

install(
  TARGETS dangjian dangjian_proto
  EXPORT dangjianTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/dangjian"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.h")
install(FILES "${PROJECT_BINARY_DIR}/include/dangjian/version.h"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/dangjian")
# The schemas beside their generated headers, as protobuf installs its own, so that
# other programs can import "dangjian/v1/dataset.proto" from the include directory.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/proto/dangjian/v1"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/dangjian" FILES_MATCHING PATTERN "*.proto")
install(DIRECTORY "${PROJECT_BINARY_DIR}/proto/dangjian/v1"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/dangjian" FILES_MATCHING PATTERN "*.pb.h")

install(
  EXPORT dangjianTargets
  NAMESPACE dangjian::
  DESTINATION "${DANGJIAN_CMAKE_DIR}"
  FILE dangjianTargets.cmake)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/dangjianConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/dangjianConfig.cmake"
  INSTALL_DESTINATION "${DANGJIAN_CMAKE_DIR}")
# 0.x: a minor release may break compatibility, so only the same minor is accepted;
# from 1.0 any later 1.x builds the same source (docs/compatibility.md).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_dangjian_compat SameMinorVersion)
else()
  set(_dangjian_compat SameMajorVersion)
endif()
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/dangjianConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY ${_dangjian_compat})
install(FILES "${PROJECT_BINARY_DIR}/dangjianConfig.cmake"
              "${PROJECT_BINARY_DIR}/dangjianConfigVersion.cmake"
        DESTINATION "${DANGJIAN_CMAKE_DIR}")

if(BUILD_SHARED_LIBS)
  set(DANGJIAN_PC_CFLAGS "-DDANGJIAN_SHARED_LIBRARY")
else()
  set(DANGJIAN_PC_CFLAGS "")
endif()
# A relocatable .pc file: the prefix is found from where the file lies, so the
# package works wherever `cmake --install --prefix` put it.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(DANGJIAN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _dangjian_up "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
  string(REGEX REPLACE "/$" "" _dangjian_up "${_dangjian_up}")
  set(DANGJIAN_PC_PREFIX "\${pcfiledir}/${_dangjian_up}")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/dangjian.pc.in"
               "${PROJECT_BINARY_DIR}/dangjian.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/dangjian.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

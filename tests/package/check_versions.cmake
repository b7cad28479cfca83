# cmake -DPROJECT_VERSION=X -DVERSION_H=path -DPC_FILE=path -DCONFIG_VERSION=path
#       -P check_versions.cmake
# Fails unless project(VERSION), the generated dangjian/version.h, dangjian.pc and
# dangjianConfigVersion.cmake all carry the same version.
foreach(var PROJECT_VERSION VERSION_H PC_FILE CONFIG_VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_versions.cmake: ${var} is not set")
  endif()
endforeach()

file(STRINGS "${VERSION_H}" h_line REGEX "^#define DANGJIAN_VERSION_STRING ")
string(REGEX REPLACE ".*\"([^\"]*)\".*" "\\1" h_version "${h_line}")
file(STRINGS "${PC_FILE}" pc_line REGEX "^Version: ")
string(REGEX REPLACE "^Version: *" "" pc_version "${pc_line}")
file(STRINGS "${CONFIG_VERSION}" cfg_line REGEX "^set\\(PACKAGE_VERSION \"[0-9]")
string(REGEX REPLACE ".*\"([^\"]*)\".*" "\\1" cfg_version "${cfg_line}")

message(STATUS "project(VERSION):              ${PROJECT_VERSION}")
message(STATUS "dangjian/version.h:            ${h_version}")
message(STATUS "dangjian.pc:                   ${pc_version}")
message(STATUS "dangjianConfigVersion.cmake:   ${cfg_version}")
if(NOT h_version STREQUAL PROJECT_VERSION OR NOT pc_version STREQUAL PROJECT_VERSION
   OR NOT cfg_version STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "versions disagree")
endif()
message(STATUS "versions agree: ${PROJECT_VERSION}")

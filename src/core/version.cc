#include "dangjian/version.h"

namespace dangjian {

const char* VersionString() { return DANGJIAN_VERSION_STRING; }

}  // namespace dangjian

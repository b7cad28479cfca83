// Compiled through the aggregate module's view (architecture.allowed_include):
// aggregate may use core, so this include is found and compiles.
#include "core/calendar.h"

// Compiled through the aggregate module's view
// (architecture.forbidden_include): aggregate may not use validate, so this
// include must not be found.
#include "validate/rules.h"

// A tiny library compiled in four variants by run_abi_selftest.sh, to show that
// abi/check_abi.sh passes additions and fails incompatible changes:
//   VARIANT 0  the baseline
//   VARIANT 1  adds a function (compatible: must pass)
//   VARIANT 2  changes a function's parameter type (the old symbol is gone)
//   VARIANT 3  adds a field to an options struct passed by reference (its
//              layout changes under programs built against the old header)
#define SELFTEST_EXPORT __attribute__((visibility("default")))

namespace dangjian::selftest {

struct SELFTEST_EXPORT Options {
  int limit = 10;
#if VARIANT == 3
  long long extra = 0;
#endif
};

SELFTEST_EXPORT int Limit(const Options& options) { return options.limit; }

#if VARIANT == 2
SELFTEST_EXPORT long long Twice(long long x) { return 2 * x; }
#else
SELFTEST_EXPORT int Twice(int x) { return 2 * x; }
#endif

#if VARIANT == 1
SELFTEST_EXPORT int Thrice(int x) { return 3 * x; }
#endif

}  // namespace dangjian::selftest

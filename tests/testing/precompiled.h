// What nearly every test program includes, precompiled once for them all
// (tests/CMakeLists.txt): the standard, abseil, GoogleTest and protobuf
// headers and the generated messages. Only headers from outside tests/, so
// that a change to a test's own helpers does not rebuild it.
#ifndef DANGJIAN_TESTS_TESTING_PRECOMPILED_H_
#define DANGJIAN_TESTS_TESTING_PRECOMPILED_H_

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

#endif  // DANGJIAN_TESTS_TESTING_PRECOMPILED_H_

// The reader OpenRecordReader() returns for a whole Dataset (.pb, .json):
// internal, so that the pipeline can read the dataset's provenance, which is
// no record.
#ifndef DANGJIAN_SRC_IO_DATASET_READER_H_
#define DANGJIAN_SRC_IO_DATASET_READER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "dangjian/record.h"
#include "dangjian/record_reader.h"

namespace dangjian {
namespace internal {

// Hands out the entities of a Dataset read whole.
class DatasetReader final : public RecordReader {
 public:
  DatasetReader(const v1::Dataset& dataset, absl::string_view name)
      : provenance_(dataset.provenance()) {
    ForEachRecord(dataset, [&](const v1::Record& r) { records_.push_back(r); });
    location_.set_file(std::string(name));
  }

  bool Next(v1::Record* record) override {
    if (next_ >= records_.size()) return false;
    location_.set_record_index(static_cast<int64_t>(next_));
    record->Swap(&records_[next_++]);
    return true;
  }
  const v1::SourceLocation& location() const override { return location_; }
  absl::Status status() const override { return absl::OkStatus(); }
  // The dataset's provenance (its as_of: the date of the data).
  const v1::Provenance& provenance() const { return provenance_; }

 private:
  v1::Provenance provenance_;
  std::vector<v1::Record> records_;
  size_t next_ = 0;
  v1::SourceLocation location_;
};

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_IO_DATASET_READER_H_

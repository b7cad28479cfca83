// The pipeline: each shard read once, validated and aggregated record by
// record, on a pool of threads; the results merged exactly.
#include "dangjian/pipeline.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "aggregate/feed.h"
#include "core/calendar.h"
#include "core/facts_kinds.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "core/transfers.h"
#include "core/utf8.h"
#include "core/wire_check.h"
#include "dangjian/aggregate.h"
#include "dangjian/personal_data.h"
#include "dangjian/record_stream.h"
#include "dangjian/validate.h"
#include "google/protobuf/arena.h"
#include "pipeline/shard_read.h"
#include "validate/feed.h"

namespace dangjian {
namespace internal {
namespace {

bool IsSet(const v1::Date& d) {
  return d.year() != 0 || d.month() != 0 || d.day() != 0;
}

// The options of a run, checked and resolved once.
struct Plan {
  const PipelineOptions* options;
  ValidatorOptions validator;
  AggregatorOptions aggregator;
  // The date for a shard whose header declares none; unset means today.
  v1::Date fallback_as_of;
};

// What one shard produced.
struct ShardResult {
  v1::PartialReport partial;
  v1::ValidationReport findings;
  ShardOutcome outcome;
  // The as-of date the header of the shard's first file declares, when it
  // does (in the report year, when aggregating): the date its data stands at.
  std::optional<v1::Date> declared_as_of;
  // The shard's transfers, settled, for the run to judge (validating only).
  v1::TransferLedger transfers;
};

// Counts records and bytes read and hands them to the run's progress
// callback every 4,096 records.
class Ticker {
 public:
  explicit Ticker(std::function<void(int64_t, int64_t)> tick)
      : tick_(std::move(tick)) {}
  void Record(int64_t byte_offset) {
    if (++pending_ == 4096) Flush(byte_offset);
  }
  void Flush(int64_t byte_offset) {
    tick_(pending_, byte_offset - last_offset_);
    pending_ = 0;
    last_offset_ = byte_offset;
  }
  void NextFile() { last_offset_ = 0; }

 private:
  std::function<void(int64_t, int64_t)> tick_;
  int64_t pending_ = 0;
  int64_t last_offset_ = 0;
};

// Adds validation report `from` to `all`: its findings listed, its totals,
// and its rule counts into `counts` (findings_omitted is left to the caller,
// who knows the total).
void AddReport(const v1::ValidationReport& from, v1::ValidationReport* all,
               std::map<std::string, v1::RuleCount>* counts) {
  all->set_records_checked(all->records_checked() + from.records_checked());
  all->set_error_count(all->error_count() + from.error_count());
  all->set_warning_count(all->warning_count() + from.warning_count());
  all->set_info_count(all->info_count() + from.info_count());
  for (const v1::Finding& f : from.findings()) *all->add_findings() = f;
  for (const v1::RuleCount& c : from.rule_counts()) {
    v1::RuleCount& into = (*counts)[c.rule_id()];
    into.set_rule_id(c.rule_id());
    into.set_severity(c.severity());
    into.set_count(into.count() + c.count());
  }
}

// Adds one finding of a reader (no rule of the catalogue) to `all`.
void AddReaderFinding(const v1::Finding& f, v1::ValidationReport* all,
                      std::map<std::string, v1::RuleCount>* counts) {
  *all->add_findings() = f;
  v1::RuleCount& into = (*counts)[f.rule_id()];
  into.set_rule_id(f.rule_id());
  into.set_severity(f.severity());
  into.set_count(into.count() + 1);
  switch (f.severity()) {
    case v1::SEVERITY_ERROR:
      all->set_error_count(all->error_count() + 1);
      break;
    case v1::SEVERITY_WARNING:
      all->set_warning_count(all->warning_count() + 1);
      break;
    default:
      all->set_info_count(all->info_count() + 1);
      break;
  }
}

// Puts the rule counts into `all`, in rule id order, and what was counted but
// not listed into findings_omitted.
void CloseCounts(std::map<std::string, v1::RuleCount>* counts,
                 v1::ValidationReport* all) {
  int64_t total = 0;
  for (auto& [id, c] : *counts) {
    total += c.count();
    *all->add_rule_counts() = std::move(c);
  }
  all->set_findings_omitted(total - all->findings_size());
}

// Records parsed onto an arena cost a pointer bump for each submessage and
// string rather than a malloc and a free; its first block (reused after each
// reset, and by the next shard of the thread) stays warm in the cache. The
// thread's block serves one arena at a time (a run started from a progress
// callback gets an arena of its own blocks).
class RecordArena {
 public:
  RecordArena() : owns_block_(!BlockInUse()), arena_(Options(owns_block_)) {
    if (owns_block_) BlockInUse() = true;
  }
  ~RecordArena() {
    if (owns_block_) BlockInUse() = false;
  }
  RecordArena(const RecordArena&) = delete;
  RecordArena& operator=(const RecordArena&) = delete;

  // A new, empty record; those of 1,024 calls before are freed.
  v1::Record* Next() {
    if (++made_ > 1024) {
      arena_.Reset();
      made_ = 1;
    }
    return google::protobuf::Arena::CreateMessage<v1::Record>(&arena_);
  }

 private:
  static bool& BlockInUse() {
    thread_local bool in_use = false;
    return in_use;
  }
  static google::protobuf::ArenaOptions Options(bool with_block) {
    google::protobuf::ArenaOptions o;
    if (!with_block) return o;
    thread_local std::vector<char> block(size_t{1} << 20);
    o.initial_block = block.data();
    o.initial_block_size = block.size();
    return o;
  }

  const bool owns_block_;
  google::protobuf::Arena arena_;
  int made_ = 0;
};

// Reads, validates and aggregates one shard: Run() once.
class ShardRun {
 public:
  // `max_findings`: the findings the shard's validator lists (the plan's
  // cap, or fewer when the shards before it have listed some).
  ShardRun(const ShardFiles& files, const Plan& plan, Ticker* ticker,
           int64_t max_findings)
      : files_(files),
        plan_(plan),
        o_(*plan.options),
        ticker_(ticker),
        max_findings_(max_findings) {}

  absl::StatusOr<ShardResult> Run() {
    result_.outcome.files = files_;
    if (o_.validate) {
      // Room for a typical county's members (the validator numbers their
      // ids).
      index_.members.Reserve(internal::kCountyMembers);
    }
    if (o_.aggregate) {
      // The aggregator has the join take each member's status at the end of
      // the report year and count it there (ShardIndex::members_as_of), and
      // count each party organization's units (unit_org_cover), once, for
      // it and for a validator of that year.
      absl::StatusOr<std::unique_ptr<Aggregator>> a =
          Aggregator::Create(plan_.aggregator);
      if (!a.ok()) return a.status();
      aggregator_ = *std::move(a);
      internal::UseShardIndex(aggregator_.get(), &index_);
    }
    for (const std::string& path : files_) {
      if (absl::Status s = ReadFile(path); !s.ok()) return s;
    }
    return Finish();
  }

 private:
  // The validator, made once the shard's date is known: from the header of
  // its first file, seen when its first record has been read.
  absl::StatusOr<Validator*> GetValidator(const RecordReader* reader) {
    if (validator_ != nullptr) return validator_.get();
    ValidatorOptions options = plan_.validator;
    options.max_findings = max_findings_;
    bool from_header = false;
    if (!IsSet(options.as_of)) {
      std::optional<v1::Date> declared;
      if (reader != nullptr) declared = HeaderAsOf(*reader);
      // The figures are of the report year: a header dated in another year
      // would judge the rules by another year than the worklists.
      if (declared && o_.aggregate && declared->year() != o_.year) {
        declared.reset();
      }
      from_header = declared.has_value();
      options.as_of = declared ? *declared : plan_.fallback_as_of;
    }
    absl::StatusOr<std::unique_ptr<Validator>> v = Validator::Create(options);
    if (!v.ok() && from_header) {
      return absl::InvalidArgumentError(absl::StrCat(
          files_.front(), ": the as_of date in its header (",
          options.as_of.year(), "-", options.as_of.month(), "-",
          options.as_of.day(),
          ") is not a calendar date; give an as-of date to judge the shard "
          "by"));
    }
    if (!v.ok()) return v.status();
    validator_ = *std::move(v);
    ValidatorFeed::UseShardIndex(validator_.get(), &index_);
    // Room for a typical county's records (core/shard_index.h).
    ValidatorFeed::Reserve(validator_.get(), internal::kCountyMembers,
                           internal::kCountyHosts, internal::kCountyOrgs);
    // The transfers are the run's to judge, across its shards.
    ValidatorFeed::KeepTransfers(validator_.get());
    return validator_.get();
  }

  // A record stream's records are read as bytes. Without validation they go
  // to the aggregator unparsed: it decodes the few fields it reads. With it,
  // each is decoded once for both (AddDecoded()).
  absl::Status ReadSerialized(RecordStreamReader* stream,
                              const std::string& path, FileRead* read) {
    Validator* v = nullptr;
    if (o_.validate) {
      // Made before the first record: its errors are the run's, not a
      // record's.
      absl::StatusOr<Validator*> made = GetValidator(stream);
      if (!made.ok()) return made.status();
      v = *made;
    }
    absl::string_view bytes;
    while (stream->NextSerialized(&bytes)) {
      const v1::SourceLocation& where = stream->location();
      absl::Status s = v != nullptr ? AddDecoded(v, bytes, where)
                                    : aggregator_->AddSerialized(bytes);
      if (!s.ok()) {
        if (!absl::IsInvalidArgument(s)) return s;
        RefusedBytes(path, where, s, read);
        return absl::OkStatus();
      }
      ++read->records;
      read->bytes = where.byte_offset();
      ticker_->Record(where.byte_offset());
    }
    return absl::OkStatus();
  }

  // One record's bytes to the validator and, when there is one, the
  // aggregator, decoded once: a member, host or party organization, funding,
  // venue, activity, grid, cadre assignment or annual result in the plain
  // encoding straight from its bytes into facts both read
  // (core/record_facts.h), its ids joined once in the shard's index
  // (core/shard_index.h); anything else checked strictly and parsed into a
  // message both read. InvalidArgument for bytes that are not a well-formed
  // record.
  absl::Status AddDecoded(Validator* v, absl::string_view bytes,
                          const v1::SourceLocation& where) {
    int field = 0;
    absl::string_view body;
    if (internal::OneEntity(bytes, &field, &body)) {
      // A kind read as facts whose decoder takes the body: to both (Both()).
      absl::Status s;
      bool done = false;
      internal::ForFactsKind(field, [&](auto kind) {
        auto* facts = facts_.Of(kind);
        if (!kind.Decode(body, facts)) return;
        done = true;
        s = Both(v, *facts, where);
      });
      if (done) return s;
    }
    // The kinds the validator keeps whole until its Finish() are parsed onto
    // its arena, for it to keep without a copy; the rest onto a scratch
    // arena.
    v1::Record* record = ValidatorFeed::NewRecord(v, field);
    const bool kept = record != nullptr;
    if (!kept) record = records_.Next();
    if (absl::Status s = internal::ParseRecordStrictly(bytes, record);
        !s.ok()) {
      return s;
    }
    if (kept) {
      ValidatorFeed::AddKept(v, *record, where);
      if (aggregator_ != nullptr) return aggregator_->Add(*record);
      return absl::OkStatus();
    }
    return AddParsed(v, *record, where);
  }

  // A record of a kind read as facts, its ids joined once in the shard's
  // index (core/shard_index.h), to the validator and, when there is one, the
  // aggregator.
  template <typename Facts>
  absl::Status Both(Validator* v, const Facts& facts,
                    const v1::SourceLocation& where) {
    const auto join = internal::JoinFacts(facts, &index_);
    ValidatorFeed::Add(v, facts, join, where);
    if (aggregator_ != nullptr) {
      return internal::AddFacts(aggregator_.get(), facts, join);
    }
    return absl::OkStatus();
  }

  // A parsed record to the validator and, when there is one, the
  // aggregator: a kind read as facts through Both(), its facts taken from
  // the message (so that it is joined once, as a decoded one is); any other
  // as it is.
  absl::Status AddParsed(Validator* v, const v1::Record& r,
                         const v1::SourceLocation& where) {
    absl::Status status;
    if (internal::ForFactsKind(r.entity_case(), [&](auto kind) {
          auto* facts = facts_.Of(kind);
          kind.Of(kind.MessageOf(r), facts);
          status = Both(v, *facts, where);
        })) {
      return status;
    }
    if (absl::Status s = v->Add(r, &where); !s.ok()) return s;
    if (aggregator_ != nullptr) return aggregator_->Add(r);
    return absl::OkStatus();
  }

  absl::Status ReadParsed(RecordReader* reader, FileRead* read) {
    Validator* v = nullptr;
    for (v1::Record* record = records_.Next(); reader->Next(record);
         record = records_.Next()) {
      const v1::SourceLocation& where = reader->location();
      if (o_.validate) {
        if (v == nullptr) {
          absl::StatusOr<Validator*> made = GetValidator(reader);
          if (!made.ok()) return made.status();
          v = *made;
        }
        if (absl::Status s = AddParsed(v, *record, where); !s.ok()) return s;
      } else if (absl::Status s = aggregator_->Add(*record); !s.ok()) {
        return s;
      }
      ++read->records;
      read->bytes = where.byte_offset();
      ticker_->Record(where.byte_offset());
    }
    return absl::OkStatus();
  }

  // Reads one file of the shard into the validator and the aggregator.
  absl::Status ReadFile(const std::string& path) {
    absl::StatusOr<std::unique_ptr<RecordReader>> opened =
        OpenShardFile(path, o_.stdin_format);
    FileRead read;
    ticker_->NextFile();
    if (!opened.ok() && absl::IsDataLoss(opened.status())) {
      // Damaged before its first record (a stream cut inside its header):
      // damage of the shard like any other, nothing of the file read.
      read.stopped = MaskPersonalData(
          absl::StrCat("reading stopped: ", opened.status().message(),
                       "; nothing of the file was read"));
      v1::Finding& f = read.findings.emplace_back();
      f.set_rule_id("io.read");
      f.set_severity(v1::SEVERITY_ERROR);
      f.mutable_location()->set_file(MaskPersonalData(path));
      f.set_message(*read.stopped);
      read.skipped.emplace_back("io.read", 1);
    } else if (!opened.ok()) {
      return opened.status();
    } else {
      RecordReader* reader = opened->get();
      auto* stream = dynamic_cast<RecordStreamReader*>(reader);
      absl::Status s = stream != nullptr ? ReadSerialized(stream, path, &read)
                                         : ReadParsed(reader, &read);
      if (!s.ok()) return s;
      ReaderFindings(*reader, path, &read);
      // The first file's header dates the shard, as it does for the rules.
      if (path == files_.front()) {
        std::optional<v1::Date> declared = HeaderAsOf(*reader);
        if (declared && IsValidFullDate(ToYmd(*declared)) &&
            (!o_.aggregate || declared->year() == o_.year)) {
          result_.declared_as_of = declared;
        }
      }
    }
    if (o_.validate && validator_ == nullptr) {
      absl::StatusOr<Validator*> made =
          GetValidator(opened.ok() ? opened->get() : nullptr);
      if (!made.ok()) return made.status();
    }
    Account(path, &read);
    return absl::OkStatus();
  }

  // Adds what reading `path` gave to the shard's outcome.
  void Account(const std::string& path, FileRead* read) {
    // The bytes of a file read to its end are its size; the offset of the
    // last record is less, and what was not read is the difference.
    const int64_t size = RegularFileSize(path);
    if (!read->stopped && size > 0) read->bytes = size;
    if (read->stopped) read->bytes = std::max(read->bytes, read->stopped_at);
    ticker_->Flush(read->bytes);
    ShardOutcome& out = result_.outcome;
    out.records += read->records;
    out.bytes += read->bytes;
    for (const auto& [reason, count] : read->skipped) {
      if (reason != "io.read") out.records_skipped += count;
      skipped_.emplace_back(reason, count);
    }
    if (read->stopped) {
      const int64_t unread =
          size > 0 ? std::max<int64_t>(0, size - read->bytes) : 0;
      out.damaged = true;
      std::string damage = *read->stopped;
      absl::StrAppend(&damage, " (", read->records, " records read");
      if (size > 0) {
        absl::StrAppend(&damage, "; ", unread, " of ", size,
                        " bytes not read)");
      } else {
        absl::StrAppend(&damage, "; the rest of the input not read)");
      }
      if (!out.damage.empty()) out.damage += "\n";
      out.damage += damage;
      v1::DamagedShard* d = damaged_.Add();
      // proto3 strings: a file named in GBK must not make the partial
      // unparseable.
      d->set_file(ToValidUtf8(MaskPersonalData(path)));
      d->set_reason(ToValidUtf8(*read->stopped));
      d->set_records_read(read->records);
      d->set_bytes_unread(unread);
    }
    for (v1::Finding& f : read->findings) {
      read_findings_.push_back(std::move(f));
    }
  }

  // The validator's findings and the aggregator's partial of the shard.
  absl::StatusOr<ShardResult> Finish() {
    v1::ValidationReport shard_findings;
    if (validator_ != nullptr) {
      absl::StatusOr<v1::ValidationReport> found = validator_->Finish();
      if (!found.ok()) return found.status();
      shard_findings = *std::move(found);
      result_.outcome.as_of = shard_findings.as_of();
      result_.transfers = ValidatorFeed::TakeTransfers(validator_.get());
    }
    if (aggregator_ != nullptr) {
      for (const auto& [reason, count] : skipped_) {
        if (absl::Status s = aggregator_->AddSkippedRecords(reason, count);
            !s.ok()) {
          return s;
        }
      }
      for (const v1::RuleCount& c : shard_findings.rule_counts()) {
        if (absl::Status s = aggregator_->AddFindings(c.rule_id(), c.count());
            !s.ok()) {
          return s;
        }
      }
      // The readers' own findings count among the report's as among
      // validate's (the rows or records they cost are under skipped
      // records).
      for (const v1::Finding& f :
           o_.validate ? read_findings_ : std::vector<v1::Finding>()) {
        if (absl::Status s = aggregator_->AddFindings(f.rule_id(), 1);
            !s.ok()) {
          return s;
        }
      }
      absl::StatusOr<v1::PartialReport> partial =
          internal::FinishForRun(aggregator_.get());
      if (!partial.ok()) return partial.status();
      result_.partial = *std::move(partial);
      result_.partial.mutable_damaged_shards()->Swap(&damaged_);
      // The shard named by its first file beside its fingerprint.
      for (v1::ShardFingerprint& f : *result_.partial.mutable_shards()) {
        f.set_file(ToValidUtf8(MaskPersonalData(files_.front())));
      }
    }
    if (o_.validate) {
      std::map<std::string, v1::RuleCount> counts;
      result_.findings.set_policy_version(shard_findings.policy_version());
      *result_.findings.mutable_as_of() = shard_findings.as_of();
      AddReport(shard_findings, &result_.findings, &counts);
      for (const v1::Finding& f : read_findings_) {
        AddReaderFinding(f, &result_.findings, &counts);
      }
      CloseCounts(&counts, &result_.findings);
    }
    return std::move(result_);
  }

  const ShardFiles& files_;
  const Plan& plan_;
  const PipelineOptions& o_;
  Ticker* ticker_;
  const int64_t max_findings_;
  ShardResult result_;
  // The shard's join, shared by the engines: declared before them, so that
  // it outlives them.
  internal::ShardIndex index_;
  std::unique_ptr<Aggregator> aggregator_;
  std::unique_ptr<Validator> validator_;
  // Reused from record to record by AddDecoded().
  internal::FactsScratch facts_;
  RecordArena records_;
  std::vector<v1::Finding> read_findings_;
  std::vector<std::pair<std::string, int64_t>> skipped_;
  google::protobuf::RepeatedPtrField<v1::DamagedShard> damaged_;
};

absl::StatusOr<Plan> MakePlan(const PipelineOptions& o) {
  Plan plan;
  plan.options = &o;
  if (!o.validate && !o.aggregate) {
    return absl::InvalidArgumentError(
        "PipelineOptions: neither validate nor aggregate is on: nothing to "
        "run");
  }
  if (o.threads < 0 || o.threads > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("PipelineOptions.threads is ", o.threads,
                     "; give 0 (one per core) to 256"));
  }
  if (o.year != 0 && (o.year < 1 || o.year > 9999)) {
    return absl::InvalidArgumentError(
        absl::StrCat("PipelineOptions.year is ", o.year, "; give 1 to 9999"));
  }
  // Checked whether or not anything is validated: without validation the
  // date still names the report year to a caller such as the CLI.
  if (IsSet(o.as_of) && !IsValidFullDate(ToYmd(o.as_of))) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "PipelineOptions.as_of (the as-of date) %04d-%02d-%02d is not a "
        "calendar date",
        o.as_of.year(), o.as_of.month(), o.as_of.day()));
  }
  v1::Policy policy = o.policy;
  FillPolicyDefaults(&policy);
  if (o.aggregate) {
    plan.aggregator.year = o.year;
    plan.aggregator.policy = policy;
    plan.aggregator.worklist_cap = o.worklist_cap;
    plan.aggregator.group_by = o.group_by;
    // Checks the options once, before any thread starts.
    absl::StatusOr<std::unique_ptr<Aggregator>> a =
        Aggregator::Create(plan.aggregator);
    if (!a.ok()) return a.status();
  }
  if (o.validate) {
    plan.validator.policy = policy;
    plan.validator.rule_overrides = o.rule_overrides;
    plan.validator.as_of = o.as_of;
    plan.validator.max_findings = o.max_findings;
    absl::StatusOr<std::unique_ptr<Validator>> v =
        Validator::Create(plan.validator);
    if (!v.ok()) return v.status();
  }
  // A shard without a date of its own stands at the end of the year.
  if (o.year != 0) {
    plan.fallback_as_of.set_year(o.year);
    plan.fallback_as_of.set_month(12);
    plan.fallback_as_of.set_day(31);
  }
  return plan;
}

// The date the data stands at: the as-of date given, else the latest a
// shard's header declares, else (no shard says) the plan's end of the year.
v1::Date DataAsOf(const std::vector<std::optional<v1::Date>>& declared,
                  const Plan& plan, const PipelineOptions& options) {
  v1::Date latest;
  for (const std::optional<v1::Date>& d : declared) {
    if (d && (!IsSet(latest) ||
              std::make_tuple(latest.year(), latest.month(), latest.day()) <
                  std::make_tuple(d->year(), d->month(), d->day()))) {
      latest = *d;
    }
  }
  if (!IsSet(latest)) latest = plan.fallback_as_of;
  if (IsSet(options.as_of)) latest = options.as_of;
  return latest;
}

}  // namespace
}  // namespace internal

absl::StatusOr<PipelineResult> RunPipeline(
    const std::vector<std::string>& inputs, const PipelineOptions& options) {
  absl::StatusOr<std::vector<ShardFiles>> shards = ExpandInputs(inputs);
  if (!shards.ok()) return shards.status();
  return RunPipelineOnShards(*shards, options);
}

absl::StatusOr<PipelineResult> RunPipelineOnShards(
    const std::vector<ShardFiles>& shards, const PipelineOptions& options) {
  absl::StatusOr<internal::Plan> plan = internal::MakePlan(options);
  if (!plan.ok()) return plan.status();
  for (const ShardFiles& s : shards) {
    if (s.empty()) {
      return absl::InvalidArgumentError("a shard with no file was given");
    }
  }
  PipelineResult result;
  result.shards.resize(shards.size());
  // Each shard's declared date (ShardResult::declared_as_of).
  std::vector<std::optional<v1::Date>> declared(shards.size());
  PipelineProgress progress;
  progress.shards_total = static_cast<int64_t>(shards.size());
  for (const ShardFiles& s : shards) {
    for (const std::string& f : s) {
      progress.total_bytes += internal::RegularFileSize(f);
    }
  }
  std::mutex mu;  // Guards progress, findings and the failure below.
  auto tick = [&](int64_t records, int64_t bytes) {
    std::lock_guard<std::mutex> lock(mu);
    progress.records += records;
    progress.bytes += bytes;
    if (options.progress) options.progress(progress);
  };

  // Shards are independent: each thread takes the next shard, reads,
  // validates and aggregates it on its own; the partials merge exactly in
  // any order. Each thread merges its partials kBatch at a time as it goes:
  // a county's partial is mostly worklists, and keeping them all (120 MB
  // over the 3,030 counties of the national run, each page touched fresh)
  // cost more than the merging.
  constexpr size_t kBatch = 64;
  size_t threads = options.threads > 0
                       ? static_cast<size_t>(options.threads)
                       : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max<size_t>(1, std::min(threads, shards.size()));
  std::atomic<size_t> next{0};
  std::vector<std::vector<v1::PartialReport>> kept(threads);
  // Each shard's findings, until the run is over; those past the first
  // max_findings in shard order are dropped as soon as that is sure.
  std::vector<v1::ValidationReport> findings(shards.size());
  int64_t findings_kept = 0;
  // The shards before `listed_through` have all finished and listed
  // `listed_before` findings between them (before the drops below): a shard
  // started now lists at most max_findings - listed_before, the most of it
  // that can be among the first max_findings. The rest it only counts,
  // without a message to build and mask (most shards of a large run).
  std::vector<int64_t> listed(shards.size(), -1);
  size_t listed_through = 0;
  int64_t listed_before = 0;
  // The transfers of the shards read so far (core/transfers.h), their sides
  // paired across shards whenever they have doubled since the last pairing
  // (and once at the end): a sort per shard would cost the national run
  // 3,000 sorts of every county's id.
  v1::TransferLedger transfers;
  int64_t transfers_settled = 0;
  absl::Status failure;
  auto fail = [&](absl::Status s) {
    std::lock_guard<std::mutex> lock(mu);
    if (failure.ok()) failure = std::move(s);
    next = shards.size();  // Stop taking shards: the run has failed.
  };
  auto work = [&](size_t t) {
    std::vector<v1::PartialReport> batch;
    auto flush = [&] {
      if (batch.size() == 1) kept[t].push_back(std::move(batch[0]));
      if (batch.size() > 1) {
        absl::StatusOr<v1::PartialReport> m =
            internal::MergeRunPartials(absl::MakeSpan(batch));
        batch.clear();  // Merged or not, for destruction only.
        if (!m.ok()) return fail(m.status());
        kept[t].push_back(*std::move(m));
      }
      batch.clear();
    };
    internal::Ticker ticker(tick);
    for (size_t i = next++; i < shards.size(); i = next++) {
      int64_t cap = options.max_findings;  // 0: no cap.
      if (cap > 0) {
        std::lock_guard<std::mutex> lock(mu);
        // At least 1: a validator's cap of 0 lists everything.
        cap = std::max<int64_t>(1, cap - listed_before);
      }
      absl::StatusOr<internal::ShardResult> r =
          internal::ShardRun(shards[i], *plan, &ticker, cap).Run();
      if (!r.ok()) return fail(r.status());
      if (r->outcome.damaged && !options.allow_damaged) {
        return fail(absl::DataLossError(absl::StrCat(
            "shard ", i + 1, " of ", shards.size(), " (", shards[i].front(),
            shards[i].size() > 1 ? ", ..." : "",
            ") could not be read whole: ", r->outcome.damage,
            "; nothing was reported (to report what could be read, allow "
            "damaged input)")));
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        result.shards[i] = std::move(r->outcome);
        declared[i] = r->declared_as_of;
        ++progress.shards_done;
        if (options.validate) {
          if (absl::Status s =
                  internal::AddTransferLedger(r->transfers, &transfers);
              !s.ok()) {
            failure = std::move(s);
            next = shards.size();
            return;
          }
          const int64_t held =
              transfers.sides_size() + transfers.region_ids_size();
          if (held > 2 * transfers_settled + 4096) {
            internal::SettleTransfers(&transfers);
            transfers_settled =
                transfers.sides_size() + transfers.region_ids_size();
          }
          findings_kept += r->findings.findings_size();
          listed[i] = r->findings.findings_size();
          while (listed_through < shards.size() &&
                 listed[listed_through] >= 0) {
            listed_before += listed[listed_through++];
          }
          findings[i] = std::move(r->findings);
          // Drop from the last shards what can no longer be among the
          // first max_findings, whichever shards finish later.
          for (size_t j = shards.size(); options.max_findings > 0 &&
                                         findings_kept > options.max_findings &&
                                         j-- > 0;) {
            auto* list = findings[j].mutable_findings();
            const int64_t drop = std::min<int64_t>(
                list->size(), findings_kept - options.max_findings);
            for (int64_t k = 0; k < drop; ++k) list->RemoveLast();
            findings_kept -= drop;
          }
        }
        if (options.progress) options.progress(progress);
      }
      if (options.aggregate) {
        batch.push_back(std::move(r->partial));
        if (batch.size() == kBatch) flush();
      }
    }
    flush();
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  if (!failure.ok()) return failure;

  const v1::Date as_of = internal::DataAsOf(declared, *plan, options);
  if (options.validate) internal::SettleTransfers(&transfers);
  if (options.aggregate) {
    std::vector<v1::PartialReport> partials;
    for (std::vector<v1::PartialReport>& k : kept) {
      for (v1::PartialReport& p : k) partials.push_back(std::move(p));
    }
    absl::StatusOr<v1::PartialReport> merged =
        internal::MergeRunPartials(absl::MakeSpan(partials));
    if (!merged.ok()) return merged.status();
    result.partial = *std::move(merged);
    if (internal::IsSet(as_of)) *result.partial.mutable_as_of() = as_of;
    // Carried up for FinishReport() and the merges above to judge.
    if (options.validate) *result.partial.mutable_transfers() = transfers;
  }
  if (options.validate) {
    v1::ValidationReport& all = result.findings;
    std::map<std::string, v1::RuleCount> counts;
    for (size_t i = 0; i < findings.size(); ++i) {
      const v1::ValidationReport& f = findings[i];
      if (i == 0) {
        all.set_policy_version(f.policy_version());
        *all.mutable_as_of() = f.as_of();
      }
      internal::AddReport(f, &all, &counts);
    }
    // The run-level transfer rules, as of the run's date (the latest a
    // shard stands at), after every shard's own findings.
    v1::Date judged_on = as_of;
    if (!internal::IsSet(judged_on)) {
      const internal::Ymd today = internal::TodayUtc();
      judged_on.set_year(today.y);
      judged_on.set_month(today.m);
      judged_on.set_day(today.d);
    }
    absl::StatusOr<v1::ValidationReport> judged =
        ValidatorFeed::JudgeTransfers(plan->validator, transfers, judged_on);
    if (!judged.ok()) return judged.status();
    internal::AddReport(*judged, &all, &counts);
    if (options.max_findings > 0) {
      while (all.findings_size() > options.max_findings) {
        all.mutable_findings()->RemoveLast();
      }
    }
    internal::CloseCounts(&counts, &all);
  }
  for (const ShardOutcome& s : result.shards) {
    result.records += s.records;
    result.bytes += s.bytes;
    result.damaged_shards += s.damaged;
  }
  return result;
}

}  // namespace dangjian

// The validator's engine: configuration, the finding sink, and the per-shard
// index that cross-record rules read.
#ifndef DANGJIAN_SRC_VALIDATE_ENGINE_H_
#define DANGJIAN_SRC_VALIDATE_ENGINE_H_

#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/enum_labels.h"
#include "core/id_checks.h"
#include "core/id_index.h"
#include "core/record_facts.h"
#include "core/shard_index.h"
#include "core/string_arena.h"
#include "dangjian/personal_data.h"
#include "dangjian/v1/dataset.pb.h"
#include "dangjian/v1/report.pb.h"
#include "dangjian/v1/validation.pb.h"
#include "google/protobuf/arena.h"
#include "validate/rules.h"

namespace dangjian {
namespace internal {

// The validator's options, resolved once by Validator::Create.
struct Config {
  // Sets `policy` and the month steps worked out from it.
  void SetPolicy(const v1::Policy& p) {
    policy = p;
    applicant_age = MonthStep(int64_t{12} * p.min_applicant_age());
    activist_period = MonthStep(p.activist_min_months());
    probation = MonthStep(p.probation_months());
    probation_late = MonthStep(int64_t{p.probation_months()} + 12);
    branch_term = MonthStep(int64_t{12} * p.branch_term_years());
    committee_term = MonthStep(int64_t{12} * p.committee_term_years());
  }

  v1::Policy policy;  // Set through SetPolicy() only.
  // The member rules' month counts of `policy` (SetPolicy()): the minimum
  // applicant age, the activist period, the probation and its longest
  // extension.
  MonthStep applicant_age{0}, activist_period{0}, probation{0},
      probation_late{0};
  // A branch's and a committee's term.
  MonthStep branch_term{0}, committee_term{0};
  Ymd as_of;
  std::array<bool, kRuleCount> enabled{};
  std::array<v1::Severity, kRuleCount> severity{};
  int64_t max_findings = 0;
  bool cross_record = true;
  int64_t max_plausible_funding_fen = 0;

  bool On(Rule r) const { return enabled[static_cast<size_t>(r)]; }
};

// A finding's message in Chinese: its parts, joined (absl::StrCat()) only
// when the finding is kept. Holds references: made and used within one call,
// as in `ctx.Emit(rule, field, Zh("出生日期 ", DateText(d), " 无效"), ...)`.
template <typename... Parts>
class ZhText {
 public:
  explicit ZhText(const Parts&... parts ABSL_ATTRIBUTE_LIFETIME_BOUND)
      : parts_(parts...) {}
  std::string Str() const {
    return std::apply([](const Parts&... p) { return absl::StrCat(p...); },
                      parts_);
  }

 private:
  std::tuple<const Parts&...> parts_;
};
template <typename... Parts>
ZhText<Parts...> Zh(const Parts&... parts ABSL_ATTRIBUTE_LIFETIME_BOUND) {
  return ZhText<Parts...>(parts...);
}

// The Chinese word of a term written "English (中文)": the text inside its
// last parentheses, else the term itself.
absl::string_view ZhTerm(absl::string_view term);

// The Chinese label of enum value `v` (core/enum_labels.h): 未填写 for 0, the
// number for one the schema does not define.
template <typename E>
std::string ZhEnum(E v) {
  return EnumNumberLabel(google::protobuf::GetEnumDescriptor<E>(),
                         static_cast<int>(v), true);
}

// An amount in fen as an English message reads it: "-12.50 yuan".
std::string Yuan(int64_t fen);
// An amount in fen as Chinese text reads it: "-12.50 元".
std::string ZhYuan(int64_t fen);

// Collects findings: exact counts per rule, and the first max_findings
// findings in report order (a bounded max-heap), whatever the arrival order.
class Sink {
 public:
  explicit Sink(const Config* config) : config_(config) {}

  // Adds a finding of `rule` on record `id` of `kind`, at `location()` and
  // `field`, its Chinese message `zh` and its English message the
  // concatenation (absl::StrCat()) of `parts`. The location and the messages
  // are made only when the finding may enter the list; past the cap most
  // findings are only counted.
  template <typename LocationFn, typename... Zh, typename... Parts>
  void Add(Rule rule, absl::string_view kind, absl::string_view id,
           LocationFn&& location, absl::string_view field,
           const ZhText<Zh...>& zh, const Parts&... parts) {
    std::string masked_id;
    if (!Count(rule, kind, id, field, &masked_id)) return;
    Keep(rule, kind, std::move(masked_id), location(), field,
         absl::StrCat(parts...), zh.Str());
  }
  // Moves the findings and counts into `report` and clears the sink.
  void Finish(v1::ValidationReport* report);

 private:
  // Counts a finding on record `id`; returns whether it may enter the list:
  // always while the list is not full, else when it does not sort after the
  // last one kept on the order's leading fields (kind, id, rule, field;
  // Keep() decides on the rest). Only when it returns true, sets
  // `masked_id` to MaskPersonalData() of `id` (the order's, and the
  // list's).
  bool Count(Rule rule, absl::string_view kind, absl::string_view id,
             absl::string_view field, std::string* masked_id);
  // Puts a finding Count() let through in the list.
  void Keep(Rule rule, absl::string_view kind, std::string masked_id,
            const v1::SourceLocation& location, absl::string_view field,
            absl::string_view message, absl::string_view message_zh);

  const Config* config_;
  std::array<int64_t, kRuleCount> counts_{};
  std::vector<v1::Finding> heap_;
};

// The record a per-record check is looking at. A parsed record's kind and id
// are computed only when a finding is reported; a record decoded into facts
// (`record` null) gives them.
struct RecordRef {
  const v1::Record* record;
  const v1::SourceLocation* location;
  absl::string_view kind = "";
  absl::string_view id = "";
};

// RecordKindName() without the descriptor lookup.
absl::string_view KindName(const v1::Record& record);

// Per-record rules: everything that needs only the record itself. For a
// record of the kinds read as facts (members, host and party organizations,
// funding, venues, activities, grids, cadre assignments and annual results)
// the CheckFacts() overloads below apply instead, to the facts of a parsed
// record (core/record_facts.h's *FactsOf()) or of its bytes alike.
void CheckRecord(const Config& config, const v1::Record& record,
                 const RecordRef& ref, Sink* sink);
// The per-record rules of a member, found at `location`, into `sink`: its id,
// dates, resident ID, pipeline and dues. Returns NationalIdKeyOf() its
// national_id, which it computes. The facts' views need live only for the
// call (findings copy what they quote).
uint64_t CheckFacts(const Config& config, const MemberFacts& member,
                    const v1::SourceLocation& location, Sink* sink);
// The same for a host organization (id, registration date, credit code, kind
// and subtype), a party organization (id, dates, units, committee size, star
// assessments), funding (id, date received, year, amount), a venue (id, six
// haves, size, coordinates), an activity (id, date held), a grid (id,
// instructor), a cadre assignment (id, dates and their order) and a unit's
// annual result (id).
void CheckFacts(const Config& config, const HostFacts& host,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const OrgFacts& org,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const FundingFacts& funding,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const VenueFacts& venue,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const ActivityFacts& activity,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const GridFacts& grid,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const CadreFacts& cadre,
                const v1::SourceLocation& location, Sink* sink);
void CheckFacts(const Config& config, const ResultFacts& result,
                const v1::SourceLocation& location, Sink* sink);

// A compact location: the file is an index into Index::files.
struct Loc {
  int32_t file = -1;
  int64_t line = 0;
  int64_t record_index = 0;
  int64_t byte_offset = 0;
};

// The compact view of a member that cross-record rules need.
struct MemberEntry {
  // The numbers of its id, host organization id and party organization id
  // in the shard index, which keeps their text; and its status at the end
  // of the validator's year (MemberStatusFor()): -1 when the person had not
  // applied by then, or was off the roll.
  MemberJoin join;
  uint64_t national_id_key = 0;  // 0 when the ID is not well formed
  bool is_owner = false;         // Member.is_owner.
  uint8_t roles = 0;             // MemberFacts::roles.
  // Off the organization's roll at the end of the year by the record's
  // membership events (OnRollAtYearEnd()): transferred out, stopped, left,
  // died, or not yet transferred in.
  bool off_roll = false;
  Loc loc;
};

// The compact view of an activity that cross-record rules need.
struct ActivityEntry {
  // Copies on the index's arena, or views of the shard index's.
  absl::string_view id;
  v1::ActivityKind kind = v1::ACTIVITY_KIND_UNSPECIFIED;
  absl::string_view org_id;
  absl::string_view grid_id;
  absl::string_view host_id;
  ActivityJoin join;  // The numbers of the last three in the shard index.
  Ymd held_on;        // y == 0 when absent or not a calendar date.
  Loc loc;
};

// A record's entity as the index keeps it: a copy on the index's arena.
template <typename T>
struct Stored {
  const T& value;
  Loc loc;
};

// The id numbered `n` in `table`, or "" for kNoId.
inline absl::string_view IdAt(const IdTable& table, uint32_t n) {
  return n == kNoId ? absl::string_view("") : table.id(n);
}

// What the cross-record rules read: the records fed since the last Finish(),
// kept compactly. Its size is proportional to the shard. The ids that join
// records (units, party organizations, grids, regions, cadre assignments,
// members) are numbered
// in a shard index (core/shard_index.h): the index's own, or one it shares
// with an aggregator in a pipeline run.
struct Index {
  Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Holds the copies the Stored<> entries refer to: copying onto an arena
  // costs no malloc per string, and Clear() frees them at once.
  google::protobuf::Arena arena;
  // Holds the strings of the entries kept as facts that are not views of the
  // shard index's ids (Keep()): their own ids where the index does not number
  // the kind (funding, venues, activities, annual results), a party
  // organization's references other than its units, and a grid's
  // instructor's name.
  StringArena strings;
  std::vector<std::string> files;
  std::unordered_map<std::string, int32_t> file_ids;
  std::vector<Stored<v1::Region>> regions;
  std::vector<Stored<GridFacts>> grids;
  // Ids from the shard index; `status` the one in force at the end of
  // `year` (HostStatusAtYearEnd()), the changes not kept.
  std::vector<Stored<HostFacts>> hosts;
  std::vector<Stored<OrgFacts>> orgs;         // Units: the index's; kept.
  std::vector<Stored<VenueFacts>> venues;     // Strings: the ids only.
  std::vector<Stored<FundingFacts>> funding;  // Strings: the ids only.
  std::vector<MemberEntry> members;
  // The positions in `members` of the records that carry roles (党内职务):
  // party_org.committee.roles judges nothing without them.
  std::vector<size_t> members_with_roles;
  std::vector<Stored<CadreFacts>> cadres;
  std::vector<Stored<v1::ReserveTalent>> reserve;
  std::vector<ActivityEntry> activities;
  std::vector<Stored<ResultFacts>> annual_results;
  std::vector<Stored<v1::RegionEconomy>> economies;
  std::vector<Stored<v1::StarAssessment>> stars;  // Records of their own.
  // The members' transfers and the regions read, for the run-level transfer
  // rules (core/transfers.h): unsorted, without the run's settings.
  v1::TransferLedger transfers;
  // Beside regions, grids, cadre assignments, annual results, party
  // organizations, hosts, venues and funding, by position: the numbers of the
  // ids they name in the shard index, as JoinFacts() gave them (a region's
  // own: kNoId for an empty id).
  std::vector<uint32_t> region_self;
  std::vector<GridJoin> grid_joins;
  std::vector<CadreJoin> cadre_joins;
  std::vector<ResultJoin> result_joins;
  std::vector<OrgJoin> org_joins;
  std::vector<HostJoin> host_joins;
  std::vector<VenueJoin> venue_joins;
  std::vector<FundingJoin> funding_joins;

  // The year members' and units' statuses are counted as of (the end of
  // it).
  int32_t year = 0;

  // The members by unit and party organization as of the end of `year`:
  // the shard index's, counted in the join, when it counts them as of that
  // year; else the index's own, counted by Add().
  const MemberTallies& members_as_of() const {
    return CountedInJoin() ? ids().members_as_of : own_members_as_of;
  }
  // The units' coverage by party organizations existing in `year`: the
  // shard index's, counted in the join, when it counts as of that year;
  // else the index's own, counted by Add().
  const UnitOrgCovers& unit_org_cover() const {
    return CountedInJoin() ? ids().unit_org_cover : own_unit_org_cover;
  }

  // The shard index in use: the one UseShardIndex() gave, else its own.
  ShardIndex& ids() { return shared != nullptr ? *shared : own; }
  const ShardIndex& ids() const { return shared != nullptr ? *shared : own; }
  // Numbers ids in `index` (which must outlive the next Clear()) instead of
  // the index's own. Only while the index is empty.
  void UseShardIndex(ShardIndex* index) { shared = index; }

  // `location` with its file as an index into `files`. Inline: every
  // record the index keeps comes through here.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Loc Intern(const v1::SourceLocation& location) {
    Loc loc;
    loc.line = location.line();
    loc.record_index = location.record_index();
    loc.byte_offset = location.byte_offset();
    const std::string& file = location.file();
    if (file.empty()) return loc;
    // A workbook's sheet: the file and sheet as one (FileIndex()).
    if (ABSL_PREDICT_FALSE(!location.sheet().empty())) {
      loc.file = FileIndex(file, location.sheet());
      return loc;
    }
    // The file of the record before, as a stream's records mostly are.
    if (!files.empty() && EqualBytesInline(files.back(), file)) {
      loc.file = static_cast<int32_t>(files.size() - 1);
    } else {
      loc.file = FileIndex(file);
    }
    return loc;
  }
  // Empties the index (and its own shard index; a shared one is its
  // owner's to clear).
  void Clear();
  // Adds the record's entity to the index: a kind read as facts must come
  // through the Add() overloads below instead (this one ignores it). The
  // index keeps a copy of the entity, or, when `on_arena`, the record's own
  // (which must then live on `arena`).
  void Add(const v1::Record& record, const v1::SourceLocation& location,
           bool on_arena = false);
  // Whether Add() keeps the entity of Record field (entity case) `field`.
  static bool KeepsWhole(int field);
  // Adds a member decoded into facts, its ids numbered by JoinFacts() in
  // ids(), as Add() adds a parsed one; `national_id_key` is NationalIdKeyOf()
  // its national_id.
  void Add(const MemberFacts& member, const MemberJoin& join,
           const v1::SourceLocation& location, uint64_t national_id_key);
  // The same for a host organization, a party organization, funding, a
  // venue, an activity, a grid, a cadre assignment and a unit's annual
  // result.
  void Add(const HostFacts& host, const HostJoin& join,
           const v1::SourceLocation& location);
  void Add(const OrgFacts& org, const OrgJoin& join,
           const v1::SourceLocation& location);
  void Add(const FundingFacts& funding, const FundingJoin& join,
           const v1::SourceLocation& location);
  void Add(const VenueFacts& venue, const VenueJoin& join,
           const v1::SourceLocation& location);
  void Add(const ActivityFacts& activity, const ActivityJoin& join,
           const v1::SourceLocation& location);
  void Add(const GridFacts& grid, const GridJoin& join,
           const v1::SourceLocation& location);
  void Add(const CadreFacts& cadre, const CadreJoin& join,
           const v1::SourceLocation& location);
  void Add(const ResultFacts& result, const ResultJoin& join,
           const v1::SourceLocation& location);
  // A copy of `s` that lives until Clear().
  absl::string_view Keep(absl::string_view s) { return strings.Store(s); }

 private:
  // The index of `file` in `files`, added when new.
  int32_t FileIndex(const std::string& file);
  // The index of "file\0sheet" in `files`: a workbook's sheet (Location()
  // splits it again).
  int32_t FileIndex(const std::string& file, const std::string& sheet);

  // Whether JoinFacts() counts the members and units' coverage in ids() as
  // of `year`.
  bool CountedInJoin() const {
    return ids().as_of_year != 0 && ids().as_of_year == year;
  }

  ShardIndex own;
  ShardIndex* shared = nullptr;
  // When not CountedInJoin().
  MemberTallies own_members_as_of;
  UnitOrgCovers own_unit_org_cover;
};

// Cross-record rules over the whole index.
void CheckIndex(const Config& config, const Index& index, Sink* sink);

// The run's transfer ledger, empty, with `config`'s settings
// (Policy.transfer_letter_valid_days, the transfer rules switched off).
v1::TransferLedger NewTransferLedger(const Config& config);
// The findings of the run-level transfer rules (member.transfer.unmatched,
// .overdue) on a settled ledger as of config.as_of, into `sink`.
void CheckTransfers(const Config& config, const v1::TransferLedger& ledger,
                    Sink* sink);

}  // namespace internal
}  // namespace dangjian

#endif  // DANGJIAN_SRC_VALIDATE_ENGINE_H_

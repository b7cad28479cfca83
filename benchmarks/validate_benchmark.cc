// The validator: records per second through the streaming validator, on a
// synthetic clean county (members, host organizations, party organizations) of
// N records. Per-record rules only (cross_record_checks = false), and all
// rules (with the shard index and Finish()).
#include <cstdio>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "dangjian/validate.h"

namespace dangjian {
namespace {

std::string IdWithCheck(const std::string& first17) {
  static const int kW[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                             3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kW[i];
  return first17 + "10X98765432"[sum % 11];
}

std::string CreditWithCheck(const std::string& first17) {
  static const std::string kA = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kW[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                             29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(kA.find(first17[i])) * kW[i];
  }
  int c = 31 - sum % 31;
  if (c == 31) c = 0;
  return first17 + kA[c];
}

void SetDate(v1::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

// n records: per unit, one host organization, three full members and its
// standalone branch, rated for the year. Members are most of a ledger's
// records.
std::vector<v1::Record> SyntheticRecords(int n) {
  std::vector<v1::Record> out;
  out.reserve(n);
  for (int i = 0; static_cast<int>(out.size()) < n; ++i) {
    const std::string host = "h" + std::to_string(i);
    v1::Record h;
    v1::HostOrganization* ho = h.mutable_host_organization();
    ho->set_id(host);
    ho->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    ho->set_subtype(v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE);
    ho->set_unified_social_credit_code(CreditWithCheck("91150425MA0N12345"));
    SetDate(ho->mutable_registered_on(), 2005, 3, 1);
    out.push_back(h);
    for (int k = 0; k < 3 && static_cast<int>(out.size()) < n; ++k) {
      v1::Record r;
      v1::Member* m = r.mutable_member();
      m->set_id("m" + std::to_string(i * 3 + k));
      m->set_status(v1::MEMBER_STATUS_FULL);
      SetDate(m->mutable_applied_on(), 2010, 1, 1);
      SetDate(m->mutable_activist_on(), 2010, 6, 1);
      SetDate(m->mutable_development_target_on(), 2011, 7, 1);
      SetDate(m->mutable_probationary_on(), 2011, 9, 1);
      SetDate(m->mutable_full_on(), 2012, 9, 1);
      // Distinct resident IDs: the birth date and sequence vary with i, k.
      const int year = 1960 + i % 30, month = 1 + (i / 30) % 12,
                day = 1 + (i / 360) % 28;
      SetDate(m->mutable_birth_date(), year, month, day);
      m->set_gender(v1::GENDER_MALE);
      char first17[32];
      std::snprintf(first17, sizeof(first17), "150425%04d%02d%02d%03d", year,
                    month, day, (1 + 2 * (k + 3 * (i / 10080))) % 1000);
      m->set_national_id(IdWithCheck(first17));
      m->set_host_organization_id(host);
      m->set_party_organization_id("p" + std::to_string(i));
      m->set_dues_category(v1::DUES_CATEGORY_EMPLOYED);
      m->set_monthly_income_fen(400000);
      m->set_monthly_dues_fen(4000);
      out.push_back(r);
    }
    if (static_cast<int>(out.size()) < n) {
      v1::Record o;
      v1::PartyOrganization* p = o.mutable_party_organization();
      p->set_id("p" + std::to_string(i));
      p->set_level(v1::ORG_LEVEL_BRANCH);
      p->set_formation(v1::FORMATION_MODEL_STANDALONE);
      p->add_host_organization_ids(host);
      SetDate(p->mutable_founded_on(), 2015, 7, 1);
      v1::StarAssessment* a = p->add_star_assessments();
      a->set_year(2024);
      a->set_stars(1);
      out.push_back(o);
    }
  }
  return out;
}

void RunStream(benchmark::State& state, bool cross_record) {
  const std::vector<v1::Record> records =
      SyntheticRecords(static_cast<int>(state.range(0)));
  ValidatorOptions options;
  SetDate(&options.as_of, 2024, 6, 30);
  options.cross_record_checks = cross_record;
  auto validator = Validator::Create(options);
  if (!validator.ok()) {
    state.SkipWithError("Validator::Create failed");
    return;
  }
  Validator& v = **validator;
  // The data is clean: a finding would mean the benchmark measures reporting.
  for (const v1::Record& r : records) (void)v.Add(r);
  absl::StatusOr<v1::ValidationReport> check = v.Finish();
  if (!check.ok() || check->findings_size() != 0) {
    if (check.ok()) {
      std::fprintf(stderr, "%s\n", check->findings(0).DebugString().c_str());
    }
    state.SkipWithError("the synthetic records are not clean");
    return;
  }
  for (auto _ : state) {
    for (const v1::Record& r : records) {
      benchmark::DoNotOptimize(v.Add(r));
    }
    benchmark::DoNotOptimize(v.Finish());
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(records.size()));
}

// The hot path: per-record rules only, no index kept.
void BM_StreamPerRecordRules(benchmark::State& state) {
  RunStream(state, /*cross_record=*/false);
}
BENCHMARK(BM_StreamPerRecordRules)->Arg(1000)->Arg(1000000);

// Every rule: the shard index, then the cross-record rules in Finish().
void BM_StreamAllRules(benchmark::State& state) {
  RunStream(state, /*cross_record=*/true);
}
BENCHMARK(BM_StreamAllRules)->Arg(1000)->Arg(100000);

}  // namespace
}  // namespace dangjian

BENCHMARK_MAIN();

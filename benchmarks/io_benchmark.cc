// Dataset I/O: binary protobuf and JSON, parse and serialize, over a synthetic
// county of N host organizations (one member each, a branch for every tenth
// unit).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "core/utf8.h"
#include "dangjian/aggregate.h"
#include "dangjian/csv_ledger.h"
#include "dangjian/io.h"
#include "dangjian/json_lines.h"
#include "dangjian/record_stream.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/delimited_message_util.h"
#include "google/protobuf/util/json_util.h"

namespace dangjian {
namespace {

v1::Dataset SyntheticCounty(int hosts) {
  v1::Dataset d;
  for (int i = 0; i < hosts; ++i) {
    const std::string id = "h" + std::to_string(i);
    v1::HostOrganization* h = d.add_host_organizations();
    h->set_id(id);
    h->set_name("单位" + std::to_string(i));
    h->set_kind(i % 5 == 0 ? v1::HOST_KIND_SOCIAL
                           : v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    h->set_region_id("r" + std::to_string(i % 20));
    h->set_employees(i % 300);
    v1::Member* m = d.add_members();
    m->set_id("m" + std::to_string(i));
    m->set_status(v1::MEMBER_STATUS_FULL);
    m->set_host_organization_id(id);
    m->set_national_id("15042519800101" + std::to_string(1000 + i % 9000));
    if (i % 10 == 0) {
      v1::PartyOrganization* o = d.add_party_organizations();
      o->set_id("p" + std::to_string(i));
      o->set_formation(v1::FORMATION_MODEL_STANDALONE);
      o->add_host_organization_ids(id);
    }
  }
  return d;
}

void BM_DatasetBinaryParse(benchmark::State& state) {
  const std::string bytes =
      SyntheticCounty(static_cast<int>(state.range(0))).SerializeAsString();
  for (auto _ : state) {
    v1::Dataset d;
    benchmark::DoNotOptimize(d.ParseFromString(bytes));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DatasetBinaryParse)->Arg(1000)->Arg(100000);

void BM_DatasetBinarySerialize(benchmark::State& state) {
  const v1::Dataset d = SyntheticCounty(static_cast<int>(state.range(0)));
  std::string bytes;
  for (auto _ : state) {
    bytes.clear();
    benchmark::DoNotOptimize(d.SerializeToString(&bytes));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DatasetBinarySerialize)->Arg(1000)->Arg(100000);

void BM_DatasetFromJson(benchmark::State& state) {
  const std::string json =
      *DatasetToJson(SyntheticCounty(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    benchmark::DoNotOptimize(DatasetFromJson(json));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(json.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DatasetFromJson)->Arg(1000)->Arg(100000);

// --- Streaming readers ------------------------------------------------------
// A county-like mix with string ids: per host organization about three members
// (full members, probationary, activists) and a party organization for every
// third unit; ids, names, credit codes, resident IDs and phones as ledgers
// hold them. N is the number of records.

std::string ResidentId(int i) {
  static const int kW[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  const std::string body =
      absl::StrFormat("150425%04d%02d%02d%03d", 1960 + i % 40, 1 + i % 12,
                      1 + i % 28, i % 1000);
  int sum = 0;
  for (int k = 0; k < 17; ++k) sum += (body[k] - '0') * kW[k];
  return body + "10X98765432"[sum % 11];
}

std::vector<v1::Record> CountyMix(int n) {
  std::vector<v1::Record> out;
  out.reserve(n);
  for (int i = 0; static_cast<int>(out.size()) < n; ++i) {
    const std::string host = absl::StrFormat("150425-H-%06d", i);
    const std::string org = absl::StrFormat("150425-P-%06d", i / 3);
    v1::Record r;
    v1::HostOrganization* h = r.mutable_host_organization();
    h->set_id(host);
    h->set_name(absl::StrCat("克什克腾旗红山", i, "号建材有限公司"));
    h->set_kind(v1::HOST_KIND_NON_PUBLIC_ECONOMIC);
    h->set_subtype(v1::HOST_SUBTYPE_PRIVATE_ENTERPRISE);
    h->set_unified_social_credit_code(absl::StrFormat("91150425MA0N%06d", i));
    h->set_industry("C3011");
    h->set_region_id("150425-101");
    h->set_employees(10 + i % 300);
    h->mutable_owner()->set_name("王建国");
    h->mutable_owner()->set_is_party_member(i % 4 == 0);
    h->set_has_trade_union(true);
    h->mutable_registered_on()->set_year(2005 + i % 15);
    h->mutable_registered_on()->set_month(1 + i % 12);
    h->mutable_registered_on()->set_day(1 + i % 28);
    out.push_back(r);
    if (i % 3 == 0) {
      v1::Record p;
      v1::PartyOrganization* o = p.mutable_party_organization();
      o->set_id(org);
      o->set_name(absl::StrCat("克什克腾旗红山", i, "号建材有限公司党支部"));
      o->set_level(v1::ORG_LEVEL_BRANCH);
      o->set_formation(v1::FORMATION_MODEL_STANDALONE);
      o->add_host_organization_ids(host);
      o->set_region_id("150425-101");
      o->set_secretary_name("李红梅");
      out.push_back(p);
    }
    for (int k = 0; k < 3; ++k) {
      v1::Record m;
      v1::Member* mem = m.mutable_member();
      mem->set_id(absl::StrFormat("150425-M-%06d-%d", i, k));
      mem->set_name("张志强");
      mem->set_status(k == 2 ? v1::MEMBER_STATUS_ACTIVIST
                             : v1::MEMBER_STATUS_FULL);
      mem->set_host_organization_id(host);
      mem->set_party_organization_id(org);
      mem->set_national_id(ResidentId(i * 3 + k));
      mem->set_gender(k == 1 ? v1::GENDER_FEMALE : v1::GENDER_MALE);
      mem->set_phone(absl::StrFormat("138%08d", i * 3 + k));
      mem->mutable_full_on()->set_year(2010 + k);
      mem->mutable_full_on()->set_month(7);
      mem->mutable_full_on()->set_day(1);
      mem->set_monthly_income_fen(450000 + i % 1000);
      out.push_back(m);
    }
  }
  out.resize(n);
  return out;
}

// The county mix of state.range(0) records as a record stream.
std::string CountyStream(benchmark::State& state) {
  std::string bytes;
  auto w = RecordStreamWriter::ToString(&bytes);
  for (const v1::Record& r : CountyMix(static_cast<int>(state.range(0)))) {
    if (!(*w)->Write(r).ok()) state.SkipWithError("write failed");
  }
  if (!(*w)->Close().ok()) state.SkipWithError("close failed");
  return bytes;
}

void BM_RecordStreamRead(benchmark::State& state) {
  const std::string bytes = CountyStream(state);
  int64_t records = 0;
  for (auto _ : state) {
    auto r = RecordStreamReader::FromBuffer(bytes, "bench.djr");
    v1::Record rec;
    while ((*r)->Next(&rec)) ++records;
    if (!(*r)->status().ok()) state.SkipWithError("read failed");
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_RecordStreamRead)->Arg(1000)->Arg(100000);

// As BM_RecordStreamRead, the records parsed onto a protobuf arena that is
// reset every 1,024 records (its first block reused): what the CLI does. The
// Record's oneof member, its dates and strings then cost a pointer bump, not a
// malloc and a free each.
void BM_RecordStreamReadArena(benchmark::State& state) {
  const std::string bytes = CountyStream(state);
  std::vector<char> block(1 << 20);
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = block.data();
  arena_options.initial_block_size = block.size();
  google::protobuf::Arena arena(arena_options);
  int64_t records = 0;
  for (auto _ : state) {
    auto r = RecordStreamReader::FromBuffer(bytes, "bench.djr");
    bool more = true;
    while (more) {
      auto* rec = google::protobuf::Arena::CreateMessage<v1::Record>(&arena);
      for (int i = 0; i < 1024 && (more = (*r)->Next(rec)); ++i) ++records;
      arena.Reset();
    }
    if (!(*r)->status().ok()) state.SkipWithError("read failed");
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_RecordStreamReadArena)->Arg(1000)->Arg(100000);

// NextSerialized(): framing, crc32 and (second argument 1) the strict wire
// check, without parsing; what a consumer that decodes the bytes itself
// (Aggregator::AddSerialized()) gets from the reader.
void BM_RecordStreamNextSerialized(benchmark::State& state) {
  const std::string bytes = CountyStream(state);
  RecordStreamReaderOptions options;
  options.check_serialized = state.range(1) != 0;
  int64_t records = 0;
  for (auto _ : state) {
    auto r = RecordStreamReader::FromBuffer(bytes, "bench.djr", options);
    absl::string_view record;
    while ((*r)->NextSerialized(&record)) ++records;
    if (!(*r)->status().ok()) state.SkipWithError("read failed");
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_RecordStreamNextSerialized)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({100000, 0});

// The baseline: protobuf's own delimited parser over the same bytes, with no
// checksum, no location and no damage reporting.
void BM_RecordStreamStockParse(benchmark::State& state) {
  const std::string bytes = CountyStream(state);
  int64_t records = 0;
  for (auto _ : state) {
    google::protobuf::io::ArrayInputStream raw(bytes.data(),
                                               static_cast<int>(bytes.size()));
    google::protobuf::io::CodedInputStream in(&raw);
    v1::Record rec;
    bool eof = false;
    while (google::protobuf::util::ParseDelimitedFromCodedStream(&rec, &in,
                                                                 &eof)) {
      ++records;
    }
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_RecordStreamStockParse)->Arg(1000)->Arg(100000);

void BM_JsonLinesRead(benchmark::State& state) {
  std::string text;
  {
    auto w = *JsonLinesWriter::ToString(&text);
    for (const v1::Record& r : CountyMix(static_cast<int>(state.range(0)))) {
      if (!w->Write(r).ok()) state.SkipWithError("write failed");
    }
    if (!w->Close().ok()) state.SkipWithError("close failed");
  }
  int64_t records = 0;
  for (auto _ : state) {
    auto r = *JsonLinesReader::FromBuffer(text, "bench.jsonl");
    v1::Record rec;
    while (r->Next(&rec)) ++records;
    if (!r->status().ok()) state.SkipWithError("read failed");
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_JsonLinesRead)->Arg(1000)->Arg(100000);

// Writing records as JSON Lines (core/json_writer.h writes each line).
void BM_JsonLinesWrite(benchmark::State& state) {
  const std::vector<v1::Record> records =
      CountyMix(static_cast<int>(state.range(0)));
  int64_t bytes = 0;
  for (auto _ : state) {
    std::string text;
    auto w = *JsonLinesWriter::ToString(&text);
    for (const v1::Record& r : records) {
      if (!w->Write(r).ok()) state.SkipWithError("write failed");
    }
    if (!w->Close().ok()) state.SkipWithError("close failed");
    bytes += static_cast<int64_t>(text.size());
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(records.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_JsonLinesWrite)->Arg(1000)->Arg(100000);

// The same lines by protobuf's printer, for comparison.
void BM_ProtobufJsonLinesWrite(benchmark::State& state) {
  const std::vector<v1::Record> records =
      CountyMix(static_cast<int>(state.range(0)));
  google::protobuf::util::JsonPrintOptions options;
  int64_t bytes = 0;
  for (auto _ : state) {
    std::string text, line;
    for (const v1::Record& r : records) {
      line.clear();
      if (!google::protobuf::util::MessageToJsonString(r, &line, options)
               .ok()) {
        state.SkipWithError("print failed");
      }
      text += line;
      text.push_back('\n');
    }
    bytes += static_cast<int64_t>(text.size());
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(records.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ProtobufJsonLinesWrite)->Arg(1000)->Arg(100000);

// CSV is one table per file: the mix's host organizations and members (IDs
// checked) as two ledgers, rows of both counted.
struct CsvLedgers {
  std::string hosts, members;
};

CsvLedgers MakeCsvLedgers(int records) {
  CsvLedgers l;
  CsvWriterOptions o;
  o.full_fidelity = true;
  o.table = CsvTable::kHostOrganizations;
  auto wh = CsvLedgerWriter::ToString(&l.hosts, o);
  o.table = CsvTable::kMembers;
  auto wm = CsvLedgerWriter::ToString(&l.members, o);
  for (const v1::Record& r : CountyMix(records)) {
    if (r.has_host_organization()) (*wh)->Write(r).IgnoreError();
    if (r.has_member()) (*wm)->Write(r).IgnoreError();
  }
  (*wh)->Close().IgnoreError();
  (*wm)->Close().IgnoreError();
  return l;
}

// Reads both ledgers with `read`, which returns the reader's rows.
template <typename ReadRows>
void CsvBenchmark(benchmark::State& state, ReadRows read) {
  const CsvLedgers l = MakeCsvLedgers(static_cast<int>(state.range(0)));
  int64_t rows = 0;
  for (auto _ : state) {
    for (const std::string* text : {&l.hosts, &l.members}) {
      auto r = CsvLedgerReader::FromBuffer(
          *text, text == &l.hosts ? "host_organizations.csv" : "members.csv");
      rows += read(r->get());
      if (!(*r)->findings().empty()) state.SkipWithError("findings");
    }
  }
  state.SetItemsProcessed(rows);
  state.SetBytesProcessed(
      state.iterations() *
      static_cast<int64_t>(l.hosts.size() + l.members.size()));
}

void BM_CsvRead(benchmark::State& state) {
  CsvBenchmark(state, [](CsvLedgerReader* r) {
    int64_t rows = 0;
    v1::Record rec;
    while (r->Next(&rec)) ++rows;
    return rows;
  });
}
BENCHMARK(BM_CsvRead)->Arg(1000)->Arg(100000);

// The same rows as the bytes of serialized records (what `report
// --no-validate` hands to Aggregator::AddSerialized()).
void BM_CsvNextSerialized(benchmark::State& state) {
  CsvBenchmark(state, [](CsvLedgerReader* r) {
    int64_t rows = 0;
    absl::string_view bytes;
    while (r->NextSerialized(&bytes)) {
      benchmark::DoNotOptimize(bytes.data());
      ++rows;
    }
    return rows;
  });
}
BENCHMARK(BM_CsvNextSerialized)->Arg(1000)->Arg(100000);

// What `report --no-validate` does with a CSV ledger: read and aggregate,
// through Next() and Add(), or NextSerialized() and AddSerialized() (whose
// hot decoder reads the bytes again). An aggregator per iteration.
template <typename ReadAndAdd>
void CsvAggregateBenchmark(benchmark::State& state, ReadAndAdd read) {
  AggregatorOptions options;
  options.year = 2017;
  options.group_by.set_region_level(v1::REGION_LEVEL_COUNTY);
  std::unique_ptr<Aggregator> aggregator;
  CsvBenchmark(state, [&](CsvLedgerReader* r) {
    if (aggregator == nullptr) aggregator = *Aggregator::Create(options);
    const int64_t rows = read(r, aggregator.get());
    if (r->summary().table == CsvTable::kMembers) {  // The second ledger.
      benchmark::DoNotOptimize(aggregator->Finish());
      aggregator = nullptr;
    }
    return rows;
  });
}

void BM_CsvReadAdd(benchmark::State& state) {
  CsvAggregateBenchmark(state, [](CsvLedgerReader* r, Aggregator* a) {
    int64_t rows = 0;
    v1::Record rec;
    while (r->Next(&rec)) rows += a->Add(rec).ok() ? 1 : 0;
    return rows;
  });
}
BENCHMARK(BM_CsvReadAdd)->Arg(100000);

void BM_CsvNextSerializedAddSerialized(benchmark::State& state) {
  CsvAggregateBenchmark(state, [](CsvLedgerReader* r, Aggregator* a) {
    int64_t rows = 0;
    absl::string_view bytes;
    while (r->NextSerialized(&bytes)) rows += a->AddSerialized(bytes).ok();
    return rows;
  });
}
BENCHMARK(BM_CsvNextSerializedAddSerialized)->Arg(100000);

// The UTF-8 check every string of every record goes through (proto3 refuses
// text that is not UTF-8), over N strings of one kind, as a member or host
// record holds them: second argument 0 ASCII ids, codes and phone numbers
// (6-20 bytes), 1 Chinese names (6-12 bytes), 2 Chinese unit names and
// addresses with digits (30-60 bytes).
void BM_Utf8Check(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const int64_t kind = state.range(1);
  const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "欧阳"};
  const char* const kGiven[] = {"伟", "秀英", "敏", "静", "建国", "丽"};
  std::vector<std::string> text;
  int64_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    std::string s;
    if (kind == 0) {
      switch (i % 4) {
        case 0:
          s = absl::StrCat("m110101-", i);
          break;
        case 1:
          s = absl::StrCat("h110101-", 100000 + i);
          break;
        case 2:
          s = absl::StrCat("1101011953", 10000000 + i);
          break;
        default:
          s = absl::StrCat("1", 3001700000LL + i);
          break;
      }
    } else if (kind == 1) {
      s = absl::StrCat(kSurnames[i % 6], kGiven[i / 6 % 6],
                       i % 3 == 0 ? "华" : "");
    } else {
      s = absl::StrCat("北京市第", i % 17, "市第", i % 9, "县第", i % 5, "镇",
                       kGiven[i % 6], "制造有限公司");
    }
    bytes += static_cast<int64_t>(s.size());
    text.push_back(std::move(s));
  }
  for (auto _ : state) {
    int valid = 0;
    for (const std::string& s : text) valid += internal::IsValidUtf8(s);
    benchmark::DoNotOptimize(valid);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Utf8Check)
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->ArgNames({"n", "kind"});

}  // namespace
}  // namespace dangjian

BENCHMARK_MAIN();

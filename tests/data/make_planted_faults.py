#!/usr/bin/env python3
"""Writes the planted-faults dataset for tests/validate/validate_planted_test.cc.

  python3 tests/data/make_planted_faults.py   # from the repository root

Builds a clean county (every rule passes, judged at as_of 2024-06-30), then plants
faults on purpose, each on its own record, and writes:

  tests/data/planted_faults.json          the Dataset, protobuf JSON mapping
  tests/data/planted_faults_expected.tsv  one row per expected finding:
                                          rule_id, record_kind, record_id,
                                          field_path, record_index

record_index is the record's position in dangjian::ForEachRecord() order. The
output is deterministic (fixed seed); commit both files with the script.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20240630)

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id_check(first17):
    s = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return first17 + "10X98765432"[s % 11]


def credit_check(first17):
    s = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    c = 31 - s % 31
    return first17 + CREDIT_ALPHABET[0 if c == 31 else c]


def date(y, m, d):
    return {"year": y, "month": m, "day": d}


def dues(income):
    for bound, rate in [(300000, 5), (500000, 10), (1000000, 15), (0, 20)]:
        if bound == 0 or income <= bound:
            return (income * rate + 500) // 1000


TOWNSHIPS = 6
BIG, SMALL_PAIRS, NONE = 20, 5, 10

d = {k: [] for k in ["regions", "grids", "hostOrganizations", "partyOrganizations",
                     "venues", "funding", "members", "cadreAssignments",
                     "reserveTalent", "activities", "hostAnnualResults"]}
d["regions"].append({"id": "r-county", "name": "克什克腾旗", "level": "REGION_LEVEL_COUNTY"})
seq = [0]


def member(mid, host, org):
    seq[0] += 1
    n = seq[0]
    birth = (1960 + n % 26, 1 + n % 12, 1 + n % 28)
    sequence = "%03d" % (1 + 2 * (n % 400))  # odd: male
    nid = id_check("150425%04d%02d%02d%s" % (birth + (sequence,)))
    income = [250000, 400000, 700000, 1200000][n % 4]
    m = {"id": mid, "name": "党员%d" % n, "status": "MEMBER_STATUS_FULL",
         "appliedOn": date(2010, 1, 1), "activistOn": date(2010, 6, 1),
         "developmentTargetOn": date(2011, 7, 1), "probationaryOn": date(2011, 9, 1),
         "fullOn": date(2012, 9, 1), "birthDate": date(*birth),
         "gender": "GENDER_MALE", "nationalId": nid, "phone": "138%08d" % n,
         "hostOrganizationId": host, "partyOrganizationId": org,
         "duesCategory": "DUES_CATEGORY_EMPLOYED",
         "monthlyIncomeFen": str(income), "monthlyDuesFen": str(dues(income))}
    d["members"].append(m)
    return m


for t in range(TOWNSHIPS):
    town = "r-%d" % t
    d["regions"].append({"id": town, "name": "乡镇%d" % t, "parentId": "r-county",
                         "level": "REGION_LEVEL_SUMU" if t % 2 else "REGION_LEVEL_TOWNSHIP"})
    regional = "p-%d-regional" % t
    for g in "ab":
        d["grids"].append({"id": "g-%d-%s" % (t, g), "partyOrganizationId": regional,
                           "regionId": town, "instructorName": "指导员%d%s" % (t, g)})
    d["partyOrganizations"].append({
        "id": regional, "level": "ORG_LEVEL_BRANCH", "formation": "FORMATION_MODEL_REGIONAL",
        "regionId": town, "venueId": "v-%d" % t, "foundedOn": date(2014, 1, 1)})
    d["venues"].append({"id": "v-%d" % t, "partyOrganizationId": regional,
                        "ownership": "VENUE_OWNERSHIP_OWN", "areaSquareMetres": 100,
                        "capacity": 50, "hasSite": True, "hasFacilities": True,
                        "hasSignage": True, "hasPartyFlag": True,
                        "hasBooksAndNewspapers": True, "hasRulesOnWall": True})
    for q, (y, mo) in enumerate([(2023, 5), (2023, 8), (2023, 11), (2024, 2)]):
        d["activities"].append({"id": "a-%d-q%d" % (t, q), "kind": "ACTIVITY_KIND_HEART_TO_HEART_MEETING",
                                "partyOrganizationId": regional, "heldOn": date(y, mo, 10)})
    for b in range(BIG):
        host, org = "h-%d-big-%d" % (t, b), "p-%d-big-%d" % (t, b)
        code = credit_check("9115" + "".join(RNG.choice(CREDIT_ALPHABET) for _ in range(13)))
        d["hostOrganizations"].append({
            "id": host, "name": "企业%d-%d" % (t, b), "kind": "HOST_KIND_NON_PUBLIC_ECONOMIC",
            "subtype": "HOST_SUBTYPE_PRIVATE_ENTERPRISE", "unifiedSocialCreditCode": code,
            "regionId": town, "registeredOn": date(2005, 3, 1)})
        ms = [member("m-%d-%d-%d" % (t, b, k), host, org) for k in range(3)]
        d["partyOrganizations"].append({
            "id": org, "level": "ORG_LEVEL_BRANCH", "formation": "FORMATION_MODEL_STANDALONE",
            "hostOrganizationIds": [host], "regionId": town, "foundedOn": date(2015, 7, 1),
            "secretaryMemberId": ms[0]["id"],
            "starAssessments": [{"year": 2024, "stars": 5, "organizationBuildingGood": True,
                                 "guaranteeMechanismGood": True, "activitiesGood": True,
                                 "rolePlayedWell": True, "distinctiveResultsGood": True}]})
        d["funding"].append({"id": "f-%d-%d" % (t, b), "partyOrganizationId": org, "year": 2023,
                             "source": "FUNDING_SOURCE_ENTERPRISE_ALLOCATION",
                             "amountFen": "10000000", "receivedOn": date(2023, 2, 1)})
        d["cadreAssignments"].append({"id": "c-%d-%d" % (t, b), "partyOrganizationId": org,
                                      "kind": "CADRE_ASSIGNMENT_KIND_INTERNAL",
                                      "startOn": date(2020, 1, 1), "endOn": date(2022, 1, 1)})
        d["hostAnnualResults"].append({"id": "y-%d-%d" % (t, b), "hostOrganizationId": host,
                                       "year": 2023, "jobsProvided": "100"})
    for p in range(SMALL_PAIRS):
        org = "p-%d-joint-%d" % (t, p)
        hosts = ["h-%d-small-%d-%d" % (t, p, k) for k in range(2)]
        for h in hosts:
            d["hostOrganizations"].append({"id": h, "kind": "HOST_KIND_SOCIAL",
                                           "subtype": "HOST_SUBTYPE_SOCIAL_GROUP", "regionId": town})
            member("m-%s" % h[2:], h, org)
        d["partyOrganizations"].append({
            "id": org, "level": "ORG_LEVEL_BRANCH", "formation": "FORMATION_MODEL_JOINT",
            "hostOrganizationIds": hosts, "regionId": town, "foundedOn": date(2016, 1, 1)})
    for n in range(NONE):
        d["hostOrganizations"].append({
            "id": "h-%d-none-%d" % (t, n), "kind": "HOST_KIND_NON_PUBLIC_ECONOMIC",
            "subtype": "HOST_SUBTYPE_INDIVIDUAL_BUSINESS", "regionId": town,
            "gridId": "g-%d-a" % t, "serviceContactCardIssued": True})
    d["reserveTalent"].append({"id": "t-%d" % t, "memberId": "m-%d-0-1" % t,
                               "partyOrganizationId": "p-%d-big-0" % t, "since": date(2021, 5, 1)})

# ---- Plant the faults ---------------------------------------------------------
expected = []  # (rule, list name, record id, field)
KIND = {"regions": "region", "grids": "grid", "hostOrganizations": "host_organization",
        "partyOrganizations": "party_organization", "venues": "venue", "funding": "funding",
        "members": "member", "cadreAssignments": "cadre_assignment",
        "reserveTalent": "reserve_talent", "activities": "activity",
        "hostAnnualResults": "host_annual_result"}
pools = {}


def take(lst, pred=lambda r: True):
    """A record of d[lst] that no fault has touched yet."""
    used = pools.setdefault(lst, set())
    cands = [i for i, r in enumerate(d[lst]) if i not in used and pred(r)]
    i = RNG.choice(cands)
    used.add(i)
    return d[lst][i]


def expect(rule, lst, rec_id, field, record=None):
    if record is None:
        record = [r for r in d[lst] if r.get("id") == rec_id][0]
    expected.append((rule, lst, rec_id, field, record))


def flip_last(s):
    return s[:-1] + ("1" if s[-1] != "1" else "2")


def m_checksum():
    m = take("members")
    m["nationalId"] = flip_last(m["nationalId"])
    expect("member.national_id.checksum", "members", m["id"], "national_id")


def m_excel_exp():
    m = take("members")
    m["nationalId"] = "%.5E" % int(m["nationalId"][:17] + "0")
    expect("member.national_id.excel_mangled", "members", m["id"], "national_id")


def m_excel_zeros():
    m = take("members")
    padded = m["nationalId"][:15] + "000"
    if id_check(padded[:17]) == padded:
        # Would read as a real ID (sequence x00, check 0): cut one digit more,
        # to the never-issued sequence 000, so the fault is unmistakable.
        padded = padded[:14] + "0000"
    m["nationalId"] = padded
    expect("member.national_id.excel_mangled", "members", m["id"], "national_id")


def m_format():
    m = take("members")
    m["nationalId"] = m["nationalId"][:17]
    expect("member.national_id.format", "members", m["id"], "national_id")


def m_id_birth():
    m = take("members")
    m["nationalId"] = id_check(m["nationalId"][:10] + "13" + m["nationalId"][12:17])
    expect("member.national_id.birth_date", "members", m["id"], "national_id")


def m_birth_mismatch():
    m = take("members")
    m["birthDate"]["day"] += 1
    expect("member.birth_date.mismatch", "members", m["id"], "birth_date")


def m_gender():
    m = take("members")
    m["gender"] = "GENDER_FEMALE"
    expect("member.gender.mismatch", "members", m["id"], "gender")


def m_date_invalid():
    m = take("members")
    m["fullOn"] = date(2012, 2, 30)
    expect("date.invalid", "members", m["id"], "full_on")


def m_order():
    m = take("members")
    m["activistOn"] = date(2009, 12, 1)
    expect("member.pipeline.order", "members", m["id"], "activist_on")


def m_activist():
    m = take("members")
    m["developmentTargetOn"] = date(2010, 12, 1)
    expect("member.activist.min_period", "members", m["id"], "development_target_on")


def m_probation():
    m = take("members")
    m["fullOn"] = date(2012, 8, 1)
    expect("member.probation.length", "members", m["id"], "full_on")


def m_age():
    m = take("members", lambda r: r["birthDate"]["year"] >= 1978)
    m["appliedOn"] = date(1995, 1, 1)
    expect("member.applicant.min_age", "members", m["id"], "applied_on")


def m_dues():
    m = take("members")
    m["monthlyDuesFen"] = str(int(m["monthlyDuesFen"]) + 1)
    expect("member.dues.mismatch", "members", m["id"], "monthly_dues_fen")


def m_duplicate_nid():
    a, b = take("members"), take("members")
    b["nationalId"] = a["nationalId"]
    b["birthDate"] = dict(a["birthDate"])
    expect("member.national_id.duplicate", "members", a["id"], "national_id")
    expect("member.national_id.duplicate", "members", b["id"], "national_id")


def h_credit_checksum():
    h = take("hostOrganizations", lambda r: "unifiedSocialCreditCode" in r)
    h["unifiedSocialCreditCode"] = flip_last(h["unifiedSocialCreditCode"])
    expect("host.credit_code.checksum", "hostOrganizations", h["id"], "unified_social_credit_code")


def h_credit_format():
    h = take("hostOrganizations", lambda r: "unifiedSocialCreditCode" in r)
    h["unifiedSocialCreditCode"] = h["unifiedSocialCreditCode"][:17] + "o"
    expect("host.credit_code.format", "hostOrganizations", h["id"], "unified_social_credit_code")


def h_subtype():
    h = take("hostOrganizations", lambda r: r["kind"] == "HOST_KIND_SOCIAL")
    h["subtype"] = "HOST_SUBTYPE_PRIVATE_ENTERPRISE"
    expect("host.kind.subtype_mismatch", "hostOrganizations", h["id"], "subtype")


def h_region():
    h = take("hostOrganizations")
    h["regionId"] = "r-nowhere"
    expect("reference.region.unknown", "hostOrganizations", h["id"], "region_id")


def h_card():
    h = take("hostOrganizations", lambda r: "gridId" in r)
    h["serviceContactCardIssued"] = False
    expect("host.contact_card.missing", "hostOrganizations", h["id"], "service_contact_card_issued")


def o_stars_range():
    o = take("partyOrganizations", lambda r: "starAssessments" in r)
    o["starAssessments"][0]["stars"] = 6
    expect("party_org.stars.range", "partyOrganizations", o["id"], "star_assessments[0].stars")


def o_stars_criteria():
    o = take("partyOrganizations", lambda r: "starAssessments" in r)
    o["starAssessments"][0]["stars"] = 4
    expect("party_org.stars.criteria", "partyOrganizations", o["id"], "star_assessments[0].stars")


def o_star_year():
    o = take("partyOrganizations", lambda r: "starAssessments" in r)
    o["starAssessments"][0]["year"] = 2023
    expect("coverage.star_management", "partyOrganizations", o["id"], "star_assessments")


def o_secretary():
    o = take("partyOrganizations", lambda r: "secretaryMemberId" in r)
    o["secretaryMemberId"] = "m-missing"
    expect("reference.member.unknown", "partyOrganizations", o["id"], "secretary_member_id")


def f_absurd():
    f = take("funding")
    f["amountFen"] = "20000000000"
    expect("funding.amount.absurd", "funding", f["id"], "amount_fen")


def f_before():
    f = take("funding")
    f["year"] = 2010
    expect("funding.year.before_founding", "funding", f["id"], "year")


def f_future():
    f = take("funding")
    f["receivedOn"] = date(2024, 7, 1)
    expect("date.future", "funding", f["id"], "received_on")


def c_order():
    c = take("cadreAssignments")
    c["endOn"] = date(2019, 12, 31)
    expect("record.dates.order", "cadreAssignments", c["id"], "end_on")


def y_missing_id():
    y = take("hostAnnualResults")
    del y["id"]
    expect("record.id.missing", "hostAnnualResults", "", "id", y)


PER_ROUND = [m_checksum, m_excel_exp, m_excel_zeros, m_format, m_id_birth,
             m_birth_mismatch, m_gender, m_date_invalid, m_order, m_activist,
             m_probation, m_age, m_dues, m_duplicate_nid, h_credit_checksum,
             h_credit_format, h_region, o_stars_range, o_stars_criteria,
             o_star_year, o_secretary, f_absurd, f_before, f_future, c_order,
             y_missing_id]
ROUNDS = 12
for _ in range(ROUNDS):
    for fault in PER_ROUND:
        fault()
# Faults with fewer candidates: one per township.
for t in range(TOWNSHIPS):
    h_subtype()
    h_card()
# Six haves on every other venue; a missing instructor on each township's spare
# grid (it has no units, so no coverage finding follows); a missing quarter's
# heart-to-heart meeting in two townships.
for t in range(0, TOWNSHIPS, 2):
    d["venues"][t]["hasPartyFlag"] = False
    expect("venue.six_haves.incomplete", "venues", "v-%d" % t, "has_*")
    g = [x for x in d["grids"] if x["id"] == "g-%d-b" % t][0]
    del g["instructorName"]
    expect("grid.instructor.missing", "grids", g["id"], "instructor_name")
for t in (1, 4):
    d["activities"] = [a for a in d["activities"] if a["id"] != "a-%d-q2" % t]
    expect("party_org.regional.heart_to_heart", "partyOrganizations",
           "p-%d-regional" % t, "activities")

# Cross-record faults.
for t in range(TOWNSHIPS):
    # A reserve talent record entered twice: both copies are reported.
    r = [x for x in d["reserveTalent"] if x["id"] == "t-%d" % t][0]
    dup = dict(r)
    d["reserveTalent"].append(dup)
    expect("record.id.duplicate", "reserveTalent", r["id"], "id", r)
    expect("record.id.duplicate", "reserveTalent", r["id"], "id", dup)
    # A cadre assigned to a party organization that is not in the data.
    c = take("cadreAssignments")
    c["partyOrganizationId"] = "p-gone"
    expect("reference.party_organization.unknown", "cadreAssignments", c["id"],
           "party_organization_id")
    # A correction larger than the year's receipts.
    f = take("funding")
    d["funding"].append({"id": f["id"] + "-fix", "partyOrganizationId": f["partyOrganizationId"],
                         "year": 2023, "source": "FUNDING_SOURCE_ENTERPRISE_ALLOCATION",
                         "amountFen": "-20000000", "receivedOn": date(2023, 12, 1)})
    expect("funding.total.negative", "partyOrganizations", f["partyOrganizationId"], "funding")
    # Reported counts that disagree with the member records.
    h = take("hostOrganizations", lambda x: "unifiedSocialCreditCode" in x)
    h["reportedMemberCounts"] = {"full": 2}
    expect("host.reported_counts.mismatch", "hostOrganizations", h["id"],
           "reported_member_counts.full")
# A joint branch made a general branch: both its members are attached wrongly,
# and a general branch of two members does not fit its level.
for t in (0, 3):
    o = [x for x in d["partyOrganizations"] if x["id"] == "p-%d-joint-1" % t][0]
    o["level"] = "ORG_LEVEL_GENERAL_BRANCH"
    expect("party_org.level.size", "partyOrganizations", o["id"], "level")
    for m in d["members"]:
        if m["partyOrganizationId"] == o["id"]:
            expect("member.party_org.not_branch", "members", m["id"], "party_organization_id")
# A joint branch over six units (four units without members join it).
for t in (2, 5):
    o = [x for x in d["partyOrganizations"] if x["id"] == "p-%d-joint-2" % t][0]
    o["hostOrganizationIds"] += ["h-%d-none-%d" % (t, n) for n in range(4)]
    expect("party_org.joint.unit_count", "partyOrganizations", o["id"], "host_organization_ids")
# A township whose regional branch was filed under the county: it has none.
o = [x for x in d["partyOrganizations"] if x["id"] == "p-3-regional"][0]
o["regionId"] = "r-county"
expect("region.regional_branch.count", "regions", "r-3", "level")

# ---- Write --------------------------------------------------------------------
ORDER = ["regions", "grids", "hostOrganizations", "partyOrganizations", "venues",
         "funding", "members", "cadreAssignments", "reserveTalent", "activities",
         "hostAnnualResults"]
offset, base = 0, {}
for lst in ORDER:
    base[lst] = offset
    offset += len(d[lst])


def index_of(lst, record):
    for i, r in enumerate(d[lst]):
        if r is record:
            return base[lst] + i
    raise KeyError(record.get("id"))


rows = sorted((rule, KIND[lst], rid, field, index_of(lst, record))
              for rule, lst, rid, field, record in expected)
with open(os.path.join(HERE, "planted_faults.json"), "w", encoding="utf-8") as out:
    json.dump({"provenance": {"producer": "tests/data/make_planted_faults.py",
                              "reportingUnit": "克什克腾旗委组织部",
                              "regionId": "r-county", "asOf": date(2024, 6, 30)},
               **d}, out, ensure_ascii=False, indent=0)
    out.write("\n")
with open(os.path.join(HERE, "planted_faults_expected.tsv"), "w", encoding="utf-8") as out:
    out.write("# rule_id\trecord_kind\trecord_id\tfield_path\trecord_index\n")
    for r in rows:
        out.write("\t".join(str(x) for x in r) + "\n")
print("%d records, %d expected findings" % (offset, len(rows)))

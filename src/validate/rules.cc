#include "validate/rules.h"

#include <array>

namespace dangjian {
namespace internal {
namespace {

constexpr v1::Severity E = v1::SEVERITY_ERROR;
constexpr v1::Severity W = v1::SEVERITY_WARNING;
constexpr v1::Severity I = v1::SEVERITY_INFO;

// Keep in the order of enum Rule; docs/rules.md documents every entry.
constexpr std::array<RuleDef, kRuleCount> kRules = {{
    {Rule::kRecordEmpty, "record.empty", E,
     "A record of the stream carries no entity.", "integrity", "空记录",
     "empty record"},
    {Rule::kIdMissing, "record.id.missing", E, "A record has no id (记录标识).",
     "integrity", "缺少记录标识", "record without an id"},
    {Rule::kIdDuplicate, "record.id.duplicate", E,
     "Two records of the same kind share an id; each is reported.", "integrity",
     "记录标识重复", "duplicate record id"},
    {Rule::kRefRegion, "reference.region.unknown", E,
     "A region id (区域) names no region record.", "integrity",
     "所指区域不存在", "unknown region"},
    {Rule::kRefGrid, "reference.grid.unknown", E,
     "A grid id (网格) names no grid record.", "integrity", "所指网格不存在",
     "unknown grid"},
    {Rule::kRefHost, "reference.host_organization.unknown", E,
     "A host organization id (单位) names no host organization record.",
     "integrity", "所指单位不存在", "unknown host organization"},
    {Rule::kRefPartyOrg, "reference.party_organization.unknown", E,
     "A party organization id (党组织) names no party organization record.",
     "integrity", "所指党组织不存在", "unknown party organization"},
    {Rule::kRefMember, "reference.member.unknown", E,
     "A member id (党员) names no member record.", "integrity",
     "所指党员不存在", "unknown member"},
    {Rule::kRefVenue, "reference.venue.unknown", E,
     "A venue id (活动场所) names no venue record.", "integrity",
     "所指活动场所不存在", "unknown venue"},
    {Rule::kDateInvalid, "date.invalid", E,
     "A date (日期) is not a calendar date (month 13, 30 February, day "
     "without month, year outside 1-9999), or a year field is not positive.",
     "integrity", "日期无效", "invalid date"},
    {Rule::kDateFuture, "date.future", E,
     "A date or year lies after the validator's as_of date.", "integrity",
     "日期晚于校验基准日", "date in the future"},
    {Rule::kDatesOrder, "record.dates.order", E,
     "An end date comes before its start date: a party organization dissolved "
     "before it was founded, an assignment ended before it started.",
     "integrity", "结束日期早于开始日期", "end before start"},
    {Rule::kRegionCycle, "region.tree.cycle", E,
     "The parent_id chain of a region (行政区域) loops back on itself; every "
     "region on the loop is reported.",
     "integrity", "区域层级循环", "region tree loops"},
    {Rule::kEnumUnknown, "record.enum.unknown", E,
     "An enumerated field (a member's status, gender or dues category; a "
     "unit's kind, subtype, sector system or status; an organization's level "
     "or formation; a funding source, venue ownership, activity or "
     "assignment kind) holds a number the schema does not define; the "
     "figures count the record as if the field were not given.",
     "integrity", "代码未定义", "undefined code"},
    {Rule::kCountNegative, "record.count.negative", E,
     "A count or amount that cannot be below zero is: a unit's reported "
     "member counts, an activity's count or participants, a unit's annual "
     "results, a region's economy figures; the figures count it as 0.",
     "integrity", "数量为负数", "negative count"},
    {Rule::kEconomyInconsistent, "region.economy.inconsistent", E,
     "A region's economy figures give more non-public market entities, value "
     "added or tax than the total; the figures leave that pair out.",
     "integrity", "区域经济数据矛盾", "inconsistent economy figures"},
    {Rule::kNidFormat, "member.national_id.format", E,
     "A resident ID (公民身份号码) is not 17 digits and a check character "
     "0-9 or X.",
     "standard: GB 11643-1999", "公民身份号码格式错误", "resident ID format"},
    {Rule::kNidChecksum, "member.national_id.checksum", E,
     "A resident ID's check character is not the ISO 7064 MOD 11-2 check of "
     "its first 17 digits.",
     "standard: GB 11643-1999", "公民身份号码校验码错误",
     "resident ID check character"},
    {Rule::kNidBirthDate, "member.national_id.birth_date", E,
     "Positions 7-14 of a resident ID are not a real birth date (出生日期) "
     "from 1900 to the as_of date.",
     "standard: GB 11643-1999", "公民身份号码出生日期无效",
     "resident ID birth date"},
    {Rule::kNidDuplicate, "member.national_id.duplicate", E,
     "The same resident ID is on two or more member records; each is "
     "reported.",
     "integrity", "公民身份号码重复", "duplicate resident ID"},
    {Rule::kNidExcel, "member.national_id.excel_mangled", E,
     "A resident ID was mangled by a spreadsheet: exponent form "
     "(1.10101E+17) or 15 significant digits padded with zeros.",
     "integrity", "公民身份号码被电子表格改写",
     "resident ID mangled by a spreadsheet"},
    {Rule::kBirthDateMismatch, "member.birth_date.mismatch", W,
     "The birth_date field disagrees with the birth date in the resident ID.",
     "standard: GB 11643-1999", "出生日期与身份号码不符",
     "birth date differs from the ID"},
    {Rule::kGenderMismatch, "member.gender.mismatch", W,
     "The gender field disagrees with the resident ID's 17th digit (odd: "
     "male, even: female).",
     "standard: GB 11643-1999", "性别与身份号码不符",
     "gender differs from the ID"},
    {Rule::kCreditFormat, "host.credit_code.format", E,
     "A unified social credit code (统一社会信用代码) is not 18 characters of "
     "0-9 and A-Y without I, O, S, V, Z.",
     "standard: GB 32100-2015", "统一社会信用代码格式错误",
     "credit code format"},
    {Rule::kCreditChecksum, "host.credit_code.checksum", E,
     "A unified social credit code's 18th character is not the MOD 31 check "
     "of the first 17.",
     "standard: GB 32100-2015", "统一社会信用代码校验码错误",
     "credit code check character"},
    {Rule::kHostKindSubtype, "host.kind.subtype_mismatch", E,
     "A host organization's subtype (组织类型) belongs to the other kind "
     "(非公经济组织 / 社会组织).",
     "integrity", "组织类型与类别不符", "subtype does not fit the kind"},
    {Rule::kHostSubtypeSector, "host.subtype.sector_system", W,
     "A non-public economic organization (an enterprise, individual business "
     "or cooperative) is under the civil affairs system (民政), which "
     "registers social organizations only.",
     "article: sector systems (行业系统)", "组织类型与行业系统不符",
     "subtype does not fit the sector system"},
    {Rule::kHostChangeIncomplete, "host.status_change.incomplete", E,
     "A change of a unit's status (经营状态变更) has no date or no status: "
     "no report year can take it.",
     "integrity", "经营状态变更缺日期或状态",
     "status change without date or status"},
    {Rule::kHostChangeOrder, "host.status_change.order", W,
     "A unit's changes of status are not oldest first: a change is dated "
     "before the one listed before it.",
     "integrity", "经营状态变更未按日期先后排列",
     "status changes out of date order"},
    {Rule::kHostChangeBeforeRegistration,
     "host.status_change.before_registration", W,
     "A change of a unit's status is dated before its registration date "
     "(成立日期).",
     "integrity", "经营状态变更早于成立日期",
     "status change before registration"},
    {Rule::kHostStatusHistory, "host.status.history_mismatch", W,
     "A unit's status (经营状态) is set and is not the status of its latest "
     "change of status, which the reports read instead.",
     "integrity", "经营状态与最近一次变更不符",
     "status differs from the latest change"},
    {Rule::kStatusMissing, "member.status.missing", E,
     "A member record has no status (发展阶段).", "integrity", "未填写发展阶段",
     "status not recorded"},
    {Rule::kApplicantAge, "member.applicant.min_age", W,
     "The person applied (入党申请) before the policy's minimum age.",
     "regulation: Party Constitution art. 1; policy.min_applicant_age",
     "申请入党时未满年龄", "applied under age"},
    {Rule::kPipelineOrder, "member.pipeline.order", E,
     "The pipeline dates are out of order: applied, activist, development "
     "target, probationary, full must not go back in time.",
     "regulation: Rules on Recruiting Party Members (发展党员工作细则)",
     "发展程序日期顺序颠倒", "admission steps out of order"},
    {Rule::kStatusDates, "member.status.dates", E,
     "A date of a later pipeline stage is set than the member's status says "
     "(e.g. an activist with a full-member date).",
     "integrity", "发展阶段与日期不符", "status and dates disagree"},
    {Rule::kActivistPeriod, "member.activist.min_period", W,
     "An activist (入党积极分子) became a development target sooner than the "
     "policy's months of cultivation.",
     "regulation: 发展党员工作细则 art. 13; policy.activist_min_months",
     "积极分子培养期不足", "activist period too short"},
    {Rule::kProbationLength, "member.probation.length", W,
     "A probationary member (预备党员) became full sooner than the policy's "
     "probation, or more than a year's extension after it.",
     "regulation: Party Constitution art. 7; policy.probation_months",
     "预备期长度不符", "probation length"},
    {Rule::kProbationOverdue, "member.probation.overdue", W,
     "A member is still probationary at as_of more than the probation plus "
     "the one-year maximum extension after admission.",
     "regulation: Party Constitution art. 7; policy.probation_months",
     "预备期超期未转正", "probation overdue"},
    {Rule::kNotBranch, "member.party_org.not_branch", W,
     "A member is attached to a party committee or general branch; members "
     "attach only to branches (党支部).",
     "regulation: Party Constitution art. 8", "党员未编入党支部",
     "member not in a branch"},
    {Rule::kReportedCounts, "host.reported_counts.mismatch", W,
     "A host organization's reported member counts (党员人数) disagree with "
     "its member records.",
     "integrity", "单位报告人数与党员记录不符", "reported counts disagree"},
    {Rule::kOwnerMismatch, "host.owner.member_mismatch", W,
     "A unit's owner record (业主) says whether the owner is a party member, "
     "and its member records (full or probationary, is_owner) say "
     "otherwise. Judged for units with member records.",
     "integrity; article: 党员业主", "业主党员信息与党员记录不符",
     "owner disagrees with member records"},
    {Rule::kEventIncomplete, "member.event.incomplete", E,
     "A membership event (组织关系变动, `events`) has no date or no kind: no "
     "report year can take it.",
     "integrity", "组织关系变动缺日期或类别",
     "membership event without date or kind"},
    {Rule::kEventOrder, "member.event.order", W,
     "A member's events are not oldest first: an event is dated before the "
     "one listed before it.",
     "integrity", "组织关系变动未按日期先后排列",
     "membership events out of date order"},
    {Rule::kEventBeforeAdmission, "member.event.before_admission", W,
     "A membership event is dated before the person was admitted as a "
     "probationary member (接收为预备党员日期).",
     "integrity", "组织关系变动早于入党", "membership event before admission"},
    {Rule::kEventSequence, "member.event.sequence", W,
     "A membership event cannot follow the one before it: a transfer out, "
     "stop, leaving or death of a member not on the roll, a transfer in of "
     "one already on it, a restoration without a stop, or any event after "
     "leaving the party or death.",
     "integrity", "组织关系变动前后矛盾", "membership events out of sequence"},
    {Rule::kTransferUnmatched, "member.transfer.unmatched", W,
     "A transfer in (组织关系转入) whose sending county (`events[].counterpart_"
     "region_id`) the run has read holds no transfer out of the person with "
     "that letter number, or holds one dated after it. Judged across the "
     "shards of a run, and of the partial reports a merge joins.",
     "integrity; 党员组织关系转接", "组织关系转入无对应转出",
     "transfer in without its transfer out"},
    {Rule::kTransferOverdue, "member.transfer.overdue", W,
     "A transfer out (组织关系转出) to a county the run has read is not "
     "received there within the letter's days (policy."
     "transfer_letter_valid_days), as of the run's date; or it was received "
     "later than that. Judged like member.transfer.unmatched.",
     "regulation: 党员组织关系介绍信有效期; "
     "policy.transfer_letter_valid_days",
     "组织关系转接超过介绍信有效期", "transfer overdue"},
    {Rule::kStandaloneMin, "party_org.standalone.min_full_members", W,
     "A standalone (单建) party organization has fewer full members than the "
     "policy's minimum to found one.",
     "regulation: Party Constitution art. 30; "
     "policy.min_full_members_to_found",
     "单建党组织正式党员不足", "too few full members to stand alone"},
    {Rule::kStandaloneUnits, "party_org.standalone.unit_count", E,
     "A standalone (单建) party organization does not cover exactly one host "
     "organization.",
     "article: one model (一套模式)", "单建党组织覆盖单位数不符",
     "standalone unit count"},
    {Rule::kBranchMax, "party_org.branch.max_members", W,
     "A branch (党支部) has more members than the policy's limit.",
     "regulation: 支部工作条例 art. 6; policy.branch_max_members",
     "党支部人数超过上限", "branch too large"},
    {Rule::kCommitteeRequired, "party_org.branch.committee_required", W,
     "A branch with the policy's threshold of full members or more has no "
     "branch committee (支委会).",
     "regulation: 支部工作条例 art. 15; policy.branch_committee_threshold",
     "应设支部委员会而未设", "branch committee missing"},
    {Rule::kCommitteeSize, "party_org.committee.size", W,
     "A branch's committee (支委会) has more seats than the policy's hard "
     "maximum, or, in a branch with the policy's threshold of full members, "
     "fewer than its minimum (a smaller branch's secretary and deputy are no "
     "committee).",
     "regulation: 支部工作条例 art. 15; policy.branch_committee_min_size, "
     "policy.branch_committee_hard_max_size",
     "支部委员会人数不符", "committee size out of range"},
    {Rule::kCommitteeAboveUsual, "party_org.committee.above_usual", I,
     "A branch's committee has more seats than the policy's usual maximum, "
     "within its hard maximum.",
     "regulation: 支部工作条例 art. 15 (3 to 5, at most 7); "
     "policy.branch_committee_max_size",
     "支部委员会人数超过一般规模", "committee above the usual size"},
    {Rule::kCommitteeRoles, "party_org.committee.roles", W,
     "A member's roles (党内职务, `roles`) disagree with the committee of "
     "the organization: a seat or `secretary_member_id` names a member whose "
     "recorded roles lack that role, or a member's recorded secretary, "
     "deputy or committee role is held in no seat of its organization, "
     "whose committee names its members. Judged on the current committee "
     "when it is in force on as_of.",
     "integrity; regulation: 支部工作条例 art. 15", "党内职务与班子成员不符",
     "roles disagree with the committee"},
    {Rule::kCommitteeSeconded, "party_org.committee.seconded", W,
     "A committee seat is held by a seconded cadre (挂职, `seconded`) but no "
     "cadre assignment seconds a deputy secretary to the organization in "
     "as_of's year. Judged where the shard holds cadre assignments.",
     "article: 组织部门选派干部挂职", "挂职委员无选派记录",
     "seconded seat without an assignment"},
    {Rule::kLevelSize, "party_org.level.size", W,
     "A party committee (党委) has fewer members, its own and its "
     "organizations' together, than the policy's minimum for a committee, "
     "or a general branch (党总支) no more than the number above which one "
     "is formed.",
     "regulation: 基层组织工作条例; policy.committee_min_members, "
     "policy.general_branch_min_members",
     "党组织层级与党员人数不符", "level does not fit the size"},
    {Rule::kTermOverdue, "party_org.term.overdue", W,
     "A party organization's term (任期) in force on as_of ended before it: "
     "its election (换届) is overdue. The term in force is the current one "
     "(term_started_on), or the latest of past_terms begun by as_of when the "
     "current began after it. Not judged without term_started_on.",
     "regulation: 基层组织选举工作条例 (3 years; 5 for a committee); "
     "policy.branch_term_years, policy.committee_term_years",
     "逾期未换届", "election overdue"},
    {Rule::kTermDue, "party_org.term.due", I,
     "A party organization's term in force on as_of (as for "
     "party_org.term.overdue) ends within the policy's notice months after "
     "as_of: its election (换届) is due.",
     "regulation: 基层组织选举工作条例; policy.term_notice_months", "即将换届",
     "election due"},
    {Rule::kPastTermUndated, "party_org.past_term.undated", E,
     "A past term of a committee (历届委员会, `past_terms`) has no start "
     "date, or past terms are listed while the current term has none "
     "(term_started_on): no date can tell which term is in force.",
     "integrity", "历届委员会缺任期开始日期",
     "past committee term without a start date"},
    {Rule::kPastTermOrder, "party_org.past_term.order", W,
     "A party organization's past terms are not oldest first, or the last "
     "began after the current term (term_started_on).",
     "integrity", "历届委员会未按任期先后排列",
     "past committee terms out of date order"},
    {Rule::kDemonstrationStars, "party_org.demonstration.stars", W,
     "A standalone organization marked as a demonstration point (示范点) has "
     "fewer stars than the policy's minimum in its latest assessment up to "
     "as_of (nested or a star ledger's record), or none.",
     "article: 重点抓好四星级以上示范引领; policy.demonstration_min_stars",
     "示范点星级不足", "demonstration point below its stars"},
    {Rule::kJointUnits, "party_org.joint.unit_count", W,
     "A joint (联建) party organization covers fewer than two host "
     "organizations or more than the policy's cap.",
     "regulation: policy.joint_branch_max_units", "联建党组织覆盖单位数不符",
     "joint unit count"},
    {Rule::kAffiliated, "party_org.affiliated.attached_to_missing", E,
     "An affiliated (挂靠) party organization does not name the organization "
     "it is attached to (parent_id).",
     "article: one model (一套模式)", "挂靠党组织未填写挂靠对象",
     "affiliation target missing"},
    {Rule::kRegionalBranchCount, "region.regional_branch.count", W,
     "A sumu, township, town, sub-district or development zone has not "
     "exactly one regional (1+N) branch (区域党支部).",
     "article: 1+N regional branches", "区域党支部数量不符",
     "regional branch count"},
    {Rule::kStarsRange, "party_org.stars.range", E,
     "A star assessment (星级评定) gives stars outside 1-5.",
     "article: star management (星级管理)", "星级超出1-5",
     "star rating out of range"},
    {Rule::kStarsCriteria, "party_org.stars.criteria", W,
     "A star assessment's stars are not the number of the five criteria "
     "(五好) met, counting at least one star.",
     "article: star management (星级管理)", "星级与“五好”不符",
     "stars and criteria disagree"},
    {Rule::kStarsScore, "party_org.stars.score", W,
     "A star assessment carries a score (`score`) under a standard the "
     "policy scores (`standard_version` among policy.star_standards), and its "
     "stars are not those the standard's lowest scores give it. Not judged "
     "without a score, or under a standard the policy does not name.",
     "policy.star_standards", "星级与评分不符", "stars and score disagree"},
    {Rule::kStarsNotStandalone, "party_org.stars.not_standalone", W,
     "A party organization that is not standalone carries a star assessment, "
     "nested or as a star assessment record naming it.",
     "article: star management applies to standalone organizations",
     "非单建党组织参加星级评定",
     "star rating of a non-standalone organization"},
    {Rule::kStarsOrgMissing, "party_org.stars.organization_missing", E,
     "A star assessment record (a star ledger's row) does not name its party "
     "organization (党组织标识).",
     "integrity: a star assessment of its own is keyed by its organization",
     "星级评定未填写党组织", "star assessment without organization"},
    {Rule::kGridInstructor, "grid.instructor.missing", W,
     "A grid (网格) has no party-building instructor (党建工作指导员): no "
     "name and no assignment, or only an assignment on file that is not in "
     "post in the as_of year.",
     "article: regional four ones (一格一名指导员)", "网格未配备指导员",
     "grid without instructor"},
    {Rule::kRegionalVenue, "party_org.regional.venue_missing", W,
     "A regional (1+N) branch has no venue (活动场所).",
     "article: regional four ones (一个活动场所)", "区域党支部无活动场所",
     "regional branch without venue"},
    {Rule::kHeartToHeart, "party_org.regional.heart_to_heart", W,
     "A regional (1+N) branch held no heart-to-heart meeting (恳谈会) in one "
     "of the last year's periods (a quarter by default) ended by as_of.",
     "article: regional four ones; "
     "policy.regional_heart_to_heart_meetings_per_year",
     "区域党支部未按期召开恳谈会", "heart-to-heart meetings missing"},
    {Rule::kContactCard, "host.contact_card.missing", W,
     "A unit of the as_of year covered by a regional branch (listed, or in "
     "one of its grids) holds no service contact card (服务联系卡).",
     "article: regional four ones (一张服务联系卡)", "未发放服务联系卡",
     "no service contact card"},
    {Rule::kSixHaves, "venue.six_haves.incomplete", W,
     "A venue lacks some of the six haves (六有); the message lists which.",
     "article: six haves (六有)", "活动场所“六有”不全", "six haves incomplete"},
    {Rule::kAssessmentUndated, "venue.assessment.undated", E,
     "A venue's assessment against the six haves (六有评估, `assessments`) has "
     "no date: no report year can take it.",
     "integrity", "“六有”评估缺日期", "six-haves assessment without date"},
    {Rule::kAssessmentOrder, "venue.assessment.order", W,
     "A venue's assessments are not oldest first: one is dated before the "
     "one listed before it.",
     "integrity", "“六有”评估未按日期先后排列",
     "six-haves assessments out of date order"},
    {Rule::kHavesHistory, "venue.six_haves.history_mismatch", W,
     "A venue's six haves (`has_*`) are not those of its latest assessment, "
     "which the reports read instead.",
     "integrity", "“六有”与最近一次评估不符",
     "six haves differ from the latest assessment"},
    {Rule::kVenueSize, "venue.size.invalid", E,
     "A venue's area or capacity is negative, or its coordinates are outside "
     "the globe.",
     "integrity", "活动场所面积或位置无效", "venue size or position invalid"},
    {Rule::kFundingAbsurd, "funding.amount.absurd", W,
     "A single funding amount (经费) is beyond the plausible maximum, either "
     "sign.",
     "integrity; ValidatorOptions.max_plausible_funding_fen",
     "经费金额不合常理", "implausible funding amount"},
    {Rule::kFundingNegative, "funding.total.negative", E,
     "A party organization's funding for one year and source adds up to less "
     "than zero (corrections exceed receipts).",
     "integrity", "经费合计为负数", "negative funding total"},
    {Rule::kFundingBeforeFounding, "funding.year.before_founding", E,
     "Funding counts for a year before the party organization was founded.",
     "integrity", "经费早于党组织成立", "funding before founding"},
    {Rule::kDuesMismatch, "member.dues.mismatch", W,
     "A member's recorded monthly dues (党费) differ from those the policy's "
     "brackets give for the income and category.",
     "regulation: 关于中国共产党党费收缴、使用和管理的规定; policy dues "
     "brackets",
     "党费与标准不符", "dues differ from the brackets"},
    {Rule::kDuesInvalid, "member.dues.invalid", E,
     "A member's monthly income or dues is negative, or dues are recorded "
     "without a dues category (党费类别).",
     "integrity", "党费数据无效", "invalid dues data"},
    {Rule::kDuesArrears, "member.dues.arrears", W,
     "A full or probationary member's dues are paid through a month "
     "(dues_paid_through) the policy's months or more (3) before as_of, "
     "counting the months that have ended, but fewer than the lapse's.",
     "regulation: 关于中国共产党党费收缴、使用和管理的规定; "
     "policy.dues_arrears_months",
     "欠缴党费", "dues in arrears"},
    {Rule::kDuesLapsed, "member.dues.lapsed", W,
     "A full or probationary member has paid no dues for the policy's "
     "consecutive months or more (6) by as_of: without good reason, such a "
     "member is held to have left the party; the branch is to look into it.",
     "regulation: Party Constitution art. 9; policy.dues_lapse_months",
     "连续六个月未交党费", "six months of dues unpaid"},
    {Rule::kCoverageFound, "coverage.found_where_condition_exists", I,
     "Target 1 (应建尽建): a unit with the minimum full members has no "
     "standalone party organization.",
     "article: four 100% targets; dangjian/coverage.h", "目标1 应建未建",
     "target 1: not founded"},
    {Rule::kCoverageStar, "coverage.star_management", I,
     "Target 2 (星级管理): a standalone party organization has no star "
     "assessment for the as_of year.",
     "article: four 100% targets; dangjian/coverage.h", "目标2 未开展星级评定",
     "target 2: no star assessment"},
    {Rule::kCoverageJoint, "coverage.joint_where_members_are_few", I,
     "Target 3 (联建): a unit with members but fewer full members than the "
     "minimum is in no joint or affiliated party organization.",
     "article: four 100% targets; dangjian/coverage.h", "目标3 未联建或挂靠",
     "target 3: not joined"},
    {Rule::kCoveragePartyWork, "coverage.party_work_where_no_members", I,
     "Target 4 (党的工作覆盖): a unit without members is in no regional "
     "branch's grid with an instructor in post in the as_of year.",
     "article: four 100% targets; dangjian/coverage.h", "目标4 党的工作未覆盖",
     "target 4: party work missing"},
}};

constexpr bool InOrder() {
  for (size_t i = 0; i < kRuleCount; ++i) {
    if (static_cast<size_t>(kRules[i].rule) != i) return false;
  }
  return true;
}
static_assert(InOrder(), "kRules must follow the order of enum Rule");

}  // namespace

const RuleDef& GetRuleDef(Rule rule) {
  return kRules[static_cast<size_t>(rule)];
}
const RuleDef& GetRuleDefAt(size_t i) { return kRules[i]; }

}  // namespace internal
}  // namespace dangjian

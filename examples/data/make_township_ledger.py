#!/usr/bin/env python3
"""Writes the sample township ledger in examples/data/.

A made-up township (经棚镇 of 克什克腾旗) with a few dozen units, their members
and party organizations, as the CSV files a township office exports from Excel:
utf8-bom/ (Excel's "CSV UTF-8") and gbk/ (Excel's plain CSV on Chinese
Windows), both with Chinese headers. Everything is invented; the resident IDs
are well-formed (valid check character) but belong to no one, and the credit
codes carry valid check characters.

The ledger is clean but for a few faults planted on purpose, the kind real
ledgers have, so that importing and validating it shows what the library
reports (examples/ledger_import.cc prints them):
  - a subtotal row (合计) at the end of the unit ledger: reported, not counted;
  - unit H-007's credit code has a wrong check character
    (host.credit_code.checksum);
  - member M-0010's gender contradicts the resident ID (member.gender.mismatch);
and gaps a township's ledger commonly shows: a standalone branch (P-029) with
only two full members (party_org.standalone.min_full_members), the regional
branch without a venue or recorded heart-to-heart meetings, units in grids
without a service contact card; and the coverage rules note the units and
branches that fall short of the four 100% targets (no star ratings yet).

Run it from anywhere: python3 examples/data/make_township_ledger.py
Standard library only; the output is deterministic.
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "红梅", "志强", "秀英", "海涛", "丽娟", "宝音", "其其格", "国华", "淑珍",
         "文博", "晓燕", "巴特尔", "春花", "振华", "玉兰"]
TRADES = [("建材有限公司", "私营企业", "C3011", "经信"),
          ("商贸有限责任公司", "私营企业", "F5212", "个体私营经济"),
          ("农牧业专业合作社", "农民专业合作社", "A0311", "农牧业"),
          ("旅游服务有限公司", "私营企业", "L7271", "旅游"),
          ("汽车修理部", "个体工商户", "O8111", "个体私营经济"),
          ("物业服务有限公司", "私营企业", "K7020", "住建")]
PLACES = ["红山", "经棚", "白音", "达里", "浩来", "巴彦", "乌兰", "新民", "同兴"]


def resident_id(i):
    body = "150425%04d%02d%02d%03d" % (1960 + i % 40, 1 + i % 12, 1 + i % 28,
                                      (i * 7) % 1000)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]
    return body + check


CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_code_check(org8):
    """GB 11714: the organization code's check character."""
    value = lambda c: int(c) if c.isdigit() else ord(c) - ord("A") + 10
    c = 11 - sum(value(ch) * w for ch, w in zip(org8, ORG_WEIGHTS)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(department_type, i):
    """GB 32100: a unified social credit code with valid check characters."""
    org8 = "MA0N%04d" % i
    org = org8 + org_code_check(org8)
    if org[-1] == "X":  # Not a credit-code character: issue the next code.
        return credit_code(department_type, i + 5000)
    body = department_type + "150425" + org
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def gender(resident):
    """男 or 女, as the resident ID's 17th digit says (odd: male)."""
    return "男" if int(resident[16]) % 2 else "女"


def name(i):
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def build():
    regions = [
        ["150425", "克什克腾旗", "150425", "旗", ""],
        ["150425-101", "经棚镇", "150425101", "镇", "150425"],
        ["150425-101-001", "经棚社区", "150425101001", "社区", "150425-101"],
        ["150425-101-002", "红山社区", "150425101002", "社区", "150425-101"],
    ]
    hosts, orgs, members, grids, funding = [], [], [], [], []
    # The township's party committee, which the branches report to.
    orgs.append(["P-TOWN", "中共经棚镇委员会", "党委", "", "", "150425-101", "",
                 "1956-05-01", "王国华"])
    orgs.append(["P-REG-01", "经棚镇区域党支部", "党支部", "区域党支部", "",
                 "150425-101", "P-TOWN", "2012-06-01", "刘振华"])
    for g in range(3):
        grids.append(["G-%02d" % (g + 1), "经棚镇第%d网格" % (g + 1), "P-REG-01",
                      "150425-101-00%d" % (1 + g % 2), "按地域",
                      name(100 + g), "旗市场监督管理局",
                      "1384760%04d" % (g + 1)])
    # Units with one or two full members join a joint branch, four at most.
    joints = []
    m = 0
    for i in range(36):
        trade, subtype, industry, sector = TRADES[i % len(TRADES)]
        host_id = "H-%03d" % (i + 1)
        full = [0, 1, 2, 3, 5][i % 5] if i % 6 else 4
        kind = "社会组织" if subtype == "社会团体" else "非公有制经济组织"
        code = credit_code("92" if subtype == "个体工商户" else "91", i + 1)
        if host_id == "H-007":  # Planted: a wrong check character.
            code = code[:17] + ("0" if code[17] != "0" else "1")
        hosts.append([host_id, PLACES[i % len(PLACES)] + str(i + 1) + "号" + trade,
                      kind, subtype, code, industry, "150425-101",
                      "G-%02d" % (1 + i % 3) if full == 0 else "", sector,
                      str(5 + (i * 37) % 240), name(300 + i),
                      "是" if i % 4 == 0 else "否", "是" if full else "否",
                      "是" if i % 3 == 0 else "否", "%04d-%02d-%02d" % (
                          2005 + i % 10, 1 + i % 12, 1 + i % 28)])
        if full >= 3:
            org_id = "P-%03d" % (i + 1)
            orgs.append([org_id, hosts[-1][1] + "党支部", "党支部", "单建", host_id,
                         "150425-101", "P-TOWN", "%04d-07-01" % (2010 + i % 5),
                         name(m)])
            funding.append(["F-%03d" % (i + 1), org_id, "2014", "企业列支",
                            "{:,.2f}".format(5000 + 2500 * (i % 5)),
                            "2014-03-01"])
        elif full > 0:
            if not joints or len(joints[-1][4]) == 4:
                n = len(joints) + 1
                joints.append(["P-JOINT-%02d" % n, "经棚镇非公企业第%d联合党支部" % n,
                               "党支部", "联建", [], "150425-101", "P-TOWN",
                               "2013-03-15", name(200 + n)])
            org_id = joints[-1][0]
            joints[-1][4].append(host_id)
        else:
            org_id = ""
        for k in range(full):
            probationary = not (k or i % 7)
            member_id = "M-%04d" % (m + 1)
            sex = gender(resident_id(m))
            if member_id == "M-0010":  # Planted: contradicts the resident ID.
                sex = "女" if sex == "男" else "男"
            # A probationary member was received within the last year (the
            # probation lasts one); full members years before.
            received = ("2014-%02d-01" % (3 + m % 6) if probationary else
                        "%04d-07-01" % (1995 + m % 18))
            members.append([member_id, name(m),
                            "预备党员" if probationary else "正式党员", host_id,
                            org_id, resident_id(m), sex,
                            "139470%05d" % (m + 1), received])
            m += 1
    for joint in joints:
        orgs.append(joint[:4] + [";".join(joint[4])] + joint[5:])
    funding.append(["F-JOINT", "P-JOINT-01", "2014", "上级补充", "￥3,000.00",
                    "2014-04-10"])
    funding.append(["F-DUES", "P-JOINT-01", "2014", "党费返还", "1,200.50",
                    "2014-06-30"])
    tables = {
        "regions": (["区域标识", "区域名称", "行政区划代码", "层级", "上级区域"], regions),
        "grids": (["网格标识", "网格名称", "所属区域党支部", "所在区域", "划分依据",
                   "党建工作指导员姓名", "指导员派出单位", "指导员联系电话"], grids),
        "host_organizations": (
            ["单位标识", "单位名称", "组织类别", "组织类型", "统一社会信用代码", "所属行业",
             "所在区域", "所在网格", "行业系统", "从业人员数", "业主姓名", "业主是否党员",
             "建立工会组织", "服务联系卡", "成立日期"],
            hosts + [["合计", "", "", "", "", "", "", "", "",
                      str(sum(int(h[9]) for h in hosts)), "", "", "", "", ""]]),
        "party_organizations": (
            ["党组织标识", "党组织名称", "党组织类别", "组建方式", "覆盖单位", "所在区域",
             "上级党组织", "成立日期", "书记姓名"], orgs),
        "members": (["人员标识", "姓名", "发展阶段", "工作单位", "所在党支部", "公民身份号码",
                     "性别", "联系电话", "接收为预备党员日期"], members),
        "funding": (["记录标识", "党组织", "年度", "经费来源", "金额（元）", "到位日期"],
                    funding),
    }
    return tables


def main():
    for sub, encoding in (("utf8-bom", "utf-8-sig"), ("gbk", "gbk")):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
        for table, (header, rows) in build().items():
            text = io.StringIO()
            w = csv.writer(text, lineterminator="\r\n")
            w.writerow(header)
            w.writerows(rows)
            with open(os.path.join(HERE, sub, table + ".csv"), "wb") as f:
                f.write(text.getvalue().encode(encoding))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate Fixtures/nq57.ledger: a year (2025) of the Resolution 57 programme as a steer ledger.

    python3 scripts/make_nq57.py            # writes Fixtures/nq57.ledger
    python3 scripts/make_nq57.py --stats    # also prints what the reports show, month by month
    python3 scripts/make_nq57.py --stdout   # writes the ledger to standard output instead

Standard library only, fixed seeds: two runs give the same bytes. The agencies, provinces,
programme tasks, deadlines and outcomes follow /work/shared/domain (FACTS.md, agencies.tsv,
provinces.tsv, tasks.tsv); officers' names, owners, document numbers other than the ones
cited there, notes and the day-to-day history are invented to look like real tracking.

The generator keeps its own copy of the replay rules of docs/ledger.md (roles, the state
machine, merges, the time order) and refuses to write a ledger that breaks them. It also
checks that every day of 2025 gives the reports something to show (overdue tasks, deadlines
in the next 14 days and the last 7, overdue legal documents, blocked tasks) and adds ordinary
follow-up tasks where a day would be empty.
"""
import datetime as dt
import os
import random
import re
import sys
import unicodedata
import zlib

SEED = 57
ONE = dt.timedelta(days=1)
YEAR_START = dt.date(2025, 1, 2)
YEAR_END = dt.date(2025, 12, 31)
LEGAL = {"decree", "law", "decision", "circular", "resolution"}
STAGES = ["drafting", "consultation", "appraisal", "submitted", "issued"]
OPEN = {"assigned", "in_progress", "blocked", "submitted"}


def D(s):
    return dt.date.fromisoformat(s)


def days(n):
    return dt.timedelta(days=n)


def weekday(d):
    """The same day, or the next Monday when it falls on a weekend."""
    while d.weekday() >= 5:
        d += ONE
    return d


# --------------------------------------------------------------------------------------------
# Who is tracked (copied from /work/shared/domain so that the script stands alone).

CENTRAL = [
    ("BQP", "ministry", "Bộ Quốc phòng", "Ministry of National Defence"),
    ("BCA", "ministry", "Bộ Công an", "Ministry of Public Security"),
    ("BNG", "ministry", "Bộ Ngoại giao", "Ministry of Foreign Affairs"),
    ("BNV", "ministry", "Bộ Nội vụ", "Ministry of Home Affairs"),
    ("BTP", "ministry", "Bộ Tư pháp", "Ministry of Justice"),
    ("BTC", "ministry", "Bộ Tài chính", "Ministry of Finance"),
    ("BCT", "ministry", "Bộ Công Thương", "Ministry of Industry and Trade"),
    ("BNNMT", "ministry", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
    ("BXD", "ministry", "Bộ Xây dựng", "Ministry of Construction"),
    ("BVHTTDL", "ministry", "Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
    ("BKHCN", "ministry", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    ("BGDDT", "ministry", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    ("BYT", "ministry", "Bộ Y tế", "Ministry of Health"),
    ("BDTTG", "ministry", "Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs"),
    ("NHNN", "ministerial_agency", "Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"),
    ("TTCP", "ministerial_agency", "Thanh tra Chính phủ", "Government Inspectorate"),
    ("VPCP", "ministerial_agency", "Văn phòng Chính phủ", "Government Office"),
    ("VTV", "gov_agency", "Đài Truyền hình Việt Nam", "Vietnam Television"),
    ("VOV", "gov_agency", "Đài Tiếng nói Việt Nam", "Voice of Vietnam"),
    ("TTXVN", "gov_agency", "Thông tấn xã Việt Nam", "Vietnam News Agency"),
    ("VHLKHXH", "gov_agency", "Viện Hàn lâm Khoa học xã hội Việt Nam", "Vietnam Academy of Social Sciences"),
    ("VHLKHCN", "gov_agency", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Vietnam Academy of Science and Technology"),
]

PROVINCES = [
    ("01", "hanoi", "city", "Thành phố Hà Nội"), ("02", "hagiang", "province", "Tỉnh Hà Giang"),
    ("04", "caobang", "province", "Tỉnh Cao Bằng"), ("06", "backan", "province", "Tỉnh Bắc Kạn"),
    ("08", "tuyenquang", "province", "Tỉnh Tuyên Quang"), ("10", "laocai", "province", "Tỉnh Lào Cai"),
    ("11", "dienbien", "province", "Tỉnh Điện Biên"), ("12", "laichau", "province", "Tỉnh Lai Châu"),
    ("14", "sonla", "province", "Tỉnh Sơn La"), ("15", "yenbai", "province", "Tỉnh Yên Bái"),
    ("17", "hoabinh", "province", "Tỉnh Hòa Bình"), ("19", "thainguyen", "province", "Tỉnh Thái Nguyên"),
    ("20", "langson", "province", "Tỉnh Lạng Sơn"), ("22", "quangninh", "province", "Tỉnh Quảng Ninh"),
    ("24", "bacgiang", "province", "Tỉnh Bắc Giang"), ("25", "phutho", "province", "Tỉnh Phú Thọ"),
    ("26", "vinhphuc", "province", "Tỉnh Vĩnh Phúc"), ("27", "bacninh", "province", "Tỉnh Bắc Ninh"),
    ("30", "haiduong", "province", "Tỉnh Hải Dương"), ("31", "haiphong", "city", "Thành phố Hải Phòng"),
    ("33", "hungyen", "province", "Tỉnh Hưng Yên"), ("34", "thaibinh", "province", "Tỉnh Thái Bình"),
    ("35", "hanam", "province", "Tỉnh Hà Nam"), ("36", "namdinh", "province", "Tỉnh Nam Định"),
    ("37", "ninhbinh", "province", "Tỉnh Ninh Bình"), ("38", "thanhhoa", "province", "Tỉnh Thanh Hóa"),
    ("40", "nghean", "province", "Tỉnh Nghệ An"), ("42", "hatinh", "province", "Tỉnh Hà Tĩnh"),
    ("44", "quangbinh", "province", "Tỉnh Quảng Bình"), ("45", "quangtri", "province", "Tỉnh Quảng Trị"),
    ("46", "hue", "city", "Thành phố Huế"), ("48", "danang", "city", "Thành phố Đà Nẵng"),
    ("49", "quangnam", "province", "Tỉnh Quảng Nam"), ("51", "quangngai", "province", "Tỉnh Quảng Ngãi"),
    ("52", "binhdinh", "province", "Tỉnh Bình Định"), ("54", "phuyen", "province", "Tỉnh Phú Yên"),
    ("56", "khanhhoa", "province", "Tỉnh Khánh Hòa"), ("58", "ninhthuan", "province", "Tỉnh Ninh Thuận"),
    ("60", "binhthuan", "province", "Tỉnh Bình Thuận"), ("62", "kontum", "province", "Tỉnh Kon Tum"),
    ("64", "gialai", "province", "Tỉnh Gia Lai"), ("66", "daklak", "province", "Tỉnh Đắk Lắk"),
    ("67", "daknong", "province", "Tỉnh Đắk Nông"), ("68", "lamdong", "province", "Tỉnh Lâm Đồng"),
    ("70", "binhphuoc", "province", "Tỉnh Bình Phước"), ("72", "tayninh", "province", "Tỉnh Tây Ninh"),
    ("74", "binhduong", "province", "Tỉnh Bình Dương"), ("75", "dongnai", "province", "Tỉnh Đồng Nai"),
    ("77", "bariavungtau", "province", "Tỉnh Bà Rịa - Vũng Tàu"), ("79", "hochiminh", "city", "Thành phố Hồ Chí Minh"),
    ("80", "longan", "province", "Tỉnh Long An"), ("82", "tiengiang", "province", "Tỉnh Tiền Giang"),
    ("83", "bentre", "province", "Tỉnh Bến Tre"), ("84", "travinh", "province", "Tỉnh Trà Vinh"),
    ("86", "vinhlong", "province", "Tỉnh Vĩnh Long"), ("87", "dongthap", "province", "Tỉnh Đồng Tháp"),
    ("89", "angiang", "province", "Tỉnh An Giang"), ("91", "kiengiang", "province", "Tỉnh Kiên Giang"),
    ("92", "cantho", "city", "Thành phố Cần Thơ"), ("93", "haugiang", "province", "Tỉnh Hậu Giang"),
    ("94", "soctrang", "province", "Tỉnh Sóc Trăng"), ("95", "baclieu", "province", "Tỉnh Bạc Liêu"),
    ("96", "camau", "province", "Tỉnh Cà Mau"),
]
CENTRAL_IDS = [c[0] for c in CENTRAL]
PROVINCE_IDS = [p[1] for p in PROVINCES]
PROVINCE_NAME = {p[1]: p[3] for p in PROVINCES}
PROVINCE_KIND = {p[1]: p[2] for p in PROVINCES}

# A few of the mergers of 1 July 2025 (63 → 34), absorbed province → the one it joined.
MERGE_AT = dt.datetime(2025, 7, 1, 7, 30)
MERGERS = [
    ("hagiang", "tuyenquang"), ("yenbai", "laocai"), ("haiduong", "haiphong"),
    ("quangnam", "danang"), ("binhduong", "hochiminh"), ("bariavungtau", "hochiminh"),
]
MERGED = {a for a, _ in MERGERS}
MERGE_REF = "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh"

SECRETARIAT_STAFF = ["thanh", "mai", "quang"]
MEMBERS = [
    # login, role, agency, name
    ("vpcp", "secretariat", "VPCP", "Văn phòng Chính phủ"),
    ("thanh", "secretariat", "VPCP", "Trần Văn Thành"),
    ("mai", "secretariat", "VPCP", "Lê Thị Mai"),
    ("quang", "secretariat", "VPCP", "Phạm Minh Quang"),
    ("lan", "focal", "BKHCN", "Nguyễn Thị Lan"),
    ("hung", "focal", "BCA", "Trần Quốc Hùng"),
    ("tuan", "focal", "BTC", "Phạm Anh Tuấn"),
    ("ha", "focal", "BTP", "Đỗ Thu Hà"),
    ("son", "focal", "BNNMT", "Vũ Hồng Sơn"),
    ("hoa", "focal", "BYT", "Lê Thị Hoa"),
    ("minh", "focal", "hanoi", "Nguyễn Đức Minh"),
    ("phuong", "focal", "hochiminh", "Trần Thị Phương"),
    ("khoa", "focal", "danang", "Lê Văn Khoa"),
    ("trang", "focal", "haiphong", "Phạm Thu Trang"),
    ("vinh", "focal", "hagiang", "Hoàng Văn Vinh"),
    ("baocao", "viewer", "TTCP", "Nguyễn Văn Bảo"),
]

MEETINGS = [D("2025-03-18"), D("2025-05-17"), D("2025-07-20"), D("2025-09-24"), D("2025-11-15")]
MEETING_NAMES = ["thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm"]

# --------------------------------------------------------------------------------------------
# Owners: the unit (sometimes a person) in charge, per agency.

UNITS = {
    "BKHCN": ["Vụ Kế hoạch - Tài chính", "Vụ Pháp chế", "Cục Chuyển đổi số quốc gia", "Cục Viễn thông",
              "Vụ Khoa học kỹ thuật và công nghệ", "Cục Công nghiệp công nghệ thông tin"],
    "BCA": ["Cục Cảnh sát quản lý hành chính về trật tự xã hội", "Trung tâm dữ liệu quốc gia",
            "Cục Pháp chế và cải cách hành chính, tư pháp", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"],
    "BTC": ["Vụ Ngân sách nhà nước", "Vụ Pháp chế", "Cục Tin học và Thống kê tài chính", "Vụ Tài chính hành chính sự nghiệp"],
    "BTP": ["Vụ Các vấn đề chung về xây dựng pháp luật", "Cục Hộ tịch, quốc tịch, chứng thực", "Vụ Pháp luật dân sự - kinh tế"],
    "VPCP": ["Vụ Khoa giáo - Văn xã", "Cục Kiểm soát thủ tục hành chính", "Vụ Tổng hợp"],
    "NHNN": ["Vụ Thanh toán", "Cục Công nghệ thông tin"],
    "BYT": ["Cục Khoa học công nghệ và Đào tạo", "Văn phòng Bộ"],
    "BNNMT": ["Cục Chuyển đổi số", "Cục Quản lý đất đai"],
    "BGDDT": ["Cục Khoa học, Công nghệ và Thông tin", "Văn phòng Bộ"],
}
MINISTRY_UNITS = ["Văn phòng Bộ", "Vụ Kế hoạch - Tài chính", "Vụ Pháp chế", "Trung tâm Chuyển đổi số"]
AGENCY_UNITS = ["Văn phòng", "Ban Kế hoạch - Tài chính", "Trung tâm Công nghệ thông tin"]
PERSONS = ["Ông Lê Minh Tuấn, Phó Cục trưởng", "Bà Nguyễn Thu Hằng, Phó Vụ trưởng", "Ông Đặng Quốc Khánh, Phó Giám đốc Sở",
           "Bà Trịnh Thị Yến, Chánh Văn phòng", "Ông Phan Văn Đức, Phó Chủ tịch UBND"]


def owner_for(agency, rng, prefer=None):
    if rng.random() < 0.06:
        return rng.choice(PERSONS)
    if agency in PROVINCE_NAME:
        unit = "tỉnh" if PROVINCE_KIND[agency] == "province" else "thành phố"
        options = {"khcn": "Sở Khoa học và Công nghệ", "noivu": "Sở Nội vụ", "vp": "Văn phòng UBND " + unit,
                   "tc": "Sở Tài chính"}
        return options.get(prefer) or rng.choice(list(options.values()))
    units = UNITS.get(agency)
    if not units:
        kind = next(c[1] for c in CENTRAL if c[0] == agency)
        units = AGENCY_UNITS if kind == "gov_agency" else MINISTRY_UNITS
    if prefer == "legal" and "Vụ Pháp chế" in units:
        return "Vụ Pháp chế"
    return rng.choice(units)


# How careless each body's assignments are about "5 rõ" (the chance that a per-body assignment
# misses a point). The default is 0.17.
SLOPPY = {"BTC": 0.55, "BCT": 0.5, "BVHTTDL": 0.45, "VOV": 0.5, "TTXVN": 0.35, "BXD": 0.35, "BDTTG": 0.4,
          "BKHCN": 0.04, "BCA": 0.0, "VPCP": 0.0, "hanoi": 0.0, "danang": 0.0, "quangninh": 0.0,
          "laichau": 0.75, "kontum": 0.7, "baclieu": 0.65, "daknong": 0.6, "hagiang": 0.6, "caobang": 0.55,
          "haugiang": 0.5, "dienbien": 0.5, "soctrang": 0.45, "binhphuoc": 0.4}

# --------------------------------------------------------------------------------------------
# Notes.

NOTES = {
    "plan": [
        (0, "Đã giao {owner} chủ trì xây dựng dự thảo kế hoạch"),
        (0, "Đang rà soát các nhiệm vụ được giao tại Nghị quyết 03/NQ-CP"),
        (30, "Đã xây dựng dự thảo kế hoạch, đang lấy ý kiến các đơn vị"),
        (30, "Đã gửi dự thảo lấy ý kiến các sở, ban, ngành"),
        (55, "Đang tiếp thu, hoàn thiện dự thảo theo ý kiến góp ý"),
        (70, "Đã trình lãnh đạo xem xét, ký ban hành"),
    ],
    "legal": [
        (0, "Đã thành lập Ban soạn thảo, Tổ biên tập"),
        (0, "Đang xây dựng đề cương, tổng kết thực tiễn thi hành"),
        (25, "Đã đăng tải dự thảo lấy ý kiến trên Cổng thông tin điện tử Chính phủ"),
        (35, "Đang tổng hợp, tiếp thu ý kiến góp ý của các bộ, ngành, địa phương"),
        (55, "Đã gửi hồ sơ đề nghị Bộ Tư pháp thẩm định"),
        (65, "Đang hoàn thiện hồ sơ theo ý kiến thẩm định"),
        (80, "Đã trình Chính phủ xem xét, ban hành"),
    ],
    "system": [
        (0, "Đã hoàn thành khảo sát hiện trạng, xây dựng yêu cầu kỹ thuật"),
        (20, "Đang triển khai lắp đặt thiết bị, hạ tầng"),
        (40, "Đang kết nối, đồng bộ dữ liệu với Cơ sở dữ liệu quốc gia về dân cư"),
        (60, "Đã vận hành thử nghiệm, đang khắc phục lỗi phát sinh"),
        (80, "Đã đánh giá an toàn thông tin cấp độ, chuẩn bị vận hành chính thức"),
    ],
    "task": [
        (0, "Đã ban hành văn bản phân công, hướng dẫn triển khai"),
        (0, "Đã tổ chức hội nghị triển khai"),
        (25, "Đang tổng hợp số liệu, kết quả từ các đơn vị"),
        (40, "Đã hoàn thành khoảng một nửa khối lượng công việc"),
        (60, "Đang rà soát, đánh giá kết quả thực hiện"),
        (80, "Đang hoàn thiện báo cáo kết quả, chuẩn bị gửi Văn phòng Chính phủ"),
    ],
    "report": [
        (0, "Đã đề nghị các bộ, ngành, địa phương gửi số liệu"),
        (30, "Đang tổng hợp số liệu từ các bộ, ngành, địa phương"),
        (60, "Đã hoàn thành dự thảo báo cáo"),
    ],
}
LEGAL_NOTES = {
    "drafting": ["Đã thành lập Ban soạn thảo, Tổ biên tập", "Đang xây dựng đề cương, tổng kết thực tiễn thi hành",
                 "Đã hoàn thành dự thảo lần 1"],
    "consultation": ["Đã đăng tải dự thảo lấy ý kiến trên Cổng thông tin điện tử Chính phủ",
                     "Đang tổng hợp, tiếp thu ý kiến góp ý của các bộ, ngành, địa phương",
                     "Đã tổ chức hội thảo lấy ý kiến doanh nghiệp, chuyên gia"],
    "appraisal": ["Đã gửi hồ sơ đề nghị Bộ Tư pháp thẩm định", "Đang hoàn thiện hồ sơ theo ý kiến thẩm định"],
    "submitted": ["Đã trình Chính phủ xem xét, ban hành", "Đang tiếp thu ý kiến thành viên Chính phủ",
                  "Đang chờ lãnh đạo Chính phủ ký ban hành"],
}
SUBMITTED_NOTES = {
    "law": ["Đã trình Quốc hội", "Đang tiếp thu, giải trình ý kiến đại biểu Quốc hội"],
    "decision": ["Đã trình người có thẩm quyền ký ban hành", "Đang hoàn thiện theo ý kiến của lãnh đạo"],
    "circular": ["Đã trình Bộ trưởng ký ban hành"],
}
BLOCKED_REPORTS = [
    "Đang chờ cấp có thẩm quyền cho ý kiến xử lý vướng mắc",
    "Vẫn chờ hướng dẫn; đã có văn bản đôn đốc lần 2",
    "Chưa có ý kiến trả lời của cơ quan phối hợp",
]
BLOCKS = [
    "Vướng mắc: chưa có hướng dẫn về nguồn kinh phí thực hiện",
    "Vướng mắc: cơ quan phối hợp chưa có ý kiến, đề nghị Văn phòng Chính phủ đôn đốc",
    "Vướng mắc về thẩm quyền: cần ý kiến chỉ đạo của Phó Thủ tướng",
    "Vướng mắc: hệ thống chưa kết nối được với Cơ sở dữ liệu quốc gia về dân cư",
    "Vướng mắc: chưa bố trí được nhân lực chuyên trách sau sắp xếp tổ chức bộ máy",
    "Vướng mắc: dự toán năm 2025 đã giao trước khi có Nghị quyết 57, cần điều chỉnh",
    "Vướng mắc: quy định hiện hành về đấu thầu chưa phù hợp với mua sắm dịch vụ công nghệ thông tin",
]
UNBLOCKS = [
    "Đã có ý kiến chỉ đạo của Phó Thủ tướng",
    "Bộ Tài chính đã có văn bản hướng dẫn nguồn kinh phí",
    "Đã thống nhất với cơ quan phối hợp tại cuộc họp liên ngành",
    "Vướng mắc đã được tháo gỡ tại phiên họp của Ban Chỉ đạo",
    "Đã kết nối thành công sau khi được cấp tài khoản truy cập",
]
RETURNS = [
    "Chưa xác định rõ sản phẩm, thời hạn và đơn vị chủ trì của từng nhiệm vụ (yêu cầu \"5 rõ\")",
    "Hồ sơ chưa đầy đủ; đề nghị bổ sung báo cáo đánh giá tác động",
    "Số liệu chưa khớp với số liệu của Bộ Công an, đề nghị rà soát lại",
    "Đề nghị bổ sung lộ trình, nguồn lực thực hiện cho giai đoạn 2025-2026",
]
EXTENDS = [
    "Theo đề nghị của cơ quan chủ trì, đã được Phó Thủ tướng đồng ý",
    "Do sắp xếp tổ chức bộ máy, cần thêm thời gian hoàn thiện",
    "Phải lấy thêm ý kiến các địa phương sau sắp xếp đơn vị hành chính",
    "Điều chỉnh theo kết luận của Ban Chỉ đạo",
    "Chờ số liệu của các địa phương sau sắp xếp đơn vị hành chính cấp xã",
]
ACCEPTS = [
    "Đạt yêu cầu", "Đã ban hành, đạt yêu cầu", "Đạt yêu cầu; đề nghị tổ chức thực hiện nghiêm",
    "Đạt yêu cầu; đề nghị gửi bản điện tử về Văn phòng Chính phủ",
]

# --------------------------------------------------------------------------------------------
# Events and the task plans that produce them.

EVENTS = []  # every event, in the order it was generated; sorted by time when written
_seq = [0]


class Ev:
    __slots__ = ("time", "seq", "actor", "verb", "id", "fields")

    def __init__(self, time, actor, verb, id, fields):
        _seq[0] += 1
        self.time, self.seq, self.actor, self.verb, self.id = time, _seq[0], actor, verb, id
        self.fields = [(k, v) for k, v in fields if v is not None]

    def get(self, key):
        for k, v in self.fields:
            if k == key:
                return v
        return None


def emit(time, actor, verb, id, fields=()):
    e = Ev(time, actor, verb, id, fields)
    EVENTS.append(e)
    return e


def ds(d):
    return None if d is None else d.isoformat()


TASKS = {}


class PlanError(Exception):
    pass


class Task:
    """One assignment and its history, built in time order with the state machine checked
    at every step. Actors: 'F' = the lead's focal point when it may record this, else the
    secretariat staff; 'S' = secretariat staff; anything else is a login."""

    def __init__(self, tid, when, *, kind, title, lead, support=None, owner=None, due=None, product=None,
                 source=None, authority=None, note=None, actor="vpcp"):
        if tid in TASKS:
            raise PlanError("duplicate task " + tid)
        TASKS[tid] = self
        self.id = tid
        self.rng = random.Random("%d:%s" % (SEED, tid))
        self.kind = kind
        self.leads = list(lead) if lead else []
        self.due = due
        self.title = title
        self.owner = owner
        self.product = product
        self.state = "assigned"
        self.stage = None
        self.progress = None
        self.last = None
        self.closed = None
        self.note_pool = NOTES["legal"] if kind in LEGAL else NOTES.get(kind, NOTES["task"])
        self.events = []
        fields = [("kind", kind), ("title", title), ("lead", ",".join(self.leads) or None),
                  ("support", ",".join(support) if support else None), ("owner", owner), ("due", ds(due)),
                  ("product", product), ("source", source), ("authority", authority), ("note", note)]
        self._emit(when, actor, "assign", fields)

    # time ---------------------------------------------------------------------------------
    def _time(self, when):
        if isinstance(when, dt.datetime):
            t = when
            if self.last is not None and t <= self.last and t.date() == self.last.date() and self.events:
                t = self.last + dt.timedelta(minutes=5)
        else:
            if self.last is not None and when == self.last.date():
                t = self.last + dt.timedelta(minutes=self.rng.randrange(10, 95, 5))
            else:
                t = dt.datetime.combine(when, dt.time(8, 0)) + dt.timedelta(minutes=5 * self.rng.randrange(0, 112))
        if self.last is not None and t <= self.last:
            raise PlanError("%s: %s is not after %s" % (self.id, t, self.last))
        if t.date() > YEAR_END or t.date() < YEAR_START:
            raise PlanError("%s: %s is outside 2025" % (self.id, t))
        return t

    def _emit(self, when, actor, verb, fields=()):
        t = self._time(when)
        self.last = t
        e = emit(t, actor, verb, self.id, fields)
        self.events.append(e)
        return e

    def _need(self, states, verb):
        if self.state not in states:
            raise PlanError("%s: cannot %s from %s" % (self.id, verb, self.state))

    @property
    def is_open(self):
        return self.state in OPEN

    # verbs --------------------------------------------------------------------------------
    def start(self, d, note=None, actor="F"):
        self._need({"assigned"}, "start")
        self.state = "in_progress"
        self._emit(d, actor, "start", [("note", note)])

    def report(self, d, progress=None, note=None, actor="F"):
        self._need({"assigned", "in_progress", "blocked"}, "report")
        if progress is None and note is None:
            raise PlanError(self.id + ": empty report")
        if progress is not None:
            self.progress = progress
        if self.state == "assigned":
            self.state = "in_progress"
        self._emit(d, actor, "report", [("progress", None if progress is None else str(progress)), ("note", note)])

    def block(self, d, note, actor="F"):
        self._need({"assigned", "in_progress"}, "block")
        self.state = "blocked"
        self._emit(d, actor, "block", [("note", note)])

    def unblock(self, d, note=None, actor="S"):
        self._need({"blocked"}, "unblock")
        self.state = "in_progress"
        self._emit(d, actor, "unblock", [("note", note)])

    def submit(self, d, note=None, actor="F"):
        self._need({"in_progress"}, "submit")
        self.state = "submitted"
        self._emit(d, actor, "submit", [("note", note)])

    def accept(self, d, note=None, actor="S"):
        self._need({"submitted"}, "accept")
        if self.kind in LEGAL:
            raise PlanError(self.id + ": a legal document is not accepted")
        self.state = "done"
        self._emit(d, actor, "accept", [("note", note)])
        self.closed = self.last.date()

    def ret(self, d, note, actor="S"):
        self._need({"submitted"}, "return")
        self.state = "in_progress"
        self._emit(d, actor, "return", [("note", note)])

    def extend(self, d, due, reason, actor="S"):
        self._need(OPEN, "extend")
        if due == self.due:
            raise PlanError(self.id + ": extend to the same date")
        self.due = due
        self._emit(d, actor, "extend", [("due", ds(due)), ("reason", reason)])

    def reassign(self, d, lead, owner=None, reason=None, actor="S"):
        self._need(OPEN, "reassign")
        if list(lead) == self.leads:
            raise PlanError(self.id + ": reassign to the same lead")
        self.leads = list(lead)
        if owner:
            self.owner = owner
        self._emit(d, actor, "reassign", [("lead", ",".join(lead)), ("owner", owner), ("reason", reason)])

    def cancel(self, d, reason, actor="S"):
        self._need(OPEN, "cancel")
        self.state = "cancelled"
        self._emit(d, actor, "cancel", [("reason", reason)])
        self.closed = self.last.date()

    def stage_to(self, d, stage, ref=None, note=None, actor=None):
        self._need(OPEN, "stage")
        if self.kind not in LEGAL:
            raise PlanError(self.id + ": stage on a " + self.kind)
        if self.stage is not None and STAGES.index(stage) <= STAGES.index(self.stage):
            raise PlanError("%s: stage %s after %s" % (self.id, stage, self.stage))
        self.stage = stage
        if stage == "issued":
            self.state = "done"
            actor = actor or "S"
        elif self.state == "assigned":
            self.state = "in_progress"
        self._emit(d, actor or "F", "stage", [("stage", stage), ("ref", ref), ("note", note)])
        if stage == "issued":
            self.closed = self.last.date()

    def amend(self, d, actor="S", **fields):
        if self.state == "cancelled":
            return  # nothing more to record
        if "due" in fields:
            if self.due is not None:
                raise PlanError(self.id + ": amend due on a task that has one")
            self.due = fields["due"]
            fields["due"] = ds(fields["due"])
        if "lead" in fields:
            if self.leads:
                raise PlanError(self.id + ": amend lead on a task that has one")
            self.leads = list(fields["lead"])
            fields["lead"] = ",".join(fields["lead"])
        if "title" in fields:
            self.title = fields["title"]
        if "owner" in fields:
            self.owner = fields["owner"]
        if "product" in fields:
            self.product = fields["product"]
        order = ["kind", "title", "lead", "support", "owner", "due", "product", "source", "authority", "note"]
        self._emit(d, actor, "amend", [(k, fields[k]) for k in order if k in fields])

    # automatic progress reports ------------------------------------------------------------
    def auto_report(self, d):
        if self.state == "blocked":
            self.report(d, note=self.rng.choice(BLOCKED_REPORTS))
            return
        if self.kind in LEGAL:
            base = {None: 5, "drafting": 10, "consultation": 30, "appraisal": 50, "submitted": 75}[self.stage]
            p = max(base, (self.progress or 0) + self.rng.randrange(5, 15, 5))
            p = min(p, max(base + 20, self.progress or 0))
            notes = LEGAL_NOTES[self.stage or "drafting"]
            if self.stage == "submitted":
                notes = SUBMITTED_NOTES.get(self.kind, notes)
            self.report(d, progress=p, note=self.rng.choice(notes))
            return
        p = self.progress or 0
        p = min(95, p + self.rng.randrange(5, 25, 5))
        choices = [n for (lo, n) in self.note_pool if p - 35 <= lo <= p] or [self.note_pool[0][1]]
        note = self.rng.choice(choices).replace("{owner}", self.owner or "đơn vị chuyên môn")
        if self.rng.random() < 0.15:
            self.report(d, progress=p)
        else:
            self.report(d, progress=p, note=note)


def life(t, steps, gap=(14, 35), until=YEAR_END, quiet=False):
    """Replays `steps` [(date, verb, {kwargs})] in date order on task t, with progress reports
    in the quiet stretches while the work is under way. Steps past the year are dropped."""
    steps = sorted(steps, key=lambda s: s[0] if isinstance(s[0], dt.date) and not isinstance(s[0], dt.datetime) else s[0].date())
    cur = t.last.date()
    for when, verb, kw in steps + [(until + ONE, None, None)]:
        day = when.date() if isinstance(when, dt.datetime) else when
        if not quiet:
            nxt = weekday(cur + days(t.rng.randint(*gap)))
            while t.state in ("in_progress", "blocked") and nxt < day and nxt <= until:
                t.auto_report(nxt)
                nxt = weekday(nxt + days(t.rng.randint(*gap)))
        if verb is None or day > YEAR_END:
            break
        if verb == "submit" and not quiet and t.state == "in_progress" and (t.progress or 0) < 80:
            t.report(when, progress=t.rng.choice([90, 95, 100]), note=t.rng.choice(
                [n for lo, n in t.note_pool if lo >= 55] or [n for lo, n in t.note_pool]).replace(
                "{owner}", t.owner or "đơn vị chuyên môn"))
        if verb == "amend":
            t.amend(when, **kw)
        elif verb == "extend" and (t.due is None or t.due == kw["due"]):
            pass  # the task had no deadline to move (a clarity failure), or it already is that date
        else:
            getattr(t, verb)(when, **kw)
        cur = day


# --------------------------------------------------------------------------------------------
# Standard lifecycles.

def sloppy(t_args, agency, rng, kinds=("owner", "due", "product", "title"), short_title=None, force=None):
    """Maybe drop a clarity point from the assignment's fields; returns the point dropped."""
    p = SLOPPY.get(agency, 0.17)
    if force is None and rng.random() >= p:
        return None
    weights = {"owner": 45, "due": 15, "product": 22, "title": 18}
    pool = [k for k in kinds if k != "title" or short_title]
    point = force or rng.choices(pool, [weights[k] for k in pool])[0]
    if point == "title":
        t_args["title"] = short_title
    else:
        t_args[point] = None
    return point


def fix_steps(t, point, full, when):
    """An amend that fills in the clarity point dropped at assignment."""
    if point is None or when is None:
        return []
    value = full[point]
    note = t.rng.choice(["Bổ sung theo Thông báo 56/TB-VPCP", "Bổ sung theo yêu cầu \"5 rõ\"", None, None])
    return [(when, "amend", {point: value, "note": note})]


def flow_done(t, start, close, *, rng, submit=None, returns=0, block=None, extend=None, accept_note=None, gap=(12, 30),
              extra=()):
    """A non-legal task: start → work → submit → (return → resubmit)* → accept on `close`."""
    steps = [] if block and block[0] <= start else [(start, "start", {})]
    steps += list(extra)
    cday = close.date() if isinstance(close, dt.datetime) else close
    sub = submit or cday - days(rng.randint(1, 4))
    if sub <= start:
        sub = start + ONE
    if block and block[1] and sub <= block[1]:
        sub = block[1] + ONE
    if cday <= sub:
        close = cday = sub + ONE
    if block and returns and sub - days(9 * returns + 2) <= block[1]:
        returns = 0
    if block:
        b, u, note = block
        steps.append((b, "block", {"note": note}))
        if u:
            steps.append((u, "unblock", {"note": rng.choice(UNBLOCKS)}))
    if extend:
        steps.append((extend[0], "extend", {"due": extend[1], "reason": extend[2]}))
    for i in range(returns):
        first = sub - days(rng.randint(9, 16) * (returns - i))
        if first <= start:
            first = start + ONE
        steps.append((first, "submit", {}))
        steps.append((first + days(rng.randint(2, 4)), "ret", {"note": rng.choice(RETURNS)}))
    steps.append((sub, "submit", {}))
    steps.append((close, "accept", {"note": accept_note or (rng.choice(ACCEPTS) if rng.random() < 0.5 else None)}))
    life(t, steps, gap=gap)


def flow_open(t, start, *, rng, block=None, extend=None, submit=None, gap=(14, 35), quiet_from=None, extra=()):
    """A non-legal task still open at the end of 2025 (maybe submitted, maybe blocked)."""
    steps = [] if block and block[0] <= start else [(start, "start", {})]
    steps += list(extra)
    if block:
        b, u, note = block
        steps.append((b, "block", {"note": note}))
        if u:
            steps.append((u, "unblock", {"note": rng.choice(UNBLOCKS)}))
    if extend:
        steps.append((extend[0], "extend", {"due": extend[1], "reason": extend[2]}))
    if submit:
        steps.append((submit, "submit", {}))
    life(t, steps, gap=gap, until=quiet_from or YEAR_END)


def flow_legal(t, stages, *, rng, block=None, extends=(), gap=(14, 30), extra=(), until=YEAR_END):
    """A legal document moving through `stages` [(date, stage, ref)]; issued closes it."""
    steps = list(extra)
    for d, s, ref in stages:
        note = None
        if s == "issued":
            note = rng.choice(["Đã ban hành", "Đã ký ban hành", None])
        steps.append((d, "stage_to", {"stage": s, "ref": ref, "note": note}))
    if block:
        b, u, note = block
        steps.append((b, "block", {"note": note}))
        if u:
            steps.append((u, "unblock", {"note": rng.choice(UNBLOCKS)}))
    for d, due, reason in extends:
        steps.append((d, "extend", {"due": due, "reason": reason}))
    life(t, steps, gap=gap, until=until)


# --------------------------------------------------------------------------------------------
# The programme.

def declarations():
    t0 = dt.datetime(2025, 1, 2, 8, 0)
    emit(t0, "vpcp", "config", "ledger", [("tz", "+07:00")])
    for aid, kind, vi, en in CENTRAL:
        emit(t0, "vpcp", "agency", aid, [("kind", kind), ("name", vi), ("en", en)])
    t1 = dt.datetime(2025, 1, 2, 8, 10)
    for gso, pid, kind, vi in PROVINCES:
        emit(t1, "vpcp", "agency", pid, [("kind", kind), ("name", vi), ("gso", gso)])
    t2 = dt.datetime(2025, 1, 2, 8, 30)
    for login, role, agency, name in MEMBERS:
        emit(t2, "vpcp", "member", login, [("role", role), ("agency", agency), ("name", name)])


def merger_events():
    t = MERGE_AT
    for a, into in MERGERS:
        emit(t, "vpcp", "agency", a, [("into", into)])
    emit(t + dt.timedelta(minutes=5), "vpcp", "member", "vinh", [("role", "none"), ("agency", "hagiang"),
                                                                 ("name", "Hoàng Văn Vinh")])
    emit(t + dt.timedelta(minutes=10), "vpcp", "agency", "hochiminh", [("en", "Ho Chi Minh City")])
    emit(t + dt.timedelta(minutes=10), "vpcp", "agency", "danang", [("en", "Da Nang City")])
    emit(t + dt.timedelta(minutes=10), "vpcp", "agency", "haiphong", [("en", "Hai Phong City")])
    # A renamed English name (the ministry's own usage).
    emit(dt.datetime(2025, 3, 3, 9, 0), "vpcp", "agency", "BDTTG", [("en", "Ministry of Ethnic Minorities and Religions")])


KH57_TITLE = "Ban hành Kế hoạch hành động thực hiện Chương trình hành động của Chính phủ về Nghị quyết 57"
KH57P_TITLE = "Ban hành Kế hoạch hành động của tỉnh, thành phố thực hiện Nghị quyết 57"


def kh57_central():
    due = D("2025-02-28")
    by_mid_march = ["BKHCN", "BCA", "BQP", "BTC", "BTP", "BNV", "BCT", "BNNMT", "BGDDT", "BYT", "NHNN", "VPCP",
                    "BXD", "BNG"]
    on_time = set(by_mid_march[:9])
    late_days = {  # the eight that were late at the meeting of 16-18 March: close date
        "BVHTTDL": D("2025-03-24"), "BDTTG": D("2025-04-14"), "TTCP": D("2025-03-21"), "VTV": D("2025-03-27"),
        "VOV": D("2025-04-23"), "TTXVN": D("2025-06-18"), "VHLKHXH": D("2025-05-08"), "VHLKHCN": D("2025-03-31"),
    }
    for i, aid in enumerate(CENTRAL_IDS):
        rng = random.Random("%d:kh57:%s" % (SEED, aid))
        full = dict(title=KH57_TITLE, owner=owner_for(aid, rng), due=due, product="Kế hoạch hành động")
        args = dict(full)
        point = sloppy(args, aid, rng, short_title="KH57")
        t = Task("KH57-" + aid, dt.datetime(2025, 1, 13, 9, 0) + dt.timedelta(minutes=i), kind="plan",
                 title=args["title"], lead=[aid], support=None if aid == "BKHCN" else ["BKHCN"], owner=args["owner"],
                 due=args["due"], product=args["product"], source="NQ 03/NQ-CP")
        fix_when = weekday(D("2025-02-14") + days(rng.randint(0, 10))) if point and rng.random() < 0.6 else None
        extra = fix_steps(t, point, full, fix_when)
        start = weekday(D("2025-01-14") + days(rng.randint(1, 12)))
        if aid in on_time:
            close = weekday(D("2025-02-10") + days(rng.randint(0, 17)))
            if close > due:
                close = D("2025-02-27")
        elif aid in by_mid_march:
            close = weekday(D("2025-03-03") + days(rng.randint(0, 10)))
        else:
            close = late_days[aid]
        kw = {}
        if aid == "BKHCN":
            kw["accept_note"] = ("Đạt yêu cầu.\nĐề nghị gửi bản điện tử về Văn phòng Chính phủ "
                                 "để tổng hợp, báo cáo Ban Chỉ đạo")
        if aid in ("BCT", "TTXVN"):
            kw["returns"] = 1 if aid == "BCT" else 2
        if aid == "BDTTG":
            kw["block"] = (D("2025-03-04"), D("2025-03-26"),
                           "Vướng mắc: Bộ mới thành lập từ 01/3/2025, chưa kiện toàn đơn vị đầu mối")
        if aid == "VHLKHCN":
            kw["extend"] = (D("2025-02-26"), D("2025-03-31"), "Chờ ý kiến của Hội đồng Viện, đã được Phó Thủ tướng đồng ý")
        if aid == "TTXVN":
            kw["block"] = (D("2025-04-02"), D("2025-04-28"), rng.choice(BLOCKS))
        flow_done(t, start, close, rng=rng, extra=extra, **kw)


def kh57_provinces():
    due = D("2025-02-28")
    late = {"hagiang": None, "laichau": D("2025-04-16"), "kontum": D("2025-03-28"), "haiduong": D("2025-07-10"),
            "baclieu": D("2025-04-03"), "daknong": D("2025-05-12"), "bentre": D("2025-03-24"),
            "caobang": D("2025-04-09"), "ninhthuan": D("2025-03-20")}
    rest = [p for p in PROVINCE_IDS if p not in late]
    rng0 = random.Random("%d:kh57p" % SEED)
    early_march = set(rng0.sample(rest, 14))
    for i, pid in enumerate(PROVINCE_IDS):
        rng = random.Random("%d:kh57:%s" % (SEED, pid))
        full = dict(title=KH57P_TITLE, owner=owner_for(pid, rng, "khcn"), due=due, product="Kế hoạch hành động")
        args = dict(full)
        point = sloppy(args, pid, rng, short_title="KH57")
        t = Task("KH57-" + pid, dt.datetime(2025, 1, 13, 10, 0) + dt.timedelta(minutes=i // 2), kind="plan",
                 title=args["title"], lead=[pid], support=["BKHCN"], owner=args["owner"], due=args["due"],
                 product=args["product"], source="NQ 03/NQ-CP")
        fix_when = weekday(D("2025-02-14") + days(rng.randint(0, 14))) if point and rng.random() < 0.5 else None
        extra = fix_steps(t, point, full, fix_when)
        start = weekday(D("2025-01-14") + days(rng.randint(1, 15)))
        if pid == "hagiang":
            extra.append((D("2025-03-10"), "block", {"note": "Vướng mắc: chờ chủ trương sắp xếp đơn vị hành chính cấp tỉnh"}))
            extra.append((MERGE_AT + dt.timedelta(minutes=90), "cancel",
                          {"reason": "Tỉnh Hà Giang hợp nhất vào tỉnh Tuyên Quang theo " + MERGE_REF +
                           "; kế hoạch do tỉnh Tuyên Quang (mới) ban hành"}))
            life(t, [(start, "start", {})] + extra, gap=(15, 30))
            continue
        if pid in late:
            close = late[pid]
        elif pid in early_march:
            close = weekday(D("2025-03-03") + days(rng.randint(0, 11)))
        else:
            close = weekday(D("2025-02-05") + days(rng.randint(0, 22)))
            if close > due:
                close = D("2025-02-27")
        kw = {}
        if pid == "haiduong":
            kw["submit"] = D("2025-07-08")
            kw["accept_note"] = ("Kế hoạch của thành phố Hải Phòng sau hợp nhất đã bao gồm địa bàn tỉnh Hải Dương cũ")
            kw["block"] = (D("2025-03-12"), D("2025-06-20"), "Vướng mắc: chờ chủ trương hợp nhất với thành phố Hải Phòng")
        elif pid in ("laichau", "daknong"):
            kw["returns"] = 1
        elif pid == "caobang":
            kw["block"] = (D("2025-03-05"), D("2025-03-25"), rng.choice(BLOCKS))
        elif rng.random() < 0.08:
            kw["returns"] = 1
        flow_done(t, start, close, rng=rng, extra=extra, gap=(10, 25), **kw)


def bcd_provinces():
    """Provincial steering committees: a provincial decision each, due 31 March."""
    due = D("2025-03-31")
    late = {"laichau": D("2025-04-22"), "kontum": D("2025-04-08"), "baclieu": D("2025-04-15"),
            "daknong": D("2025-04-25"), "hagiang": D("2025-04-10"), "soctrang": D("2025-04-03")}
    for i, pid in enumerate(PROVINCE_IDS):
        rng = random.Random("%d:bcd:%s" % (SEED, pid))
        unit = "tỉnh" if PROVINCE_KIND[pid] == "province" else "thành phố"
        full = dict(title="Thành lập Ban Chỉ đạo cấp tỉnh về KHCN, ĐMST, CĐS và Đề án 06",
                    owner=owner_for(pid, rng, "noivu"), due=due, product="Quyết định thành lập")
        args = dict(full)
        point = sloppy(args, pid, rng, short_title="BCĐ")
        t = Task("BCD-" + pid, dt.datetime(2025, 3, 19, 14, 0) + dt.timedelta(minutes=i // 3), kind="decision",
                 title=args["title"], lead=[pid], support=["BNV"], owner=args["owner"], due=args["due"],
                 product=args["product"], source="Kết luận phiên họp thứ nhất Ban Chỉ đạo (18/3/2025)")
        extra = fix_steps(t, point, full, weekday(D("2025-03-24") + days(rng.randint(0, 20))) if point and rng.random() < 0.5 else None)
        ref = "%d/QĐ-UBND" % rng.randint(280, 980)
        if pid in late:
            issued = late[pid]
        else:
            issued = weekday(D("2025-03-24") + days(rng.randint(0, 7)))
            if issued > due:
                issued = D("2025-03-31")
        stages = []
        sub = max(D("2025-03-21"), issued - days(rng.randint(1, 3)))
        if rng.random() < 0.5 or pid in late:
            stages.append((D("2025-03-20"), "drafting", None))
        stages.append((sub, "submitted", None))
        stages.append((issued, "issued", ref))
        ext = ()
        if pid == "soctrang":
            ext = [(D("2025-03-28"), D("2025-04-05"), "Chờ kiện toàn lãnh đạo UBND " + unit)]
        block = None
        if pid == "daknong":
            block = (D("2025-03-27"), D("2025-04-18"), "Vướng mắc: chờ hướng dẫn của Bộ Nội vụ về thành phần Ban Chỉ đạo")
        flow_legal(t, stages, rng=rng, extends=ext, block=block, extra=extra, gap=(7, 14))


def tthc_central():
    due = D("2025-12-31")
    for i, aid in enumerate(CENTRAL_IDS):
        rng = random.Random("%d:tthc:%s" % (SEED, aid))
        full = dict(title="Cắt giảm thời gian giải quyết thủ tục hành chính, chi phí tuân thủ", owner=owner_for(aid, rng),
                    due=due, product="Phương án cắt giảm")
        args = dict(full)
        point = sloppy(args, aid, rng, short_title="TTHC")
        t = Task("TTHC-" + aid, dt.datetime(2025, 3, 21, 9, 0) + dt.timedelta(minutes=i), kind="task",
                 title=args["title"], lead=[aid], support=None if aid == "VPCP" else ["VPCP"], owner=args["owner"],
                 due=args["due"], product=args["product"], source="Kết luận phiên họp thứ nhất Ban Chỉ đạo (18/3/2025)")
        extra = fix_steps(t, point, full, weekday(D("2025-04-10") + days(rng.randint(0, 40))) if point and rng.random() < 0.5 else None)
        start = weekday(D("2025-03-26") + days(rng.randint(0, 30)))
        block = None
        if rng.random() < 0.3:
            b = weekday(D("2025-05-01") + days(rng.randint(0, 150)))
            block = (b, weekday(b + days(rng.randint(12, 40))), rng.choice(BLOCKS))
        r = rng.random()
        if r < 0.45:
            close = weekday(D("2025-11-20") + days(rng.randint(0, 38)))
            if close > D("2025-12-31"):
                close = D("2025-12-30")
            if block and block[1] >= close - days(6):
                block = None
            flow_done(t, start, close, rng=rng, block=block, extra=extra, gap=(25, 50))
        elif r < 0.6:
            sub = weekday(D("2025-12-01") + days(rng.randint(0, 25)))
            if block and block[1] >= sub:
                block = None
            flow_open(t, start, rng=rng, block=block, submit=sub, extra=extra, gap=(25, 50))
        else:
            flow_open(t, start, rng=rng, block=block, extra=extra, gap=(25, 50))


def dvc_provinces():
    """Online public services, assigned after the merger to the provinces that remain."""
    due = D("2025-12-31")
    n = 0
    for pid in PROVINCE_IDS:
        if pid in MERGED:
            continue
        rng = random.Random("%d:dvc:%s" % (SEED, pid))
        full = dict(title="Cung cấp dịch vụ công trực tuyến toàn trình, đạt tối thiểu 80% hồ sơ",
                    owner=owner_for(pid, rng, "vp"), due=due, product="Tỷ lệ hồ sơ trực tuyến toàn trình")
        args = dict(full)
        point = sloppy(args, pid, rng, short_title="DVCTT")
        t = Task("DVC-" + pid, dt.datetime(2025, 7, 15, 9, 0) + dt.timedelta(minutes=n // 4), kind="task",
                 title=args["title"], lead=[pid], support=["VPCP"], owner=args["owner"], due=args["due"],
                 product=args["product"], source="Chỉ thị 33/CT-TTg")
        n += 1
        extra = fix_steps(t, point, full, weekday(D("2025-08-01") + days(rng.randint(0, 40))) if point and rng.random() < 0.4 else None)
        rate = rng.randint(28, 55)
        cur = weekday(D("2025-07-21") + days(rng.randint(0, 20)))
        steps = [(cur, "start", {"note": "Tỷ lệ hồ sơ trực tuyến toàn trình hiện đạt %d%%" % rate})]
        target = rng.random()
        blocked = rng.random() < 0.2
        b_from = weekday(D("2025-09-01") + days(rng.randint(0, 45))) if blocked else None
        b_to = weekday(b_from + days(rng.randint(14, 40))) if blocked else None
        if blocked:
            target = 1.0
        while True:
            cur = weekday(cur + days(rng.randint(20, 40)))
            if cur > D("2025-12-26"):
                break
            if blocked and b_from <= cur <= b_to:
                continue
            rate = min(96, rate + rng.randint(3, 12))
            steps.append((cur, "report", {"progress": min(100, round(rate * 100 / 80)),
                                          "note": "Tỷ lệ hồ sơ trực tuyến toàn trình đạt %d%%" % rate}))
            if rate >= 80 and target < 0.5:
                break
        if blocked:
            steps.append((b_from, "block", {"note": "Vướng mắc: hệ thống thông tin giải quyết thủ tục hành chính "
                                                    "chưa đồng bộ sau sắp xếp đơn vị hành chính cấp xã"}))
            steps.append((b_to, "unblock", {"note": rng.choice(UNBLOCKS)}))
        if rate >= 80 and target < 0.5 and cur < D("2025-12-20"):
            sub = weekday(cur + days(rng.randint(1, 6)))
            steps.append((sub, "submit", {"note": "Đã đạt chỉ tiêu %d%% hồ sơ trực tuyến toàn trình" % rate}))
            acc = weekday(sub + days(rng.randint(2, 8)))
            if acc <= YEAR_END:
                steps.append((acc, "accept", {}))
        steps = [s for s in steps if s[0] <= YEAR_END]
        steps.sort(key=lambda s: s[0])
        # the reports must not fall inside the blocked stretch out of order: life() sorts them
        life(t, steps + extra, quiet=True)


def specific():
    """The named programme tasks of tasks.tsv, and Project 06."""
    r = lambda tid: random.Random("%d:spec:%s" % (SEED, tid))

    # -- carried over from 2024 ----------------------------------------------------------------
    t = Task("ND-45-SD", dt.datetime(2025, 1, 3, 9, 0), kind="decree",
             title="Nghị định sửa đổi, bổ sung Nghị định 45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử",
             lead=["VPCP"], support=["BCA", "BKHCN", "BTP"], owner="Cục Kiểm soát thủ tục hành chính", due=D("2024-12-31"),
             product="Nghị định", source="Nhiệm vụ chuyển tiếp năm 2024", authority="Chính phủ")
    flow_legal(t, [(D("2025-01-03"), "consultation", None), (D("2025-02-12"), "appraisal", None),
                   (D("2025-03-14"), "submitted", None), (D("2025-04-18"), "issued", None)], rng=r(t.id))

    t = Task("CDS-CONG-DVC", dt.datetime(2025, 1, 3, 9, 20), kind="system",
             title="Hoàn thành kết nối hệ thống thông tin giải quyết thủ tục hành chính cấp bộ với Cổng Dịch vụ công quốc gia",
             lead=["BTC"], support=["VPCP"], owner="Cục Tin học và Thống kê tài chính", due=D("2024-12-15"),
             product="Hệ thống được kết nối", source="Nhiệm vụ chuyển tiếp năm 2024")
    flow_done(t, D("2025-01-03"), D("2025-02-19"), rng=r(t.id),
              block=(D("2025-01-03"), D("2025-01-27"), "Vướng mắc: chưa thống nhất chuẩn dữ liệu đồng bộ hồ sơ giữa "
                                                        "hệ thống của Bộ và Cổng Dịch vụ công quốc gia"))

    # -- Resolution 03/NQ-CP, 9 January ---------------------------------------------------------
    src03 = "NQ 03/NQ-CP"
    t = Task("ND-TAISAN", dt.datetime(2025, 1, 10, 8, 30), kind="decree",
             title="Nghị định sửa đổi quy định quản lý, sử dụng tài sản hình thành từ nhiệm vụ KHCN sử dụng vốn nhà nước",
             lead=["BTC"], support=["BKHCN"], owner="Vụ Tài chính hành chính sự nghiệp", due=D("2025-01-31"),
             product="Nghị định", source=src03, authority="Chính phủ")
    flow_legal(t, [(D("2025-01-14"), "drafting", None), (D("2025-01-27"), "consultation", None),
                   (D("2025-02-24"), "appraisal", None), (D("2025-03-20"), "submitted", None),
                   (D("2025-04-29"), "issued", None)], rng=r(t.id))

    t = Task("TT-CDS-CHI", dt.datetime(2025, 1, 10, 8, 40), kind="circular",
             title="Thông tư hướng dẫn nội dung, mức chi sự nghiệp cho chuyển đổi số",
             lead=["BTC"], owner="Vụ Ngân sách nhà nước", due=D("2025-01-20"), product="Thông tư", source=src03,
             authority="Bộ trưởng Bộ Tài chính")
    flow_legal(t, [(D("2025-01-13"), "drafting", None), (D("2025-02-03"), "consultation", None),
                   (D("2025-02-25"), "issued", None)], rng=r(t.id))

    t = Task("ND-KHOANCHI", dt.datetime(2025, 1, 10, 8, 50), kind="decree",
             title="Nghị định về cơ chế khoán chi đến sản phẩm cuối cùng đối với nhiệm vụ KHCN",
             lead=["BKHCN"], support=["BTC"], owner="Vụ Pháp chế", due=D("2025-02-15"), product="Nghị định", source=src03,
             authority="Chính phủ")
    flow_legal(t, [(D("2025-01-13"), "drafting", None), (D("2025-01-24"), "consultation", None),
                   (D("2025-02-20"), "appraisal", None), (D("2025-03-17"), "submitted", None),
                   (D("2025-03-28"), "issued", None)], rng=r(t.id),
               extends=[(D("2025-02-14"), D("2025-03-15"), "Chờ ý kiến thẩm định của Bộ Tư pháp")])

    t = Task("QD-CNCL", dt.datetime(2025, 1, 10, 9, 0), kind="decision",
             title="Quyết định ban hành Danh mục công nghệ chiến lược và sản phẩm công nghệ chiến lược",
             lead=["BKHCN"], support=["BQP", "BCA", "BCT"], owner="Vụ Khoa học kỹ thuật và công nghệ", due=D("2025-03-31"),
             product="Quyết định của Thủ tướng", source=src03, authority="Thủ tướng Chính phủ")
    flow_legal(t, [(D("2025-01-20"), "drafting", None), (D("2025-03-05"), "consultation", None),
                   (D("2025-04-14"), "appraisal", None), (D("2025-05-20"), "submitted", None),
                   (D("2025-06-12"), "issued", None)], rng=r(t.id),
               block=(D("2025-04-21"), D("2025-05-09"),
                      "Vướng mắc: các bộ chưa thống nhất tiêu chí xác định công nghệ chiến lược"))

    laws = [  # id, title, support, submitted, passed, ref, extended?
        ("LUAT-KHCNDMST", "Trình Luật Khoa học, Công nghệ và Đổi mới sáng tạo", ["BTP", "BTC"], D("2025-05-05"),
         dt.datetime(2025, 6, 27, 10, 0), "93/2025/QH15", False),
        ("LUAT-CNCNS", "Trình Luật Công nghiệp công nghệ số", ["BTP"], D("2025-04-28"),
         dt.datetime(2025, 6, 14, 10, 0), None, True),
        ("LUAT-NLNT", "Trình Luật Năng lượng nguyên tử (sửa đổi)", ["BTP", "BCT"], D("2025-05-06"),
         dt.datetime(2025, 6, 27, 10, 30), "94/2025/QH15", False),
        ("LUAT-TCQCKT", "Trình Luật Tiêu chuẩn và Quy chuẩn kỹ thuật (sửa đổi)", ["BTP"], D("2025-04-29"),
         dt.datetime(2025, 6, 14, 10, 30), "70/2025/QH15", True),
        ("LUAT-CLSPHH", "Trình Luật Chất lượng sản phẩm, hàng hóa (sửa đổi)", ["BTP", "BCT"], D("2025-05-07"),
         dt.datetime(2025, 6, 18, 10, 0), "78/2025/QH15", False),
    ]
    for i, (tid, title, sup, submitted, passed, ref, ext) in enumerate(laws):
        rng = r(tid)
        t = Task(tid, dt.datetime(2025, 1, 10, 9, 10 + i), kind="law", title=title, lead=["BKHCN"], support=sup,
                 owner="Vụ Pháp chế", due=D("2025-05-31"), product="Dự án Luật", source=src03, authority="Quốc hội")
        stages = [(weekday(D("2025-01-15") + days(i)), "drafting", None),
                  (weekday(D("2025-02-24") + days(3 * i)), "consultation", None),
                  (weekday(D("2025-03-24") + days(4 * i)), "appraisal", None),
                  (submitted, "submitted", None),
                  (passed, "issued", ref)]
        exts = [(D("2025-05-26"), D("2025-06-30"), "Quốc hội xem xét, thông qua tại Kỳ họp thứ 9")] if ext else []
        extra = []
        if tid == "LUAT-KHCNDMST":
            extra.append((D("2025-03-12"), "report", {"progress": 45, "note": "Bộ Tư pháp có ý kiến: \"cần làm rõ cơ chế "
                                                      "chấp nhận rủi ro, thẩm quyền, trình tự\"; đang tiếp thu"}))
        flow_legal(t, stages, rng=rng, extends=exts, extra=extra, gap=(20, 35))

    t = Task("NS-3PT", dt.datetime(2025, 1, 10, 14, 0), kind="task",
             title="Bố trí tối thiểu 3% tổng chi ngân sách cho KHCN, ĐMST và CĐS", lead=["BTC"], support=PROVINCE_IDS,
             owner="Vụ Ngân sách nhà nước", due=D("2025-12-31"), product="Dự toán ngân sách", source="Nghị quyết 57-NQ/TW")
    rng = r(t.id)
    flow_done(t, D("2025-01-15"), D("2025-12-26"), rng=rng, submit=D("2025-12-15"),
              block=(D("2025-02-20"), D("2025-04-10"), "Vướng mắc: dự toán năm 2025 đã giao trước khi có Nghị quyết 57, "
                                                        "cần Quốc hội cho phép điều chỉnh"), gap=(25, 45))

    # -- Project 06 ------------------------------------------------------------------------------
    src06 = "Quyết định 06/QĐ-TTg"
    t = Task("DA06-BC2024", dt.datetime(2025, 1, 6, 9, 0), kind="report",
             title="Báo cáo sơ kết 3 năm thực hiện Đề án 06", lead=["BCA"], support=["VPCP"],
             owner="Cục Cảnh sát quản lý hành chính về trật tự xã hội", due=D("2025-01-20"), product="Báo cáo sơ kết",
             source=src06)
    flow_done(t, D("2025-01-07"), D("2025-01-27"), rng=r(t.id), submit=D("2025-01-24"), gap=(5, 9))

    t = Task("VNEID-GPLX", dt.datetime(2025, 1, 10, 15, 0), kind="system", title="Tích hợp giấy phép lái xe vào VNeID",
             lead=["BCA"], support=["BXD"], owner="Cục Cảnh sát giao thông", due=D("2025-06-30"),
             product="Chức năng trên VNeID", source=src06)
    flow_done(t, D("2025-01-16"), D("2025-06-25"), rng=r(t.id), gap=(20, 35),
              extra=[(D("2025-03-14"), "report", {"progress": 70, "note": "Đã tích hợp 14,2 triệu giấy phép lái xe vào VNeID"})])

    p06 = [  # id, title, lead, support, owner, due, product, outcome
        ("DA06-CCCD", "Cấp căn cước gắn chip cho công dân đủ điều kiện", "BCA", ["BNV"],
         "Cục Cảnh sát quản lý hành chính về trật tự xã hội", D("2025-06-30"), "Thẻ căn cước gắn chip", "done"),
        ("DA06-VNEID", "Kích hoạt tài khoản định danh điện tử mức 2 cho người dân", "BCA", None,
         "Trung tâm dữ liệu quốc gia", D("2025-09-30"), "Tài khoản VNeID được kích hoạt", "late"),
        ("DA06-CKS", "Cấp chứng thư chữ ký số cá nhân cho người dân", "BKHCN", ["BCA"],
         "Cục Chuyển đổi số quốc gia", D("2025-10-31"), "Chứng thư chữ ký số", "done"),
        ("DA06-YTE", "Liên thông giấy khám sức khỏe lái xe, sổ sức khỏe điện tử trên VNeID", "BYT", ["BCA"],
         "Cục Khoa học công nghệ và Đào tạo", D("2025-04-30"), "Dữ liệu liên thông", "late"),
        ("DA06-THUE", "Xác thực thông tin người nộp thuế với Cơ sở dữ liệu quốc gia về dân cư", "BTC", ["BCA"],
         None, D("2025-05-15"), "Dữ liệu người nộp thuế được làm sạch", "done"),
        ("DA06-NHNN", "Đối chiếu sinh trắc học tài khoản thanh toán với căn cước gắn chip", "NHNN", ["BCA"],
         "Vụ Thanh toán", D("2025-03-31"), "Tài khoản được đối chiếu", "done"),
        ("DA06-HOTICH", "Số hóa dữ liệu hộ tịch, kết nối với Cơ sở dữ liệu quốc gia về dân cư", "BTP", ["BCA"],
         "Cục Hộ tịch, quốc tịch, chứng thực", D("2025-07-31"), "Dữ liệu hộ tịch số hóa", "open"),
        ("DA06-ANSINH", "Chi trả an sinh xã hội không dùng tiền mặt qua tài khoản định danh", "BNV", ["NHNN", "BCA"],
         "Vụ Kế hoạch - Tài chính", D("2025-08-15"), "Tỷ lệ chi trả không dùng tiền mặt", "late"),
        ("DA06-GDDT", "Số hóa văn bằng, chứng chỉ, kết nối cơ sở dữ liệu giáo dục với dữ liệu dân cư", "BGDDT", ["BCA"],
         "Cục Khoa học, Công nghệ và Thông tin", D("2025-11-30"), "Cơ sở dữ liệu văn bằng", "open"),
    ]
    for i, (tid, title, lead, sup, own, due, prod, outcome) in enumerate(p06):
        rng = r(tid)
        t = Task(tid, dt.datetime(2025, 1, 10, 15, 10 + i), kind="task", title=title, lead=[lead], support=sup, owner=own,
                 due=due, product=prod, source=src06)
        start = weekday(D("2025-01-15") + days(rng.randint(0, 10)))
        extra = []
        if tid == "DA06-CCCD":
            extra.append((D("2025-03-17"), "report", {"progress": 90, "note": "Đã cấp 87 triệu thẻ căn cước gắn chip"}))
        if tid == "DA06-VNEID":
            extra.append((D("2025-03-17"), "report", {"progress": 60, "note": "55,25 triệu tài khoản VNeID đã kích hoạt"}))
        if tid == "DA06-CKS":
            extra.append((D("2025-03-18"), "report", {"progress": 40, "note": "Đã cấp 15,1 triệu chứng thư chữ ký số, "
                                                      "trung bình thêm khoảng 1,5 triệu mỗi tháng"}))
        if tid == "DA06-THUE":
            extra.append((D("2025-02-12"), "amend", {"owner": "Cục Thuế", "note": "Bổ sung đơn vị chủ trì"}))
        if outcome == "done":
            close = weekday(due - days(rng.randint(2, 20)))
            flow_done(t, start, close, rng=rng, extra=extra, gap=(20, 40))
        elif outcome == "late":
            close = weekday(due + days(rng.randint(8, 40)))
            blk = None
            if tid == "DA06-ANSINH":
                blk = (D("2025-06-10"), D("2025-07-21"), "Vướng mắc: nhiều người hưởng chưa có tài khoản thanh toán "
                                                          "gắn với số định danh")
            flow_done(t, start, close, rng=rng, extra=extra, block=blk, gap=(20, 40))
        else:
            blk = None
            if tid == "DA06-HOTICH":
                blk = (D("2025-04-07"), D("2025-05-26"), "Vướng mắc: kinh phí số hóa sổ hộ tịch chưa được bố trí ở nhiều địa phương")
            flow_open(t, start, rng=rng, block=blk, gap=(25, 45))

    # -- Notice 56 and the set-up of the committee --------------------------------------------
    t = Task("QD-BCD", dt.datetime(2025, 2, 20, 10, 0), kind="decision",
             title="Quyết định thành lập Ban Chỉ đạo của Chính phủ về KHCN, ĐMST, CĐS và Đề án 06", lead=["BNV"],
             support=["VPCP", "BKHCN", "BCA"], owner="Vụ Tổ chức - Biên chế", due=D("2025-03-15"),
             product="Quyết định của Thủ tướng", source="Thông báo 56/TB-VPCP", authority="Thủ tướng Chính phủ")
    flow_legal(t, [(D("2025-02-21"), "drafting", None), (D("2025-03-03"), "submitted", None),
                   (dt.datetime(2025, 3, 13, 17, 0), "issued", "598/QĐ-TTg")], rng=r(t.id))

    t = Task("CSDL-DATDAI", dt.datetime(2025, 2, 14, 9, 0), kind="system", title="Hoàn thành cơ sở dữ liệu đất đai quốc gia",
             lead=["BNNMT"], support=["BCA"], owner="Cục Quản lý đất đai", due=D("2025-12-31"), product="Cơ sở dữ liệu",
             source="Thông báo 56/TB-VPCP")
    flow_open(t, D("2025-02-19"), rng=r(t.id), gap=(20, 35),
              block=(D("2025-06-16"), D("2025-08-20"), "Vướng mắc: dữ liệu đất đai chưa đồng bộ sau sắp xếp đơn vị hành chính cấp xã"),
              submit=D("2025-12-22"))

    t = Task("NQ03-SD", dt.datetime(2025, 2, 24, 9, 0), kind="resolution",
             title="Trình Chính phủ sửa đổi, bổ sung Nghị quyết 03/NQ-CP", lead=["BKHCN"], support=["BTC", "BTP"],
             owner="Vụ Kế hoạch - Tài chính", due=D("2025-03-31"), product="Nghị quyết của Chính phủ",
             source="Kết luận của Thủ tướng", authority="Chính phủ")
    flow_legal(t, [(D("2025-02-26"), "drafting", None), (D("2025-03-10"), "consultation", None),
                   (D("2025-03-25"), "submitted", None), (D("2025-04-01"), "issued", "71/NQ-CP")], rng=r(t.id), gap=(8, 12))

    t = Task("ND-193", dt.datetime(2025, 3, 7, 15, 0), kind="decree",
             title="Nghị định hướng dẫn Nghị quyết 193/2025/QH15 về cơ chế thí điểm đặc biệt", lead=["BKHCN"],
             support=["BTC", "BTP"], owner="Vụ Pháp chế", due=D("2025-03-31"), product="Nghị định",
             source="Chỉ đạo của Thủ tướng ngày 07/3/2025", authority="Chính phủ")
    flow_legal(t, [(D("2025-03-10"), "drafting", None), (D("2025-03-14"), "consultation", None),
                   (D("2025-03-26"), "appraisal", None), (D("2025-04-22"), "submitted", None),
                   (D("2025-05-08"), "issued", None)], rng=r(t.id), gap=(7, 12),
               extends=[(D("2025-03-28"), D("2025-04-15"), "Chờ thẩm định của Bộ Tư pháp")])

    t = Task("BDHVS", dt.datetime(2025, 3, 26, 9, 0), kind="task",
             title="Phổ cập kỹ năng số cho người dân (\"Bình dân học vụ số\")", lead=["BKHCN", "BGDDT"],
             support=["BCA"], owner="Cục Chuyển đổi số quốc gia", due=D("2025-12-31"), product="Phong trào, tài liệu",
             source="Kết luận phiên họp thứ nhất Ban Chỉ đạo (18/3/2025)")
    rng = r(t.id)
    flow_done(t, D("2025-03-27"), D("2025-12-23"), rng=rng, gap=(30, 50), extra=[
        (D("2025-04-08"), "reassign", {"lead": ["BKHCN"], "reason": "Một cơ quan chủ trì; Bộ Giáo dục và Đào tạo phối hợp"}),
        (D("2025-04-09"), "amend", {"support": "BGDDT,BCA"}),
        (D("2025-04-21"), "report", {"progress": 15, "note": "Đã phát động phong trào \"Bình dân học vụ số\" trên toàn quốc"}),
    ])

    # -- Resolution 71/NQ-CP, 1 April ------------------------------------------------------------
    src71 = "NQ 71/NQ-CP"
    t = Task("ND-QUYDTMH", dt.datetime(2025, 4, 2, 9, 0), kind="decree",
             title="Nghị định về quỹ đầu tư mạo hiểm cho khởi nghiệp sáng tạo", lead=["BTC"], support=["BKHCN"],
             owner="Vụ Tài chính các ngân hàng và tổ chức tài chính", due=D("2025-06-30"), product="Nghị định", source=src71,
             authority="Chính phủ")
    flow_legal(t, [(D("2025-04-07"), "drafting", None), (D("2025-05-19"), "consultation", None),
                   (D("2025-09-15"), "appraisal", None), (D("2025-10-28"), "submitted", None)], rng=r(t.id),
               block=(D("2025-07-10"), D("2025-08-25"), "Vướng mắc: chưa có cơ sở pháp lý cho cơ chế chấp nhận rủi ro "
                                                         "khi góp vốn nhà nước vào quỹ đầu tư mạo hiểm"),
               extends=[(D("2025-09-19"), D("2025-10-31"), "Bổ sung cơ chế chấp nhận rủi ro theo ý kiến thẩm định")])

    t = Task("ND-5G", dt.datetime(2025, 4, 2, 9, 10), kind="decree",
             title="Chính sách hỗ trợ tài chính đẩy nhanh triển khai 5G", lead=["BTC"], support=["BKHCN"],
             owner=None, due=D("2025-06-30"), product="Nghị định", source=src71, authority="Chính phủ")
    flow_legal(t, [(D("2025-04-14"), "drafting", None), (D("2025-06-09"), "consultation", None),
                   (D("2025-07-28"), "appraisal", None), (D("2025-10-06"), "submitted", None),
                   (D("2025-10-30"), "issued", None)], rng=r(t.id),
               extra=[(D("2025-04-25"), "amend", {"owner": "Vụ Ngân sách nhà nước"})])

    t = Task("QD-LEO", dt.datetime(2025, 4, 2, 9, 20), kind="decision",
             title="Cấp phép dịch vụ viễn thông vệ tinh quỹ đạo thấp 100% vốn nước ngoài (thí điểm)", lead=["BKHCN"],
             support=["BQP", "BCA"], owner="Cục Viễn thông", due=D("2025-06-30"), product="Quyết định thí điểm", source=src71,
             authority="Thủ tướng Chính phủ")
    flow_legal(t, [(D("2025-04-03"), "drafting", None), (D("2025-04-16"), "consultation", None),
                   (D("2025-04-25"), "submitted", None), (D("2025-05-06"), "issued", None)], rng=r(t.id), gap=(8, 12))

    t = Task("QD-CAPQUANG", dt.datetime(2025, 4, 2, 9, 30), kind="decision",
             title="Chỉ định thầu các gói thầu dự án cáp quang biển quốc tế", lead=["BKHCN"], support=["BTC"],
             owner="Cục Viễn thông", due=D("2025-06-30"), product="Quyết định", source=src71,
             authority="Thủ tướng Chính phủ")
    flow_legal(t, [(D("2025-04-21"), "drafting", None), (D("2025-06-02"), "submitted", None),
                   (D("2025-07-15"), "issued", None)], rng=r(t.id))

    t = Task("ND-BANDAN", dt.datetime(2025, 4, 2, 9, 40), kind="decree",
             title="Cơ chế hỗ trợ 30% vốn đầu tư nhà máy bán dẫn đầu tiên", lead=["BKHCN"], support=["BTC"],
             owner="Cục Công nghiệp công nghệ thông tin", due=D("2025-09-30"), product="Nghị định", source=src71,
             authority="Chính phủ")
    flow_legal(t, [(D("2025-04-22"), "drafting", None), (D("2025-07-14"), "consultation", None),
                   (D("2025-09-08"), "appraisal", None)], rng=r(t.id),
               extends=[(D("2025-09-26"), D("2025-11-15"), "Chờ ý kiến của Bộ Tài chính về nguồn vốn hỗ trợ")],
               block=(D("2025-11-24"), D("2025-12-12"), "Vướng mắc: chưa thống nhất tiêu chí nhà máy bán dẫn đầu tiên"))

    t = Task("HT-CONGCU", dt.datetime(2025, 4, 2, 10, 0), kind="system",
             title="Bộ công cụ theo dõi, đánh giá thực hiện nhiệm vụ Nghị quyết 71", lead=["BKHCN"], support=["VPCP"],
             owner="Cục Chuyển đổi số quốc gia", due=D("2025-05-17"), product="Hệ thống thông tin", source=src71)
    flow_done(t, D("2025-04-03"), dt.datetime(2025, 5, 17, 15, 0), rng=r(t.id), submit=D("2025-05-14"), gap=(10, 15),
              accept_note="Đã khai trương tại phiên họp thứ hai của Ban Chỉ đạo")

    t = Task("LUAT-NSNN", dt.datetime(2025, 4, 2, 10, 10), kind="law",
             title="Sửa đổi Luật Ngân sách nhà nước, Luật Doanh nghiệp, Luật Quản lý thuế để tháo gỡ vướng mắc cho KHCN",
             lead=["BTC", "BTP"], support=["BKHCN"], owner="Vụ Pháp chế", due=D("2025-06-30"), product="Dự án Luật",
             source=src71, authority="Quốc hội")
    flow_legal(t, [(D("2025-04-10"), "drafting", None), (D("2025-05-26"), "consultation", None),
                   (D("2025-09-22"), "appraisal", None), (D("2025-10-20"), "submitted", None),
                   (D("2025-12-11"), "issued", None)], rng=r(t.id),
               extra=[(D("2025-04-09"), "reassign", {"lead": ["BTC"], "owner": "Vụ Pháp chế",
                                                     "reason": "Bộ Tài chính chủ trì, Bộ Tư pháp thẩm định"})],
               extends=[(D("2025-09-05"), D("2025-10-31"), "Trình Quốc hội tại Kỳ họp thứ 10")])

    # -- assigned with no lead agency, the lead filled in later ------------------------------------
    t = Task("CONG-BCD", dt.datetime(2025, 3, 20, 15, 0), kind="system",
             title="Xây dựng Cổng thông tin điện tử của Ban Chỉ đạo", lead=None, support=["BKHCN"],
             owner="Trung tâm Thông tin", due=D("2025-05-15"), product="Cổng thông tin điện tử",
             source="Kết luận phiên họp thứ nhất Ban Chỉ đạo (18/3/2025)")
    flow_done(t, D("2025-03-31"), D("2025-05-13"), rng=r(t.id), gap=(10, 16), extra=[
        (D("2025-03-27"), "amend", {"lead": ["VPCP"], "note": "Bổ sung cơ quan chủ trì"})])
    t = Task("NL-CNS", dt.datetime(2025, 5, 23, 10, 0), kind="task",
             title="Đề xuất cơ chế thu hút, trọng dụng nhân tài công nghệ số trong khu vực công", lead=None,
             support=["BKHCN", "BTC"], owner=None, due=D("2025-09-30"), product="Tờ trình, dự thảo cơ chế",
             source="Kết luận phiên họp thứ hai Ban Chỉ đạo (17/5/2025)")
    flow_done(t, D("2025-07-28"), D("2025-10-14"), rng=r(t.id), gap=(15, 25), extra=[
        (D("2025-07-24"), "amend", {"lead": ["BNV"], "owner": "Vụ Công chức - Viên chức",
                                     "note": "Theo kết luận phiên họp thứ ba: Bộ Nội vụ chủ trì"})])

    # -- provinces merged on 1 July: their open tasks go to the province they joined ------------
    for tid, pid, into, assigned, due, close in [
            ("SOHOA-quangnam", "quangnam", "danang", dt.datetime(2025, 5, 22, 9, 0), D("2025-08-29"), D("2025-09-19")),
            ("SOHOA-binhduong", "binhduong", "hochiminh", dt.datetime(2025, 5, 22, 9, 5), D("2025-07-31"), D("2025-07-28"))]:
        rng = r(tid)
        t = Task(tid, assigned, kind="task", title="Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                 lead=[pid], support=["VPCP"], owner=owner_for(pid, rng, "vp"), due=due, product="Tỷ lệ số hóa",
                 source="Kết luận phiên họp thứ hai Ban Chỉ đạo (17/5/2025)")
        target = PROVINCE_NAME[into].replace("Thành phố", "thành phố")
        flow_done(t, D("2025-05-26"), close, rng=rng, gap=(12, 20), extra=[
            (MERGE_AT + dt.timedelta(hours=2), "reassign", {
                "lead": [into], "owner": "Văn phòng UBND " + target.split(" ", 2)[0] + " " + target.split(" ", 2)[1],
                "reason": "%s hợp nhất vào %s theo %s" % (PROVINCE_NAME[pid], target, MERGE_REF)})])

    # -- Resolution 214/NQ-CP (data), July ---------------------------------------------------------
    src214 = "NQ 214/NQ-CP"
    t = Task("ND-CHIASEDL", dt.datetime(2025, 7, 24, 9, 0), kind="decree",
             title="Nghị định về kết nối, chia sẻ dữ liệu bắt buộc", lead=["BCA"], support=["BKHCN"],
             owner="Cục Pháp chế và cải cách hành chính, tư pháp", due=D("2025-08-31"), product="Nghị định", source=src214,
             authority="Chính phủ")
    flow_legal(t, [(D("2025-07-25"), "drafting", None), (D("2025-08-05"), "consultation", None),
                   (D("2025-09-10"), "appraisal", None), (D("2025-09-30"), "submitted", None),
                   (D("2025-10-22"), "issued", "278/2025/NĐ-CP")], rng=r(t.id), gap=(10, 16))

    t = Task("QD-KTDL", dt.datetime(2025, 7, 24, 9, 10), kind="decision",
             title="Khung kiến trúc dữ liệu quốc gia và từ điển dữ liệu dùng chung", lead=["BCA", "BKHCN"],
             support=None, owner="Trung tâm dữ liệu quốc gia", due=D("2025-08-31"), product="Quyết định của Thủ tướng",
             source=src214, authority="Thủ tướng Chính phủ")
    flow_legal(t, [(D("2025-07-28"), "drafting", None), (D("2025-08-20"), "appraisal", None),
                   (D("2025-09-12"), "submitted", None), (D("2025-09-26"), "issued", None)], rng=r(t.id), gap=(10, 16),
               extra=[(D("2025-08-04"), "reassign", {"lead": ["BCA"], "reason": "Bộ Công an chủ trì, Bộ Khoa học và Công nghệ phối hợp"})])

    t = Task("HT-TTDL1", dt.datetime(2025, 7, 24, 9, 20), kind="system",
             title="Đưa Trung tâm dữ liệu quốc gia số 1 vào vận hành", lead=["BCA"], support=["BKHCN", "BTC"],
             owner="Trung tâm dữ liệu quốc gia", due=D("2025-08-31"), product="Trung tâm dữ liệu", source=src214)
    flow_done(t, D("2025-07-25"), D("2025-08-19"), rng=r(t.id), gap=(8, 12))

    # -- Notice 552/TB-VPCP (after the meeting of 24 September) ------------------------------------
    src552 = "Thông báo 552/TB-VPCP"
    t = Task("CC-CHAMDIEM", dt.datetime(2025, 10, 6, 9, 0), kind="task",
             title="Cơ chế chấm điểm hằng tháng các bộ, ngành, địa phương", lead=["BKHCN"], support=["BCA", "VPCP"],
             owner="Vụ Kế hoạch - Tài chính", due=D("2025-10-31"), product="Cơ chế đánh giá", source=src552)
    flow_done(t, D("2025-10-07"), D("2025-11-28"), rng=r(t.id), submit=D("2025-11-20"), gap=(8, 12), extra=[
        (D("2025-10-29"), "submit", {}),
        (D("2025-11-05"), "ret", {"note": "Tiêu chí chấm điểm chưa phân biệt nhiệm vụ có thời hạn và nhiệm vụ thường xuyên"}),
    ])

    t = Task("LUAT-AI", dt.datetime(2025, 10, 6, 9, 10), kind="law", title="Dự thảo Luật Trí tuệ nhân tạo", lead=["BKHCN"],
             support=["BTP"], owner="Vụ Pháp chế", due=D("2025-12-31"), product="Dự án Luật", source=src552,
             authority="Quốc hội")
    flow_legal(t, [(D("2025-10-08"), "drafting", None), (D("2025-10-24"), "consultation", None),
                   (D("2025-11-10"), "appraisal", None), (D("2025-11-20"), "submitted", None)], rng=r(t.id), gap=(10, 16))

    t = Task("VB-HDLUAT", dt.datetime(2025, 10, 6, 9, 20), kind="decree",
             title="Văn bản hướng dẫn các luật thông qua tại kỳ họp bất thường lần thứ 9", lead=["BKHCN"], support=["BTP"],
             owner="Vụ Pháp chế", due=D("2025-10-31"), product="Nghị định, Thông tư", source=src552, authority="Chính phủ")
    flow_legal(t, [(D("2025-10-08"), "drafting", None), (D("2025-10-20"), "consultation", None),
                   (D("2025-11-03"), "appraisal", None), (D("2025-12-01"), "submitted", None),
                   (D("2025-12-12"), "issued", None)], rng=r(t.id), gap=(8, 14))

    # -- Notice 624/TB-VPCP (after the meeting of 15 November) -------------------------------------
    src624 = "Thông báo 624/TB-VPCP"
    t = Task("DX-TTDL23", dt.datetime(2025, 11, 20, 9, 0), kind="task",
             title="Đề xuất đầu tư Trung tâm dữ liệu quốc gia số 2 và số 3", lead=["BCA"], support=["BTC"],
             owner="Trung tâm dữ liệu quốc gia", due=D("2025-12-10"), product="Đề xuất đầu tư", source=src624)
    flow_done(t, D("2025-11-21"), D("2025-12-16"), rng=r(t.id), submit=D("2025-12-09"), gap=(6, 9))

    t = Task("HT-VNEID", dt.datetime(2025, 11, 20, 9, 10), kind="system", title="Phát triển VNeID thành nền tảng số quốc gia",
             lead=["BCA"], support=["BKHCN"], owner="Trung tâm dữ liệu quốc gia", due=D("2025-12-31"), product="Nền tảng số",
             source=src624)
    flow_open(t, D("2025-11-24"), rng=r(t.id), gap=(10, 15))

    t = Task("5G-PHUSONG", dt.datetime(2025, 11, 20, 9, 20), kind="task", title="Phủ sóng 5G toàn quốc, tối thiểu 90% dân số",
             lead=["BKHCN"], owner="Cục Viễn thông", due=D("2025-12-31"), product="Tỷ lệ phủ sóng", source=src624)
    flow_open(t, D("2025-11-21"), rng=r(t.id), gap=(10, 15), extra=[
        (D("2025-12-12"), "report", {"progress": 85, "note": "Phủ sóng 5G đạt khoảng 85% dân số; còn vùng sâu, vùng xa"})])

    t = Task("CT-CDS2630", dt.datetime(2025, 11, 20, 9, 30), kind="decision",
             title="Chương trình chuyển đổi số quốc gia giai đoạn 2026–2030", lead=["BKHCN"],
             support=[a for a in CENTRAL_IDS if a != "BKHCN"], owner="Cục Chuyển đổi số quốc gia", due=D("2025-12-31"),
             product="Quyết định của Thủ tướng", source=src624, authority="Thủ tướng Chính phủ")
    flow_legal(t, [(D("2025-11-24"), "drafting", None), (D("2025-12-08"), "consultation", None)], rng=r(t.id), gap=(8, 12),
               extra=[(D("2025-12-19"), "report", {"note": "Đã trình Thủ tướng dự thảo \"Chương trình chuyển đổi số "
                                                           "quốc gia giai đoạn 2026–2030\"; hồ sơ lưu tại "
                                                           "\\\\vpcp-fs\\BCD\\CDS2630"})])


def monthly_reports():
    """The monthly report on Resolution 57 and Project 06 that the standing body sends."""
    for m in range(1, 13):
        rng = random.Random("%d:bc:%d" % (SEED, m))
        due = dt.date(2025, m, 20 if m == 12 else 25)
        assigned = dt.datetime.combine(weekday(dt.date(2025, m, 2 if m == 1 else 1)), dt.time(8, 15))
        if m == 1:
            assigned = dt.datetime(2025, 1, 3, 8, 15)
        t = Task("BC-T%02d" % m, assigned, kind="report",
                 title="Báo cáo tình hình thực hiện Nghị quyết 57 và Đề án 06 tháng %d/2025" % m, lead=["BKHCN"],
                 support=["BCA", "VPCP"], owner="Vụ Kế hoạch - Tài chính", due=due, product="Báo cáo tháng",
                 source="Quy chế làm việc của Ban Chỉ đạo")
        start = weekday(assigned.date() + days(rng.randint(1, 4)))
        late = m in (2, 5, 8, 10)
        if late:
            close = weekday(due + days(rng.randint(8, 12)))
        else:
            close = weekday(due - days(rng.randint(0, 4)))
            if close > due:
                close = due
        if close > YEAR_END:
            flow_open(t, start, rng=rng, gap=(6, 10))
            continue
        kw = {}
        if m == 7:
            kw["returns"] = 1
        flow_done(t, start, close, rng=rng, gap=(6, 10), **kw)


def meeting_reports():
    for i, md in enumerate(MEETINGS):
        rng = random.Random("%d:hop:%d" % (SEED, i))
        due = md - ONE
        assigned = dt.datetime.combine(weekday(md - days(28)), dt.time(10, 0))
        t = Task("HOP-%d" % (i + 1), assigned, kind="report",
                 title="Chuẩn bị báo cáo phục vụ phiên họp %s của Ban Chỉ đạo" % MEETING_NAMES[i], lead=["VPCP"],
                 support=["BKHCN", "BCA", "BNV"], owner="Vụ Khoa giáo - Văn xã", due=due, product="Báo cáo phiên họp",
                 source="Chương trình công tác của Ban Chỉ đạo")
        close = due if i != 2 else md + days(2)
        note = None
        if i == 0:
            note = ("Đã tổng hợp: 14/22 bộ, cơ quan và 54/63 địa phương đã ban hành kế hoạch hành động "
                    "(kết luận của Thủ tướng ghi 50/63 địa phương)")
        flow_done(t, weekday(assigned.date() + days(2)), close, rng=rng, gap=(7, 10), accept_note=note)


# Ordinary follow-up tasks from the meetings' conclusions and from the secretariat's reminders.
FOLLOW = [
    # title, lead kind ('C' central id / 'P' province), product, task kind
    ("Hoàn thành kết nối cơ sở dữ liệu hộ tịch với Cơ sở dữ liệu quốc gia về dân cư", "BTP", "Kết nối, chia sẻ dữ liệu", "system"),
    ("Kết nối dữ liệu khám chữa bệnh, bảo hiểm y tế với VNeID", "BYT", "Kết nối, chia sẻ dữ liệu", "system"),
    ("Báo cáo tình hình giải ngân kinh phí KHCN, ĐMST và CĐS", "BTC", "Báo cáo", "report"),
    ("Xây dựng khung năng lực số cho cán bộ, công chức, viên chức", "BNV", "Khung năng lực số", "task"),
    ("Triển khai hóa đơn điện tử khởi tạo từ máy tính tiền", "BTC", "Tỷ lệ hộ kinh doanh sử dụng hóa đơn điện tử", "task"),
    ("Đánh giá an toàn thông tin các hệ thống thông tin cấp độ 3 trở lên", "BCA", "Báo cáo đánh giá", "report"),
    ("Báo cáo kết quả cấp chữ ký số cá nhân miễn phí cho người dân", "BKHCN", "Báo cáo", "report"),
    ("Tuyên truyền về Nghị quyết 57 trên sóng truyền hình quốc gia", "VTV", "Chuyên mục truyền hình", "task"),
    ("Tuyên truyền về Nghị quyết 57 trên sóng phát thanh quốc gia", "VOV", "Chuyên mục phát thanh", "task"),
    ("Mở chuyên trang thông tin về Nghị quyết 57", "TTXVN", "Chuyên trang", "task"),
    ("Đề xuất nhiệm vụ nghiên cứu khoa học trọng điểm phục vụ chuyển đổi số", "VHLKHCN", "Danh mục nhiệm vụ", "task"),
    ("Đánh giá tác động xã hội của chuyển đổi số đối với người cao tuổi", "VHLKHXH", "Báo cáo nghiên cứu", "report"),
    ("Thanh tra việc quản lý, sử dụng kinh phí chuyển đổi số tại một số bộ, địa phương", "TTCP", "Kết luận thanh tra", "task"),
    ("Đưa dịch vụ công thiết yếu đến vùng đồng bào dân tộc thiểu số", "BDTTG", "Kế hoạch triển khai", "task"),
    ("Thu hút chuyên gia, nhà khoa học người Việt Nam ở nước ngoài", "BNG", "Đề án thu hút", "task"),
    ("Bảo đảm an ninh mạng cho hạ tầng thông tin quốc gia", "BQP", "Phương án bảo đảm", "task"),
    ("Xây dựng cơ sở dữ liệu chuyên ngành văn hóa, di sản", "BVHTTDL", "Cơ sở dữ liệu", "system"),
    ("Số hóa hồ sơ cấp phép xây dựng, kết nối với Cổng Dịch vụ công quốc gia", "BXD", "Dữ liệu số hóa", "system"),
    ("Phát triển thương mại điện tử xuyên biên giới cho doanh nghiệp nhỏ và vừa", "BCT", "Chương trình hỗ trợ", "task"),
    ("Triển khai thanh toán không dùng tiền mặt trong bệnh viện, trường học", "NHNN", "Tỷ lệ thanh toán không dùng tiền mặt", "task"),
    ("Số hóa văn bằng, chứng chỉ cấp từ năm 2020", "BGDDT", "Dữ liệu văn bằng", "system"),
    ("Chuẩn hóa dữ liệu đất đai cấp xã sau sắp xếp", "BNNMT", "Dữ liệu đất đai", "task"),
    ("Rà soát, tái cấu trúc quy trình thủ tục hành chính sau sắp xếp đơn vị hành chính", "P", "Quy trình nội bộ", "task"),
    ("Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "P", "Tỷ lệ số hóa", "task"),
    ("Tổ chức phong trào Bình dân học vụ số tại địa phương", "P", "Số người được phổ cập kỹ năng số", "task"),
    ("Phát triển trạm phát sóng 5G tại khu công nghiệp, khu công nghệ cao", "P", "Số trạm 5G", "task"),
    ("Báo cáo kết quả thực hiện Đề án 06 trên địa bàn", "P", "Báo cáo", "report"),
    ("Bố trí kinh phí địa phương cho KHCN, ĐMST và CĐS", "P", "Dự toán ngân sách", "task"),
]
LEGAL_FOLLOW = [
    ("Thông tư hướng dẫn tiêu chuẩn kỹ thuật kết nối, chia sẻ dữ liệu", "BKHCN", "circular"),
    ("Thông tư quy định định mức kinh tế - kỹ thuật dịch vụ trung tâm dữ liệu", "BKHCN", "circular"),
    ("Thông tư hướng dẫn quản lý nhiệm vụ KHCN cấp quốc gia", "BKHCN", "circular"),
    ("Thông tư hướng dẫn thanh toán điện tử trong dịch vụ công", "NHNN", "circular"),
    ("Nghị định quy định chi tiết về định danh và xác thực điện tử cho tổ chức", "BCA", "decree"),
    ("Thông tư hướng dẫn lập dự toán chi chuyển đổi số", "BTC", "circular"),
    ("Nghị định về thuê dịch vụ công nghệ thông tin", "BKHCN", "decree"),
    ("Thông tư về vị trí việc làm chuyên trách chuyển đổi số", "BNV", "circular"),
    ("Nghị định về ưu đãi thuế cho hoạt động đổi mới sáng tạo", "BTC", "decree"),
    ("Thông tư hướng dẫn dữ liệu y tế dùng chung", "BYT", "circular"),
    ("Thông tư về hồ sơ bệnh án điện tử", "BYT", "circular"),
    ("Thông tư hướng dẫn học bạ số", "BGDDT", "circular"),
    ("Nghị định quy định chi tiết Luật Công nghiệp công nghệ số", "BKHCN", "decree"),
    ("Thông tư hướng dẫn chứng thực bản sao điện tử từ bản chính", "BTP", "circular"),
    ("Nghị định về quản lý nền tảng số trung gian", "BCT", "decree"),
]
CANCELS = [
    "Nhiệm vụ đã được lồng ghép vào kế hoạch hành động của cơ quan chủ trì",
    "Không còn phù hợp sau sắp xếp tổ chức bộ máy; đơn vị mới tiếp tục thực hiện theo chức năng",
    "Trùng với nhiệm vụ đã giao tại Nghị quyết 71/NQ-CP",
    "Theo kết luận của Ban Chỉ đạo, không tiếp tục theo dõi riêng nhiệm vụ này",
]
FOLLOW_SLOPPY_TITLES = ["CĐS", "NQ57", "Đôn đốc", "ĐA06", "Số hóa"]


def follow_source(d):
    last = None
    for i, md in enumerate(MEETINGS):
        if md < d:
            last = i
    if d < D("2025-01-09"):
        return "Nhiệm vụ chuyển tiếp năm 2024"
    if d < D("2025-02-14"):
        return "NQ 03/NQ-CP"
    if last is None:
        return "Thông báo 56/TB-VPCP"
    return "Kết luận phiên họp %s Ban Chỉ đạo (%s)" % (MEETING_NAMES[last], MEETINGS[last].strftime("%d/%m/%Y").lstrip("0"))


class Follow:
    def __init__(self):
        self.n = 0
        self.lg = 0
        self.rng = random.Random("%d:follow" % SEED)
        prov = [p for p in PROVINCE_IDS if p not in MERGED]
        self.prov = prov

    def lead_for(self, spec, when):
        if spec != "P":
            return spec
        return self.rng.choice(self.prov if when >= MERGE_AT.date() else PROVINCE_IDS)

    def pick(self):
        spec = FOLLOW[self.n % len(FOLLOW)]
        self.n += 1
        return spec

    def new(self, assigned, due, outcome, close=None, block=None, vary=False):
        """An ordinary task assigned on `assigned`, due `due`; outcome 'ontime' (close before due),
        'late' (close after), 'open' (not done by the deadline: it may be cancelled or extended
        later, or stay open). `vary`: the deadline itself may be moved or missing (the meetings'
        conclusions); the tasks that fill empty days keep theirs."""
        title, lead, product, kind = self.pick()
        rng = random.Random("%d:follow:%d" % (SEED, self.n))
        lead = self.lead_for(lead, assigned)
        tid = "NV-%03d" % self.n
        full = dict(title=title, owner=owner_for(lead, rng), due=due, product=product)
        args = dict(full)
        points = ("owner", "product", "title", "due") if vary else ("owner", "product", "title")
        point = sloppy(args, lead, rng, kinds=points, short_title=rng.choice(FOLLOW_SLOPPY_TITLES))
        two = None
        if point is None and rng.random() < 0.06 and lead in CENTRAL_IDS:
            two = rng.choice([a for a in ("BKHCN", "BCA", "BTC") if a != lead])
        when = dt.datetime.combine(assigned, dt.time(8, 0)) + dt.timedelta(minutes=5 * rng.randrange(0, 100))
        leads = [lead, two] if two else [lead]
        t = Task(tid, when, kind=kind, title=args["title"], lead=leads, support=["VPCP"] if rng.random() < 0.3 else None,
                 owner=args["owner"], due=args["due"], product=args["product"], source=follow_source(assigned))
        extra = fix_steps(t, point, full, weekday(assigned + days(rng.randint(5, 20))) if point and rng.random() < 0.5 else None)
        if two and rng.random() < 0.5:
            extra.append((weekday(assigned + days(rng.randint(3, 10))), "reassign", {"lead": [lead], "reason": "Một cơ quan chủ trì"}))
        start = weekday(assigned + days(rng.randint(1, 6)))
        if close is not None and start >= close:
            start = assigned + ONE if assigned + ONE < close else assigned
        ext = None
        end = None
        if outcome == "late" and vary and rng.random() < 0.35:
            ed = weekday(due - days(rng.randint(0, 5)))
            if start < ed < close:
                ext = (ed, due + days(rng.randint(7, 30)), rng.choice(EXTENDS))
        if outcome == "open":
            post = weekday(due + days(rng.randint(8, 40)))
            r = rng.random()
            if post <= YEAR_END - days(3):
                if r < 0.3:
                    end = post
                elif r < 0.6:
                    new_due = post + days(rng.randint(20, 60))
                    ext = (post, new_due, rng.choice(EXTENDS))
                    if rng.random() < 0.6 and new_due <= YEAR_END:
                        outcome = "late"
                        close = weekday(new_due - days(rng.randint(0, 10)))
                        if close <= post + ONE:
                            close = post + days(3)
                        if block and (block[1] is None or block[1] >= close - days(5)):
                            block = None
        if end and block and (block[1] is None or block[1] >= end):
            block = (block[0], None, block[2])
        if lead in MERGED and assigned < MERGE_AT.date():
            stop = close if outcome != "open" else (end or YEAR_END)
            if stop > MERGE_AT.date():
                into = dict(MERGERS)[lead]
                extra.append((MERGE_AT + dt.timedelta(hours=2), "reassign", {
                    "lead": [into], "reason": "%s hợp nhất vào %s theo %s" % (
                        PROVINCE_NAME[lead], PROVINCE_NAME[into].replace("Tỉnh", "tỉnh").replace("Thành phố", "thành phố"),
                        MERGE_REF)}))
        if end:
            extra.append((end, "cancel", {"reason": rng.choice(CANCELS)}))
        if outcome == "open":
            flow_open(t, start, rng=rng, block=block, extend=ext, extra=extra, gap=(12, 30))
        else:
            flow_done(t, start, close, rng=rng, block=block, extend=ext, extra=extra, gap=(10, 25),
                      returns=1 if rng.random() < 0.1 and (close - start).days > 40 else 0)
        return t

    def new_legal(self, assigned, due, issued, stages_at):
        title, lead, kind = LEGAL_FOLLOW[self.lg % len(LEGAL_FOLLOW)]
        self.lg += 1
        rng = random.Random("%d:legal:%d" % (SEED, self.lg))
        tid = ("TT-%02d" if kind == "circular" else "ND-%02d") % self.lg
        t = Task(tid, dt.datetime.combine(assigned, dt.time(14, 0)) + dt.timedelta(minutes=5 * rng.randrange(0, 30)),
                 kind=kind, title=title, lead=[lead], owner=owner_for(lead, rng, "legal"), due=due,
                 product="Thông tư" if kind == "circular" else "Nghị định", source=follow_source(assigned),
                 authority="Bộ trưởng" if kind == "circular" else "Chính phủ")
        stages = [(d, s, None) for d, s in stages_at]
        if issued:
            stages.append((issued, "issued", None))
        flow_legal(t, stages, rng=rng, gap=(12, 25))
        return t


def conclusions(f):
    """Five to seven tasks after each meeting, with deadlines on odd days."""
    for i, md in enumerate(MEETINGS):
        rng = random.Random("%d:kl:%d" % (SEED, i))
        assigned = weekday(md + days(rng.randint(2, 5)))
        for j in range(6):
            due = assigned + days(rng.randint(15, 75))
            r = rng.random()
            block = None
            if r < 0.45:
                close = weekday(due - days(rng.randint(0, 10)))
                out = "ontime"
            elif r < 0.8:
                close = weekday(due + days(rng.randint(3, 35)))
                out = "late"
            else:
                close = None
                out = "open"
            if close and close > YEAR_END:
                close, out = None, "open"
            if rng.random() < 0.25:
                b = weekday(assigned + days(rng.randint(7, 20)))
                u = weekday(b + days(rng.randint(10, 30)))
                if close is None or u < close - days(5):
                    block = (b, u if u <= YEAR_END else None, rng.choice(BLOCKS))
            if close and close <= assigned + days(3):
                close = assigned + days(4)
            f.new(assigned, due, out, close, block, vary=True)


# --------------------------------------------------------------------------------------------
# The replay: docs/ledger.md's rules, as the Swift replay applies them.

class Reject(Exception):
    pass


class Board:
    def __init__(self):
        self.agencies = {}  # id -> dict(kind, name, merged)
        self.members = {}  # login -> (role, agency)
        self.tasks = {}  # id -> dict
        self.order = []
        self.last = None

    def canon(self, a):
        hops = 0
        while self.agencies.get(a, {}).get("merged") and hops < 64:
            a = self.agencies[a]["merged"]
            hops += 1
        return a

    def focal_may(self, login, e):
        role, agency = self.members.get(login, (None, None))
        if role != "focal" or e.verb not in ("start", "report", "block", "submit", "stage"):
            return False
        if e.verb == "stage" and e.get("stage") == "issued":
            return False
        t = self.tasks.get(e.id)
        if t is None:
            return False
        mine = self.canon(agency)
        return any(self.canon(l) == mine for l in t["leads"])

    def check_role(self, e):
        if not self.members:
            return
        role, agency = self.members.get(e.actor, (None, None))
        if role in (None, "none"):
            raise Reject("@%s is not a member" % e.actor)
        if role == "secretariat":
            return
        if role == "viewer":
            raise Reject("@%s is a viewer" % e.actor)
        if not self.focal_may(e.actor, e):
            raise Reject("@%s (focal of %s) may not %s %s" % (e.actor, agency, e.verb, e.id))

    def check_agencies(self, ids):
        for a in ids:
            if a not in self.agencies:
                raise Reject("unknown agency " + a)
            if self.agencies[a].get("merged"):
                raise Reject("%s was merged" % a)

    def apply(self, e):
        if self.last is not None and e.time < self.last:
            raise Reject("time goes back")
        self.check_role(e)
        v = e.verb
        if v == "config":
            pass
        elif v == "agency":
            a = self.agencies.get(e.id)
            if a is not None:
                into = e.get("into")
                if into:
                    if a.get("merged") or into == e.id or into not in self.agencies or self.canon(into) == e.id:
                        raise Reject("bad merge")
                    a["merged"] = into
                for k in ("name", "en", "kind", "gso"):
                    if e.get(k):
                        a[k] = e.get(k)
            else:
                if e.get("into") or not e.get("kind") or not e.get("name"):
                    raise Reject("bad agency declaration")
                self.agencies[e.id] = {"kind": e.get("kind"), "name": e.get("name"), "merged": None}
        elif v == "member":
            role, agency = e.get("role"), e.get("agency")
            if role not in ("secretariat", "focal", "viewer", "none"):
                raise Reject("role")
            if agency and agency not in self.agencies:
                raise Reject("member of unknown agency")
            if role == "focal" and not agency:
                raise Reject("focal without agency")
            if not self.members and role != "secretariat":
                raise Reject("first member must be secretariat")
            self.members[e.id] = (role, agency)
        elif v == "assign":
            if e.id in self.tasks:
                raise Reject("duplicate task")
            leads = (e.get("lead") or "").split(",") if e.get("lead") else []
            sup = (e.get("support") or "").split(",") if e.get("support") else []
            self.check_agencies(leads)
            self.check_agencies(sup)
            self.tasks[e.id] = {"kind": e.get("kind") or "task", "leads": leads, "due": e.get("due"), "state": "assigned",
                                "stage": None, "title": e.get("title"), "owner": e.get("owner"),
                                "product": e.get("product"), "closed": None, "id": e.id}
            self.order.append(e.id)
        else:
            self.apply_task(e)
        self.last = e.time

    TRANS = {"start": {"assigned"}, "report": {"assigned", "in_progress", "blocked"}, "block": {"assigned", "in_progress"},
             "unblock": {"blocked"}, "submit": {"in_progress"}, "accept": {"submitted"}, "return": {"submitted"},
             "extend": OPEN, "reassign": OPEN, "cancel": OPEN, "stage": OPEN,
             "amend": {"assigned", "in_progress", "blocked", "submitted", "done"}}

    def apply_task(self, e):
        t = self.tasks.get(e.id)
        if t is None:
            raise Reject("no task " + e.id)
        if t["state"] not in self.TRANS[e.verb]:
            raise Reject("cannot %s %s: it is %s" % (e.verb, e.id, t["state"]))
        v = e.verb
        if v == "start":
            t["state"] = "in_progress"
        elif v == "report":
            p = e.get("progress")
            if p is None and e.get("note") is None:
                raise Reject("empty report")
            if p is not None and not (p.isdigit() and 0 <= int(p) <= 100):
                raise Reject("progress")
            if t["state"] == "assigned":
                t["state"] = "in_progress"
        elif v == "block":
            t["state"] = "blocked"
        elif v == "unblock":
            t["state"] = "in_progress"
        elif v == "submit":
            t["state"] = "submitted"
        elif v == "accept":
            if t["kind"] in LEGAL:
                raise Reject("accept on legal")
            t["state"] = "done"
            t["closed"] = e.time.date()
        elif v == "return":
            t["state"] = "in_progress"
        elif v == "extend":
            if e.get("due") is None or e.get("due") == t["due"]:
                raise Reject("extend to same date")
            D(e.get("due"))
            t["due"] = e.get("due")
        elif v == "reassign":
            leads = e.get("lead").split(",")
            self.check_agencies(leads)
            if leads == t["leads"]:
                raise Reject("same lead")
            t["leads"] = leads
            if e.get("owner"):
                t["owner"] = e.get("owner")
        elif v == "cancel":
            t["state"] = "cancelled"
            t["closed"] = e.time.date()
        elif v == "stage":
            if t["kind"] not in LEGAL:
                raise Reject("stage on non-legal")
            s = e.get("stage")
            if t["stage"] is not None and STAGES.index(s) <= STAGES.index(t["stage"]):
                raise Reject("stage backwards")
            t["stage"] = s
            if s == "issued":
                t["state"] = "done"
                t["closed"] = e.time.date()
            elif t["state"] == "assigned":
                t["state"] = "in_progress"
        elif v == "amend":
            if not any(k != "note" for k, _ in e.fields):
                raise Reject("empty amend")
            if e.get("kind"):
                if t["stage"] is not None and e.get("kind") not in LEGAL:
                    raise Reject("kind")
                t["kind"] = e.get("kind")
            if e.get("due"):
                if t["due"] is not None:
                    raise Reject("amend due")
                t["due"] = e.get("due")
            if e.get("lead"):
                if t["leads"]:
                    raise Reject("amend lead")
                leads = e.get("lead").split(",")
                self.check_agencies(leads)
                t["leads"] = leads
            if e.get("support"):
                self.check_agencies(e.get("support").split(","))
            for k in ("title", "owner", "product"):
                if e.get(k):
                    t[k] = e.get(k)


def resolve_actor(board, e):
    """'F': the focal point of the lead agency when it may record the event, else a member of
    the secretariat; 'S': a member of the secretariat."""
    if e.actor not in ("F", "S"):
        return e.actor
    if e.actor == "F":
        for login, (role, agency) in board.members.items():
            if role == "focal":
                saved = e.actor
                e.actor = login
                ok = board.focal_may(login, e)
                e.actor = saved
                if ok:
                    return login
    h = zlib.crc32(("%s|%s|%s" % (e.id, e.verb, e.time.isoformat())).encode())
    return SECRETARIAT_STAFF[h % len(SECRETARIAT_STAFF)]


def clear(t):
    title = t["title"] or ""
    return bool(t["owner"]) and len(title.split()) >= 2 and t["due"] is not None and len(t["leads"]) == 1 and bool(t["product"])


def day_stats(board, today):
    s = {"overdue": 0, "upcoming": 0, "missed": 0, "legal": 0, "legal_stages": set(), "blocked": 0, "open": 0}
    td = today.isoformat()
    up = (today + days(14)).isoformat()
    mi = (today - days(7)).isoformat()
    for tid in board.order:
        t = board.tasks[tid]
        if t["state"] not in OPEN:
            continue
        s["open"] += 1
        if t["state"] == "blocked":
            s["blocked"] += 1
        due = t["due"]
        if due is None:
            continue
        if td > due:
            s["overdue"] += 1
            if t["kind"] in LEGAL:
                s["legal"] += 1
                s["legal_stages"].add(t["stage"] or "-")
        if td <= due <= up:
            s["upcoming"] += 1
        if mi <= due < td:
            s["missed"] += 1
    return s


def replay(events, with_stats=True):
    """Sorts, resolves actors, applies every event (raising on the first refusal) and returns
    (ordered events, stats per day, final board)."""
    ordered = sorted(events, key=lambda e: (e.time, e.seq))
    board = Board()
    stats = {}
    day = YEAR_START
    for e in ordered:
        while with_stats and e.time.date() > day:
            stats[day] = day_stats(board, day)
            day += ONE
        e.actor = resolve_actor(board, e)
        try:
            board.apply(e)
        except Reject as r:
            raise SystemExit("refused: %s %s %s %s: %s" % (e.time, e.actor, e.verb, e.id, r))
    while with_stats and day <= YEAR_END:
        stats[day] = day_stats(board, day)
        day += ONE
    return ordered, stats, board


# The reports must have something to show on every day.
NEEDS = [  # name, minimum, from
    ("overdue", 3, D("2025-01-03")),
    ("missed", 1, D("2025-01-03")),
    ("upcoming", 2, D("2025-01-03")),
    ("legal", 2, D("2025-01-03")),
    ("blocked", 1, D("2025-01-03")),
    ("blocked", 2, D("2025-02-01")),
]


GAPS = []  # (day, need) for every task fill_gaps added, for --stats


def fill_gaps(f):
    """Adds ordinary tasks where a day's report would be empty; deterministic."""
    for _ in range(300):
        snapshot = [(e, e.actor) for e in EVENTS]
        _, stats, _ = replay(EVENTS)
        for e, a in snapshot:
            e.actor = a
        gap = None
        for d in sorted(stats):
            for name, minimum, since in NEEDS:
                if d >= since and stats[d][name] < minimum:
                    gap = (d, name)
                    break
            if gap:
                break
        if gap is None:
            return
        d, name = gap
        GAPS.append(gap)
        rng = f.rng
        if name in ("missed", "overdue"):
            due = d - ONE
            assigned = max(D("2025-01-03"), due - days(rng.randint(20, 45)))
            assigned = min(assigned, d - ONE) if d - ONE >= D("2025-01-03") else D("2025-01-03")
            if rng.random() < 0.25 or due + days(12) > YEAR_END:
                f.new(assigned, due, "open")
            else:
                f.new(assigned, due, "late", weekday(due + days(rng.randint(9, 30))))
        elif name == "upcoming":
            due = d + days(rng.randint(10, 14))
            assigned = max(D("2025-01-03"), min(d, due - days(rng.randint(20, 40))))
            if due > YEAR_END:
                due = YEAR_END
            close = d + days(rng.randint(1, max(1, (due - d).days)))
            if close <= assigned + ONE:
                close = assigned + days(2)
            if rng.random() < 0.3 and due + days(10) <= YEAR_END:
                f.new(assigned, due, "late", weekday(due + days(rng.randint(4, 15))))
            else:
                f.new(assigned, due, "ontime", close)
        elif name == "legal":
            due = d - days(rng.randint(1, 6))
            assigned = max(D("2025-01-03"), due - days(rng.randint(60, 100)))
            a = assigned
            stages_at = [(weekday(a + days(rng.randint(2, 8))), "drafting")]
            stages_at.append((weekday(stages_at[-1][0] + days(rng.randint(15, 30))), "consultation"))
            if rng.random() < 0.6:
                stages_at.append((weekday(stages_at[-1][0] + days(rng.randint(15, 30))), "appraisal"))
            issued = weekday(d + days(rng.randint(20, 45)))
            if issued > YEAR_END:
                issued = None
            stages_at = [(x, s) for x, s in stages_at if x < (issued or YEAR_END)]
            f.new_legal(assigned, due, issued, stages_at)
        elif name == "blocked":
            assigned = max(D("2025-01-03"), d - days(rng.randint(12, 30)))
            b = max(weekday(assigned + days(2)), d - days(rng.randint(0, 3)))
            if b > d:
                b = assigned + ONE
            u = weekday(d + days(rng.randint(10, 25)))
            due = u + days(rng.randint(10, 30))
            if due + days(5) > YEAR_END:
                f.new(assigned, min(due, YEAR_END), "open", block=(b, u if u <= YEAR_END else None, rng.choice(BLOCKS)))
            else:
                f.new(assigned, due, "ontime", weekday(due - days(rng.randint(0, 4))), block=(b, u, rng.choice(BLOCKS)))
    raise SystemExit("could not fill the gaps")


# --------------------------------------------------------------------------------------------
# Writing.

BARE = re.compile(r"[A-Za-z0-9._,:+/@%-]+")
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def value(v):
    v = unicodedata.normalize("NFC", v)
    if v and BARE.fullmatch(v):
        return v
    out = []
    for ch in v:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif c < 0x20 or c == 0x7F or 0x80 <= c < 0xA0 or c in BIDI:
            out.append("\\u{%x}" % c)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def line(e):
    parts = [e.time.strftime("%Y-%m-%dT%H:%M") + "+07:00", "@" + e.actor, e.verb, e.id]
    parts += ["%s=%s" % (k, value(v)) for k, v in e.fields]
    return " ".join(parts)


MONTHS = ["", "tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7", "tháng 8", "tháng 9",
          "tháng 10", "tháng 11", "tháng 12"]


def render(ordered):
    out = ["steer-ledger 1",
           "# Sổ theo dõi mẫu: Chương trình hành động thực hiện Nghị quyết 57-NQ/TW, năm 2025.",
           "# Sinh bởi scripts/make_nq57.py (đừng sửa tay). Cơ quan, nhiệm vụ, thời hạn, kết quả theo tư liệu công bố;",
           "# tên cán bộ, đơn vị đầu mối, số hiệu văn bản (trừ các số được dẫn) và diễn biến hằng ngày là minh họa."]
    seen_agency = seen_member = merge_noted = False
    month = None
    for e in ordered:
        declaring = e.verb in ("config", "agency", "member") and e.time.date() == YEAR_START
        if declaring and e.verb == "agency" and not seen_agency:
            seen_agency = True
            out.append("# Cơ quan trung ương (22) và tỉnh, thành phố (63)")
        if declaring and e.verb == "member" and not seen_member:
            seen_member = True
            out.append("# Thành viên: Văn phòng Chính phủ (thường trực) và đầu mối của các bộ, địa phương")
        if not declaring and e.time.month != month:
            month = e.time.month
            out.append("# %s/2025" % MONTHS[month].capitalize())
        if e.verb == "agency" and e.get("into") and not merge_noted:
            merge_noted = True
            out.append("# Sắp xếp đơn vị hành chính cấp tỉnh (%s)" % MERGE_REF)
        out.append(line(e))
    return "\n".join(out) + "\n"


def build():
    declarations()
    merger_events()
    kh57_central()
    kh57_provinces()
    specific()
    monthly_reports()
    meeting_reports()
    bcd_provinces()
    tthc_central()
    dvc_provinces()
    f = Follow()
    conclusions(f)
    fill_gaps(f)
    ordered, stats, board = replay(EVENTS)
    return ordered, stats, board


def print_stats(ordered, stats, board):
    w = sys.stderr.write
    kinds = {}
    for tid in board.order:
        kinds[board.tasks[tid]["kind"]] = kinds.get(board.tasks[tid]["kind"], 0) + 1
    verbs = {}
    for e in ordered:
        verbs[e.verb] = verbs.get(e.verb, 0) + 1
    w("events %d, tasks %d, agencies %d, members %d\n" % (len(ordered), len(board.order), len(board.agencies),
                                                          len(board.members)))
    w("kinds %s\nverbs %s\n" % (sorted(kinds.items()), sorted(verbs.items())))
    # clarity at assignment and at the end
    unclear_at_assign = sum(1 for e in ordered if e.verb == "assign" and not clear(
        {"title": e.get("title"), "owner": e.get("owner"), "due": e.get("due"), "leads": (e.get("lead") or "").split(",") if e.get("lead") else [],
         "product": e.get("product")}))
    unclear_end = sum(1 for tid in board.order if not clear(board.tasks[tid]) and board.tasks[tid]["state"] != "cancelled")
    w("unclear at assignment %d (%.0f%%), still unclear at year end %d\n" % (
        unclear_at_assign, 100.0 * unclear_at_assign / len(board.order), unclear_end))
    w("%-10s %7s %7s %7s %7s %7s\n" % ("day", "overdue", "due14", "missed7", "legal", "blocked"))
    for d in sorted(stats):
        if d.day in (1, 15) or d in (D("2025-02-10"), D("2025-04-20"), D("2025-06-15"), D("2025-08-15"),
                                     D("2025-11-29"), YEAR_END):
            s = stats[d]
            w("%s %7d %7d %7d %7d %7d  %s\n" % (d, s["overdue"], s["upcoming"], s["missed"], s["legal"], s["blocked"],
                                               ",".join(sorted(s["legal_stages"]))))
    # clarity by agency at year end
    by = {}
    for tid in board.order:
        t = board.tasks[tid]
        if t["state"] == "cancelled":
            continue
        for l in set(board.canon(x) for x in t["leads"]):
            n, c = by.get(l, (0, 0))
            by[l] = (n + 1, c + (1 if clear(t) else 0))
    fails = {}
    for tid in board.order:
        t = board.tasks[tid]
        if t["state"] == "cancelled":
            continue
        for name, ok in (("person", bool(t["owner"])), ("work", len((t["title"] or "").split()) >= 2),
                         ("time", t["due"] is not None), ("responsibility", len(t["leads"]) == 1),
                         ("result", bool(t["product"]))):
            if not ok:
                fails[name] = fails.get(name, 0) + 1
    w("failing points at year end: %s\n" % sorted(fails.items()))
    counts = {}
    for _, name in GAPS:
        counts[name] = counts.get(name, 0) + 1
    w("follow-up tasks added to fill empty days: %s\n" % sorted(counts.items()))
    pcts = sorted(set(round(100 * c / n) for n, c in by.values()))
    w("clarity %% by agency (distinct values): %s\n" % pcts)


def main():
    ordered, stats, board = build()
    text = render(ordered)
    for ch in text:
        c = ord(ch)
        if (c < 0x20 and ch not in "\n") or c == 0x7F:
            raise SystemExit("raw control character in output")
    if "--stats" in sys.argv:
        print_stats(ordered, stats, board)
    if "--stdout" in sys.argv:
        sys.stdout.write(text)
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "Fixtures", "nq57.ledger")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()

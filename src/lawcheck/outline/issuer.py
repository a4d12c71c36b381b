"""The reporting body (issuer): named in the title, printed under it, in the signature,
as the subject of the opening sentence, or (last) the page's publishing body; a body
named only by kind (我县, 市政府, 我局) is named as the text names it elsewhere."""
from __future__ import annotations

from .. import rx as re
from ..model import Outline
from .names import as_written, plain

_ISSUER_IN_TITLE = re.compile(
    r"^(.{2,40}?)(?:关于)?(?:20\d{2}|19\d{2}|[〇○零一二三四五六七八九O]{4})\s*年")
# What a reporting body's name ends with (an organ, or the place it governs).
_NAME_END = re.compile(
    r"(人民政府|政府|委员会|党委|党组|党工委|办公室|办事处|管委会|管理委员会|街道|局|厅|委|办|部|署|院|中心|"
    r"自治区|省|市|县|区|旗|州|盟|镇|乡)$")
_YEAR_TOKEN = r"(?:(?:19|20)\d\d|[〇○零一二三四五六七八九O]{4})\s*年度?"

# The subject of the opening sentence: "2025年,在县委、县政府的坚强领导下,黄金镇坚持…",
# "2021年以来,宣城市公安局按照…", "2022年,省卫生健康委坚持…", "2023年,我厅坚持…".
_OPENING_LEAD = (r"^(?:(?:19|20)\d\d年(?:度|以来)?,?|一年来,?|过去一年,?|今年以来,?)?"
                 r"(?:(?:在|按照|根据|围绕)[^。]{2,80}?(?:下|部署|要求|安排|精神|指引),)*")
_OPENING_VERB = (r"(?=坚持|堅持|始终|始終|深入|全面|认真|認真|紧紧|緊緊|紧密|緊密|以|围绕|圍繞|扎实|紮實|扎實|"
                 r"聚焦|在|深化|持续|持續|着力|著力|立足|把|按照|带头|帶頭|牢牢|坚定|堅定|高度|积极|積極|"
                 r"不断|不斷|切实|切實|大力|严格|嚴格|贯彻|貫徹|紧扣|緊扣|锚定|錨定|主动|主動|认真|全力|统筹|統籌)")
_ISSUER_IN_OPENING = re.compile(
    _OPENING_LEAD +
    r"(?!在|按照|根据|围绕)((?:中共)?(?:[\u4e00-\u9fff]|[xX×*]){1,20}?(?:人民政府|政府|街道办事处|办事处|街道|镇|乡|县|区|旗|市|省|"
    r"自治区|州|盟|部|厅|局|委员会|委|办公室|办))"
    r"(?:党委|党组|党工委)?(?:、?(?:[省市县区旗镇乡]|街道)?(?:人民)?政府|、?党委|、?办事处)?"
    r"(?:法治政府建设工作|法治政府建设|法治建设工作|法治建设)?" + _OPENING_VERB)
_BARE_PLACE_IN_OPENING = re.compile(_OPENING_LEAD + r"([\u4e00-\u9fff]{2,4}?)" + _OPENING_VERB)
# A first sentence that only frames the year ("2023年是全面贯彻落实党的二十大精神的开局之年。"):
# the reporting body is the subject of the sentence after it.
_YEAR_FRAMING = re.compile(r"^(?:19|20)\d\d年(?:度)?是[^。]{2,60}。")
# "现将县人民政府2022年法治政府建设工作情况报告如下"
_ISSUER_IN_REPORTING = re.compile(
    r"现将((?:[\u4e00-\u9fff]|[xX×*]){1,24}?)(?:" + _YEAR_TOKEN + r")?(?:推进)?(?:法治政府|法治建设|依法行政)")
# A body named only by kind: 我市, 市政府, 县人民政府, 我局, 市局, 本委
_GENERIC = re.compile(r"^(?:我|本|全)?(省|市|县|区|旗|镇|乡|街道)(?:委、?[省市县区旗镇乡]?(?=(?:人民)?政府))?(人民政府|政府|党委|委)?$")
_GENERIC_ORGAN = re.compile(r"^(?:我|本|(省|市|县|区|旗))(局|厅|委|办)$")


def _named_in_title(t: str) -> str | None:
    """The issuer a title names: before 关于 or the year, or between the year and 法治."""
    candidates = []
    m = re.match(r"^(.{2,40}?)(?:关于|關於)", t)
    if m:
        candidates.append(m.group(1))
    m = _ISSUER_IN_TITLE.match(t)
    if m:
        candidates.append(m.group(1))
    m = re.match(r"^(?:关于)?" + _YEAR_TOKEN + r"(.{2,30}?)(?:法治|依法行政)", t)
    if m:
        candidates.append(m.group(1))
    m = re.match(r"^关于(.{2,30}?)" + _YEAR_TOKEN, t)
    if m:
        candidates.append(m.group(1))
    m = re.match(r"^(.{2,30}?)(?:法治政府|依法行政)", t)
    if m:
        candidates.append(m.group(1))
    for c in candidates:
        c = c.strip(" ,、")
        if len(c) >= 2 and not c.startswith(("关于", "法治", "年度")) and _NAME_END.search(c):
            return c
    return None


def find_issuer(out: Outline, opening: str, text: str, issuer_line: str | None = None,
                publisher: str | None = None, site: str | None = None) -> tuple[str | None, str | None]:
    """(issuer, where it was read: title, signature, opening or page). A body the report
    names only by kind (市政府) is the government whose portal the page is (`site`) when
    that is a government of the same kind and the text names no other."""
    title = plain(out.title) if out.title else ""
    if title:
        m = re.match(r"^(.{2,40}?)关于", title)
        if m and _NAME_END.search(m.group(1)):
            return as_written(m.group(1), out.title or ""), "title"
    if title:
        name = _named_in_title(title)
        if name:
            return as_written(name, out.title or ""), "title"
    if issuer_line:          # 关于2024年度…的报告 / 某市人民政府 (the body printed under it)
        return re.sub(r"\s+", "", issuer_line), "title"
    if out.signature and out.signature.issuer:
        return out.signature.issuer, "signature"
    op = plain(opening)
    # the opening sentence starts the first paragraph, or the second after a stray line
    starts = [op] + [plain(u.text) for u in out.units[1:3] if u.role == "preamble" and not u.is_heading]
    framed = _YEAR_FRAMING.match(op)
    if framed:          # 2023年是…的重要一年。石埠镇人民政府深入学习…: the next sentence
        starts.insert(1, op[framed.end():])
    found = next((m for m in (_ISSUER_IN_OPENING.match(x) for x in starts) if m), None) or \
        _ISSUER_IN_REPORTING.search(op)
    if found:
        subject = found.group(1)
        gov = re.match(r"、?([省市县区旗镇乡]?)(人民政府|政府)", found.string[found.end(1):])
        if gov and re.search(r"[省市县区旗镇乡]委$|党委$", subject):
            # 县委、县政府 report together: the report is the government's
            kind = re.search(r"[省市县区旗镇乡]", subject)
            if kind and len(subject) <= 3:
                subject = (gov.group(1) or kind.group(0)) + gov.group(2)
        name = _resolve(subject, text)
        generic = _GENERIC.match(name)          # still named only by kind (市政府)
        if generic and site and re.search(generic.group(1) + r"(?:人民)?政府$", site) and \
                (generic.group(2) or "").endswith("政府"):
            return site, "page"          # 市政府, on 宁江市人民政府门户网站
        if not (re.match(r"^[我本全]", name) and (generic or _GENERIC_ORGAN.match(name))):
            return (as_written(name, opening) if name == subject else name), "opening"
        # 我市/我局 with no name for it in the text: the level still shows (context words)
    m = next((m for m in (_BARE_PLACE_IN_OPENING.match(x) for x in starts) if m), None)
    if m and not found:
        full = _full_name(m.group(1))
        if full:
            return _government_of(full, "", text), "opening"
    if publisher and _NAME_END.search(publisher) and re.search(r"[省市县区旗镇乡部厅局委办]", publisher[:-1]):
        return publisher, "page"
    return None, None


def _full_name(short: str) -> str | None:
    """广东 -> 广东省, 杭州 -> 杭州市: a province or prefecture named without its suffix."""
    from ..places import full_name
    return full_name(short)


def _government_of(place: str, form: str, text: str) -> str:
    """`place` + the form of government the text uses (县人民政府 -> 岳阳县人民政府)."""
    kind = place[-1]
    if form:
        return place + form
    for f in ("人民政府", "政府"):
        if place + f in text:
            return place + f
        if kind + f in text:
            return place + f
    return place


# Not a place name: words before 镇/县/市 such as 全镇, 乡镇, 强镇, 城镇, and a function
# word in front (纳入了东庄镇 -> 东庄镇, not 入了镇).
_FUNCTION_CHARS = "的之了在和与及、把将对向为于是由从到至按托"
_NOT_PLACE_LAST = set("全我本该各乡城集小大重强名建村特边" + _FUNCTION_CHARS)
_NOT_PLACE_FIRST = set("全我本该各" + _FUNCTION_CHARS)


def _place_like(chars: str) -> bool:
    return chars[-1] not in _NOT_PLACE_LAST and chars[0] not in _NOT_PLACE_FIRST


def _resolve(name: str, text: str) -> str:
    """A body named by kind only (我县, 市政府, 县人民政府, 市局) named as the text names
    it elsewhere: the place of that kind the text names most (岳阳县), with the same form
    of government; unchanged when the text names none."""
    m = _GENERIC.match(name)
    if m:
        kind, form = m.group(1), m.group(2) or ""
        place = _own_place(kind, text)
        if not place:
            return name
        if form:
            return place + form
        return _government_of(place, "", text) if place + "人民政府" in text else place
    m = _GENERIC_ORGAN.match(name)
    if m:
        kind, organ = m.group(1) or "", m.group(2)
        where = kind or "省市县区旗"
        counts: dict[str, list[int]] = {}
        for mm in re.finditer(rf"((?:[\u4e00-\u9fff]{{2,6}}?[{where}])[\u4e00-\u9fff]{{1,10}}?{organ})(?![\u4e00-\u9fff]{{0,2}}(?:长|员))",
                              text):
            counts.setdefault(mm.group(1), []).append(mm.start())
        if counts:
            return max(counts, key=lambda k: (len(counts[k]), -counts[k][0]))
    return name


def _own_place(kind: str, text: str) -> str | None:
    """The place of `kind` (省, 市, 县, 区, 旗, 镇, 乡, 街道) the text names most often."""
    from ..places import divisions_in
    counts: dict[str, list[int]] = {}
    if kind in ("镇", "乡", "街道"):
        for mm in re.finditer(rf"(?=([\u4e00-\u9fff]{{2}}){kind})", text):
            if _place_like(mm.group(1)):
                counts.setdefault(mm.group(1) + kind, []).append(mm.start())
    else:
        want = {"省": "province"}.get(kind)
        for pos, n, level in divisions_in(text):
            if n.endswith(kind) and (want is None or level == want):
                counts.setdefault(n, []).append(pos)
        # own documents: 《长治市"十四五"…》, in any script
        for mm in re.finditer(rf"《([\u4e00-\u9fff]{{1,3}}{kind})", text):
            n = mm.group(1)
            if len(n) >= 2 and _place_like(n[:-1]):
                counts.setdefault(n, []).append(mm.start())
    if not counts:
        return None
    return max(counts, key=lambda k: (len(counts[k]), -counts[k][0]))

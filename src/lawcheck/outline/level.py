"""The level of the reporting body (province, city, county, town, department): from its
name, else from the words the report uses of itself (我县, 全市, 本局)."""
from __future__ import annotations

from .. import rx as re
from .names import plain

_LEVEL_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("town", re.compile(r"(镇|乡|街道|街道办事处|办事处)(人民政府|党委|委员会)?$")),
    ("county", re.compile(r"(县|区|旗|县级市)(人民政府|委员会|县委|区委)?$")),
    ("city", re.compile(r"(市|州|盟|地区)(人民政府|委员会|市委)?$")),
    ("province", re.compile(r"(省|自治区)(人民政府|委员会|省委)?$")),
]
_NOT_CITY_NAME = re.compile(r"[^\u4e00-\u9fff]|[全我本各省和及与在的对向由并、,县区镇乡]")
_TOWN = re.compile(r"(街道办事处|街道办|办事处|街道|镇|乡|苏木)(人民政府|政府|党委|党工委|委员会)?$")
_ORGAN = re.compile(r"(部|厅|局|办公室|办|中心|署|院|海关)$")
_PARTY_OR_GOV = re.compile(r"(人民政府|政府|行政公署|行署|委员会|党委|党组|委)$")


def level_of(name: str, text: str = "", site: str | None = None) -> str | None:
    """Level of a reporting body from its name: a town (镇, 乡, 街道), a department (any
    部, 厅, 局, 委, 办, including a 政府办公室), or the level of the place it governs,
    read from the official division list (兴宁市 is county level, 北京市 a province).
    `text` (the opening) is used for a 市 the list does not know: one that reports to
    another city's 市委 is a county-level city, and so is one whose report another city's
    portal (`site`, the page's government) carries."""
    from ..places import last_division
    name = re.sub(r"^中共", "", plain(name).split("、")[-1])
    name = re.sub(r"(?<=[部厅局委办])(党组|党委)$", "", name)     # 市司法局党组
    if not name:
        return None
    if _TOWN.search(name) or name.endswith("苏木"):
        return "town"
    if re.search(r"(行政公署|行署)$", name):
        return "city"
    if _ORGAN.search(name):
        return "department"
    if name.endswith("委") and not re.search(r"(省|市|县|区|旗|州|盟|镇|乡|党|工)委$", name):
        return "department"
    if name.endswith("委员会") and not re.search(r"(省|市|县|区|旗|州|盟|镇|乡|自治区)委员会$", name):
        return "department"
    place = name
    while True:
        stripped = _PARTY_OR_GOV.sub("", place)
        if stripped == place:
            break
        place = stripped
    if place in ("省", "自治区"):
        return "province"
    if place in ("市",):
        return "city"
    if place in ("县", "区", "旗"):
        return "county"
    if re.search(r"(省|自治区|特别行政区)$", place):
        return "province"        # the name's own suffix decides: no look-up needed
    if re.search(r"(县|旗|(?<!地)(?<!自治)区)$", place):
        return "county"
    found = last_division(place) if len(place) >= 2 else None
    if found:
        return found[1]
    if place.endswith("市") and len(place) >= 2 and site:
        host = _PARTY_OR_GOV.sub("", plain(site))
        if host.endswith("市") and host[-6:] not in place and place[-6:] not in host:
            return "county"      # 鹭洲市's report under 岑阳市人民政府 > 县市区动态
    if place.endswith("市") and len(place) >= 2 and text:
        own = place[-6:]
        for m in re.finditer(r"市委(?:、|和)?市?(?:人民)?政府|市(?:人民)?政府\s*[::]", text):
            # the leadership pair of another city (在荆川市委、市政府…领导下), or another
            # city's government addressed (沣阳市人民政府:): a superior city
            before = text[max(0, m.start() - 3):m.start()]
            names = [before[k:] for k in range(len(before) - 1) if not _NOT_CITY_NAME.search(before[k:])]
            if names and names[0] + "市" not in own:
                return "county"
    for level, pat in _LEVEL_RULES:
        if pat.search(place):
            return level
    return None


def level_from(issuer: str | None, context: str, text: str = "", site: str | None = None) -> str | None:
    if issuer:
        level = level_of(issuer, text, site)
        if level:
            return level
    for word, level in (("我镇", "town"), ("我乡", "town"), ("本镇", "town"), ("街道", "town"),
                        ("我县", "county"), ("我区", "county"), ("全县", "county"),
                        ("全区", "county"), ("我市", "city"), ("全市", "city"),
                        ("我省", "province"), ("全省", "province"), ("我局", "department"),
                        ("本局", "department"), ("全镇", "town"), ("全乡", "town"),
                        ("我厅", "department"), ("本厅", "department"), ("我委", "department"),
                        ("本委", "department"), ("我办", "department"), ("我部", "department")):
        if word in context:
            return level
    return None

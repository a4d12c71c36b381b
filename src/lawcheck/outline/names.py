"""Names as read: a body or place name with the pinyin a garbled mirror inserts, spaces
and title labels removed, and the traditional forms of body/place characters folded;
and a name read from that folded form cut back out of the text as written."""
from __future__ import annotations

from .. import rx as re
from ..normalize import translator
from .common import TITLE_LABEL

# Pinyin a garbled mirror inserts after characters: 內(nèi)蒙古自治區(qū)
PINYIN = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\d?)\)")
# Traditional forms of the characters that name kinds of bodies and places.
_T2S = str.maketrans("區縣鎮鄉廳辦黨務處關於內長門東陽廣蘇龍華劃軍會員為齊遼甯寧貴陝雲灣慶漢濟鄭滬閩贛瀋錫蘭寶衛豐嶺臨陰義興張陳劉楊黃趙馬萬廈鳳濱橋灘壩嶽撫遠涼渦滄瀘賓貢鹽衢漳潛鐵鋼鞍烏魯齊寶銀韶亞樂豐灤穀崗嶗溝莊園島潁隴審計監財稅農業資規劃環護體藥醫應急總紀檢門術開發區經濟貿創電機車運輸專廠場價質檔譯參謀議組織編職團聯訊網號齡婦僑對臺",
                      "区县镇乡厅办党务处关于内长门东阳广苏龙华划军会员为齐辽宁宁贵陕云湾庆汉济郑沪闽赣沈锡兰宝卫丰岭临阴义兴张陈刘杨黄赵马万厦凤滨桥滩坝岳抚远凉涡沧泸宾贡盐衢漳潜铁钢鞍乌鲁齐宝银韶亚乐丰滦谷岗崂沟庄园岛颍陇审计监财税农业资规划环护体药医应急总纪检门术开发区经济贸创电机车运输专厂场价质档译参谋议组织编职团联讯网号龄妇侨对台")
# (applied as one regex substitution of the characters it changes: most text has none,
# and str.translate pays a failed lookup for every other character)
_to_simplified = translator({cp: chr(v) for cp, v in _T2S.items() if cp != v})


def plain(text: str) -> str:
    """`text` for reading names: pinyin insertions, spaces and labels removed, the
    traditional forms of body/place characters folded."""
    return _to_simplified(unpinyin(text))


def unpinyin(text: str) -> str:
    return TITLE_LABEL.sub("", re.sub(r"\s+", "", PINYIN.sub("", text)))


def as_written(name: str | None, source: str) -> str | None:
    """`name`, read from the folded form of `source`, in the script `source` is written in
    (folding is one character for one, so the same span is cut out)."""
    if not name:
        return name
    raw = unpinyin(source)
    i = _to_simplified(raw).find(name)
    return raw[i:i + len(name)] if i >= 0 else name

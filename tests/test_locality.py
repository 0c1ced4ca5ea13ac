"""The locality a plan is for (drafter/read/locality.py): its name, level and province from the
title and the issuer, in the plan's own language; and the envelope they are read from."""

import pytest

from drafter.model import Document, Notice
from drafter.read.extract import extract_document, extract_file
from drafter.read.outline import read_outline
from drafter.read.source import Line

from testkit import SHARED, write


def _locality(rules, plan_title, language="zh-Hans", raw="", **notice):
    fields = {"title": "", "addressees": "", "body": [], "authority": "", "date": ""}
    doc = Document(language=language, title=plan_title, notice=Notice(**{**fields, **notice}) if notice else None)
    return extract_document(doc, raw, rules)["locality"]


@pytest.mark.parametrize("title, level, province", [
    ("青溪省碳达峰实施方案", "province", "青溪省"),  # a province's suffix: its own province
    ("浙江省碳达峰实施方案", "province", "浙江省"),
    ("宁夏回族自治区碳达峰实施方案", "province", "宁夏回族自治区"),
    ("北京市碳达峰实施方案", "province", "北京市"),  # a municipality is a province, whatever its ending
    ("重庆市碳达峰实施方案", "province", "重庆市"),
    ("白石地区碳达峰实施方案", "city", "四川省"),  # prefectures are at the level of a city
    ("青山藏族自治州碳达峰实施方案", "city", "四川省"),
    ("白云盟碳达峰实施方案", "city", "四川省"),
    ("上海市青溪区碳达峰实施方案", "district", "上海市"),  # the title names its province
])
def test_the_level_of_each_kind_of_locality(rules, title, level, province):
    out = _locality(rules, title, raw="根据四川省的部署")
    assert out["level"] == level
    assert out["name"] == title.split("碳达峰")[0]
    assert out["province"] == province


def test_the_national_plan_is_the_country_s_own(rules):
    out = _locality(rules, "2030年前碳达峰行动方案", raw="河北省", title="国务院关于印发2030年前碳达峰行动方案的通知",
                    authority="国务院")
    assert out == {"name": "全国", "level": "national", "province": "全国"}
    out = _locality(rules, "Action Plan", "en", title="Notice of the State Council on Issuing the Action Plan",
                    authority="State Council")
    assert out == {"name": "China", "level": "national", "province": "China"}


def test_a_ministry_s_sector_plan_is_national_and_a_province_s_is_the_province_s(rules):
    assert _locality(rules, "工业领域碳达峰实施方案")["level"] == "national"
    assert _locality(rules, "某某部 某某局关于印发某方案的通知", title="某某部 某某局关于印发某方案的通知")["level"] == "national"
    assert _locality(rules, "广东省工业领域碳达峰实施方案")["name"] == "广东省"
    # A local party department is no ministry.
    assert _locality(rules, "", title="中共青溪市委宣传部关于印发某方案的通知")["level"] != "national"


def test_the_province_comes_from_the_issuer_not_from_places_the_text_names(rules):
    raw = "学习江苏省和浙江省的经验"
    out = _locality(rules, "发展绿色金融支持碳达峰行动的实施方案", raw=raw,
                    title="广东省人民政府办公厅关于印发发展绿色金融支持碳达峰行动实施方案的通知", authority="省政府办公厅")
    assert out == {"name": "广东省", "level": "province", "province": "广东省"}
    out = _locality(rules, "白石市碳达峰实施方案", raw=raw, title="广东省白石市人民政府关于印发白石市碳达峰实施方案的通知")
    assert out == {"name": "白石市", "level": "city", "province": "广东省"}


def test_a_title_naming_a_topic_first_is_read_for_its_province(rules):
    out = _locality(rules, "广东省发展绿色金融支持碳达峰行动的实施方案")
    assert out["name"] == "广东省" and out["level"] == "province"


@pytest.mark.parametrize("title, name", [
    ("Carbon Peaking Implementation Plan of Beijing", "Beijing"),
    ("Carbon Peaking Action Plan for Qingxi County", "Qingxi County"),
    ("Implementation Plan for Carbon Peaking in Deqing County", "Deqing County"),
])
def test_an_english_title_names_its_locality_in_either_order(rules, title, name):
    assert _locality(rules, title, "en")["name"] == name


def test_names_are_in_the_plan_s_language(rules):
    assert _locality(rules, "", raw="Guangdong")["province"] == "广东省"
    assert _locality(rules, "", "en", raw="广东省")["province"] == "Guangdong Province"
    assert _locality(rules, "", "en", raw="Beijing")["province"] == "Beijing"
    out = _locality(rules, "x", "en", title="Notice of the General Office of the People's Government of Guangdong "
                                             "Province on Issuing the Plan")
    assert out == {"name": "Guangdong Province", "level": "province", "province": "Guangdong Province"}


# -- the envelope -----------------------------------------------------------------------------------
def _outline(rules, *texts):
    return read_outline([Line(t, i + 1) for i, t in enumerate(texts)], rules)


def test_titles_split_over_two_lines_are_one_title(rules):
    doc = _outline(rules, "青溪省人民政府办公厅关于印发青溪省发展绿色", "金融支持碳达峰行动实施方案的通知", "青府办〔2022〕9号",
                   "各市人民政府，省政府各部门：", "现将方案印发给你们，请认真贯彻执行。", "省政府办公厅", "2022年6月1日",
                   "青溪省发展绿色金融支持碳达峰行动", "的实施方案", "为推动绿色发展，制定如下实施方案。", "一、总体要求",
                   "（一）指导思想", "坚持绿色发展。")
    assert doc.notice is not None and doc.notice.title.endswith("实施方案的通知")
    assert doc.title == "青溪省发展绿色金融支持碳达峰行动的实施方案"
    assert doc.preamble == ["为推动绿色发展，制定如下实施方案。"]


def test_a_topic_between_the_peak_and_the_plan_still_makes_a_title(rules):
    doc = _outline(rules, "青溪省碳达峰碳中和科技创新行动方案", "为推动创新，特制定本方案。", "一、总体要求", "（一）指导思想", "坚持创新。")
    assert doc.title == "青溪省碳达峰碳中和科技创新行动方案"


def test_full_width_punctuation_in_titles_is_kept_as_written(rules):
    doc = _outline(rules, "青溪县碳达峰实施方案（试行）", "为推动发展，制定本方案。", "一、重点任务",
                   "（一）推动“两高”项目绿色转型，促进升级", "1.严控新增项目：从严审批。内容。")
    assert doc.title == "青溪县碳达峰实施方案（试行）"
    action = doc.find("key_tasks").children[0]
    assert action.number == "（一）" and action.title == "推动“两高”项目绿色转型，促进升级"
    assert action.children[0].title.startswith("严控新增项目：")


def test_an_extracted_national_plan_is_a_parameters_file_again(rules, tmp_path):
    path = write(tmp_path, "national.txt", "国务院关于印发某某碳达峰行动方案的通知\n各省、自治区、直辖市人民政府：\n"
                 "现将方案印发给你们。\n国务院\n2021年10月24日\n某某碳达峰行动方案\n为推进碳达峰，制定本方案。\n"
                 "一、主要目标\n到2025年，非化石能源消费比重达到20%左右。\n")
    data = extract_file(path, rules)
    assert data["locality"] == {"name": "全国", "level": "national", "province": "全国"}
    from drafter.generate.params import PlanParams
    assert PlanParams.model_validate({"locality": data["locality"]}).locality.level == "national"


# -- the corpus: real PDFs as published --------------------------------------------------------------
CORPUS = SHARED / "corpus" / "pdf"
EXPECTED = {  # file name start -> (name, level, province, title)
    "2、": ("全国", "national", "全国", "2030年前碳达峰行动方案"),
    "105、": ("浙江省", "province", "浙江省", "浙江省碳达峰碳中和科技创新行动方案"),
    "296、": ("全国", "national", "全国", "城乡建设领域碳达峰实施方案"),
    "475、": ("广东省", "province", "广东省", "广东省发展绿色金融支持碳达峰行动的实施方案"),
    "576、": ("全国", "national", "全国", "工业领域碳达峰实施方案"),
}


def _corpus_file(start: str):
    found = sorted(CORPUS.glob(f"{start}*.pdf")) if CORPUS.is_dir() else []
    if not found:
        pytest.skip(f"corpus PDF {start}… absent")
    return found[0]


@pytest.mark.parametrize("start", sorted(EXPECTED))
def test_corpus_pdfs_give_their_locality_and_title(rules, start):
    from drafter.read import read_document

    path = _corpus_file(start)
    name, level, province, title = EXPECTED[start]
    assert extract_file(path, rules)["locality"] == {"name": name, "level": level, "province": province}
    assert read_document(path, rules).title == title


def test_the_actions_of_thematic_chapters_are_extracted_together(rules, tmp_path):
    path = write(tmp_path, "themes.md", "# 青溪县碳达峰实施方案\n\n为推进碳达峰，制定本方案。\n\n## 一、主要目标\n\n到2025年有进展。\n\n"
                 "## 二、建设低碳城市\n\n### （一）交通运输绿色低碳行动\n\n1.推广新能源车。内容。\n\n"
                 "## 三、建设美丽乡村\n\n### （二）农业农村减排固碳行动\n\n2.推广节能农机。内容。\n\n"
                 "## 四、保障措施\n\n### （一）完善经济政策\n\n加大财政支持。\n")
    assert extract_file(path, rules)["actions"] == ["action:transport", "action:agriculture_rural"]

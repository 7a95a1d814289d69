"""The gazetteer: names, mentions in text, and the place a document speaks for (synthetic sentences)."""

from tui_shishi.parse import places
from tui_shishi.parse.places import document_place, find, mentions


def named(text):
    return [(text[start:end], place.name) for start, end, place in mentions(text)]


def test_table_loads_every_level():
    levels = {place.level for place in places._table()}
    assert levels == {"province", "city", "district", "county"}
    assert len(places._table()) > 3000


def test_find_county_with_city_and_province():
    (langao,) = find("岚皋县")
    assert (langao.short, langao.level, langao.city, langao.province) == ("岚皋", "county", "安康", "陕西")
    assert find("岚皋") == [langao]


def test_short_names():
    assert find("昆明市")[0].short == "昆明"
    assert find("福建省")[0].short == "福建"
    assert find("黔南布依族苗族自治州")[0].short == "黔南"
    assert find("镇宁布依族苗族自治县")[0].short == "镇宁"
    assert find("内蒙古自治区")[0].short == "内蒙古"
    assert find("赵县")[0].short == "赵县"  # two characters at least


def test_city_of_a_city_is_itself_and_a_province_has_none():
    (kunming,) = find("昆明市")
    assert (kunming.level, kunming.city, kunming.province) == ("city", "昆明", "云南")
    fujian = find("福建省")[0]
    assert (fujian.level, fujian.city) == ("province", "")


def test_municipality_district_belongs_to_the_municipality():
    beijing = [p for p in find("朝阳区") if p.province == "北京"]
    assert len(beijing) == 1 and beijing[0].city == "北京"
    assert find("北京")[0].name == "北京市"


def test_full_name_with_preposition():
    assert [(s, e, p.short) for s, e, p in mentions("在青岛市")] == [(1, 4, "青岛")]


def test_short_city_names_ending_in_cheng_du_men():
    assert [p.name for _, _, p in mentions("聊城、成都和江门都出台了新举措")] == ["聊城市", "成都市", "江门市"]


def test_longest_name_first():
    ((start, end, district),) = mentions("荆州区今年办好十件实事")
    assert (start, end) == (0, 3)
    assert (district.level, district.city, district.province) == ("district", "荆州", "湖北")


def test_county_full_name():
    ((_, _, county),) = mentions("今年岚皋县确定十项民生工程")
    assert (county.level, county.city, county.province) == ("county", "安康", "陕西")


def test_newspaper_and_company_are_not_places():
    assert mentions("据青岛日报报道") == []
    assert mentions("青岛啤酒股份有限公司捐赠物资") == []
    assert mentions("北京师范大学附属学校") == []


def test_county_short_names_do_not_count_alone():
    assert mentions("岚皋今年的实事") == []


def test_two_character_full_names_need_a_boundary():
    assert mentions("创建省级示范县") == []
    assert mentions("提高县域医疗水平") == []
    assert mentions("新县城规划") == []
    assert named("保定市易县") == [("保定市", "保定市"), ("易县", "易县")]
    assert named("信阳市新县城") == [("信阳市", "信阳市"), ("新县", "新县")]


def test_generic_district_names_need_their_city():
    assert mentions("改造老城区道路") == []
    assert named("阳泉市城区") == [("阳泉市", "阳泉市"), ("城区", "城区")]


def test_word_like_city_names_only_in_full():
    assert mentions("祝大家幸福安康") == []
    assert [p.name for _, _, p in mentions("安康市岚皋县")] == ["安康市", "岚皋县"]


def test_autonomous_aliases():
    assert [p.name for _, _, p in mentions("黔南州和镇宁自治县")] == ["黔南布依族苗族自治州", "镇宁布依族苗族自治县"]


def test_ambiguous_district_kept_when_unresolved():
    found = mentions("朝阳区新建养老服务中心")
    assert {p.city for _, _, p in found} == {"北京", "长春"}
    assert {(s, e) for s, e, _ in found} == {(0, 3)}


def test_ambiguous_district_resolved_by_city_in_same_text():
    found = mentions("朝阳区新建养老服务中心，北京市统筹资金")
    chaoyang = [p for s, _, p in found if s == 0]
    assert [p.city for p in chaoyang] == ["北京"]


def test_ambiguous_district_resolved_by_province():
    found = mentions("福建省各地推进改造，鼓楼区完成三个小区")
    assert [p.city for _, _, p in found if p.name == "鼓楼区"] == ["福州"]


def test_county_document():
    lines = [
        "岚皋县2099年十大民生实事项目公布",
        "我县将认真办好这十件民生实事。",
        "①岚皋县乡村道路改造；",
        "②岚皋县学校操场改造。",
    ]
    found = document_place(lines)
    assert found.place.name == "岚皋县" and found.place.level == "county" and found.place.city == "安康"
    assert found.strong
    assert found.evidence.startswith("岚皋县2099年")


def test_city_document_naming_its_districts():
    lines = [
        "安顺市2099年十件实事进展",
        "全市十件实事均已完成。",
        "一、新建幼儿园。西秀区完成2所、平坝区完成1所。",
        "二、改造道路。西秀区完成5公里、平坝区完成3公里、普定县完成2公里。",
    ]
    found = document_place(lines)
    assert (found.place.name, found.place.level, found.strong) == ("安顺市", "city", True)


def test_district_document_without_its_city():
    lines = [
        "荆州区2099年民生实事项目确定，区政府将抓好落实。",
        "一、荆州区老旧小区改造；",
        "二、荆州区农村公路建设。",
    ]
    found = document_place(lines)
    assert (found.place.name, found.place.level, found.place.city) == ("荆州区", "district", "荆州")


def test_city_document_with_a_lagging_county():
    lines = [
        "现将全市民生工程推进情况通报如下：",
        "1、道路工程，舒城县进度偏慢。",
        "2、饮水工程，舒城县、霍山县尚未完成。",
        "3、法律援助，舒城县尚未完成。",
        "六安市民生工程办公室",
    ]
    assert document_place(lines).place.name == "六安市"


def test_province_document_without_a_place_is_none_or_weak():
    lines = [
        "图为三明地区某村卫生室。某某 摄",
        "上半年，省委、省政府为民办实事项目稳步推进。",
        "全省各地已上调低保标准。",
    ]
    found = document_place(lines)
    assert found is None or not found.strong


def test_city_guessed_from_a_short_name_once_is_weak():
    found = document_place(["完成常州某老街立面整治。"])
    assert found.place.name == "常州市" and not found.strong


def test_ambiguous_district_document_is_weak():
    found = document_place(["朝阳区2099年民生实事项目", "一、新建社区食堂。"])
    assert found.place.name == "朝阳区" and not found.strong


def test_ambiguous_district_document_resolved():
    found = document_place(["北京市朝阳区2099年民生实事项目", "一、朝阳区新建社区食堂。", "区政府统筹推进。"])
    assert (found.place.name, found.place.city, found.strong) == ("朝阳区", "北京", True)


def test_no_place():
    assert document_place(["一、新建社区食堂。", "二、改造老旧小区。"]) is None

"""Department notes in item lines and department lists in notes and table cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_shishi.parse.departments import find_department_notes, parse_departments, split_department_groups


def test_half_width_note_in_a_task_line() -> None:
    text = "1、科学编制城区中小学、幼儿园建设图谱。(牵头部门:市教育局、市自然资源和规划局)"
    (note,) = find_department_notes(text)
    assert (note.role, note.label, note.raw) == ("lead", "牵头部门", "市教育局、市自然资源和规划局")
    assert text[note.start : note.end] == "(牵头部门:市教育局、市自然资源和规划局)"
    assert text[: note.start] == "1、科学编制城区中小学、幼儿园建设图谱。"


def test_full_width_note_keeps_published_label() -> None:
    text = "第1件：参保人数达到20万人以上。（责任单位：市人力资源社会保障局、市总工会）"
    (note,) = find_department_notes(text)
    assert (note.role, note.label, note.raw) == ("responsible", "责任单位", "市人力资源社会保障局、市总工会")
    assert text[note.start : note.end] == "（责任单位：市人力资源社会保障局、市总工会）"
    assert note.end == len(text)


def test_tortoise_shell_bracket_with_a_bracket_inside() -> None:
    text = "102、推进乡村振兴。〔牵头部门:市农业农村局(市乡村振兴局)〕"
    (note,) = find_department_notes(text)
    assert text[note.start : note.end] == "〔牵头部门:市农业农村局(市乡村振兴局)〕"
    assert note.raw == "市农业农村局(市乡村振兴局)"


def test_two_labels_in_one_bracket_and_traditional_label() -> None:
    notes = find_department_notes("建设(牵头单位:市甲局;配合单位:市乙局、市丙局)")
    assert [(n.role, n.raw) for n in notes] == [("lead", "市甲局"), ("co", "市乙局、市丙局")]
    assert notes[0].start == notes[1].start == 2
    (note,) = find_department_notes("（責任單位：市衛生健康委）")
    assert (note.role, note.label) == ("responsible", "責任單位")


def test_brackets_without_a_label_are_not_notes() -> None:
    assert find_department_notes("全市城镇新增就业41.58万人(按照国家最新统计方法修正)") == []
    assert find_department_notes("牵头部门:市教育局") == []  # a label outside brackets is a table header's job


def names(text: str) -> list[tuple[str, str]]:
    return [(d.name, d.note) for d in parse_departments(text, "co")]


def test_trailing_scope_becomes_the_note() -> None:
    (dept,) = parse_departments("市住房城乡建设局(节能保暖工程)", "lead")
    assert (dept.name, dept.note, dept.role, dept.raw) == ("市住房城乡建设局", "节能保暖工程", "lead", "市住房城乡建设局(节能保暖工程)")
    assert names("市农业农村局（市乡村振兴局）") == [("市农业农村局", "市乡村振兴局")]


def test_bracket_inside_a_name_is_part_of_it() -> None:
    assert names("各区(市)政府") == [("各区(市)政府", "")]
    (dept,) = parse_departments("各区（市）政府", "co")
    assert (dept.name, dept.raw) == ("各区(市)政府", "各区（市）政府")


def test_separators_and_table_cell_spaces() -> None:
    assert names("市住房城乡建设局(未贯通道路、立体人行过街通道设施) 市交通运输局(公交线路)") == [
        ("市住房城乡建设局", "未贯通道路、立体人行过街通道设施"),
        ("市交通运输局", "公交线路"),
    ]
    assert names("市财政局、市自然资源和规划局,各区(市)政府") == [
        ("市财政局", ""),
        ("市自然资源和规划局", ""),
        ("各区(市)政府", ""),
    ]
    assert names("市委编办；人民银行青岛市中心支行，市大数据局;青岛供电公司") == [
        ("市委编办", ""),
        ("人民银行青岛市中心支行", ""),
        ("市大数据局", ""),
        ("青岛供电公司", ""),
    ]


def test_duplicates_kept_once() -> None:
    assert names("市财政局、市财政局，各区（市）政府、各区(市)政府") == [("市财政局", ""), ("各区(市)政府", "")]
    # one department with two scopes stays twice: each scope is a fact of the plan
    assert len(names("市住房城乡建设局(节能保暖工程) 市住房城乡建设局(老旧小区改造)")) == 2


def test_seed_plan_cell(sources_dir) -> None:
    text = (sources_dir / "qingdao-2023-implementation-plan.txt").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("6\t"))
    lead = row.split("\t")[2]
    assert names(lead) == [
        ("市住房城乡建设局", "未贯通道路、立体人行过街通道设施"),
        ("市交通运输局", "公交线路"),
        ("市水务管理局", "排水窨井防坠落设施"),
    ]


def test_seed_task_list_notes(sources_dir) -> None:
    text = (sources_dir / "zibo-2022-2024-key-tasks.txt").read_text(encoding="utf-8")
    notes = find_department_notes(text)
    assert len(notes) == 113 and {n.role for n in notes} == {"lead"}
    for note in notes:
        assert parse_departments(note.raw, note.role)
        assert text[note.start] in "(（〔" and text[note.end - 1] in ")）〕"


@given(st.text(alphabet=st.sampled_from("市局甲乙、,，;；() （）〔〕牵头部门:责任单位\n"), max_size=40) | st.text(max_size=30))
def test_arbitrary_text_never_raises(text: str) -> None:
    for note in find_department_notes(text):
        assert 0 <= note.start < note.end <= len(text)
        for dept in parse_departments(note.raw, note.role):
            assert dept.name and dept.role == note.role
    for dept in parse_departments(text, "lead"):
        assert dept.name and dept.role == "lead" and dept.raw.strip()


def test_split_department_groups_of_a_plan_cell() -> None:
    cell = "市财政局、市自然资源和规划局,各区(市)政府 市发展改革委、市财政局,青岛供电公司,各区（市 ）政府"
    groups = [cell[s:e] for s, e in split_department_groups(cell)]
    assert groups == ["市财政局、市自然资源和规划局,各区(市)政府", "市发展改革委、市财政局,青岛供电公司,各区（市 ）政府"]
    assert [d.name for d in parse_departments(groups[1], "co")][-1] == "各区(市)政府"


def test_unclosed_note_runs_to_the_line_end() -> None:
    text = "推进乡村振兴。(牵头部门:市农业农村局(市乡村振兴局)\n下一行(无关)"
    (note,) = find_department_notes(text)
    assert note.raw == "市农业农村局(市乡村振兴局)"
    assert text[note.start : note.end] == "(牵头部门:市农业农村局(市乡村振兴局)"


def test_split_department_groups_space_next_to_a_separator_is_not_a_line_break() -> None:
    cell = "市财政局、 市教育局 市民政局 ,各区政府"
    assert [cell[s:e] for s, e in split_department_groups(cell)] == ["市财政局、 市教育局", "市民政局 ,各区政府"]

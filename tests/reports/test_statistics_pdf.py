"""The statistics report and the mediator assessment as PDF (reports/statistics_pdf.py,
reports/assessment_pdf.py), read back with pdftotext, pdffonts and qpdf."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.errors import DomainError
from mediation_desk.domain.statistics import (
    MEASURES,
    Figure,
    ReportPeriod,
    Row,
    Table,
    format_value,
)
from mediation_desk.reports.assessment_pdf import center_figure, ranked, render_assessment
from mediation_desk.reports.charts import Series, bar_chart
from mediation_desk.reports.comparisons import WHICH, comparison, hidden_comparisons
from mediation_desk.reports.statistics_pdf import (
    change_text,
    printed_measures,
    render_report,
)
from tests.reports import pdf_tools
from tests.reports.report_samples import center_name, sample_report, village_name

YEAR = ReportPeriod.year(2026)


@pytest.fixture(scope="module")
def monthly():
    report = sample_report()
    return report, render_report(report, prepared_by="李文", reviewed_by="王主任")


@pytest.fixture(scope="module")
def public_center():
    report = sample_report(public=True)
    return report, render_report(report)


@pytest.fixture(scope="module")
def public_court():
    report = sample_report(public=True, court_desk=True)
    return report, render_report(report)


def _headline_line(f, report=None):
    """The line the PDF prints (a published report hides comparisons as the XLSX does)."""
    hidden = hidden_comparisons(report) if report is not None else {}
    cells = [f.label, f.text()]
    for which in WHICH:
        c = comparison(f, which, hidden)
        cells += ["<3" if c.hidden else format_value(c.value, f.unit), change_text(c.change)]
    return [*cells, f.unit.value]


def test_title_unit_period_date_and_signatures(monthly):
    report, pdf = monthly
    text = pdf_tools.text(pdf)
    assert text.startswith("人民调解工作月报填报单位：城关镇人民调解委员会")
    for part in ("统计期间：2026年11月", "生成日期：2026年12月1日", "发布范围：内部资料",
                 "一、主要指标", "二、统计图表", "三、分类统计", "四、统计说明"):
        assert part in text
    assert "对外发布" not in text.replace("对外发布时应使用对外发布版本", "")
    last = pdf_tools.pages(pdf)[-1]
    flat = ["".join(line) for line in last]
    assert any("填报人：李文" in s and "审核人：王主任" in s and "日期：" in s for s in flat)
    # the signatures share their page with the last counting rules (no orphan page)
    last_rule = MEASURES[printed_measures(report)[-1]].rule.replace(" ", "")
    assert last_rule in "".join(flat)


def test_blank_signature_lines_to_sign_on():
    pdf = render_report(sample_report(villages=2))
    assert ["填报人：＿＿＿＿＿＿", "审核人：＿＿＿＿＿＿", "日期：＿＿＿＿年＿＿月＿＿日"] in \
        pdf_tools.lines(pdf)


def test_every_headline_figure_with_its_comparisons(monthly):
    report, pdf = monthly
    lines = pdf_tools.lines(pdf)
    for f in report.figures.values():
        assert _headline_line(f) in lines, f.key
    # spot checks against hand-computed numbers (sample: 受理 842 against 790 and 688)
    assert ["受理纠纷数", "842", "790", "+6.6", "688", "+22.4", "件"] in lines
    assert ["调解成功率", "96.1", "96.8", "-0.7", "95.9", "+0.2", "%"] in lines
    assert ["协议涉及金额", "1235.40", "1102.30", "+12.1", "980.05", "+26.1", "万元"] in lines
    assert ["防止群体性事件涉及人数", "35", "20", "+75.0", "—", "—", "人"] in lines


def test_every_table_row_and_total(monthly):
    report, pdf = monthly
    lines = pdf_tools.lines(pdf)
    for table in report.tables:
        for row in (*table.rows, table.total):
            assert row is not None
            expected = [row.label] + [row.cells[c].text() for c in table.columns]
            assert expected in lines, (table.key, row.label)
    assert ["婚姻家庭纠纷", "168", "20.0", "163", "97.0", "85.20", "1"] in lines
    assert ["合计", "842", "100.0", "809", "96.1", "1235.40", "7"] in lines
    text = pdf_tools.text(pdf)
    for table in report.tables:
        assert table.title in text
    assert "（一）按纠纷类型" in text and "（六）满意度分布" in text
    assert "本期无讼候选村（社区）：东风村、前进村、和平村" in text


def test_counting_rules_of_every_printed_measure(monthly):
    report, pdf = monthly
    text = pdf_tools.text(pdf)
    keys = printed_measures(report)
    assert {"accepted", "share", "to_court", "follow_ups", "jc_confirmed"} <= set(keys)
    for key in keys:
        m = MEASURES[key]
        assert re.sub(r"\s+", "", f"{m.label}（{m.unit.value}）：{m.rule}") in text, key
    assert "调解成功率=调解成功数÷受理纠纷数×100%（成功/受理）" in text
    assert "环比为与上一统计期间（2026年10月）相比，同比为与上年同期（2025年11月）相比" in text


def test_charts_are_drawn_with_their_labels(monthly):
    _report, pdf = monthly
    text = pdf_tools.text(pdf)
    for title in ("按纠纷类型受理纠纷数", "按案件来源受理纠纷数",
                  "近12个月受理纠纷数与调解成功率（2025年12月—2026年11月）", "调解员办案情况对比"):
        assert title in text
    trend = "近12个月受理纠纷数与调解成功率（2025年12月—2026年11月）"
    page = next(p for p in pdf_tools.pages(pdf) if [trend] in p)
    # the month axis: 12月 of last year to 11月
    months = [t for line in page for t in line if re.fullmatch(r"\d{1,2}月", t)]
    assert months[-12:] == [f"{m}月" for m in (12, *range(1, 12))]


def test_hidden_bar_has_no_length():
    d = bar_chart("t", ["甲", "乙"], [Series("受理", [5.0, None], ["5", "<3"])], font="Helvetica",
                  width=300)
    chart = next(c for c in d.contents if hasattr(c, "barLabelArray"))
    assert chart.data == [[0.0, 5.0]]  # reversed: the first label on top
    assert chart.barLabelArray == [["<3", "5"]]


def test_fonts_embedded_and_qpdf_clean(monthly, tmp_path):
    _report, pdf = monthly
    fonts = pdf_tools.fonts(pdf)
    assert fonts and all(emb == "yes" for _name, emb in fonts), fonts
    check = pdf_tools.qpdf_check(pdf, tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def test_same_report_same_bytes_dated_generated_on(monthly):
    report, pdf = monthly
    assert render_report(report, prepared_by="李文", reviewed_by="王主任") == pdf
    assert b"D:20261201000000+00'00'" in pdf
    later = replace(report, generated_on=report.generated_on.replace(day=2))
    assert b"D:20261202000000+00'00'" in render_report(later)


def test_page_numbers(monthly):
    _report, pdf = monthly
    pages = pdf_tools.pages(pdf)
    assert len(pages) >= 4
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页 共{len(pages)}页" in " ".join(" ".join(line) for line in page)


def test_published_report_shows_small_cells_as_under_three(public_center):
    report, pdf = public_center
    text = pdf_tools.text(pdf)
    assert "人民调解工作月报（对外发布）" in text
    assert "发布范围：对外发布" in text and "<3" in text
    mass = report.figures["prevented_mass"]
    assert mass.suppressed and mass.text() == "<3"
    lines = pdf_tools.lines(pdf)
    assert _headline_line(mass, report) in lines
    assert ["防止群体性事件", "<3"] == _headline_line(mass, report)[:2]
    # the previous month's 1 is a small count too: hidden, not printed as 1, no change
    assert _headline_line(mass, report)[2:4] == ["<3", "—"]
    villages = report.table("by_village")
    assert villages is not None
    assert ["东风村", "<3", "<3", "<3", "<3", "0"] in lines
    for f in report.figures.values():
        assert _headline_line(f, report) in lines, f.key


def test_internal_report_prints_the_small_numbers(monthly):
    _report, pdf = monthly
    lines = pdf_tools.lines(pdf)
    assert ["防止群体性事件", "2", "1", "+100.0", "0", "—", "件"] in lines
    assert not any("<3" in t for line in lines for t in line)


def test_court_desk_ranks_centers(public_court):
    report, pdf = public_court
    lines = pdf_tools.lines(pdf)
    by_center = report.table("by_center")
    assert by_center is not None
    for row in by_center.rows:
        numbers = [row.cells[c].text() for c in by_center.columns]
        # a center's name wraps in its narrow column: the rank and numbers share a line
        assert any(line[-len(numbers):] == numbers and line[0] == str(row.rank)
                   for line in lines), row.label
    assert "某某县人民法院" in pdf_tools.text(pdf)


def _header_pages(pdf: bytes, first_header_word: str) -> list[int]:
    return [i for i, page in enumerate(pdf_tools.pages(pdf))
            if any(line[:2] == first_header_word.split() for line in page)]


def test_sixty_centers_paginate_with_repeated_header():
    report = sample_report(court_desk=True, centers=60)
    pdf = render_report(report)
    pages = pdf_tools.pages(pdf)
    by_center = report.table("by_center")
    assert by_center is not None and len(by_center.rows) == 60
    # the pages the 按调解组织 rows are on: every one starts the table with its header
    rank_pages = {}
    for i, page in enumerate(pages):
        for line in page:
            for row in by_center.rows:
                numbers = [row.cells[c].text() for c in by_center.columns]
                if line[:1] == [str(row.rank)] and line[-len(numbers):] == numbers:
                    rank_pages.setdefault(row.rank, i)
    assert sorted(rank_pages) == list(range(1, 61))
    spread = sorted(set(rank_pages.values()))
    assert len(spread) >= 2
    for i in spread:
        assert any(line[:1] == ["排名"] and "调解组织" in line for line in pages[i]), i
    text = pdf_tools.text(pdf)
    for k in range(60):
        assert center_name(k) in text


def test_three_hundred_villages_paginate_with_repeated_header():
    report = sample_report(villages=300)
    pdf = render_report(report)
    pages = pdf_tools.pages(pdf)
    table = report.table("by_village")
    assert table is not None and len(table.rows) == 300
    where = {}
    for i, page in enumerate(pages):
        for line in page:
            if line and line[0] in {r.label for r in table.rows}:
                where.setdefault(line[0], i)
    assert set(where) == {village_name(k) for k in range(300)}
    spread = sorted(set(where.values()))
    assert len(spread) >= 5  # 300 rows: several pages
    for i in spread:
        assert any(line == ["村（社区）"] for line in pages[i]), i  # the repeated header


@pytest.mark.parametrize("villages", [8, 17, 26, 35])
def test_signatures_never_alone_on_the_last_page(villages):
    report = sample_report(villages=villages)
    pdf = render_report(report)
    last = "".join("".join(line) for line in pdf_tools.pages(pdf)[-1])
    assert "填报人：" in last
    rules = [MEASURES[k].rule.replace(" ", "") for k in printed_measures(report)]
    assert rules[-1] in last and rules[-2] in last


def test_a_figure_not_computable_prints_a_dash():
    report = sample_report(villages=2)
    figures = dict(report.figures)
    figures["success_rate"] = Figure("success_rate", None, (), None, Decimal("95.9"))
    pdf = render_report(replace(report, figures=figures))
    assert ["调解成功率", "—", "—", "—", "95.9", "—", "%"] in pdf_tools.lines(pdf)


# --- mediator assessment (考评) --------------------------------------------------------
@pytest.fixture(scope="module")
def yearly():
    return sample_report(period=YEAR)


def test_ranking_by_success_rate_then_cases(yearly):
    table = yearly.table("by_mediator")
    assert table is not None
    order = [(r.label, r.rank) for r in ranked(table)]
    # 李华 and 王芳 both 97.5%: 李华 has 160 cases against 120
    assert order == [("张明", 1), ("李华", 2), ("王芳", 3), ("赵强", 4), ("陈静", 5)]
    twin = Row("m-twin", "孙丽", dict(table.rows[1].cells))
    tied = replace(table, rows=(*table.rows, twin))
    assert [(r.label, r.rank) for r in ranked(tied)][:4] == [
        ("张明", 1), ("李华", 2), ("孙丽", 2), ("王芳", 4)]


def test_one_mediator_form_beside_the_center(yearly):
    pdf = render_assessment(yearly, "m-li")
    text = pdf_tools.text(pdf)
    assert text.startswith("调解员年度考评表调解员：李华考评期间：2026年度")
    lines = pdf_tools.lines(pdf)
    # 受理 160 beside the center's mean of 180, 160, 120, 150, 90 = 140.0
    assert ["受理纠纷数", "160", "140.0", "件"] in lines
    assert ["调解成功率", "97.5", "97.3", "%"] in lines  # the center's own rate (681/700)
    assert ["平均办理天数", "9.0", "9.4", "日"] in lines
    assert ["超期", "1", "1.2", "件"] in lines
    assert ["平均满意度", "4.7", "4.6", "分"] in lines
    assert ["司法确认有效", "28", "24.0", "件"] in lines
    assert "调解成功率在本中心5名调解员中排第2名" in text
    assert "调解员（签名）：＿＿＿＿＿＿" in text and "中心主任（签名）：＿＿＿＿＿＿" in text
    assert len(pdf_tools.pages(pdf)) == 1
    assert all(emb == "yes" for _n, emb in pdf_tools.fonts(pdf))
    assert render_assessment(yearly, "m-li") == pdf


def test_center_figure_means_per_mediator(yearly):
    table = yearly.table("by_mediator")
    assert table is not None
    assert center_figure(table, "accepted") == "140.0"
    assert center_figure(table, "success_rate") == "97.3"


def test_ranked_table_for_the_director(yearly):
    pdf = render_assessment(yearly)
    text = pdf_tools.text(pdf)
    assert text.startswith("调解员年度考评表（汇总）")
    lines = pdf_tools.lines(pdf)
    table = yearly.table("by_mediator")
    assert table is not None
    expected = [[str(r.rank), r.label] + [r.cells[c].text() for c in table.columns]
                for r in ranked(table)]
    found = [line for line in lines if line and line[0] in "12345" and len(line) > 5]
    assert found == expected
    assert "中心主任（签名）" in text


def test_assessment_refusals(yearly):
    with pytest.raises(DomainError) as err:
        render_assessment(yearly, "m-nobody")
    assert err.value.code == "mediator_not_found" and "m-nobody" in str(err.value)
    bare = replace(yearly, tables=tuple(t for t in yearly.tables if t.key != "by_mediator"))
    with pytest.raises(DomainError) as err:
        render_assessment(bare)
    assert err.value.code == "no_mediator_table"


def test_quarterly_assessment_title():
    pdf = render_assessment(sample_report(period=ReportPeriod.quarter(2026, 4), villages=2))
    assert pdf_tools.text(pdf).startswith(
        "调解员考评表（汇总）调解组织：城关镇人民调解委员会考评期间：2026年第四季度")


def test_generic_table_any_columns():
    """A table the renderer has never seen (another key, one column) still prints."""
    report = sample_report(villages=2)
    extra = Table("by_flag", "按标记", ("accepted",), (
        Row("x", "疑难复杂", {"accepted": Figure("accepted", 4, ("a", "b", "c", "d"))}),),
        Row("", "合计", {"accepted": Figure("accepted", 4, ())}))
    pdf = render_report(replace(report, tables=(*report.tables, extra)))
    lines = pdf_tools.lines(pdf)
    assert ["项目", "受理纠纷数"] in lines or ["项目"] in lines
    assert ["疑难复杂", "4"] in lines


def _empty_report():
    from mediation_desk.domain.statistics import HEADLINE, MonthPoint, Report, Unit

    period = ReportPeriod.month(2026, 2)
    rates = (Unit.PERCENT, Unit.DAYS, Unit.SCORE)
    figures = {k: Figure(k, None if MEASURES[k].unit in rates else 0) for k in HEADLINE}
    trend = tuple(MonthPoint(m, Figure("accepted", 0), Figure("succeeded", 0),
                             Figure("success_rate", None)) for m in period.months_to(12))
    tables = (Table("by_type", "按纠纷类型", ("accepted", "share"), (),
                    Row("", "合计", {"accepted": Figure("accepted", 0)})),
              Table("by_mediator", "按调解员", ("accepted", "success_rate"), ()))
    return Report(period, "新设<调委会>&第一组", figures, tables, trend, date(2026, 3, 1))


def test_a_desk_with_no_cases_still_gets_its_report(tmp_path):
    report = _empty_report()
    pdf = render_report(report)
    lines = pdf_tools.lines(pdf)
    assert ["受理纠纷数", "0", "—", "—", "—", "—", "件"] in lines
    assert ["调解成功率", "—", "—", "—", "—", "—", "%"] in lines
    text = pdf_tools.text(pdf)
    assert "填报单位：新设<调委会>&第一组" in text  # markup characters printed, not parsed
    assert "本期无数据。" in text
    assert pdf_tools.qpdf_check(pdf, tmp_path).returncode == 0
    ranked_pdf = render_assessment(report)
    assert "调解员考评表（汇总）" in pdf_tools.text(ranked_pdf)


def test_a_long_unit_name_is_cut_in_the_footer():
    name = "某某省某某市某某县某某镇某某村人民调解委员会第一调解小组驻某某派出所调解室"
    pdf = render_report(replace(sample_report(villages=2), unit_name=name))
    footer = pdf_tools.pages(pdf)[0][-1]
    assert footer[0].endswith("…") and name.startswith(footer[0][:-1])
    assert footer[1:3] == ["第1页", f"共{len(pdf_tools.pages(pdf))}页"]
    # the name takes a line of its own at the top (wrapping, never beside another field)
    top = "".join("".join(line) for line in pdf_tools.pages(pdf)[0][1:3])
    assert top == f"填报单位：{name}"


def test_trend_rate_axis_holds_a_rate_over_a_hundred():
    from mediation_desk.reports.charts import trend_chart

    d = trend_chart("t", ["1月", "2月"], [10.0, 12.0], [95.0, 125.0], font="Helvetica",
                    width=400)
    rate_line = [c for c in d.contents if hasattr(c, "valueAxis")][1]
    assert (rate_line.valueAxis.valueMin, rate_line.valueAxis.valueMax) == (50.0, 130.0)


def test_a_name_the_font_cannot_draw_is_marked_not_dropped():
    from mediation_desk.documents.fonts import document_font
    from mediation_desk.reports.statistics_pdf import chart_label

    rare = "\U0002B5E7"  # CJK Extension C
    font = replace(document_font(), _fallbacks=[])  # no fallback face on any machine
    assert font.face_for(rare) is None
    assert chart_label(font, "张明") == ("张明", font.name)
    assert chart_label(font, f"王{rare}") == ("王[U+2B5E7]", font.name)
    # a fallback face that has the whole name draws it
    extb = replace(font, _fallbacks=[("ExtB", frozenset({ord("王"), ord(rare)}))])
    assert chart_label(extb, f"王{rare}") == (f"王{rare}", "ExtB")
    report = sample_report(villages=2)
    table = report.table("by_mediator")
    assert table is not None
    renamed = replace(table, rows=(replace(table.rows[0], label=f"王{rare}"), *table.rows[1:]))
    pdf = render_report(replace(report, tables=tuple(
        renamed if t.key == "by_mediator" else t for t in report.tables)), font=font)
    text = pdf_tools.text(pdf)
    assert text.count("王[U+2B5E7]") == 2  # the table (red marker) and the chart label


@pytest.mark.parametrize(("period", "title", "label"), [
    (ReportPeriod.quarter(2026, 4), "人民调解工作季度通报", "2026年第四季度"),
    (ReportPeriod.year(2026), "人民调解工作年度报告", "2026年度"),
    (ReportPeriod.range(date(2026, 11, 3), date(2026, 12, 1)),
     "人民调解工作统计报告", "2026年11月3日至2026年12月1日"),
])
def test_title_and_period_of_every_kind(period, title, label):
    pdf = render_report(sample_report(villages=2, period=period))
    text = pdf_tools.text(pdf)
    assert text.startswith(f"{title}填报单位：")
    assert f"统计期间：{label}" in text
    prev, before = period.previous().label, period.year_before().label
    assert f"环比为与上一统计期间（{prev}）相比，同比为与上年同期（{before}）相比" in text


def test_the_village_views_own_wusong_table_replaces_the_line():
    report = sample_report(villages=5)
    villages = report.table("by_village")
    assert villages is not None
    wusong = Table("wusong", "无讼村（社区）候选", ("accepted",), tuple(
        Row(r.key, r.label, {"accepted": r.cells["accepted"]}) for r in villages.rows[:1]))
    pdf = render_report(replace(report, tables=(*report.tables, wusong)))
    text = pdf_tools.text(pdf)
    assert "无讼村（社区）候选" in text and "本期无讼候选村（社区）：" not in text
    # its row-label header is 村（社区）, like the village table's
    assert pdf_tools.lines(pdf).count(["村（社区）"]) == 2

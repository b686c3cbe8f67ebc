"""Records of what happened: 调查记录, 调解记录（笔录）, 回访记录 (REFERENCE §2.2).

Each recorded event prints on its own page. A case with no such event yet
gets the form with its header filled and ruled lines, to take along and fill
in by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.enums import EventKind, Performance
from ..domain.models import CaseEvent
from .common import FOUR, body_paras, new_spec, numeral, party_sign_lines
from .data import CaseBundle, cn_date, cn_datetime
from .spec import Block, DocSpec, Grid, Heading, Lines, PageBreak, Para, Signatures

SATISFACTION = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
READ_BACK = "以上记录已经本人阅看（或已向本人宣读），与所述一致。"


def _grid(rows: list[tuple[str, str, str, str]], blank: bool) -> Grid:
    spans = tuple((1, i, 3, i) for i, r in enumerate(rows) if r[2] == "" and r[3] == "")
    return Grid(rows=tuple(rows), widths=FOUR, spans=spans, labels=(0, 2),
                min_height=24 if blank else 0)


def _pages(spec: DocSpec, events: list[CaseEvent | None],
           page: Callable[[CaseEvent | None], list[Block]], what: str = "") -> DocSpec:
    """One page (or more) per event; with ``what`` each is numbered 第一次调解, 第二次调解 …
    and a later one starts under the title again, so every record can be read alone."""
    for i, ev in enumerate(events):
        if i:
            spec.add(PageBreak(), Para(spec.title, indent=False, align="center", size=22))
            for line in (spec.number, *spec.subnumbers):
                if line:
                    spec.add(Para(line, indent=False, align="right", size=12))
        if what and ev is not None:
            spec.add(Para(f"（第{numeral(i)}次{what}）", indent=False, align="center"))
        spec.add(*page(ev))
    return spec


def _recorder(ev: CaseEvent | None) -> str:
    """记录人: the account that recorded the event (the desk names the logged-in user)."""
    return ev.actor if ev is not None else ""


def investigation(b: CaseBundle) -> DocSpec:
    """人民调解调查记录: time, place, person interviewed, investigators, content, signatures."""
    spec = new_spec(b, "investigation", "人民调解调查记录")
    events: list[CaseEvent | None] = list(b.events_of(EventKind.INVESTIGATION)) or [None]

    def page(ev: CaseEvent | None) -> list[Block]:
        rows = [("时间", cn_datetime(ev.occurred_at) if ev else cn_datetime(None), "", ""),
                ("地点", ev.place if ev else "", "", ""),
                ("被调查人", ev.participants if ev else "", "", ""),
                ("调查人", b.mediator_names if b.case else "", "记录人", _recorder(ev)),
                ("事由", b.dispute() if b.case else "", "", "")]
        out: list[Block] = [_grid(rows, ev is None), Heading("调查内容：")]
        out += body_paras(ev.notes) if ev and ev.notes.strip() else [Lines(14)]
        out.append(Para(READ_BACK))
        out.append(Signatures(lines=("被调查人（签名）：", "调查人（签名）：", "记录人（签名）："),
                              date=cn_date(ev.occurred_at.date()) if ev else cn_date(None),
                              columns=1))
        return out

    return _pages(spec, events, page, "调查")


def session_record(b: CaseBundle) -> DocSpec:
    """人民调解记录（笔录）: time, place, matter, attendees, notices, statements, result."""
    spec = new_spec(b, "session_record", "人民调解记录")
    events: list[CaseEvent | None] = list(b.events_of(EventKind.SESSION)) or [None]
    fixes = {c.new_id: c for c in b.corrections() if c.new_id}

    def page(ev: CaseEvent | None) -> list[Block]:
        fixed: list[Block] = []
        if ev is not None and ev.id in fixes:  # a corrected record says so on its page
            c = fixes[ev.id]
            fixed.append(Para(f"（本记录为更正后的第{c.version}版，更正原因：{c.reason}。"
                              "原记录保留在卷。）", indent=False))
        rows = [("时间", cn_datetime(ev.occurred_at) if ev else cn_datetime(None), "", ""),
                ("地点", ev.place if ev else "", "", ""),
                ("事由", b.dispute() if b.case else "", "", ""),
                ("当事人", b.party_names() if b.case else "", "", ""),
                ("参加人", ev.participants if ev else "", "", ""),
                ("人民调解员", b.mediator_names if b.case else "", "记录人", _recorder(ev))]
        out: list[Block] = [*fixed, _grid(rows, ev is None),
               Para("人民调解员告知：本次调解由人民调解委员会主持，调解遵循自愿、平等、合法的原则，"
                    "当事人享有选择或者接受人民调解员、拒绝调解或者要求终止调解等权利，"
                    "应当如实陈述纠纷事实、遵守调解秩序、尊重对方当事人。"
                    "为达成调解协议而作出的让步，不得在其后的诉讼中作为对其不利的根据。"),
               Heading("调解情况：")]
        out += body_paras(ev.notes) if ev and ev.notes.strip() else [Lines(12)]
        result = str(ev.data.get("result", "")).strip() if ev is not None else ""
        if result:
            first, *rest = result.splitlines()
            out.append(Para(f"调解结果：{first.strip()}", indent=False))
            out += body_paras("\n".join(rest))
        else:  # not recorded (or a blank form): to write in by hand
            out += [Heading("调解结果："), Lines(3)]
        out.append(Para(READ_BACK))
        lines = (*party_sign_lines(b, "签名"), "人民调解员（签名）：", "记录人（签名）：",
                 "参加人（签名）：")
        out.append(Signatures(lines=lines, columns=2,
                              date=cn_date(ev.occurred_at.date()) if ev else cn_date(None)))
        return out

    return _pages(spec, events, page, "调解")


def followup(b: CaseBundle) -> DocSpec:
    """人民调解回访记录: performance, satisfaction, notes, visitor and date."""
    spec = new_spec(b, "followup", "人民调解回访记录")
    events: list[CaseEvent | None] = list(b.events_of(EventKind.FOLLOW_UP)) or [None]

    def page(ev: CaseEvent | None) -> list[Block]:
        perf, sat = "", ""
        if ev is not None:
            try:
                perf = Performance(ev.data.get("performance", "")).label
            except ValueError:
                perf = str(ev.data.get("performance", ""))
            score = ev.data.get("satisfaction")
            sat = f"{score}分（{SATISFACTION.get(int(score), '')}）" if score else ""
        if ev is None:
            perf = "□已履行　□正在履行　□未履行"
            sat = "□非常满意　□满意　□基本满意　□不满意　□非常不满意"
        rows = [("当事人", b.party_names() if b.case else "", "", ""),
                ("调解协议编号", b.case.number if b.case else "", "", ""),
                ("回访事由", b.dispute() if b.case else "", "", ""),
                ("回访时间", cn_datetime(ev.occurred_at) if ev else cn_datetime(None),
                 "回访地点", ev.place if ev else ""),
                ("履行情况", perf, "", ""),
                ("当事人对调解结果的满意度", sat, "", "")]
        out: list[Block] = [_grid(rows, ev is None),
                            Heading("回访情况（履行情况、诉讼情况、有无激化迹象及采取的措施）：")]
        out += body_paras(ev.notes) if ev and ev.notes.strip() else [Lines(10)]
        out.append(Signatures(lines=("回访人（签名）：", "被回访人（签名）："), columns=2,
                              date=cn_date(ev.occurred_at.date()) if ev else cn_date(None)))
        return out

    return _pages(spec, events, page)


__all__ = ["investigation", "session_record", "followup"]

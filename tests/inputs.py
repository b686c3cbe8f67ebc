"""Case and party inputs shared by the tests and their child processes (no pytest: a crash
test's worker process imports this, and importing pytest would cost it a second)."""

from __future__ import annotations


def party(role: str = "applicant", name: str = "张三", id_number: str = "",
          phone: str = "", **kw) -> dict:
    d = {"kind": "person", "role": role, "name": name}
    if id_number:
        d["id_number"] = id_number
    if phone:
        d["phone"] = phone
    d.update(kw)
    return d


def case_input(**kw) -> dict:
    d = {
        "source": "party_application",
        "dispute_type": "neighbour",
        "facts": "双方因通道堆放杂物发生争议。",
        "claims": "请求清理杂物。",
        "amount": "3000",
        "parties": [
            party("applicant", "张三", "11010519491231002X", "13812341234", village="马尚村"),
            party("respondent", "李四", "440524188001010014", "13900001111"),
        ],
    }
    d.update(kw)
    return d

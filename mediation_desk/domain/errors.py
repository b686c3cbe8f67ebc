"""Domain errors: expected, user-facing problems with a Chinese message."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is shown to the user as is."""

    def __init__(self, message: str, *, code: str = "domain_error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TransitionError(DomainError):
    """An action that the case's current status does not allow."""

    def __init__(self, action: str, current: str, allowed: list[str], message: str) -> None:
        super().__init__(message, code="transition_not_allowed")
        self.action = action
        self.current = current
        self.allowed = allowed


class ValidationError(DomainError):
    """Input that fails validation; ``problems`` maps a field path to its messages."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        lines = [f"{field}：{msg}" for field, msgs in problems.items() for msg in msgs]
        super().__init__("输入有误：\n" + "\n".join(lines), code="validation")
        self.problems = problems


class NotFoundError(DomainError):
    """A record that does not exist (or was deleted)."""

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"找不到{what}：{key}", code="not_found")


class NeedsConfirmation(DomainError):
    """The operation may go ahead once the user has seen and accepted a warning.

    Used where a deadline that would block an action depends on an estimated holiday year
    (节假日安排为推算): the app never refuses on an estimate; it asks, and the warning is
    recorded with the operation when the user goes on.
    """


class StaleEdit(DomainError):
    """An edit based on a version of a record that was changed since (a lost update)."""

    def __init__(self, what: str, actor: str, at: str) -> None:
        who = "，".join(x for x in (actor, _local_time(at)) if x)
        super().__init__(f"此案件{what}已在别处被修改（{who or '修改人不详'}），请刷新后重做。"
                         "您填写的内容仍保留在表单中。", code="stale_edit")
        self.actor = actor
        self.at = at


def _local_time(at: str) -> str:
    """An audit time (UTC ISO) as local 2026年12月1日 09:05."""
    from datetime import datetime

    try:
        t = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"

"""The permission matrix enforced on a logged-in store (docs/permissions.md).

``login_store(store, account)`` makes ``account`` the store's principal: from then on every
``store.operation(actor, action)`` names that account in the audit row and first asks
:data:`domain.access.MATRIX` whether its role may run ``action`` on this kind of desk (an
action missing from the table is refused). Operations on one case also check the case scope
(a mediator works only on their own cases) through :func:`check_case`, called by
``CaseServiceBase.case_operation``. A service that writes a file before its operation begins
(an export, the intake sheet, a document) calls :func:`require` first, so a refusal leaves
nothing behind. A store without a principal is the program itself (building a demo, a
migration, a test fixture); every way a person opens a desk (the CLI's verbs, the GUI) logs
in first.

The GUI asks the same questions to disable what a user may not press, with the reason as its
tooltip: :func:`why_not` / :func:`allowed` for an operation, :func:`case_why_not` (and
``CaseService.why_not``) for one on a case.
"""

from __future__ import annotations

from ..domain.access import Account, Role, case_refusal, may, refusal
from ..domain.errors import DomainError
from ..domain.models import Case
from ..storage.store import Store


class NotPermitted(DomainError):
    """The logged-in account's role may not do this."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="not_permitted")


def desk_kind(store: Store) -> str:
    """This desk's kind: 'center', 'court' or 'field' (a field laptop)."""
    me = store.directory.self_center()
    return str(store.directory.setting("desk_kind", me.kind.value if me else "center"))


def login_store(store: Store, account: Account) -> None:
    """Make ``account`` the store's principal and guard every operation by its role."""
    store.principal = account

    def guard(action: str) -> None:
        require(store, action)

    store.guard = guard


def principal(store: Store) -> Account | None:
    return store.principal


def why_not(store: Store, action: str) -> str:
    """Why the logged-in account may not run ``action`` here ('' when it may, or when the
    program itself holds the store)."""
    account = store.principal
    if account is None:
        return ""
    return refusal(account, action, desk_kind(store))


def allowed(store: Store, action: str) -> bool:
    """Whether the logged-in account may run ``action`` here (the GUI's enabled state)."""
    account = store.principal
    return account is None or may(account, action, desk_kind(store))


def require(store: Store, action: str) -> None:
    """Raise :class:`NotPermitted` unless the logged-in account may run ``action``."""
    why = why_not(store, action)
    if why:
        raise NotPermitted(why)


def case_why_not(store: Store, case: Case, action: str) -> str:
    """Why the logged-in account may not run ``action`` on ``case`` ('' when it may)."""
    account = store.principal
    if account is None:
        return ""
    registered_by = ""
    if account.role is Role.MEDIATOR and not case.mediator_ids:
        registered_by = store.audit.registered_by(case.id)
    return case_refusal(account, action, case.number, case.mediator_ids, registered_by,
                        desk_kind(store))


def check_case(store: Store, case: Case, action: str) -> None:
    """Raise :class:`NotPermitted` unless the account may run ``action`` on ``case``."""
    why = case_why_not(store, case, action)
    if why:
        raise NotPermitted(why)


def may_reveal(store: Store, case: Case) -> bool:
    """Full ID and phone numbers: a director, or the case's mediator (logged when shown)."""
    return not case_why_not(store, case, "reveal_identifiers")

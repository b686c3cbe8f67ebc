"""Cases for GUI tests, registered through the services like the registration form does."""

from __future__ import annotations

from tests.conftest import case_input, party


def register(services, applicant: str, respondent: str, **kw):
    data = case_input(parties=[party("applicant", applicant), party("respondent", respondent)],
                      **kw)
    return services.cases.register(services.actor, data)

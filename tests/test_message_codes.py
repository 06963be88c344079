"""Every message code callgate writes has an English template, with a placeholder for each
argument it gets, and wording/ keeps no template that nothing writes."""

from __future__ import annotations

import re

from message_codes import FAMILY, message_codes, registered_codes, written

import wording
from screening.messages import TEXT

_PLACEHOLDER = re.compile(r"%(\d)")


def test_the_scan_finds_the_codes_written_in_the_source() -> None:
    """A scan that found nothing would pass the checks below vacuously."""
    found = {use.code: use for use in message_codes()}
    assert found["refusal.number.letter"].path == "screening/phone.py"
    assert found["refusal.number.letter"].args == 2
    assert len(found) > 100


def test_every_code_written_in_the_source_has_a_template() -> None:
    """A family made at run time (`setting.help.*`) needs at least one template of its own;
    its members are each checked where they are made (the settings' help: test_office_settings)."""
    registered = [code for code, _ in registered_codes()]
    missing = [str(use) for use in message_codes()
               if not (wording.known(use.code) or (use.code.endswith(FAMILY)
                       and any(code.startswith(use.code[:-1]) for code in registered)))]
    assert not missing, "no template in wording/ for:\n" + "\n".join(missing)


def test_every_template_has_the_arguments_its_placeholders_name() -> None:
    wrong: list[str] = []
    for use in message_codes():
        if use.args is None or use.code == TEXT or not wording.known(use.code):
            continue
        template = wording.template(use.code)
        needed = max((int(index) for index in _PLACEHOLDER.findall(template)), default=0)
        if needed > use.args:
            wrong.append(f"{use}: {use.args} argument(s) for {template!r}")
    assert not wrong, "\n".join(wrong)


def test_wording_keeps_no_template_that_nothing_writes() -> None:
    uses = message_codes()
    unused = [f"{module}: {code}" for code, module in registered_codes()
              if not written(code, uses)]
    assert not unused, "\n".join(unused)

import rules

from partners.access import is_admin

from .access import funds_programme, landlord_takes_part, runs_programme

rules.add_rule("programme.view", is_admin | runs_programme | landlord_takes_part | funds_programme)
rules.add_rule("programme.run", is_admin | runs_programme)

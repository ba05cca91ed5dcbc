import rules

from .access import is_admin

rules.add_rule("partners.manage", is_admin)
rules.add_rule("audit.view", is_admin)

"""The allow and block lists tab: model.py shows the rules, dialog.py takes one rule as a
person types it, changes.py sends each change to the listener and words how it ended, view.py
holds the tab and reads the list again whenever it changed (over the console's session)."""

from gui.rules.dialog import ExpiryChoice, RuleDialog
from gui.rules.model import Column, RulesModel, list_label, target_label
from gui.rules.view import RulesView

__all__ = ["Column", "ExpiryChoice", "RuleDialog", "RulesModel", "RulesView", "list_label",
           "target_label"]

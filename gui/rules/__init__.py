"""The allow and block lists tab: model.py shows the rules, dialog.py takes one rule as a
person types it, view.py asks the listener for the list and every change (over the console's
session) and shows what it answers."""

from gui.rules.dialog import ExpiryChoice, RuleDialog
from gui.rules.model import Column, RulesModel, list_label, target_label
from gui.rules.view import RulesView

__all__ = ["Column", "ExpiryChoice", "RuleDialog", "RulesModel", "RulesView", "list_label",
           "target_label"]

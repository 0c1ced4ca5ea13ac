"""drafter: a rule-based drafting assistant for local carbon-peaking implementation plans."""

__version__ = "0.1.0"

"""loket: a Dutch municipality's services catalogue and i-visie, from YAML in git to static sites."""

__version__ = "0.1.0"

"""The i-visie goals' progress in words and as a bar: "31 van 57 diensten (54,4%) — doel 90% in 2028".

Values come from `metrics.indicator` on the *full* catalogue (a goal may count
roadmap projects, which are internal); only the resulting numbers are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..metrics import Measurement, indicator
from ..model import Catalogue, Goal
from .format import number

# indicator kind → (what is measured, the noun after "31 van 57 …")
INDICATORS = {
    "aandeel_online": ("Diensten die u online kunt regelen", "diensten"),
    "aandeel_eherkenning_ondernemers": ("Diensten voor ondernemers die online kunnen met eHerkenning", "diensten voor ondernemers"),
    "aandeel_digid_substantieel": ("Diensten met DigiD die niveau substantieel of hoog vragen", "diensten met DigiD"),
    "aandeel_upl": ("Diensten met een naam uit de Uniforme Productnamenlijst", "diensten"),
    "aandeel_actueel": ("Diensten waarvan de tekst op tijd is gecontroleerd", "diensten"),
    "roadmap_afgerond": ("Afgeronde projecten uit de roadmap", "projecten afgerond"),
}


def figure(value: Decimal) -> str:
    """90 → '90', 92.5 → '92,5', 54.44 → '54,4' (Dutch decimal comma)."""
    value = Decimal(value)
    return number(value, 0 if value == value.to_integral_value() else 1)


def _css(value: Decimal | float) -> str:
    return f"{max(0.0, min(100.0, float(value))):.1f}"


@dataclass(frozen=True)
class GoalStatus:
    """A goal with its current value (None when it has no indicator)."""

    goal: Goal
    measurement: Measurement | None = None

    @property
    def label(self) -> str:
        return INDICATORS[self.goal.indicator.soort][0] if self.measurement else ""

    @property
    def reached(self) -> bool:
        return bool(self.measurement) and self.measurement.value >= self.goal.indicator.doel

    @property
    def text(self) -> str:
        if self.measurement is None:
            return ""
        ind, m = self.goal.indicator, self.measurement
        noun = INDICATORS[ind.soort][1]
        year = f" in {ind.jaar}" if ind.jaar else ""
        if m.is_share:
            now = (f"{m.numerator} van {m.denominator} {noun} ({figure(m.value)}%)" if m.denominator
                   else f"nog geen {noun} om te meten")
            target = f"doel {figure(ind.doel)}%{year}"
        else:
            now = f"{m.numerator} {noun.replace('projecten', 'project') if m.numerator == 1 else noun}"
            target = f"doel {figure(ind.doel)}{year}"
        return f"{now} — {target}" + (" (gehaald)" if self.reached else "")

    def _scale(self) -> Decimal:
        if self.measurement.is_share:
            return Decimal(100)
        return max(self.goal.indicator.doel, self.measurement.value, Decimal(1))

    @property
    def bar(self) -> str:
        """Width of the filled bar, in percent of the bar (CSS, decimal point)."""
        return _css(self.measurement.value * 100 / self._scale()) if self.measurement else "0.0"

    @property
    def target_at(self) -> str:
        return _css(self.goal.indicator.doel * 100 / self._scale()) if self.measurement else "0.0"


def goal_statuses(full: Catalogue, view: Catalogue, today: dt.date) -> dict[str, GoalStatus]:
    """Progress of every goal this audience sees, measured on the full catalogue."""
    return {gid: GoalStatus(goal, indicator(goal.indicator.soort, full, today) if goal.indicator else None)
            for gid, goal in view.goals.items()}

"""The /stats chart: a PNG drawn headless with matplotlib (Agg), labels in Chinese when a CJK
font is installed (e.g. Debian's fonts-noto-cjk), otherwise in English."""

from __future__ import annotations

import io
from functools import cache

from bot.domain.cases import CaseKind
from bot.domain.metrics import Rates
from bot.i18n import Catalog, Translator

# families that carry Chinese glyphs, best first
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
)


@cache
def cjk_font() -> str | None:
    """The first installed font family that can draw Chinese, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    return next((name for name in sorted(installed) if "CJK" in name), None)


def chart_translator(catalog: Catalog, staff_locale: str) -> Translator:
    """Staff's language when the chart can draw it, else English."""
    if staff_locale.startswith("zh") and cjk_font() is None:
        return catalog.for_locale("en")
    return catalog.for_locale(staff_locale)


def render_stats_chart(rates: Rates, t: Translator, period: str) -> bytes:
    """Two panels, the four rates and the cases by kind, as PNG bytes (thread-safe: no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = cjk_font() if t.locale.startswith("zh") else None
    figure = Figure(figsize=(9, 4.8), dpi=110)
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.2]})
    font = {"family": family} if family else {}

    labels = [
        t("staff-chart-procedural"),
        t("staff-chart-result"),
        t("staff-chart-completion"),
        t("staff-chart-satisfaction"),
    ]
    values = [
        rates.procedural_rate,
        rates.result_rate,
        rates.completion_rate,
        rates.satisfaction_rate,
    ]
    counts = [
        (rates.procedural_met, rates.procedural_n),
        (rates.result_met, rates.result_n),
        (rates.completed, rates.completion_n),
        (rates.satisfied, rates.ratings_n),
    ]
    heights = [(v or 0) * 100 for v in values]
    bars = left.bar(range(4), heights, color=["#2f6db5", "#3c9d5d", "#c98a1b", "#a23b72"])
    for bar, value, (met, n) in zip(bars, values, counts, strict=True):
        text = "—" if value is None else f"{value * 100:.0f}%\n{met}/{n}"
        left.text(
            bar.get_x() + bar.get_width() / 2, bar.get_height() + 2, text, ha="center", fontsize=8
        )
    left.set_xticks(range(4), labels, fontsize=8, **font)
    left.set_ylim(0, 118)
    left.set_ylabel("%")
    left.set_title(t("staff-chart-rates"), **font)

    kinds = [k for k in CaseKind if rates.by_kind.get(k)]
    right.barh(range(len(kinds)), [rates.by_kind[k] for k in kinds], color="#2f6db5")
    right.set_yticks(range(len(kinds)), [t(f"kind-{k.value}") for k in kinds], fontsize=8, **font)
    right.invert_yaxis()
    right.set_title(t("staff-chart-kinds", total=rates.total), **font)
    figure.suptitle(t("staff-chart-title", period=period), **font)
    figure.set_layout_engine("tight")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

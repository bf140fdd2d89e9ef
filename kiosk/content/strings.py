"""Keys of the UI string catalogue (assets/content/strings.json) that the screens rely on.

Widgets look strings up by these names; `kiosk validate` fails when the pack lacks one, so a
missing translation is caught before the hall opens rather than shown as a blank label.
"""

from __future__ import annotations

SHOWCASE_CUE = "showcase.cue"
HUB_HEADING = "hub.heading"
NAV_HOME = "nav.home"
NAV_BACK = "nav.back"
NAV_LANGUAGE = "nav.language"
IDLE_TITLE = "idle.title"
IDLE_COUNTDOWN = "idle.countdown"
IDLE_STAY = "idle.stay"
SOURCE_CREDIT = "figure.source_credit"
RANKING_PREFIX = "figure.ranking_prefix"
PAGE_FIGURES = "page.figures"
PAGE_STORIES = "page.stories"
PAGE_TIMELINE = "page.timeline"
PAGE_SWIPE_HINT = "page.swipe_hint"
NETWORK_HUB = "network.hub"
NETWORK_ENCLAVE = "network.enclave"
NETWORK_ALLIANCE = "network.alliance"
NETWORK_PARTNER = "network.partner"
CHART_RING_OF = "chart.ring_of"
HUB_SUBHEADING = "hub.subheading"
PAGE_CHARTS = "page.charts"
PAGE_NETWORK = "page.network"
IDLE_KEEP_EXPLORING = "idle.keep_exploring"
NAV_LARGER_TEXT = "nav.larger_text"
SHOWCASE_INVITATION = "showcase.invitation"
PAGE_MORE_BELOW = "page.more_below"

# Controls added after the pack's catalogue was written (IDLE_KEEP_EXPLORING and below) have
# wordings of their own in kiosk/i18n/ (`visitor`); a pack may word them itself under the same key.
REQUIRED_STRINGS: tuple[str, ...] = (
    SHOWCASE_CUE,
    HUB_HEADING,
    NAV_HOME,
    NAV_BACK,
    NAV_LANGUAGE,
    IDLE_TITLE,
    IDLE_COUNTDOWN,
    IDLE_STAY,
    SOURCE_CREDIT,
    RANKING_PREFIX,
    PAGE_FIGURES,
    PAGE_STORIES,
    PAGE_TIMELINE,
    PAGE_SWIPE_HINT,
    NETWORK_HUB,
    NETWORK_ENCLAVE,
    NETWORK_ALLIANCE,
    NETWORK_PARTNER,
    CHART_RING_OF,
    HUB_SUBHEADING,
    PAGE_CHARTS,
    PAGE_NETWORK,
)

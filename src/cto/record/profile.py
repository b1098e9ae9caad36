"""The company profile: what the advisor must know before it recommends anything.

One profile per workspace (kind ``profile``, key ``company``). Every field but the name may be
unknown (``None`` or empty): the advisor says "cannot tell" and names what is missing rather than
guessing, and refuses stack and architecture advice until :func:`missing_for_advice` is empty.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cto.record.items import RecordModel, register


class Stage(StrEnum):
    """How far the company's product has come."""

    IDEA = "idea"
    PROTOTYPE = "prototype"
    MVP = "mvp"
    LAUNCHED = "launched"
    GROWTH = "growth"
    SCALE = "scale"


class BusinessModel(StrEnum):
    """How the company makes money from its product."""

    B2B_SAAS = "b2b-saas"
    B2C_SUBSCRIPTION = "b2c-subscription"
    MARKETPLACE = "marketplace"
    ECOMMERCE = "e-commerce"
    TRANSACTIONAL = "transactional"
    ADVERTISING = "advertising"
    HARDWARE = "hardware"
    SERVICES = "services"
    INTERNAL_TOOL = "internal-tool"
    OTHER = "other"


class ProductType(StrEnum):
    """Where the product runs; hardware and on-premises work weigh against remote engagements."""

    CLOUD_NATIVE = "cloud-native"
    MOBILE = "mobile"
    ON_PREMISES = "on-premises"
    HARDWARE = "hardware"
    HYBRID = "hybrid"


class RemoteExperience(StrEnum):
    """How used the team is to working remotely and asynchronously."""

    NONE = "none"
    SOME = "some"
    EXPERIENCED = "experienced"


class Uptime(StrEnum):
    """How much downtime the business can take."""

    BEST_EFFORT = "best-effort"
    BUSINESS_HOURS = "business-hours"
    HIGH = "high"
    CRITICAL = "critical"


class Situation(StrEnum):
    """Situations the advisor weighs: when outside CTO help fits, and when a full-time CTO does."""

    NON_TECHNICAL_FOUNDER = "non-technical-founder"
    PROTOTYPE_TO_PRODUCT = "prototype-to-product"
    AGENCY_OR_FREELANCERS = "agency-or-freelancers"
    UNSTABLE_OR_SLOW = "unstable-or-slow"
    FUNDRAISING_OR_ENTERPRISE_SALES = "fundraising-or-enterprise-sales"
    SENIOR_HIRE_PREMATURE = "senior-hire-premature"
    TECHNOLOGY_IS_CORE = "technology-is-core"
    LONG_TERM_ARCHITECTURE = "long-term-architecture"
    BUILDING_ENGINEERING_TEAM = "building-engineering-team"
    RAPID_USER_GROWTH = "rapid-user-growth"
    COMPLEX_COMPLIANCE = "complex-compliance"
    NARROW_QUESTION = "narrow-question"


class RemoteFactor(StrEnum):
    """The eight factors of the remote-fit checklist, each scored 1 to 5."""

    CLOUD_NATIVE_PRODUCT = "cloud-native-product"
    TEAM_REMOTE_EXPERIENCE = "team-remote-experience"
    COMMUNICATION_TOOLS = "communication-tools"
    FOUNDER_ASYNC_COMFORT = "founder-async-comfort"
    NO_PHYSICAL_INFRASTRUCTURE = "no-physical-infrastructure"
    BUDGET_FAVOURS_FRACTIONAL = "budget-favours-fractional"
    SENIOR_TALENT_OVER_PRESENCE = "senior-talent-over-presence"
    TIME_BOUNDED = "time-bounded"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Team(_Part):
    """Who builds the product today."""

    size: int | None = Field(default=None, ge=0, le=100_000)
    roles: list[str] = Field(default_factory=list)
    remote_experience: RemoteExperience | None = None
    founder_technical: bool | None = None
    uses_agency: bool | None = None


class RiskProfile(_Part):
    """What data the product holds, which rules apply, and how much downtime hurts."""

    personal_data: bool | None = None
    health_data: bool | None = None
    payment_data: bool | None = None
    regulations: list[str] = Field(default_factory=list)
    uptime: Uptime | None = None

    def known(self) -> bool:
        """True when every question has an answer (an empty regulation list is an answer)."""
        return None not in (self.personal_data, self.health_data, self.payment_data, self.uptime)


class Goal(_Part):
    """A business goal and the metric that shows progress toward it."""

    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1, max_length=300)
    metric: str = Field(min_length=1, max_length=300)
    target: str | None = Field(default=None, max_length=300)
    due: date | None = None


@register
class CompanyProfile(RecordModel):
    """The company the engagement serves."""

    KIND: ClassVar[str] = "profile"
    LABEL: ClassVar[str] = "profile"
    KEY: ClassVar[str] = "company"

    name: str = Field(min_length=1, max_length=200)
    stage: Stage | None = None
    business_model: BusinessModel | None = None
    core_workflow: str | None = Field(default=None, max_length=2000)
    product_type: ProductType | None = None
    team: Team = Field(default_factory=Team)
    monthly_tech_budget: int | None = Field(default=None, ge=0)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    runway_months: int | None = Field(default=None, ge=0, le=600)
    risk: RiskProfile = Field(default_factory=RiskProfile)
    goals: list[Goal] = Field(default_factory=list)
    situations: list[Situation] = Field(default_factory=list)
    remote_fit: dict[RemoteFactor, int] = Field(default_factory=dict)
    """Scores 1–5 the founder gave to remote-fit factors (others the advisor derives or asks)."""

    def record_key(self) -> str:
        """Always ``company``: a workspace describes one company."""
        return self.KEY

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """Check the remote-fit scores are 1 to 5 and goal ids unique."""
        for factor, score in self.remote_fit.items():
            if not 1 <= score <= 5:
                raise ValueError(f"remote_fit.{factor}: score {score} is not between 1 and 5")
        ids = [goal.id for goal in self.goals]
        if len(ids) != len(set(ids)):
            raise ValueError("goals: two goals share an id")
        return self


ADVICE_FIELDS = ("business_model", "core_workflow", "team", "budget", "risk_profile")
"""What stack and architecture advice needs known first (principle 8)."""


def missing_for_advice(profile: CompanyProfile | None) -> list[str]:
    """The profile fields still unknown that stack and architecture advice needs, in order.

    ``team`` needs its size, ``budget`` the monthly budget and runway, ``risk_profile`` every
    data and uptime answer. An empty list means advice may be given.
    """
    if profile is None:
        return list(ADVICE_FIELDS)
    known = {
        "business_model": profile.business_model is not None,
        "core_workflow": bool(profile.core_workflow),
        "team": profile.team.size is not None,
        "budget": profile.monthly_tech_budget is not None and profile.runway_months is not None,
        "risk_profile": profile.risk.known(),
    }
    return [name for name in ADVICE_FIELDS if not known[name]]

"""Where the ANAF services live: three base URLs and the environment (anaf.md section 1).

ANAF spreads its services over three hosts -- OAuth (``logincert.anaf.ro``), the e-Factura API
(``api.anaf.ro``) and the public services (``webservicesp.anaf.ro``) -- and selects test or
production by a path segment. The emulator serves every path on one base URL, so the same
client code talks to either.

>>> AnafConfig.production().efactura_url("upload")
'https://api.anaf.ro/prod/FCTEL/rest/upload'
>>> AnafConfig.emulator("http://127.0.0.1:8000", env="test").efactura_url("stareMesaj")
'http://127.0.0.1:8000/test/FCTEL/rest/stareMesaj'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["ENVIRONMENTS", "AnafConfig"]

ENVIRONMENTS = ("test", "prod")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnafConfig:
    """Base URLs (no trailing slash) and the e-Factura environment, ``test`` or ``prod``."""

    oauth_url: str = "https://logincert.anaf.ro"
    api_url: str = "https://api.anaf.ro"
    public_url: str = "https://webservicesp.anaf.ro"
    env: str = "test"

    def __post_init__(self) -> None:
        if self.env not in ENVIRONMENTS:
            raise ValueError(f"env must be one of {ENVIRONMENTS}, not {self.env!r}")
        for name in ("oauth_url", "api_url", "public_url"):
            object.__setattr__(self, name, getattr(self, name).rstrip("/"))

    @classmethod
    def production(cls) -> AnafConfig:
        return cls(env="prod")

    @classmethod
    def emulator(cls, url: str, *, env: str = "test") -> AnafConfig:
        """Every service on the emulator's one base URL."""
        return cls(oauth_url=url, api_url=url, public_url=url, env=env)

    def with_env(self, env: str) -> AnafConfig:
        return replace(self, env=env)

    def oauth_endpoint(self, name: str) -> str:
        """``authorize``, ``token`` or ``revoke`` (anaf.md section 2)."""
        return f"{self.oauth_url}/anaf-oauth2/v1/{name}"

    def efactura_url(self, method: str, *, env: str | None = None) -> str:
        """An e-Factura REST method on the OAuth API host (anaf.md section 3)."""
        return f"{self.api_url}/{env or self.env}/FCTEL/rest/{method}"

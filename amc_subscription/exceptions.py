"""Exceptions raised by the subscription gates."""

from odoo.exceptions import UserError


class AmcFeatureUnavailable(UserError):
    """The company's plan in force does not include the requested feature.

    Raised by ``amc.subscription.check_feature``; a ``UserError``, so the web client and RPC
    callers get the same translated message.
    """

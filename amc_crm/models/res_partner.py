import logging
import operator

import requests

from odoo import api, fields, models, modules
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate
from odoo.tools.sql import create_index

from ro_efactura import identifiers
from ro_efactura.anaf import AnafConfig
from ro_efactura.anaf.registry import MAX_CUIS_PER_REQUEST, RegistryClient, Throttle
from ro_efactura.errors import AnafError, RateLimitedError, RoEfacturaError
from ro_efactura.vies import ViesError, ViesInvalidInputError, ViesUnavailableError, check_vat

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

ANAF_TIMEOUT = 20  # seconds: a user waits on the form
VIES_TIMEOUT = 20
# One pace for every registry call of this process. ANAF asks for one request per second; the
# margin absorbs network jitter, which can bring two requests closer at ANAF than at the sender.
REGISTRY_INTERVAL = 1.2
_REGISTRY_THROTTLE = Throttle(REGISTRY_INTERVAL)
COMPARISONS = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
    "!=": operator.ne,
}
SECTORS = [(code, f"Sector {code[-1]}") for code in identifiers.SECTOR_CODES]
# what each identifier should look like, for the messages of _amc_identifier_message
_EXPECTED = {
    "cui": _lt("2 to 10 digits, with RO in front for VAT payers, e.g. RO18547290"),
    "cnp": _lt("the 13 digits of the identity card, or 0000000000000 for a consumer"),
    "onrc": _lt("J40/1234/2005 or the 14-character form J2005001234408"),
    "phone": _lt("a number such as 0722 123 456 or +40 722 123 456"),
}
_LABELS = {
    "cui": _lt("CUI/CIF"),
    "cnp": _lt("CNP"),
    "onrc": _lt("Trade register number (Reg. Com.)"),
    "phone": _lt("Phone number"),
}
_REASONS = {
    "empty": _lt("it is empty"),
    "format": _lt("it holds characters or a layout that do not belong there"),
    "length": _lt("it has too few or too many characters"),
    "checksum": _lt("its check digit does not match, so a digit is probably mistyped"),
    "component": _lt("a part of it cannot exist (a date, a county or a prefix)"),
    "unassigned": _lt("no number of this form is in use; look for a missing or extra digit"),
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # === FIELDS: identity === #

    amc_client_type = fields.Selection(
        [
            ("company", "Company"),
            ("public_institution", "Public institution"),
            ("person", "Person"),
        ],
        string="Client type",
        compute="_compute_amc_client_type",
        store=True,
        readonly=False,
        precompute=True,
        help="Company (B2B), public institution (B2G) or private person (B2C): decides how"
        " invoices to this client are sent.",
    )
    amc_cui = fields.Char(
        string="CUI/CIF",
        compute="_compute_amc_cui",
        inverse="_inverse_amc_cui",
        store=True,
        index="trigram",
        help="Romanian fiscal code, digits only. The Tax ID carries RO in front only for VAT"
        " payers.",
    )
    amc_cnp = fields.Char(
        string="CNP",
        copy=False,
        help="Personal numeric code of a private client; 0000000000000 for a consumer who did"
        " not give one.",
    )
    amc_duplicate_partner_id = fields.Many2one(
        "res.partner",
        string="Client with the same CUI",
        compute="_compute_amc_duplicate_partner_id",
    )
    amc_sector = fields.Selection(
        SECTORS, string="Sector", help="Bucharest sector; only for addresses in Bucharest."
    )
    amc_county_code = fields.Char(
        string="County code",
        compute="_compute_amc_county_code",
        help="ISO 3166-2:RO code of the county (RO-CJ, RO-B) as e-Factura expects it.",
    )

    # === FIELDS: ANAF registry === #

    amc_anaf_vat_payer = fields.Boolean(string="VAT payer", tracking=True)
    amc_anaf_vat_on_collection = fields.Boolean(string="VAT on collection")
    amc_anaf_split_vat = fields.Boolean(string="Split VAT")
    amc_anaf_inactive = fields.Boolean(
        string="Inactive at ANAF",
        tracking=True,
        help="ANAF declared the taxpayer inactive: its invoices give no right to deduct VAT.",
    )
    amc_anaf_inactive_since = fields.Date(string="Inactive since")
    amc_anaf_efactura_registered = fields.Boolean(
        string="In the RO e-Factura register",
    )
    amc_anaf_checked_on = fields.Date(
        string="Checked at ANAF on", copy=False, index=True, readonly=True
    )
    amc_vies_valid = fields.Boolean(string="Valid in VIES", copy=False, readonly=True)
    amc_vies_checked_on = fields.Date(string="Checked in VIES on", copy=False, readonly=True)

    # === FIELDS: service business === #

    amc_industry_id = fields.Many2one(
        "amc.crm.industry", string="Client industry", index="btree_not_null"
    )
    amc_stage = fields.Selection(
        [
            ("prospect", "Prospect"),
            ("active", "Active"),
            ("inactive", "Inactive"),
            ("lost", "Lost"),
        ],
        string="Client stage",
        index=True,
        tracking=True,
        help="Where the client stands: prospect, active (buys services), inactive or lost.",
    )
    amc_service_ids = fields.Many2many(
        "product.product",
        "amc_crm_partner_service_rel",
        "partner_id",
        "product_id",
        string="Services bought",
        domain=[("type", "=", "service")],
    )
    amc_client_since = fields.Date(string="Client since")

    # indexes for the client search by phone (stored in E.164, see _amc_prepare_vals)
    phone = fields.Char(index="trigram")
    mobile = fields.Char(index="trigram")

    # === FIELDS: dashboard (computed, never stored) === #

    amc_currency_id = fields.Many2one("res.currency", compute="_compute_amc_dashboard")
    amc_invoiced_total = fields.Monetary(
        string="Invoiced", currency_field="amc_currency_id", compute="_compute_amc_dashboard"
    )
    amc_paid_total = fields.Monetary(
        string="Paid", currency_field="amc_currency_id", compute="_compute_amc_dashboard"
    )
    amc_overdue_total = fields.Monetary(
        string="Overdue",
        currency_field="amc_currency_id",
        compute="_compute_amc_dashboard",
        search="_search_amc_overdue_total",
        help="What the client owes on invoices past their due date.",
    )
    amc_cui_search = fields.Char(
        string="CUI (search)", compute="_compute_amc_search_fields", search="_search_amc_cui_search"
    )
    amc_phone_search = fields.Char(
        string="Phone (search)",
        compute="_compute_amc_search_fields",
        search="_search_amc_phone_search",
    )
    amc_next_invoice_date = fields.Date(
        string="Next invoice", compute="_compute_amc_next_invoice_date"
    )
    amc_last_contact_date = fields.Datetime(
        string="Last contact", compute="_compute_amc_last_contact_date"
    )

    def init(self):
        super().init()
        # exact E.164 lookups (the phone search); the trigram indexes above serve partial ones
        for column in ("phone", "mobile"):
            create_index(
                self.env.cr,
                f"res_partner_amc_{column}_e164_index",
                self._table,
                [column],
                where=f"{column} IS NOT NULL",
            )

    # === COMPUTE METHODS === #

    @api.depends("is_company")
    def _compute_amc_client_type(self):
        for partner in self:
            if not partner.is_company:
                partner.amc_client_type = "person"
            elif partner.amc_client_type in (False, "person"):
                partner.amc_client_type = "company"

    @api.depends("vat", "country_id")
    def _compute_amc_cui(self):
        for partner in self:
            partner.amc_cui = partner._amc_cui_from_vat()

    def _inverse_amc_cui(self):
        for partner in self:
            cui = partner.amc_cui and identifiers.compact_cui(partner.amc_cui)
            if cui and cui.isdigit():
                partner.vat = ("RO" if partner.amc_anaf_vat_payer else "") + cui
            else:
                partner.vat = partner.amc_cui or False

    @api.depends("amc_cui", "company_id", "commercial_partner_id")
    def _compute_amc_duplicate_partner_id(self):
        for partner in self:
            partner.amc_duplicate_partner_id = partner._amc_find_duplicate()

    @api.depends("state_id", "country_id")
    def _compute_amc_county_code(self):
        for partner in self:
            romanian = partner.state_id and partner.state_id.country_id.code == "RO"
            partner.amc_county_code = f"RO-{partner.state_id.code}" if romanian else False

    @api.depends_context("company", "allowed_company_ids")
    def _compute_amc_dashboard(self):
        partners = self.filtered("id")
        totals = partners._amc_read_invoice_totals()
        overdue = partners._amc_read_overdue_totals()
        for partner in self:
            key = partner.commercial_partner_id.id
            invoiced, residual = totals.get(key, (0.0, 0.0))
            partner.amc_currency_id = self.env.company.currency_id
            partner.amc_invoiced_total = invoiced
            partner.amc_paid_total = invoiced - residual
            partner.amc_overdue_total = overdue.get(key, 0.0)

    def _search_amc_overdue_total(self, operator, value):
        compare = COMPARISONS.get(operator)
        if compare is None:
            raise UserError(self.env._("This search on the overdue amount is not supported."))
        totals = self.browse()._amc_read_overdue_totals(all_partners=True)
        matching = [pid for pid, amount in totals.items() if compare(amount, value)]
        if compare(0.0, value):  # clients without overdue invoices match too
            return [("commercial_partner_id", "not in", list(set(totals) - set(matching)))]
        return [("commercial_partner_id", "in", matching)]

    def _search_amc_cui_search(self, operator, value):
        if operator not in ("ilike", "=") or not isinstance(value, str):
            raise UserError(self.env._("Search clients by CUI with text only."))
        # digits only, as stored; a part of a CUI may itself have a valid check digit, so no
        # exact match: the trigram index serves both the whole number and a part of it
        return [("amc_cui", "ilike", identifiers.compact_cui(value))]

    def _search_amc_phone_search(self, operator, value):
        if operator not in ("ilike", "=") or not isinstance(value, str):
            raise UserError(self.env._("Search clients by phone number with text only."))
        # a number written the Romanian way first, then as in the company's country
        for region in dict.fromkeys(filter(None, ("RO", self.env.company.country_id.code))):
            if identifiers.is_valid_phone(value, region):
                number = identifiers.to_e164(value, region)
                return ["|", ("phone", "=", number), ("mobile", "=", number)]
        digits = "".join(ch for ch in value if ch.isdigit()).lstrip("0") or value
        return ["|", ("phone", "ilike", digits), ("mobile", "ilike", digits)]

    def _compute_amc_search_fields(self):
        self.amc_cui_search = self.amc_phone_search = False

    def _compute_amc_next_invoice_date(self):
        for partner in self:
            partner.amc_next_invoice_date = partner.id and partner._amc_next_invoice_date()

    def _compute_amc_last_contact_date(self):
        # sudo: the date of the last exchange, not its content, is shown to any reader
        groups = (
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                    "|",
                    ("message_type", "in", ("email", "comment")),
                    ("mail_activity_type_id", "!=", False),
                ],
                ["res_id"],
                ["date:max"],
            )
        )
        last = dict(groups)
        for partner in self:
            partner.amc_last_contact_date = last.get(partner.id, False)

    # === CONSTRAINTS AND ONCHANGES === #

    @api.constrains("amc_cui", "country_id", "amc_client_type")
    def _check_amc_cui(self):
        for partner in self:
            if partner.amc_cui and partner._amc_is_romanian_entity():
                partner._amc_validate("cui", identifiers.validate_cui, partner.amc_cui)

    @api.constrains("amc_cnp")
    def _check_amc_cnp(self):
        for partner in self.filtered("amc_cnp"):
            partner._amc_validate("cnp", identifiers.validate_cnp, partner.amc_cnp)

    @api.constrains("company_registry", "country_id", "amc_client_type")
    def _check_amc_company_registry(self):
        for partner in self:
            if partner.company_registry and partner._amc_is_romanian_entity("company"):
                partner._amc_validate("onrc", identifiers.validate_onrc, partner.company_registry)

    @api.constrains("amc_sector", "state_id")
    def _check_amc_sector(self):
        for partner in self.filtered("amc_sector"):
            if not partner._amc_in_bucharest():
                raise ValidationError(
                    self.env._(
                        "%(partner)s: a sector only exists in Bucharest. Choose Bucharest as the"
                        " county or clear the sector.",
                        partner=partner.display_name,
                    )
                )

    @api.onchange("state_id")
    def _onchange_amc_state_id(self):
        if not self._amc_in_bucharest():
            self.amc_sector = False

    @api.onchange("amc_cui", "vat")
    def _onchange_amc_cui(self):
        duplicate = self._amc_find_duplicate()
        if duplicate:
            return {
                "warning": {
                    "title": self.env._("This CUI is already in your clients"),
                    "message": self.env._(
                        "%(other)s already has CUI %(cui)s. Open that client instead of creating"
                        " a second file, unless this is really another entity.",
                        other=duplicate.display_name,
                        cui=self.amc_cui,
                    ),
                }
            }
        return None

    # === CRUD METHODS === #

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._amc_prepare_vals(vals, self.env["res.country"].browse(vals.get("country_id")))
            if (
                not vals.get("name")
                and vals.get("amc_cui")
                and vals.get("type", "contact") == "contact"
            ):
                # a client created from its CUI alone; Fill from ANAF replaces the name
                vals["name"] = self.env._("CUI %s", identifiers.compact_cui(vals["amc_cui"]))
        return super().create(vals_list)

    def write(self, vals):
        if not any(
            key in vals for key in ("vat", "amc_cui", "phone", "mobile", "company_registry")
        ):
            result = super().write(vals)
        elif "country_id" in vals or len(self.country_id) < 2:
            self._amc_prepare_vals(
                vals, self.env["res.country"].browse(vals.get("country_id")) or self.country_id
            )
            result = super().write(vals)
        else:
            result = all(partner.write(dict(vals)) for partner in self)
        if "amc_anaf_vat_payer" in vals and not {"vat", "amc_cui"} & set(vals):
            for partner in self.filtered("amc_cui"):
                partner._inverse_amc_cui()
        return result

    # === ACTIONS === #

    def action_amc_fill_from_anaf(self):
        """Fill the client file from ANAF's VAT registry (Premium)."""
        self.ensure_one()
        self.env["amc.subscription"].check_feature("anaf_registry_fill")
        cui = self._amc_get_checked_cui()
        with self._amc_registry_errors():
            company = self._amc_registry_lookup([cui], self._amc_today()).get(cui)
        if company is None:
            raise UserError(
                self.env._(
                    "ANAF does not know CUI %(cui)s. Check the number with the client; a company"
                    " struck off long ago may no longer be listed.",
                    cui=cui,
                )
            )
        self.write(self._prepare_amc_anaf_vals(company, with_identity=True))
        if company.inactive:
            self.message_post(body=self._amc_inactive_message(company))
        return True

    def action_amc_check_vies(self):
        """Ask VIES whether the client's EU VAT number is valid today."""
        self.ensure_one()
        country = self.country_id or self.commercial_partner_id.country_id
        europe = self.env.ref("base.europe").country_ids
        if not self.vat or country not in europe or country.code == "RO":
            raise UserError(
                self.env._(
                    "VIES checks VAT numbers of other EU countries. Set the client's EU country"
                    " and Tax ID first; for a Romanian client use Fill from ANAF."
                )
            )
        with self._amc_vies_errors():
            result = check_vat(
                country.code,
                self.vat,
                endpoint=self._amc_vies_url(),
                timeout=VIES_TIMEOUT,
            )
        self.write({"amc_vies_valid": result.valid, "amc_vies_checked_on": self._amc_today()})
        if result.valid:
            body = self.env._(
                "VIES confirms VAT number %(vat)s (%(name)s).",
                vat=self.vat,
                name=result.name or "-",
            )
        else:
            body = self.env._(
                "VIES says VAT number %(vat)s is not valid: invoice this client with VAT, or ask"
                " for the right number.",
                vat=self.vat,
            )
        self.message_post(body=body)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": body,
                "type": "success" if result.valid else "warning",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # === BUSINESS METHODS: identifiers === #

    def _amc_cui_from_vat(self):
        self.ensure_one()
        if not self.vat or (self.country_id and self.country_id.code != "RO"):
            return False
        cui = identifiers.compact_cui(self.vat)
        return cui if cui.isdigit() or self.country_id else False

    def _amc_is_romanian_entity(self, *types):
        self.ensure_one()
        types = types or ("company", "public_institution")
        country = self.country_id or self.commercial_partner_id.country_id
        return self.amc_client_type in types and (not country or country.code == "RO")

    def _amc_in_bucharest(self):
        state = self.state_id
        return bool(state) and state.code == "B" and state.country_id.code == "RO"

    def _amc_find_duplicate(self):
        self.ensure_one()
        if not self.amc_cui:
            return self.browse()
        company = self.company_id or self.env.company
        own = self._origin.commercial_partner_id or self.commercial_partner_id
        return self.with_context(active_test=True).search(
            [
                ("amc_cui", "=", self.amc_cui),
                ("company_id", "in", [False, company.id]),
                ("commercial_partner_id", "not in", (own | self._origin).ids),
            ],
            limit=1,
        )

    @api.model
    def _amc_prepare_vals(self, vals, country):
        """Normalise phones, Tax ID and trade register in ``vals`` before they are stored."""
        region = country.code if len(country) == 1 else "RO"
        for name in ("phone", "mobile"):
            if vals.get(name):
                vals[name] = self._amc_validate("phone", identifiers.to_e164, vals[name], region)
        if vals.get("amc_cui"):
            vals["amc_cui"] = identifiers.compact_cui(vals["amc_cui"])
        if vals.get("vat") and "amc_anaf_vat_payer" not in vals:
            cui = identifiers.compact_cui(vals["vat"])
            if cui.isdigit() and region == "RO":
                # the prefix the user typed says whether the client pays VAT
                vals["amc_anaf_vat_payer"] = vals["vat"].strip().upper().startswith("RO")
                vals["vat"] = ("RO" if vals["amc_anaf_vat_payer"] else "") + cui
        if vals.get("company_registry") and region == "RO":
            vals["company_registry"] = identifiers.compact_onrc(vals["company_registry"])

    def _amc_validate(self, kind, function, value, *args):
        """Run a ``ro_efactura.identifiers`` check; its error becomes a translated message."""
        try:
            return function(value, *args)
        except identifiers.InvalidIdentifierError as err:
            raise ValidationError(self._amc_identifier_message(err, value)) from err

    @api.model
    def _amc_identifier_message(self, err, value):
        kind = err.kind if err.kind in _LABELS else "cui"
        return self.env._(
            "%(what)s %(value)s is not valid: %(reason)s. Expected %(expected)s.",
            what=_LABELS[kind],
            value=value,
            reason=_REASONS.get(err.reason, _REASONS["format"]),
            expected=_EXPECTED[kind],
        )

    def _amc_get_checked_cui(self):
        cui = self.amc_cui or self.vat
        if not cui:
            raise UserError(self.env._("Type the client's CUI first, then fill from ANAF."))
        try:
            return identifiers.validate_cui(cui)
        except identifiers.InvalidIdentifierError as err:
            raise UserError(self._amc_identifier_message(err, cui)) from err

    # === BUSINESS METHODS: ANAF and VIES === #

    @api.model
    def _amc_today(self):
        return self.env.context.get("date_ref") or fields.Date.context_today(self)

    @api.model
    def _amc_registry_lookup(self, cuis, day):
        """Ask ANAF's VAT registry about ``cuis`` on ``day`` (at most 100 per request)."""
        url = self.env["ir.config_parameter"].sudo().get_param("amc_crm.anaf_public_url")
        config = AnafConfig(public_url=url) if url else AnafConfig.production()
        with requests.Session() as session:
            client = RegistryClient(
                session, config=config, timeout=ANAF_TIMEOUT, throttle=_REGISTRY_THROTTLE
            )
            return client.lookup(cuis, on=day)

    @api.model
    def _amc_vies_url(self):
        param = self.env["ir.config_parameter"].sudo().get_param("amc_crm.vies_url")
        return param or "https://ec.europa.eu/taxation_customs/vies/services/checkVatService"

    @api.model
    def _amc_registry_errors(self):
        """The one place where registry failures become messages for the user."""
        return _ErrorMap(self.env, self._amc_registry_error_message)

    @api.model
    def _amc_registry_error_message(self, err):
        if isinstance(err, RateLimitedError):
            return self.env._("ANAF asks us to slow down. Try again in a minute.")
        if isinstance(err, AnafError):
            return self.env._(
                "ANAF's registry did not answer properly, so nothing was changed. Try again in a"
                " few minutes; if it keeps failing, ANAF's site is probably down."
            )
        if isinstance(err, (requests.RequestException, RoEfacturaError, ValueError)):
            return self.env._(
                "ANAF's registry could not be reached, so nothing was changed. Check the internet"
                " connection and try again."
            )
        return None

    @api.model
    def _amc_vies_errors(self):
        return _ErrorMap(self.env, self._amc_vies_error_message)

    @api.model
    def _amc_vies_error_message(self, err):
        if isinstance(err, ViesInvalidInputError):
            return self.env._(
                "VIES refused the number: check the country and the Tax ID (the country code"
                " followed by the number)."
            )
        if isinstance(err, (ViesUnavailableError, requests.RequestException)):
            return self.env._(
                "VIES or the country's tax service is not answering now. Try again later."
            )
        if isinstance(err, ViesError):
            return self.env._("VIES could not check this number now. Try again later.")
        return None

    @api.model
    def _prepare_amc_anaf_vals(self, company, with_identity=False):
        """Values of the client file from a ``ro_efactura`` registry ``Company``."""
        vals = {
            "amc_anaf_vat_payer": company.vat_payer,
            "amc_anaf_vat_on_collection": company.vat_on_collection,
            "amc_anaf_split_vat": company.split_vat,
            "amc_anaf_inactive": company.inactive,
            "amc_anaf_inactive_since": company.inactive_since if company.inactive else False,
            "amc_anaf_efactura_registered": company.e_factura,
            "amc_anaf_checked_on": company.query_date,
        }
        if not with_identity:
            return vals
        address = company.address
        state = self._amc_find_state(address.county_code)
        street = " ".join(filter(None, (address.street, address.number)))
        romania = self.env.ref("base.ro")
        return (
            vals
            | {
                "name": company.name,
                "is_company": True,
                "amc_cui": str(company.cui),
                "street": street or False,
                "street2": address.details or False,
                "city": self._amc_city(address),
                "state_id": state.id,
                "amc_sector": address.sector if state.code == "B" else False,
                "zip": address.postal_code or False,
                "country_id": romania.id,
            }
            | self._amc_trade_register_vals(company.trade_register)
        )

    @api.model
    def _amc_trade_register_vals(self, number):
        # ANAF sometimes sends a placeholder here: keep what the file holds rather than fail
        if number and identifiers.is_valid_onrc(number):
            return {"company_registry": number}
        return {}

    @api.model
    def _amc_find_state(self, county_code):
        if not county_code:
            return self.env["res.country.state"]
        return self.env["res.country.state"].search(
            [("country_id.code", "=", "RO"), ("code", "=", county_code.removeprefix("RO-"))],
            limit=1,
        )

    @api.model
    def _amc_city(self, address):
        if address.county_code == "RO-B":
            return "București"
        locality = address.locality or ""
        for prefix in ("Mun. ", "Municipiul ", "Oraș ", "Orş. ", "Com. "):
            locality = locality.removeprefix(prefix)
        return locality or False

    def _amc_inactive_message(self, company):
        return self.env._(
            "ANAF lists %(name)s as inactive since %(date)s: invoices from an inactive taxpayer"
            " give no right to deduct VAT. Talk to the client before invoicing.",
            name=company.name or self.display_name,
            date=company.inactive_since or "-",
        )

    # === CRON === #

    @api.model
    def _get_amc_anaf_recheck_domain(self, today):
        companies = self.env["res.company"].sudo().search([])
        subscriptions = self.env["amc.subscription"].sudo()
        premium = companies.filtered(lambda c: subscriptions.has_feature("anaf_registry_fill", c))
        return [
            ("amc_stage", "=", "active"),
            ("amc_cui", "!=", False),
            "|",
            ("amc_anaf_checked_on", "=", False),
            ("amc_anaf_checked_on", "<", today),
            "|",
            ("company_id", "in", premium.ids),
            "&",
            ("company_id", "=", False),
            ("user_id.company_id", "in", premium.ids),
        ]

    @api.model
    def _cron_amc_crm_anaf_recheck(self, date_ref=None):
        """Re-check one batch of active clients at ANAF and flag what changed (Premium)."""
        today = date_ref or fields.Date.context_today(self)
        domain = self._get_amc_anaf_recheck_domain(today)
        icp = self.env["ir.config_parameter"].sudo()
        size = min(
            int(icp.get_param("amc_crm.anaf_batch_size", MAX_CUIS_PER_REQUEST)),
            MAX_CUIS_PER_REQUEST,
        )
        partners = self.search(domain, limit=size, order="amc_anaf_checked_on asc nulls first, id")
        if not partners:
            return
        valid = partners.filtered(lambda p: identifiers.is_valid_cui(p.amc_cui))
        try:
            answer = self._amc_registry_lookup(valid.mapped("amc_cui"), today)
        except (RoEfacturaError, requests.RequestException, ValueError) as err:
            _logger.warning("ANAF re-check stopped, the registry failed: %s", err)
            return
        for partner in partners:
            partner._amc_apply_recheck(
                answer.get(partner.amc_cui) if partner in valid else None, today
            )
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=self.search_count(domain)
        )
        if not modules.module.current_test:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _amc_apply_recheck(self, company, today):
        self.ensure_one()
        if company is None:
            self.write({"amc_anaf_checked_on": today})
            if self._amc_has_open_flag():
                return  # already told, and nobody looked yet: no new message every day
            self._amc_flag(
                self.env._(
                    "ANAF no longer knows CUI %(cui)s. Check whether the client was struck off.",
                    cui=self.amc_cui,
                )
            )
            return
        became_inactive = company.inactive and not self.amc_anaf_inactive
        stopped_vat = self.amc_anaf_vat_payer and not company.vat_payer
        self.write(self._prepare_amc_anaf_vals(company))
        if became_inactive:
            self._amc_flag(self._amc_inactive_message(company))
        if stopped_vat:
            self._amc_flag(
                self.env._(
                    "%(name)s is no longer a VAT payer according to ANAF: invoice it without the"
                    " RO prefix from now on.",
                    name=self.display_name,
                )
            )

    def _amc_has_open_flag(self):
        summary = self.env._("ANAF status changed")
        return any(activity.summary == summary for activity in self.activity_ids)

    def _amc_flag(self, body):
        self.message_post(body=body)
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("ANAF status changed"),
                note=body,
                user_id=self.user_id.id,
            )

    # === DASHBOARD HELPERS === #

    def _amc_invoice_domain(self, all_partners=False):
        domain = [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("company_id", "in", self.env.companies.ids),
        ]
        if not all_partners:
            domain.append(("commercial_partner_id", "in", self.commercial_partner_id.ids))
        return domain

    def _amc_read_invoice_totals(self):
        if not self:
            return {}
        # sudo: the client's totals are shown to salesmen without accounting rights
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                self._amc_invoice_domain(),
                ["commercial_partner_id"],
                ["amount_total_signed:sum", "amount_residual_signed:sum"],
            )
        )
        return {partner.id: (total, residual) for partner, total, residual in groups}

    def _amc_read_overdue_totals(self, all_partners=False):
        if not self and not all_partners:
            return {}
        domain = [
            *self._amc_invoice_domain(all_partners),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", self._amc_today()),
        ]
        # sudo: as in _amc_read_invoice_totals
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(domain, ["commercial_partner_id"], ["amount_residual_signed:sum"])
        )
        return {partner.id: residual for partner, residual in groups}

    def _amc_next_invoice_date(self):
        """Next invoice date of the client's contracts; the contracts part overrides it."""
        return False


class _ErrorMap:
    """Context manager turning library exceptions into a translated ``UserError``."""

    def __init__(self, env, to_message):
        self.env = env
        self.to_message = to_message

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc is None:
            return False
        message = self.to_message(exc)
        if message is None:
            return False
        _logger.info("Remote check failed: %s", exc)
        raise UserError(message) from exc

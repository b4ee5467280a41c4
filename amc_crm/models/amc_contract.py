import logging

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models, modules
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

_logger = logging.getLogger(__name__)

MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
FEATURE = "recurring_invoices"


class AmcContract(models.Model):
    _name = "amc.contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Service contract"
    _order = "next_invoice_date, id"
    _check_company_auto = True

    # === FIELDS === #

    name = fields.Char(required=True, tracking=True, help="Reference of the contract.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        help="Currency of the invoices.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Salesperson set on the invoices; defaults to the client's account manager.",
    )
    line_ids = fields.One2many("amc.contract.line", "contract_id", string="Services", copy=True)
    amount_untaxed = fields.Monetary(
        string="Amount per period", compute="_compute_amount_untaxed", store=True
    )
    recurrence = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("yearly", "Yearly")],
        required=True,
        default="monthly",
        tracking=True,
    )
    invoice_day = fields.Integer(
        default=1,
        required=True,
        tracking=True,
        help="Day of the month (1 to 28) on which each period starts and is invoiced.",
    )
    date_start = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, string="Start date"
    )
    date_end = fields.Date(
        string="End date",
        tracking=True,
        help="Last day of the contract; no period starting after it is invoiced. Empty: open.",
    )
    last_period_start = fields.Date(
        readonly=True, copy=False, help="Start of the last period invoiced."
    )
    next_invoice_date = fields.Date(
        compute="_compute_next_invoice_date",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        tracking=True,
        help="Start of the next period to invoice; the daily job invoices it on this day.",
    )
    auto_post = fields.Boolean(
        string="Post invoices", default=True, help="Confirm the invoices as soon as they are made."
    )
    auto_send = fields.Boolean(
        string="Send invoices by e-mail",
        help="E-mail the posted invoices to the client (needs Post invoices).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("ended", "Ended")],
        required=True,
        default="draft",
        index=True,
        copy=False,
        tracking=True,
    )
    invoice_ids = fields.One2many("account.move", "amc_contract_id", string="Invoices")
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    cron_error_date = fields.Date(
        readonly=True, copy=False, help="Day the invoicing job last failed on this contract."
    )

    # === COMPUTE METHODS === #

    @api.depends("partner_id")
    def _compute_user_id(self):
        for contract in self:
            contract.user_id = contract.partner_id.commercial_partner_id.user_id or (
                contract.user_id or self.env.user
            )

    @api.depends("line_ids.subtotal")
    def _compute_amount_untaxed(self):
        for contract in self:
            contract.amount_untaxed = sum(contract.line_ids.mapped("subtotal"))

    @api.depends("date_start", "invoice_day", "recurrence", "last_period_start")
    def _compute_next_invoice_date(self):
        for contract in self:
            if not contract.date_start or not 1 <= contract.invoice_day <= 28:
                contract.next_invoice_date = False
            elif contract.last_period_start:
                contract.next_invoice_date = contract._get_next_period(contract.last_period_start)
            else:
                contract.next_invoice_date = contract._get_first_period(contract.date_start)

    def _compute_invoice_count(self):
        # sudo: a salesman without accounting rights still sees how many invoices were made.
        counts = dict(
            self.env["account.move"]
            .sudo()
            ._read_group([("amc_contract_id", "in", self.ids)], ["amc_contract_id"], ["__count"])
        )
        for contract in self:
            contract.invoice_count = counts.get(contract._origin, 0)

    # === CONSTRAINTS === #

    @api.constrains("invoice_day")
    def _check_invoice_day(self):
        for contract in self:
            if not 1 <= contract.invoice_day <= 28:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s: the invoice day must be between 1 and 28, so that"
                        " every month has it.",
                        name=contract.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s ends before it starts. Set an end date after %(start)s"
                        " or leave it empty.",
                        name=contract.name,
                        start=format_date(self.env, contract.date_start),
                    )
                )

    # === CRUD METHODS === #

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.sudo().invoice_ids:
            raise UserError(
                self.env._(
                    "A contract that has invoices cannot be deleted; end it instead, so that"
                    " its invoices keep their link."
                )
            )

    # === ACTIONS === #

    def action_start(self):
        for contract in self:
            contract._check_recurring_feature()
            if not contract.line_ids:
                raise UserError(
                    self.env._(
                        "Contract %(name)s has no services: add at least one line before"
                        " starting it.",
                        name=contract.name,
                    )
                )
        self.write({"state": "running", "cron_error_date": False})
        self.env.ref("amc_crm.ir_cron_amc_crm_recurring_invoices")._trigger()
        return True

    def action_end(self):
        self.write({"state": "ended"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def action_invoice_now(self):
        """Invoice every due period of these running contracts right away."""
        today = fields.Date.context_today(self)
        for contract in self:
            contract._check_recurring_feature()
            if contract.state != "running":
                raise UserError(
                    self.env._("Start contract %(name)s before invoicing it.", name=contract.name)
                )
        # sudo: invoices are created for the user's own contracts, with the server's rights
        # (a salesman may create contracts without being an accountant).
        for contract in self.sudo():
            if not contract._lock_for_cron(today):
                raise UserError(
                    self.env._(
                        "Contract %(name)s has nothing due today, or the daily job is invoicing"
                        " it right now. Check its invoices in a minute.",
                        name=contract.name,
                    )
                )
            contract._create_due_invoices(today)
        if len(self) == 1 and self.env["account.move"].has_access("read"):
            return self.action_view_invoices()
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice")
        action["domain"] = [("amc_contract_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # === BUSINESS METHODS === #

    def _check_recurring_feature(self):
        self.ensure_one()
        self.env["amc.subscription"].with_company(self.company_id).check_feature(FEATURE)

    def _get_first_period(self, date_start):
        self.ensure_one()
        first = date_start + relativedelta(day=self.invoice_day)
        return (
            first if first >= date_start else first + relativedelta(months=1, day=self.invoice_day)
        )

    def _get_next_period(self, period_start):
        self.ensure_one()
        return period_start + relativedelta(months=MONTHS[self.recurrence], day=self.invoice_day)

    def _get_due_periods(self, today):
        """Starts of the periods due on ``today`` not yet invoiced, oldest first (catch-up)."""
        self.ensure_one()
        periods = []
        period = self.next_invoice_date
        while period and period <= today and (not self.date_end or period <= self.date_end):
            periods.append(period)
            period = self._get_next_period(period)
        return periods

    def _prepare_invoice_vals(self, period, today, skip_analytic=False):
        """Values of the invoice of the period starting on ``period``; ``skip_analytic`` sets
        an empty analytic distribution, sparing Odoo one model lookup per line."""
        self.ensure_one()
        analytic = {"analytic_distribution": False} if skip_analytic else {}
        # the client's fiscal position maps the contract's taxes (e.g. reverse charge abroad)
        fpos = (
            self.env["account.fiscal.position"]
            .with_company(self.company_id)
            ._get_fiscal_position(self.partner_id)
        )
        lang = self.partner_id.lang
        label = self.env._(
            "Period %(start)s - %(end)s",
            start=format_date(self.env, period, lang_code=lang),
            end=format_date(
                self.env, self._get_next_period(period) - relativedelta(days=1), lang_code=lang
            ),
        )
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": today,
            "invoice_origin": self.name,
            "invoice_user_id": self.user_id.id,
            "amc_contract_id": self.id,
            "amc_contract_period_start": period,
            "fiscal_position_id": fpos.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": f"{line.name or line.product_id.display_name}\n{label}",
                        "quantity": line.quantity,
                        "price_unit": line.price_unit,
                        "tax_ids": [Command.set(fpos.map_tax(line.tax_ids).ids)],
                        **analytic,
                    }
                )
                for line in self.line_ids
            ],
        }

    def _create_due_invoices(self, today, analytic_companies=None):
        """Create, post and queue for sending the invoices of every due period of each contract.

        The invoices of one contract and the advance of its next date are written together;
        the UNIQUE (contract, period) constraint refuses a second invoice for a period.
        ``analytic_companies``: see ``_get_analytic_companies``; the daily job reads them once
        for its whole batch.
        """
        if analytic_companies is None:
            analytic_companies = self._get_analytic_companies()
        moves = self.env["account.move"]
        for contract in self:
            periods = contract._get_due_periods(today)
            if periods:
                skip_analytic = contract.company_id not in analytic_companies
                invoices = moves.with_company(contract.company_id).create(
                    [
                        contract._prepare_invoice_vals(period, today, skip_analytic)
                        for period in periods
                    ]
                )
                if contract.auto_post:
                    invoices.action_post()
                    if contract.auto_send:
                        invoices.sending_data = {
                            "author_user_id": contract.user_id.id or self.env.user.id,
                            "author_partner_id": (contract.user_id or self.env.user).partner_id.id,
                        }
                moves |= invoices
            vals = {"last_period_start": periods[-1]} if periods else {}
            nxt = contract._get_next_period(periods[-1]) if periods else contract.next_invoice_date
            if contract.date_end and nxt and nxt > contract.date_end:
                vals["state"] = "ended"
            if vals:
                contract.write(vals)
        if moves.filtered("sending_data"):
            self.env.ref("account.ir_cron_account_move_send")._trigger()
        return moves

    def _get_analytic_companies(self):
        """The companies of these contracts where analytic distribution models may apply to
        the invoice lines; a model without a company applies to every company."""
        companies = self.company_id
        # sudo: analytic models are accounting configuration a salesman may not read.
        groups = (
            self.env["account.analytic.distribution.model"]
            .sudo()
            ._read_group([("company_id", "in", [False, *companies.ids])], ["company_id"])
        )
        if any(not company for (company,) in groups):
            return companies
        return self.env["res.company"].union(*(company for (company,) in groups))

    @api.model
    def _get_recurring_companies(self, today):
        """Companies whose plan in force on ``today`` grants recurring invoices."""
        subscriptions = self.env["amc.subscription"].sudo().with_context(date_ref=today)
        companies = self.env["res.company"].sudo().search([])
        return companies.filtered(lambda company: subscriptions.has_feature(FEATURE, company))

    @api.model
    def _get_due_domain(self, today, companies):
        return [
            ("state", "=", "running"),
            ("next_invoice_date", "<=", today),
            ("company_id", "in", companies.ids),
            "|",
            ("cron_error_date", "=", False),
            ("cron_error_date", "!=", today),
        ]

    def _lock_for_cron(self, today):
        """Lock this contract if it is still due; False when another worker holds it or did it."""
        self.flush_recordset(["state", "next_invoice_date"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM amc_contract
                    WHERE id = %s AND state = 'running' AND next_invoice_date <= %s
                      FOR UPDATE SKIP LOCKED""",
                self.id,
                today,
            )
        )
        return bool(self.env.cr.fetchone())

    def _log_cron_error(self, today, error):
        self.cron_error_date = today
        self.message_post(
            body=self.env._(
                "The invoices of this contract could not be created: %(error)s. Nothing was"
                " invoiced; the job tries again tomorrow, or use Invoice now once it is fixed.",
                error=str(error),
            )
        )

    # === CRON === #

    @api.model
    def _cron_amc_crm_recurring_invoices(self, date_ref=None):
        """Invoice the due periods of one batch of running contracts of Premium companies."""
        today = date_ref or fields.Date.context_today(self)
        icp = self.env["ir.config_parameter"].sudo()
        batch_size = int(icp.get_param("amc_crm.recurring_batch_size", 50) or 50)
        can_commit = not modules.module.current_test
        companies = self._get_recurring_companies(today)
        # sudo: the job invoices contracts of every company, as root.
        contracts = self.sudo().with_context(mail_notify_force_send=False)
        skipped = contracts.search_count(
            [
                ("state", "=", "running"),
                ("next_invoice_date", "<=", today),
                ("company_id", "not in", companies.ids),
            ]
        )
        if skipped:
            _logger.info(
                "Recurring invoices: %s due contracts skipped (plan without the feature)", skipped
            )
        domain = self._get_due_domain(today, companies)
        batch = contracts.search(domain, limit=batch_size, order="id")
        analytic_companies = batch._get_analytic_companies()
        done = 0
        for contract in batch:
            if not contract._lock_for_cron(today):
                continue  # another worker has it or just did it
            try:
                with self.env.cr.savepoint():
                    contract._create_due_invoices(today, analytic_companies)
                done += 1
            except Exception as error:
                _logger.exception("Recurring invoices failed for contract %s", contract.id)
                contract._log_cron_error(today, error)
            if can_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        remaining = contracts.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

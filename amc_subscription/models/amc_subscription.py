import logging
import math

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..exceptions import AmcFeatureUnavailable

_logger = logging.getLogger(__name__)

NOTICE_DAYS = 10
MANAGER_GROUP = "amc_subscription.group_amc_subscription_manager"


class AmcSubscription(models.Model):
    _name = "amc.subscription"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Company subscription"
    _order = "company_id"
    _rec_name = "company_id"

    # === FIELDS === #

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, ondelete="cascade"
    )
    plan_id = fields.Many2one(
        "amc.subscription.plan",
        string="Plan",
        required=True,
        readonly=True,
        tracking=True,
        help="The plan in force now.",
    )
    state = fields.Selection(
        [("trial", "Trial"), ("paid", "Paid"), ("standard", "Standard")],
        required=True,
        readonly=True,
        default="standard",
        index=True,
        tracking=True,
    )
    date_end = fields.Date(
        string="End date",
        readonly=True,
        index=True,
        tracking=True,
        help="Last day (inclusive) of the trial or paid period; empty on Standard.",
    )
    days_left = fields.Integer(
        compute="_compute_days_left",
        help="Days after today the period still runs; 0 on its last day.",
    )
    trial_used = fields.Boolean(readonly=True)
    notice_sent_for = fields.Date(
        readonly=True, copy=False, help="End date whose 10-day notice was sent."
    )
    end_notice_sent_for = fields.Date(
        readonly=True, copy=False, help="End date whose end-day notice was sent."
    )
    date_fallback = fields.Date(
        string="Fell back on",
        readonly=True,
        copy=False,
        help="Day the company fell back to Standard.",
    )
    cron_error_date = fields.Date(readonly=True, copy=False)
    purchase_ids = fields.One2many(
        "amc.subscription.purchase", "subscription_id", groups=MANAGER_GROUP
    )
    feature_ids = fields.Many2many(related="plan_id.feature_ids", string="Features")

    _sql_constraints = [
        ("company_unique", "unique(company_id)", "A company has one subscription."),
    ]

    # === COMPUTE METHODS === #

    @api.depends("state", "date_end")
    @api.depends_context("date_ref")
    def _compute_days_left(self):
        today = self._get_today()
        for sub in self:
            running = sub.state != "standard" and sub.date_end
            sub.days_left = max((sub.date_end - today).days, 0) if running else 0

    # === GATE API (called by other addons) === #

    @api.model
    def check_feature(self, code):
        """Raise AmcFeatureUnavailable unless ``env.company``'s plan in force grants ``code``."""
        company = self.env.company
        if self.has_feature(code, company):
            return True
        # sudo: the feature and plan names are shown to any user the gate refuses.
        feature = self.env["amc.subscription.feature"].sudo().search([("code", "=", code)], limit=1)
        needed = self._get_cheapest_plan(code)
        current = self._get_plan_in_force(company)
        if not needed:
            raise AmcFeatureUnavailable(
                self.env._(
                    "%(feature)s is not part of any plan. Ask the operator to add it to a plan.",
                    feature=feature.name or code,
                )
            )
        raise AmcFeatureUnavailable(
            self.env._(
                "%(feature)s is part of the %(plan)s plan; your company %(company)s is on"
                " %(current)s. Renew or upgrade from My subscription.",
                feature=feature.name or code,
                plan=needed.name,
                company=company.name,
                current=current.name,
            )
        )

    @api.model
    def has_feature(self, code, company=None):
        """Tell whether ``company`` (default ``env.company``) may use feature ``code`` today."""
        if company is None:
            company = self.env.company
        elif isinstance(company, int):
            company = self.env["res.company"].browse(company)
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(self.env._("You can only ask about the plans of your own companies."))
        return code in self._get_plan_in_force(company).feature_ids.mapped("code")

    # === BUSINESS METHODS: plans and periods === #

    @api.model
    def _get_today(self):
        return self.env.context.get("date_ref") or fields.Date.context_today(self)

    @api.model
    def _get_plan(self, code):
        # sudo: plans are read by the server on behalf of any user, including portal ones.
        return self.env["amc.subscription.plan"].sudo().search([("code", "=", code)], limit=1)

    @api.model
    def _get_standard_plan(self):
        plans = self.env["amc.subscription.plan"].sudo()
        return plans.search([("is_free", "=", True)], order="sequence", limit=1)

    @api.model
    def _get_cheapest_plan(self, code):
        return (
            self.env["amc.subscription.plan"]
            .sudo()
            .search([("feature_ids.code", "=", code)], order="sequence", limit=1)
        )

    @api.model
    def _get_for_company(self, company):
        # sudo: the gate answers for any user; record rules would hide other companies' rows.
        return self.sudo().search([("company_id", "=", company.id)], limit=1)

    @api.model
    def _get_plan_in_force(self, company):
        """Plan granted today: the subscription's plan while its period runs, else Standard."""
        sub = self._get_for_company(company)
        if sub and sub._is_running(self._get_today()):
            return sub.plan_id
        return self._get_standard_plan()

    def _is_running(self, today):
        self.ensure_one()
        return self.state in ("trial", "paid") and bool(self.date_end) and self.date_end >= today

    @api.model
    def _get_trial_months(self):
        icp = self.env["ir.config_parameter"].sudo()
        try:
            return max(int(icp.get_param("amc_subscription.trial_months", 1)), 0)
        except ValueError:
            return 1

    @api.model
    def _start_trials(self, companies):
        """Create the subscription of each company that has none: a Premium trial."""
        companies = (
            companies.exists()
            - self.sudo().search([("company_id", "in", companies.ids)]).company_id
        )
        months = self._get_trial_months()
        today = self._get_today()
        vals_list = []
        for company in companies:
            if months:
                vals_list.append(
                    {
                        "company_id": company.id,
                        "plan_id": self._get_plan("premium").id,
                        "state": "trial",
                        "date_end": today + relativedelta(months=months, days=-1),
                        "trial_used": True,
                    }
                )
            else:
                vals_list.append(
                    {
                        "company_id": company.id,
                        "plan_id": self._get_standard_plan().id,
                        "state": "standard",
                    }
                )
        # sudo: plan and dates are written only by the server, never through user rights.
        return self.sudo().create(vals_list)

    def _get_renewal_refusal(self, plan, months):
        """Return why buying ``plan`` for ``months`` is refused today, or an empty string."""
        self.ensure_one()
        if not plan or plan.is_free:
            return self.env._(
                "The %(plan)s plan is free: there is nothing to buy. Choose Premium or Ultimate.",
                plan=plan.name or self._get_standard_plan().name,
            )
        if str(months) not in ("1", "6", "12"):
            return self.env._("A plan is bought for 1, 6 or 12 months; choose one of these.")
        if not plan._get_price(months):
            return self.env._(
                "The %(plan)s plan has no price for %(months)s months. Choose another duration"
                " or ask the operator to set the price.",
                plan=plan.name,
                months=months,
            )
        today = self._get_today()
        if (
            self.state == "paid"
            and self._is_running(today)
            and self.plan_id.sequence > plan.sequence
        ):
            return self.env._(
                "Your company has a paid %(current)s period until %(date)s; buying %(plan)s would"
                " shorten it. Renew %(current)s instead.",
                current=self.plan_id.name,
                date=self.date_end,
                plan=plan.name,
            )
        return ""

    def _get_paid_days_left(self, today):
        """Days of PAID periods of the current plan from today on (trial days are not paid)."""
        self.ensure_one()
        purchases = self.sudo().purchase_ids.filtered(
            lambda p: p.state == "done" and p.plan_id == self.plan_id and p.date_end >= today
        )
        return sum((p.date_end - max(p.date_start, today)).days + 1 for p in purchases)

    @api.model
    def _convert_days(self, days, from_plan, to_plan):
        """Convert ``days`` of ``from_plan`` into ``to_plan`` days by 1-month price, floored."""
        price_from, price_to = from_plan._get_price("1"), to_plan._get_price("1")
        if not price_from or not price_to:
            _logger.warning("No 1-month price to convert %s into %s", from_plan.code, to_plan.code)
            return 0
        return math.floor(days * price_from.amount / price_to.amount + 1e-9)

    def _get_period(self, plan, months, today=None):
        """Return what a purchase of ``plan`` for ``months`` gives if applied ``today``.

        A dict: plan (the plan the subscription ends on), date_start, date_end, carried_days.
        """
        self.ensure_one()
        today = today or self._get_today()
        months = int(months)
        current = self.plan_id
        if not self._is_running(today) or current.is_free:
            start = today
            return {
                "plan": plan,
                "date_start": start,
                "date_end": start + relativedelta(months=months, days=-1),
                "carried_days": 0,
            }
        if current == plan:
            start = self.date_end + relativedelta(days=1)
            return {
                "plan": plan,
                "date_start": start,
                "date_end": start + relativedelta(months=months, days=-1),
                "carried_days": 0,
            }
        if current.sequence > plan.sequence:
            # Paid for a lower plan after moving up: extend the higher plan by the same value.
            days = ((today + relativedelta(months=months)) - today).days
            converted = self._convert_days(days, plan, current)
            start = self.date_end + relativedelta(days=1)
            return {
                "plan": current,
                "date_start": start,
                "date_end": start + relativedelta(days=converted - 1),
                "carried_days": 0,
            }
        # Upgrade: the higher plan starts today, remaining paid days carry over by value.
        carried = self._convert_days(self._get_paid_days_left(today), current, plan)
        return {
            "plan": plan,
            "date_start": today,
            "date_end": today + relativedelta(months=months, days=carried - 1),
            "carried_days": carried,
        }

    @api.model
    def _get_billing_company(self):
        icp = self.env["ir.config_parameter"].sudo()
        company_id = int(icp.get_param("amc_subscription.billing_company_id") or 0)
        company = self.env["res.company"].sudo().browse(company_id).exists()
        return company or self.env.ref("base.main_company").sudo()

    def _create_purchase(self, plan, months, payment_kind):
        """Create the purchase of ``plan`` for ``months`` after checking every renewal rule."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only subscription managers can buy a plan."))
        # sudo: refuse another company's subscription with a clear message, not a rule error.
        if self.sudo().company_id != self.env.company:
            raise UserError(
                self.env._(
                    "You can only buy for the company you are working in (%(company)s). Switch"
                    " to %(other)s first.",
                    company=self.env.company.name,
                    other=self.sudo().company_id.name,
                )
            )
        if payment_kind not in ("card", "transfer"):
            raise UserError(self.env._("Pay by card or by bank transfer."))
        refusal = self._get_renewal_refusal(plan, months)
        if refusal:
            raise UserError(refusal)
        price = plan._get_price(months)
        # sudo: purchases are created only here, with the amount from the price table.
        purchase = (
            self.env["amc.subscription.purchase"]
            .sudo()
            .create(
                {
                    "company_id": self.company_id.id,
                    "subscription_id": self.id,
                    "plan_id": plan.id,
                    "months": str(months),
                    "amount": price.amount,
                    "currency_id": price.currency_id.id,
                    "payment_kind": payment_kind,
                }
            )
        )
        if payment_kind == "transfer":
            purchase._start_transfer()
        return purchase

    # === BUSINESS METHODS: notices and fall-back === #

    def _get_managers(self):
        self.ensure_one()
        group = self.env.ref(MANAGER_GROUP)
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.id),
                    ("company_ids", "in", self.company_id.id),
                    ("share", "=", False),
                ]
            )
        )

    def _send_notice(self, kind):
        """Mail the company's subscription managers and give each an activity."""
        self.ensure_one()
        xmlid = {
            "soon": "amc_subscription.mail_template_amc_subscription_ending_soon",
            "end": "amc_subscription.mail_template_amc_subscription_ended",
        }[kind]
        # self.env carries the cron's date_ref: the mail counts the days left as the notice does.
        template = self.env.ref(xmlid)
        managers = self._get_managers()
        if managers:
            template.send_mail(
                self.id,
                email_values={"recipient_ids": [(6, 0, managers.partner_id.ids)]},
            )
        summary = (
            self.env._("Your plan ends in %(days)s days: renew it", days=self.days_left)
            if kind == "soon"
            else self.env._("Your plan ends today: renew it to keep its features")
        )
        for user in managers:
            self.activity_schedule(
                "amc_subscription.mail_activity_type_amc_subscription_renew",
                date_deadline=self.date_end,
                summary=summary,
                user_id=user.id,
            )

    def _fall_back(self, today):
        self.ensure_one()
        old_plan = self.plan_id
        self.write(
            {
                "plan_id": self._get_standard_plan().id,
                "state": "standard",
                "date_end": False,
                "date_fallback": today,
            }
        )
        self.message_post(
            body=self.env._(
                "The %(plan)s period ended: the company is now on %(standard)s."
                " All its data is kept.",
                plan=old_plan.name,
                standard=self.plan_id.name,
            )
        )

    def _process_daily(self, today):
        """End-day notice, fall-back after the last day, 10-day notice; each at most once."""
        self.ensure_one()
        sub = self.with_context(date_ref=today)
        if sub.date_end <= today and sub.end_notice_sent_for != sub.date_end:
            sub._send_notice("end")
            sub.write({"end_notice_sent_for": sub.date_end, "notice_sent_for": sub.date_end})
        if sub.date_end < today:
            sub._fall_back(today)
        elif (
            sub.date_end <= today + relativedelta(days=NOTICE_DAYS)
            and sub.notice_sent_for != sub.date_end
        ):
            sub._send_notice("soon")
            sub.notice_sent_for = sub.date_end

    @api.model
    def _get_daily_todo_sql(self, today, limit=None):
        soon = today + relativedelta(days=NOTICE_DAYS)
        return SQL(
            """
            SELECT id FROM amc_subscription
             WHERE state IN ('trial', 'paid') AND date_end IS NOT NULL
               AND cron_error_date IS DISTINCT FROM %(today)s
               AND (date_end < %(today)s
                    OR (date_end <= %(today)s AND end_notice_sent_for IS DISTINCT FROM date_end)
                    OR (date_end <= %(soon)s AND notice_sent_for IS DISTINCT FROM date_end))
             ORDER BY id %(limit)s
            """,
            today=today,
            soon=soon,
            limit=SQL("LIMIT %s", limit) if limit else SQL(""),
        )

    def _lock_for_cron(self):
        """Lock this record for the current transaction; False when another worker holds it."""
        self.env.cr.execute(
            SQL("SELECT id FROM amc_subscription WHERE id = %s FOR UPDATE SKIP LOCKED", self.id)
        )
        return bool(self.env.cr.fetchone())

    # === CRON === #

    @api.model
    def _cron_amc_subscription_daily(self, date_ref=None):
        """Send the 10-day and end-day notices and fall back expired periods, one batch a call."""
        today = date_ref or fields.Date.context_today(self)
        icp = self.env["ir.config_parameter"].sudo()
        batch_size = int(icp.get_param("amc_subscription.cron_batch_size", 200) or 200)
        can_commit = not modules.module.current_test
        self.flush_model()
        self.env.cr.execute(self._get_daily_todo_sql(today, batch_size))
        # sudo: the job writes plan and dates, which only the server changes (as root in cron).
        subs = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        done = 0
        for sub in subs:
            if not sub._lock_for_cron():
                continue  # another worker has it; the next call takes it again
            try:
                with self.env.cr.savepoint():
                    sub._process_daily(today)
                done += 1
            except Exception:
                _logger.exception("Daily subscription job failed for company %s", sub.company_id.id)
                sub.cron_error_date = today  # leaves the to-do list until tomorrow
            if can_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self.flush_model()
        self.env.cr.execute(SQL("SELECT count(*) FROM (%s) todo", self._get_daily_todo_sql(today)))
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

import logging

from odoo import api, fields, models, modules
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)
FEATURE = "payment_reminders"

UNPAID = ("not_paid", "partial")


class AccountMove(models.Model):
    _inherit = "account.move"

    # === FIELDS === #

    amc_contract_id = fields.Many2one(
        "amc.contract",
        string="Contract",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="Service contract this invoice was made from.",
    )
    amc_contract_period_start = fields.Date(
        string="Contract period",
        readonly=True,
        copy=False,
        help="Start of the contract period this invoice bills; one invoice per period.",
    )
    amc_days_overdue = fields.Integer(
        string="Days overdue",
        compute="_compute_amc_days_overdue",
        search="_search_amc_days_overdue",
        help="Days since the due date of a posted customer invoice not yet paid; 0 otherwise.",
    )
    amc_reminder_log_ids = fields.One2many(
        "amc.reminder.log", "move_id", string="Payment reminders", readonly=True
    )
    amc_reminder_error_date = fields.Date(
        readonly=True, copy=False, help="Day the reminder job last failed on this invoice."
    )

    _sql_constraints = [
        (
            "amc_contract_period_unique",
            "UNIQUE (amc_contract_id, amc_contract_period_start)",
            "A contract already has an invoice for this period.",
        ),
    ]

    # === COMPUTE METHODS === #

    def _amc_is_unpaid_invoice(self):
        self.ensure_one()
        return (
            self.move_type == "out_invoice"
            and self.state == "posted"
            and self.payment_state in UNPAID
            and bool(self.invoice_date_due)
        )

    @api.depends("move_type", "state", "payment_state", "invoice_date_due")
    @api.depends_context("date_ref")
    def _compute_amc_days_overdue(self):
        today = self.env.context.get("date_ref") or fields.Date.context_today(self)
        for move in self:
            late = move._amc_is_unpaid_invoice() and (today - move.invoice_date_due).days
            move.amc_days_overdue = max(late or 0, 0)

    def _search_amc_days_overdue(self, operator, value):
        """Translate "days overdue <op> N" into a due-date condition on unpaid invoices."""
        if operator not in (">", ">=", "<", "<=", "=") or not isinstance(value, int):
            raise UserError(self.env._("Search days overdue with a whole number of days."))
        today = self.env.context.get("date_ref") or fields.Date.context_today(self)
        unpaid = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", UNPAID),
        ]
        # days overdue > N  <=>  unpaid and due before today - N; "<" and "<=" are negations
        cut = {">": ("<", value), ">=": ("<=", value), "<=": ("<", value), "<": ("<=", value)}
        if operator == "=":
            if value > 0:
                return [*unpaid, ("invoice_date_due", "=", fields.Date.subtract(today, days=value))]
            operator = "<="  # 0 days overdue: not late at all
        due_op, days = cut[operator]
        late = [
            "&",
            "&",
            "&",
            *unpaid,
            ("invoice_date_due", due_op, fields.Date.subtract(today, days=days)),
        ]
        return late if operator in (">", ">=") else ["!", *late]

    # === BUSINESS METHODS: payment reminders === #

    @api.model
    def _get_amc_reminder_companies(self, today):
        """Companies whose plan in force on ``today`` grants automatic payment reminders."""
        subscriptions = self.env["amc.subscription"].sudo().with_context(date_ref=today)
        companies = self.env["res.company"].sudo().search([])
        return companies.filtered(lambda company: subscriptions.has_feature(FEATURE, company))

    @api.model
    def _get_amc_reminder_todo_sql(self, today, companies, limit=None):
        """Posted, unpaid, overdue customer invoices of clients who did not opt out, that
        reached a reminder level higher than the last one sent."""
        return SQL(
            """
            SELECT m.id FROM account_move m
             WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
               AND m.payment_state IN ('not_paid', 'partial')
               AND m.company_id = ANY(%(companies)s::int[])
               AND m.invoice_date_due < %(today)s
               AND m.amc_reminder_error_date IS DISTINCT FROM %(today)s
               AND NOT EXISTS (
                   SELECT 1 FROM res_partner p
                    WHERE p.id IN (m.partner_id, m.commercial_partner_id) AND p.amc_no_reminders)
               AND EXISTS (
                   SELECT 1 FROM amc_reminder_level l
                    WHERE l.active AND (l.company_id IS NULL OR l.company_id = m.company_id)
                      AND m.invoice_date_due + l.days_after_due <= %(today)s
                      AND l.days_after_due > COALESCE((
                          SELECT max(sent.days_after_due) FROM amc_reminder_log g
                            JOIN amc_reminder_level sent ON sent.id = g.level_id
                           WHERE g.move_id = m.id), 0))
             ORDER BY m.id %(limit)s
            """,
            today=today,
            companies=list(companies.ids),
            limit=SQL("LIMIT %s", limit) if limit else SQL(""),
        )

    def _get_amc_sent_reminder_days(self):
        """{move id: days of the highest level already sent} for the invoices of ``self``."""
        if not self:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT g.move_id, max(l.days_after_due) FROM amc_reminder_log g
                     JOIN amc_reminder_level l ON l.id = g.level_id
                    WHERE g.move_id = ANY(%s) GROUP BY g.move_id""",
                list(self.ids),
            )
        )
        return dict(self.env.cr.fetchall())

    def _get_amc_reminder_level(self, levels, sent_days, today):
        """The level to send now: the highest one reached above the last one sent.

        When several levels are reached at once (the job did not run, or an invoice was posted
        late), only the highest is sent: the client gets one e-mail, the most recent wording.
        """
        self.ensure_one()
        late = (today - self.invoice_date_due).days
        reached = levels.filtered(
            lambda level: (
                level.company_id in (self.company_id, self.env["res.company"])
                and sent_days < level.days_after_due <= late
            )
        )
        return reached.sorted("days_after_due")[-1:]

    def _lock_amc_for_reminder(self):
        self.env.cr.execute(
            SQL(
                """SELECT id FROM account_move
                    WHERE id = %s AND state = 'posted' AND payment_state IN ('not_paid', 'partial')
                      FOR UPDATE SKIP LOCKED""",
                self.id,
            )
        )
        return bool(self.env.cr.fetchone())

    def _amc_send_reminder(self, level, today):
        """Log ``level`` for this invoice (once: UNIQUE), e-mail it and plan the activity."""
        self.ensure_one()
        days = (today - self.invoice_date_due).days
        self.env["amc.reminder.log"].create(
            {"move_id": self.id, "level_id": level.id, "date": today, "days_overdue": days}
        )
        move = self.with_context(date_ref=today)
        if level.mail_template_id:
            move.message_post_with_source(
                level.mail_template_id, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        else:
            move.message_post(
                body=self.env._(
                    "Payment reminder %(level)s noted: the invoice is %(days)s days overdue"
                    " (no e-mail template on this level).",
                    level=level.name,
                    days=days,
                )
            )
        manager = self.commercial_partner_id.user_id or self.invoice_user_id
        if level.create_activity and manager:
            move.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._("Call the client: %(days)s days overdue", days=days),
                note=self.env._(
                    "Reminder %(level)s went out for this invoice; follow up on the payment.",
                    level=level.name,
                ),
                user_id=manager.id,
            )

    # === CRON === #

    @api.model
    def _cron_amc_crm_payment_reminders(self, date_ref=None):
        """Send the reminder level each overdue invoice reached, one batch a call."""
        today = date_ref or fields.Date.context_today(self)
        icp = self.env["ir.config_parameter"].sudo()
        batch_size = int(icp.get_param("amc_crm.reminder_batch_size", 100) or 100)
        can_commit = not modules.module.current_test
        # sudo: the job reads and writes invoices of every company, as root in cron.
        moves = self.sudo().with_context(mail_notify_force_send=False)
        companies = self._get_amc_reminder_companies(today)
        levels = self.env["amc.reminder.level"].sudo().search([])
        self.env.flush_all()
        self.env.cr.execute(self._get_amc_reminder_todo_sql(today, companies, batch_size))
        batch = moves.browse([row[0] for row in self.env.cr.fetchall()])
        sent = batch._get_amc_sent_reminder_days()
        done = 0
        for move in batch:
            level = move._get_amc_reminder_level(levels, sent.get(move.id, 0), today)
            if not level or not move._lock_amc_for_reminder():
                continue  # another worker has it
            try:
                with self.env.cr.savepoint():
                    move._amc_send_reminder(level, today)
                done += 1
            except Exception:
                _logger.exception("Payment reminder failed for invoice %s", move.id)
                move.amc_reminder_error_date = today  # leaves the to-do list until tomorrow
            if can_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT count(*) FROM (%s) todo", self._get_amc_reminder_todo_sql(today, companies))
        )
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

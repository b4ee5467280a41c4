from datetime import date
from unittest.mock import patch

from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from ..models.amc_subscription import AmcSubscription
from .common import AmcSubscriptionCommon

ENDING_SOON = "amc_subscription.mail_template_amc_subscription_ending_soon"
ENDED = "amc_subscription.mail_template_amc_subscription_ended"


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestDailyCron(AmcSubscriptionCommon):
    def run_cron(self, day):
        return self.Subscription._cron_amc_subscription_daily(date_ref=day)

    def mails(self, sub):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "amc.subscription"), ("res_id", "=", sub.id)], order="id")
        )

    def test_ten_day_notice_mails_and_assigns_the_managers_once(self):
        self.set_subscription(self.sub_b, "trial", date(2026, 3, 20), plan=self.plan_premium)
        self.run_cron(date(2026, 3, 10))
        mail = self.mails(self.sub_b)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, "Client B SRL: your Premium plan ends on 03/20/2026")
        self.assertIn("10 days left", mail.body_html)
        managers = self.manager_b | self.operator  # user_b is not a manager

        self.assertEqual(mail.recipient_ids, managers.partner_id)
        activities = self.sub_b.sudo().activity_ids
        self.assertEqual(activities.user_id, managers)
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2026, 3, 20)})
        self.assertEqual(
            activities.activity_type_id,
            self.env.ref("amc_subscription.mail_activity_type_amc_subscription_renew"),
        )
        self.assertEqual(self.sub_b.notice_sent_for, date(2026, 3, 20))
        # rerun the same day and the next: nothing more
        self.run_cron(date(2026, 3, 10))
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(len(self.mails(self.sub_b)), 1)
        self.assertEqual(len(self.sub_b.sudo().activity_ids), 2)

    def test_no_notice_eleven_days_before_the_end(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 21), plan=self.plan_premium)
        self.run_cron(date(2026, 3, 10))
        self.assertFalse(self.mails(self.sub_b))
        self.assertFalse(self.sub_b.notice_sent_for)
        self.run_cron(date(2026, 3, 11))
        mail = self.mails(self.sub_b)
        self.assertEqual(len(mail), 1)
        self.assertIn("10 days left", mail.body_html)  # counted from the cron's day

    def test_end_day_notice_once_then_fall_back_the_next_day(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 10), plan=self.plan_premium)
        self.sub_b.sudo().notice_sent_for = date(2026, 3, 10)
        self.run_cron(date(2026, 3, 10))
        mail = self.mails(self.sub_b)
        self.assertEqual(mail.subject, "Client B SRL: your Premium plan ends today")
        self.assertRecordValues(
            self.sub_b, [{"state": "paid", "end_notice_sent_for": date(2026, 3, 10)}]
        )
        self.run_cron(date(2026, 3, 10))
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(len(self.mails(self.sub_b)), 1)
        self.assertRecordValues(
            self.sub_b,
            [
                {
                    "state": "standard",
                    "plan_id": self.plan_standard.id,
                    "date_fallback": date(2026, 3, 11),
                }
            ],
        )

    def test_end_day_without_earlier_notice_sends_only_the_end_notice(self):
        self.set_subscription(self.sub_b, "trial", date(2026, 3, 10), plan=self.plan_premium)
        self.run_cron(date(2026, 3, 10))
        self.assertEqual(
            self.mails(self.sub_b).mapped("subject"), ["Client B SRL: your Premium plan ends today"]
        )

    def test_missed_days_send_the_end_notice_and_fall_back_in_one_run(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 5), plan=self.plan_premium)
        self.run_cron(date(2026, 3, 10))
        self.assertEqual(len(self.mails(self.sub_b)), 1)
        self.assertEqual(self.sub_b.state, "standard")

    def test_a_renewed_period_gets_its_own_notice(self):
        self.set_subscription(self.sub_b, "trial", date(2026, 3, 20), plan=self.plan_premium)
        self.run_cron(date(2026, 3, 10))
        self.buy(self.manager_b, self.plan_premium, "1")._apply()
        self.assertEqual(self.sub_b.date_end, date(2026, 4, 20))
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(len(self.mails(self.sub_b)), 1)
        self.run_cron(date(2026, 4, 10))
        self.assertEqual(len(self.mails(self.sub_b)), 2)
        self.assertEqual(self.sub_b.notice_sent_for, date(2026, 4, 20))

    def test_batches_report_progress_until_nothing_remains(self):
        company_c = self.env["res.company"].create({"name": "Client C SRL"})
        for sub in (self.sub_a, self.sub_b, company_c.amc_subscription_id):
            self.set_subscription(sub, "paid", date(2026, 3, 12), plan=self.plan_premium)
        self.env["ir.config_parameter"].sudo().set_param("amc_subscription.cron_batch_size", "2")
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as notify:
            self.run_cron(date(2026, 3, 10))
            self.assertEqual(notify.call_args.kwargs, {"done": 2, "remaining": 1})
            self.run_cron(date(2026, 3, 10))
            self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 0})
            self.run_cron(date(2026, 3, 10))
            self.assertEqual(notify.call_args.kwargs, {"done": 0, "remaining": 0})
        subs = self.sub_a | self.sub_b | company_c.amc_subscription_id
        self.assertEqual(set(subs.mapped("notice_sent_for")), {date(2026, 3, 12)})
        self.assertEqual(len(self.mails(self.sub_b)), 1)

    def test_a_record_locked_by_another_worker_is_skipped(self):
        main_sub = self.env.ref("base.main_company").amc_subscription_id
        with self.env.registry.cursor() as other_cr:
            other_cr.execute("SET LOCAL lock_timeout = '5s'")
            other_cr.execute(
                "SELECT id FROM amc_subscription WHERE id = %s FOR UPDATE", [main_sub.id]
            )
            self.assertFalse(main_sub._lock_for_cron())
            other_cr.rollback()
        self.assertTrue(self.sub_a._lock_for_cron())

    def test_cron_leaves_locked_records_for_a_later_call(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 3, 12), plan=self.plan_premium)
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 12), plan=self.plan_premium)
        sub_b = self.sub_b
        with (
            patch.object(AmcSubscription, "_lock_for_cron", lambda sub: sub != sub_b),
            patch.object(type(self.env["ir.cron"]), "_notify_progress") as notify,
        ):
            self.run_cron(date(2026, 3, 10))
        self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 1})
        self.assertFalse(self.mails(self.sub_b))
        self.run_cron(date(2026, 3, 10))
        self.assertEqual(len(self.mails(self.sub_b)), 1)

    @mute_logger("odoo.addons.amc_subscription.models.amc_subscription")
    def test_a_failing_record_does_not_block_the_others_nor_loop(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 3, 5), plan=self.plan_premium)
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 5), plan=self.plan_premium)
        original = AmcSubscription._process_daily
        calls = []

        def process(sub, today):
            calls.append(sub.id)
            if sub.company_id == self.company_a:
                raise ValueError("boom")
            return original(sub, today)

        with patch.object(AmcSubscription, "_process_daily", process):
            self.run_cron(date(2026, 3, 10))
            self.run_cron(date(2026, 3, 10))
        self.assertEqual(calls.count(self.sub_a.id), 1)
        self.assertRecordValues(
            self.sub_a,
            [{"state": "paid", "cron_error_date": date(2026, 3, 10), "end_notice_sent_for": False}],
        )
        self.assertEqual(self.sub_b.state, "standard")

    def test_the_scheduled_action_runs_the_job(self):
        cron = self.env.ref("amc_subscription.ir_cron_amc_subscription_daily")
        self.assertEqual(cron.code.strip(), "model._cron_amc_subscription_daily()")
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 9), plan=self.plan_premium)
        cron.sudo().method_direct_trigger()
        self.assertEqual(self.sub_b.state, "standard")

    def test_templates_and_activity_type_are_editable_data(self):
        for xmlid in (ENDING_SOON, ENDED, "amc_subscription.ir_cron_amc_subscription_daily"):
            data = self.env["ir.model.data"]._xmlid_lookup(xmlid)
            self.assertTrue(data)
            record = self.env["ir.model.data"].search(
                [("module", "=", "amc_subscription"), ("name", "=", xmlid.split(".")[1])]
            )
            self.assertTrue(record.noupdate, xmlid)

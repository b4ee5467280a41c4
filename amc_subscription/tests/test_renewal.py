from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import AmcSubscriptionCommon


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestRenewalRules(AmcSubscriptionCommon):
    # --- accepted cases ------------------------------------------------------------------

    def test_standard_buys_premium_from_today(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        purchase._apply()
        self.assertRecordValues(
            purchase,
            [{"state": "done", "date_start": date(2026, 3, 10), "date_end": date(2026, 4, 9)}],
        )
        self.assertRecordValues(
            self.sub_a,
            [{"plan_id": self.plan_premium.id, "state": "paid", "date_end": date(2026, 4, 9)}],
        )

    def test_standard_buys_ultimate_from_today(self):
        purchase = self.buy(self.manager_a, self.plan_ultimate, "12")
        purchase._apply()
        self.assertRecordValues(
            self.sub_a,
            [{"plan_id": self.plan_ultimate.id, "state": "paid", "date_end": date(2027, 3, 9)}],
        )

    def test_premium_bought_during_the_trial_starts_after_it(self):
        purchase = self.buy(self.manager_b, self.plan_premium, "12")
        purchase._apply()
        self.assertRecordValues(
            purchase,
            [{"date_start": date(2026, 4, 10), "date_end": date(2027, 4, 9), "carried_days": 0}],
        )
        self.assertRecordValues(self.sub_b, [{"state": "paid", "date_end": date(2027, 4, 9)}])

    def test_paid_premium_is_extended_from_its_end_date(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 5, 31), plan=self.plan_premium)
        purchase = self.buy(self.manager_a, self.plan_premium, "6")
        purchase._apply()
        self.assertRecordValues(
            purchase, [{"date_start": date(2026, 6, 1), "date_end": date(2026, 11, 30)}]
        )
        self.assertEqual(self.sub_a.date_end, date(2026, 11, 30))

    def test_paid_ultimate_is_extended_from_its_end_date(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 5, 31), plan=self.plan_ultimate)
        self.buy(self.manager_a, self.plan_ultimate, "1")._apply()
        self.assertRecordValues(
            self.sub_a, [{"plan_id": self.plan_ultimate.id, "date_end": date(2026, 6, 30)}]
        )

    def test_period_ended_but_not_yet_fallen_back_restarts_today(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 3, 5), plan=self.plan_premium)
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        purchase._apply()
        self.assertRecordValues(
            purchase, [{"date_start": date(2026, 3, 10), "date_end": date(2026, 4, 9)}]
        )

    def test_trial_upgraded_to_ultimate_starts_today_without_carrying_trial_days(self):
        purchase = self.buy(self.manager_b, self.plan_ultimate, "1")
        purchase._apply()
        self.assertRecordValues(
            purchase,
            [{"date_start": date(2026, 3, 10), "date_end": date(2026, 4, 9), "carried_days": 0}],
        )
        self.assertRecordValues(
            self.sub_b,
            [{"plan_id": self.plan_ultimate.id, "state": "paid", "date_end": date(2026, 4, 9)}],
        )

    def test_paid_premium_upgraded_to_ultimate_carries_remaining_days_by_value(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 4, 8), plan=self.plan_premium)
        self.paid_purchase(self.sub_a, self.plan_premium, date(2026, 2, 18), date(2026, 4, 8))
        purchase = self.buy(self.manager_a, self.plan_ultimate, "1")
        purchase._apply()
        # 30 paid Premium days left (10.03-08.04) x 99 / 199 = 14.9 -> 14 Ultimate days
        self.assertRecordValues(
            purchase,
            [{"date_start": date(2026, 3, 10), "date_end": date(2026, 4, 23), "carried_days": 14}],
        )
        self.assertRecordValues(
            self.sub_a, [{"plan_id": self.plan_ultimate.id, "date_end": date(2026, 4, 23)}]
        )

    def test_upgrade_during_trial_carries_only_the_paid_days(self):
        self.buy(self.manager_b, self.plan_premium, "1")._apply()  # paid 10.04-09.05
        self.assertEqual(self.sub_b.date_end, date(2026, 5, 9))
        purchase = self.buy(self.manager_b, self.plan_ultimate, "1")
        purchase._apply()
        # 30 paid days x 99 / 199 -> 14; the 31 trial days left are not carried
        self.assertRecordValues(purchase, [{"carried_days": 14, "date_end": date(2026, 4, 23)}])

    def test_lower_plan_paid_after_an_upgrade_extends_the_higher_plan_by_value(self):
        premium = self.buy(self.manager_a, self.plan_premium, "1")  # transfer not yet received
        self.buy(self.manager_a, self.plan_ultimate, "1")._apply()
        self.assertEqual(self.sub_a.date_end, date(2026, 4, 9))
        premium._apply()
        # 31 Premium days (10.03-09.04) x 99 / 199 = 15.4 -> 15 Ultimate days after 09.04
        self.assertRecordValues(
            premium,
            [{"state": "done", "date_start": date(2026, 4, 10), "date_end": date(2026, 4, 24)}],
        )
        self.assertRecordValues(
            self.sub_a, [{"plan_id": self.plan_ultimate.id, "date_end": date(2026, 4, 24)}]
        )

    def test_a_purchase_applied_twice_adds_once(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        purchase._apply()
        purchase._apply()
        (purchase | purchase)._apply()
        self.assertEqual(self.sub_a.date_end, date(2026, 4, 9))

    # --- refused cases -------------------------------------------------------------------

    def test_premium_is_refused_while_a_paid_ultimate_period_runs(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 6, 30), plan=self.plan_ultimate)
        wizard = Form(self.env["amc.subscription.renew.wizard"].with_user(self.manager_a))
        wizard.plan_id = self.plan_premium
        wizard.months = "1"
        self.assertIn("would shorten it", wizard.message)
        self.assertFalse(wizard.date_end_preview)
        with self.assertRaisesRegex(UserError, "would shorten it"):
            wizard.save().action_confirm()
        with self.assertRaisesRegex(UserError, "would shorten it"):
            self.sub_a.with_user(self.manager_a)._create_purchase(self.plan_premium, "1", "card")
        self.assertFalse(self.sub_a.sudo().purchase_ids)

    def test_premium_is_allowed_again_once_ultimate_has_ended(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 3, 9), plan=self.plan_ultimate)
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        purchase._apply()
        self.assertRecordValues(
            self.sub_a, [{"plan_id": self.plan_premium.id, "date_end": date(2026, 4, 9)}]
        )

    def test_free_plan_cannot_be_bought(self):
        sub = self.sub_a.with_user(self.manager_a)
        with self.assertRaisesRegex(UserError, "Standard plan is free"):
            sub._create_purchase(self.plan_standard, "1", "card")

    def test_only_1_6_or_12_months(self):
        sub = self.sub_a.with_user(self.manager_a)
        with self.assertRaisesRegex(UserError, "1, 6 or 12 months"):
            sub._create_purchase(self.plan_premium, "3", "card")

    def test_plan_without_a_price_cannot_be_bought(self):
        self.env.ref("amc_subscription.price_ultimate_6").unlink()
        wizard = Form(self.env["amc.subscription.renew.wizard"].with_user(self.manager_a))
        wizard.plan_id = self.plan_ultimate
        wizard.months = "6"
        self.assertIn("has no price for 6 months", wizard.message)
        with self.assertRaisesRegex(UserError, "has no price for 6 months"):
            self.sub_a.with_user(self.manager_a)._create_purchase(self.plan_ultimate, "6", "card")

    def test_cannot_buy_for_another_company(self):
        manager = self.new_user(
            "amc_manager_ab",
            self.company_a,
            "amc_subscription.group_amc_subscription_manager",
            self.company_b,
        )
        sub_b = self.sub_b.with_user(manager).with_company(self.company_a)
        with self.assertRaisesRegex(UserError, "only buy for the company you are working in"):
            sub_b._create_purchase(self.plan_premium, "1", "card")

    def test_unknown_payment_kind_is_refused(self):
        with self.assertRaisesRegex(UserError, "card or by bank transfer"):
            self.sub_a.with_user(self.manager_a)._create_purchase(self.plan_premium, "1", "cash")

    def test_plain_user_cannot_buy(self):
        with self.assertRaises(AccessError):
            self.env["amc.subscription.renew.wizard"].with_user(self.user_a).create({"months": "1"})
        with self.assertRaises(AccessError):
            self.sub_a.with_user(self.user_a)._create_purchase(self.plan_premium, "1", "card")


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestRenewWizard(AmcSubscriptionCommon):
    def test_preview_shows_price_with_vat_and_new_end_date(self):
        wizard = Form(self.env["amc.subscription.renew.wizard"].with_user(self.manager_b))
        wizard.plan_id = self.plan_premium
        wizard.months = "12"
        self.assertEqual(wizard.amount, 948.0)
        self.assertAlmostEqual(wizard.amount_total, 1147.08)
        self.assertEqual(wizard.date_end_preview, date(2027, 4, 9))
        self.assertFalse(wizard.message)

    def test_card_purchase_opens_the_payment_page_with_the_table_price(self):
        wizard = (
            self.env["amc.subscription.renew.wizard"]
            .with_user(self.manager_a)
            .create({"plan_id": self.plan_ultimate.id, "months": "6", "payment_kind": "card"})
        )
        action = wizard.action_confirm()
        purchase = self.sub_a.sudo().purchase_ids
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/amc_subscription/pay/{purchase.id}")
        self.assertRecordValues(
            purchase,
            [
                {
                    "state": "draft",
                    "company_id": self.company_a.id,
                    "plan_id": self.plan_ultimate.id,
                    "months": "6",
                    "amount": 1074.0,
                    "amount_total": 1299.54,
                    "currency_id": self.ron.id,
                    "invoice_id": False,
                }
            ],
        )
        self.assertRegex(purchase.name, r"^AMC/2026/\d{5}$")
        # nothing is granted before the payment
        self.assertEqual(self.sub_a.state, "standard")

    def test_transfer_purchase_posts_the_invoice_at_once(self):
        wizard = (
            self.env["amc.subscription.renew.wizard"]
            .with_user(self.manager_a)
            .create({"plan_id": self.plan_premium.id, "months": "1", "payment_kind": "transfer"})
        )
        action = wizard.action_confirm()
        purchase = self.sub_a.sudo().purchase_ids
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("amc.subscription.purchase", purchase.id)
        )
        invoice = purchase.invoice_id
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "move_type": "out_invoice",
                    "company_id": self.billing.id,
                    "partner_id": self.company_a.partner_id.id,
                    "currency_id": self.ron.id,
                    "amount_untaxed": 99.0,
                    "amount_tax": 20.79,
                    "amount_total": 119.79,
                    "payment_state": "not_paid",
                }
            ],
        )
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_21)
        self.assertEqual(purchase.state, "pending")
        self.assertTrue(purchase.payment_reference)
        self.assertEqual(purchase.payment_reference, invoice.payment_reference)
        self.assertEqual(self.sub_a.state, "standard")


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestRenewalEdgeCases(AmcSubscriptionCommon):
    def test_manager_cancels_an_unpaid_card_purchase_only(self):
        draft = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        draft.with_user(self.manager_a).action_amc_cancel()
        self.assertEqual(draft.state, "cancel")
        pending = self.buy(self.manager_a, self.plan_premium, "1")
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            pending.with_user(self.manager_a).action_amc_cancel()
        other = self.buy(self.manager_b, self.plan_premium, "1", kind="card")
        with self.assertRaises(AccessError):
            other.with_user(self.manager_a).action_amc_cancel()
        self.assertEqual(other.state, "draft")

    def test_wizard_refuses_a_company_without_subscription(self):
        self.sub_a.sudo().unlink()
        wizard = (
            self.env["amc.subscription.renew.wizard"]
            .with_user(self.manager_a)
            .create({"plan_id": self.plan_premium.id})
        )
        with self.assertRaisesRegex(UserError, "has no subscription yet"):
            wizard.action_confirm()

    def test_invalid_trial_length_falls_back_to_one_month(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_subscription.trial_months", "abc")
        company = self.env["res.company"].create({"name": "Client C SRL"})
        self.assertEqual(company.amc_subscription_id.date_end, date(2026, 4, 9))

    def test_upgrade_carries_nothing_without_a_one_month_price(self):
        self.set_subscription(self.sub_a, "paid", date(2026, 4, 8), plan=self.plan_premium)
        self.paid_purchase(self.sub_a, self.plan_premium, date(2026, 2, 18), date(2026, 4, 8))
        self.env.ref("amc_subscription.price_premium_1").unlink()
        purchase = self.buy(self.manager_a, self.plan_ultimate, "1")
        purchase._apply()
        self.assertRecordValues(purchase, [{"carried_days": 0, "date_end": date(2026, 4, 9)}])

    def test_main_company_bills_when_no_billing_company_is_set(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_subscription.billing_company_id", "")
        self.assertEqual(
            self.Subscription._get_billing_company(), self.env.ref("base.main_company")
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "amc_subscription.billing_company_id", str(self.billing.id)
        )
        self.assertEqual(self.Subscription._get_billing_company(), self.billing)

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, tagged

from .common import AmcSubscriptionCommon


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestAccessRights(AmcSubscriptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purchase_a = cls._create_purchase(cls.sub_a)
        cls.purchase_b = cls._create_purchase(cls.sub_b)

    @classmethod
    def _create_purchase(cls, sub):
        return (
            cls.env["amc.subscription.purchase"]
            .sudo()
            .create(
                {
                    "company_id": sub.company_id.id,
                    "subscription_id": sub.id,
                    "plan_id": cls.plan_premium.id,
                    "months": "1",
                    "amount": 99.0,
                    "currency_id": cls.ron.id,
                    "payment_kind": "card",
                }
            )
        )

    def test_user_reads_only_the_subscription_of_his_company(self):
        subs = self.env["amc.subscription"].with_user(self.user_a)
        self.assertEqual(subs.search([]), self.sub_a)
        self.assertEqual(self.sub_a.with_user(self.user_a).plan_id, self.plan_standard)
        with self.assertRaises(AccessError):
            self.sub_b.with_user(self.user_a).read(["plan_id"])
        with self.assertRaises(AccessError):
            self.sub_a.with_user(self.manager_b).read(["date_end"])

    def test_nobody_writes_plan_or_dates_through_the_orm(self):
        for user in (self.user_a, self.manager_a, self.operator):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.sub_a.with_user(user).write({"plan_id": self.plan_ultimate.id})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.sub_a.with_user(user).write({"date_end": date(2030, 1, 1), "state": "paid"})
        with self.assertRaises(AccessError):
            self.env["amc.subscription"].with_user(self.operator).create(
                {"company_id": self.billing.id, "plan_id": self.plan_ultimate.id}
            )
        with self.assertRaises(AccessError):
            self.sub_a.with_user(self.operator).unlink()
        self.assertEqual(self.sub_a.plan_id, self.plan_standard)

    def test_plain_user_sees_no_purchase(self):
        with self.assertRaises(AccessError):
            self.env["amc.subscription.purchase"].with_user(self.user_a).search([])
        with self.assertRaises(AccessError):
            self.sub_a.with_user(self.user_a).read(["purchase_ids"])

    def test_manager_sees_the_purchases_of_his_company_only(self):
        purchases = self.env["amc.subscription.purchase"].with_user(self.manager_a)
        self.assertEqual(purchases.search([]), self.purchase_a)
        self.assertEqual(self.sub_a.with_user(self.manager_a).purchase_ids, self.purchase_a)
        with self.assertRaises(AccessError):
            self.purchase_b.with_user(self.manager_a).read(["amount"])

    def test_manager_cannot_forge_a_purchase(self):
        purchase = self.purchase_a.with_user(self.manager_a)
        with self.assertRaises(AccessError):
            purchase.write({"amount": 1.0})
        with self.assertRaises(AccessError):
            purchase.write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["amc.subscription.purchase"].with_user(self.manager_a).create(
                {
                    "company_id": self.company_a.id,
                    "subscription_id": self.sub_a.id,
                    "plan_id": self.plan_ultimate.id,
                    "months": "12",
                    "amount": 1.0,
                    "currency_id": self.ron.id,
                    "payment_kind": "card",
                }
            )

    def test_manager_can_buy(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "6", kind="card")
        self.assertRecordValues(purchase, [{"company_id": self.company_a.id, "amount": 534.0}])
        self.assertIn(
            purchase, self.env["amc.subscription.purchase"].with_user(self.manager_a).search([])
        )

    def test_system_admin_is_a_subscription_manager(self):
        self.assertTrue(self.operator.has_group("amc_subscription.group_amc_subscription_manager"))
        self.assertFalse(self.user_a.has_group("amc_subscription.group_amc_subscription_manager"))

    def test_plans_are_read_by_users_and_edited_by_the_operator(self):
        price = self.env.ref("amc_subscription.price_premium_1")
        self.assertEqual(self.plan_premium.with_user(self.user_a).name, "Premium")
        self.assertEqual(price.with_user(self.user_a).amount, 99.0)
        for record, vals in (
            (self.plan_premium, {"name": "Cheap"}),
            (price, {"amount": 1.0}),
            (self.env.ref("amc_subscription.feature_multi_company"), {"code": "x"}),
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.manager_a).write(vals)
        price.with_user(self.operator).amount = 109.0
        self.assertEqual(self.plan_premium._get_price("1").amount, 109.0)
        purchase = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        self.assertEqual(purchase.amount, 109.0)

    def test_forms_open_for_their_users(self):
        """The views load without reading what the user may not (billing-side records)."""
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        form = Form(purchase.with_user(self.manager_a))
        self.assertEqual(form.name, purchase.name)
        self.assertEqual(Form(self.sub_a.with_user(self.manager_a)).plan_id, self.plan_standard)
        self.assertEqual(Form(self.sub_a.with_user(self.user_a)).plan_id, self.plan_standard)
        with self.assertRaises(AccessError):
            purchase.with_user(self.manager_a).read(["transaction_ids"])
        operator_view = purchase.with_user(self.operator).read(["transaction_ids"])
        self.assertEqual(operator_view[0]["transaction_ids"], purchase.sudo().transaction_ids.ids)

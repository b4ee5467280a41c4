from odoo import api, fields, models

from ..exceptions import AmcFeatureUnavailable


class ResCompany(models.Model):
    _inherit = "res.company"

    amc_subscription_id = fields.Many2one(
        "amc.subscription",
        string="Subscription",
        compute="_compute_amc_subscription_id",
        help="The company's AMC plan, end date and purchases.",
    )

    # === COMPUTE METHODS === #

    def _compute_amc_subscription_id(self):
        # sudo: find the id only; reading the subscription itself stays under record rules.
        subs = self.env["amc.subscription"].sudo().search([("company_id", "in", self.ids)])
        by_company = {sub.company_id.id: sub.id for sub in subs}
        for company in self:
            company.amc_subscription_id = by_company.get(company.id, False)

    # === CRUD METHODS === #

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_amc_multi_company()
        companies = super().create(vals_list)
        self.env["amc.subscription"]._start_trials(companies)
        return companies

    # === BUSINESS METHODS === #

    @api.model
    def _check_amc_multi_company(self):
        subscriptions = self.env["amc.subscription"]
        if subscriptions.has_feature("multi_company"):
            return
        plan = subscriptions._get_cheapest_plan("multi_company")
        raise AmcFeatureUnavailable(
            self.env._(
                "Adding another company needs the %(plan)s plan; %(company)s is on %(current)s."
                " Upgrade from My subscription.",
                plan=plan.name or "Ultimate",
                company=self.env.company.name,
                current=subscriptions._get_plan_in_force(self.env.company).name,
            )
        )

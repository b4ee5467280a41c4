/**
 * `<widget name="amc_subscription_plan_features"/>` on the subscription form: every
 * feature, ticked when the plan in force grants it, otherwise marked with the cheapest
 * plan that brings it. Which plan grants what is data the operator edits, read here.
 */
import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

export class PlanFeatures extends Component {
    static template = "amc_subscription.PlanFeatures";
    static props = standardWidgetProps;

    setup() {
        this.orm = useService("orm");
        this.state = useState({ plans: [], features: [] });
        onWillStart(() => this.loadCatalogue());
        onWillUpdateProps(() => this.loadCatalogue());
    }

    async loadCatalogue() {
        const [plans, features] = await Promise.all([
            this.orm.searchRead("amc.subscription.plan", [], ["name", "feature_ids"], {
                order: "sequence, id",
            }),
            this.orm.searchRead("amc.subscription.feature", [], ["name", "description"], {
                order: "id",
            }),
        ]);
        Object.assign(this.state, { plans, features });
    }

    get rows() {
        const planId = this.props.record.data.plan_id?.[0];
        const current = this.state.plans.find((plan) => plan.id === planId);
        const rows = this.state.features.map((feature) => {
            const cheapest = this.state.plans.findIndex((plan) =>
                plan.feature_ids.includes(feature.id)
            );
            return {
                ...feature,
                included: Boolean(current?.feature_ids.includes(feature.id)),
                rank: cheapest < 0 ? this.state.plans.length : cheapest,
                planName: this.state.plans[cheapest]?.name || "",
            };
        });
        return rows.sort((a, b) => b.included - a.included || a.rank - b.rank);
    }
}

registry.category("view_widgets").add("amc_subscription_plan_features", {
    component: PlanFeatures,
    fieldDependencies: [{ name: "plan_id", type: "many2one" }],
});

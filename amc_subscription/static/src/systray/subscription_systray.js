/**
 * Systray counter: the plan in force and the days left ("Premium · 12 days"), in a
 * warning colour from 10 days before the end. Managers open the renewal wizard with
 * it, other users the read-only subscription form. Phones get a compact label.
 */
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { describe } from "../services/subscription_service";

export function daysLeftLabel(days) {
    if (days <= 0) {
        return _t("last day");
    }
    return days === 1 ? _t("1 day") : _t("%s days", days);
}

export class SubscriptionSystray extends Component {
    static template = "amc_subscription.SubscriptionSystray";
    static props = {};

    setup() {
        this.subscription = useService("amc_subscription");
        this.state = useState(this.subscription.state);
        this.ui = useState(useService("ui"));
    }

    get info() {
        return describe(this.state.record);
    }

    get daysLabel() {
        return daysLeftLabel(this.info.daysLeft);
    }

    get title() {
        const info = this.info;
        const label = info.isRunning
            ? _t("%(plan)s plan: %(days)s left.", { plan: info.planName, days: this.daysLabel })
            : _t("%(plan)s plan.", { plan: info.planName });
        const hint = this.state.isManager
            ? _t("Click to renew or upgrade.")
            : _t("Click to see your subscription.");
        return `${label} ${hint}`;
    }

    onClick() {
        this.subscription.open();
    }
}

registry.category("systray").add(
    "amc_subscription.SubscriptionSystray",
    { Component: SubscriptionSystray },
    { sequence: 40 }
);

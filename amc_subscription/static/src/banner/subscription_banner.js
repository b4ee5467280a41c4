/**
 * Banner under the navbar while the trial or the paid period ends within 10 days,
 * and for a few days after the company fell back to Standard. Dismissing it hides it
 * for the rest of the browser session (per end date, so a new notice shows again).
 */
import { Component, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { formatDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { useService } from "@web/core/utils/hooks";
import { WebClient } from "@web/webclient/webclient";
import { describe } from "../services/subscription_service";
import { daysLeftLabel } from "../systray/subscription_systray";

const DISMISS_KEY = "amc_subscription.banner_dismissed";

export class SubscriptionBanner extends Component {
    static template = "amc_subscription.SubscriptionBanner";
    static props = {};

    setup() {
        this.subscription = useService("amc_subscription");
        this.state = useState(this.subscription.state);
        this.local = useState({ dismissed: browser.sessionStorage.getItem(DISMISS_KEY) });
    }

    get info() {
        return describe(this.state.record);
    }

    /** Identifies the notice, so that dismissing one does not hide the next one. */
    get noticeKey() {
        const record = this.state.record;
        return `${record?.state}:${record?.date_end || record?.date_fallback}`;
    }

    get visible() {
        const info = this.info;
        return (info.isWarning || info.justFellBack) && this.local.dismissed !== this.noticeKey;
    }

    get message() {
        const info = this.info;
        const manager = this.state.isManager;
        if (info.justFellBack) {
            return manager
                ? _t(
                      "Your company is now on the Standard plan: your data is kept, but Premium features such as sending invoices to SPV are off. Buy a plan to turn them back on."
                  )
                : _t(
                      "Your company is now on the Standard plan: your data is kept, but Premium features such as sending invoices to SPV are off. Ask a subscription manager of your company to buy a plan."
                  );
        }
        const values = {
            plan: info.planName,
            days: daysLeftLabel(info.daysLeft),
            date: formatDate(info.endDate),
        };
        if (!manager) {
            return info.daysLeft <= 0
                ? _t("Your company's %(plan)s plan ends today (%(date)s). Ask a subscription manager of your company to renew it.", values)
                : _t("Your company's %(plan)s plan ends in %(days)s, on %(date)s. Ask a subscription manager of your company to renew it.", values);
        }
        if (info.daysLeft <= 0) {
            return info.isTrial
                ? _t("Your %(plan)s trial ends today (%(date)s). Buy a plan to keep its features.", values)
                : _t("Your %(plan)s plan ends today (%(date)s). Renew it to keep its features.", values);
        }
        return info.isTrial
            ? _t("Your %(plan)s trial ends in %(days)s, on %(date)s. Buy a plan to keep its features.", values)
            : _t("Your %(plan)s plan ends in %(days)s, on %(date)s. Renew it to keep its features.", values);
    }

    get actionLabel() {
        return this.state.isManager ? _t("Renew or upgrade") : _t("See my subscription");
    }

    onAction() {
        this.subscription.open();
    }

    dismiss() {
        browser.sessionStorage.setItem(DISMISS_KEY, this.noticeKey);
        this.local.dismissed = this.noticeKey;
    }
}

patch(WebClient, {
    components: { ...WebClient.components, SubscriptionBanner },
});

/**
 * Shared, reactive view of the current company's AMC subscription, read through the
 * ORM with the user's own rights (every internal user may read the subscription of
 * the companies it works in). The systray counter and the banner both render it:
 * components wrap `state` in useState and derive what they show with describe().
 */
import { reactive } from "@odoo/owl";
import { deserializeDate } from "@web/core/l10n/dates";
import { rpcBus } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

export const MANAGER_GROUP = "amc_subscription.group_amc_subscription_manager";
export const WARNING_DAYS = 10;
// How long after the fall-back to Standard the banner keeps telling the company about it.
export const FALLBACK_NOTICE_DAYS = 7;
const FIELDS = ["plan_id", "state", "date_end", "days_left", "date_fallback"];
const MODELS_THAT_REFRESH = ["amc.subscription", "amc.subscription.purchase"];
// Buttons on these models may change the plan or the dates (confirming a payment).
const BUTTON_MODELS_THAT_REFRESH = ["amc.subscription.purchase", "amc.subscription.renew.wizard"];

function daysSince(serializedDate) {
    const day = deserializeDate(serializedDate);
    return Math.floor(luxon.DateTime.now().startOf("day").diff(day, "days").days);
}

/** What the UI shows for a subscription record read by the service (or null). */
export function describe(record) {
    const isRunning = ["trial", "paid"].includes(record?.state);
    const daysLeft = (isRunning && record.days_left) || 0;
    return {
        isRunning,
        isTrial: record?.state === "trial",
        planName: record?.plan_id?.[1] || "",
        daysLeft,
        isWarning: isRunning && daysLeft <= WARNING_DAYS,
        endDate: record?.date_end ? deserializeDate(record.date_end) : null,
        justFellBack: Boolean(
            record?.state === "standard" &&
                record.date_fallback &&
                daysSince(record.date_fallback) <= FALLBACK_NOTICE_DAYS
        ),
    };
}

export const amcSubscriptionService = {
    dependencies: ["action", "company", "orm"],
    start(env, { action, company, orm }) {
        const state = reactive({ record: null, isManager: false });

        async function load() {
            try {
                const [records, isManager] = await Promise.all([
                    orm.searchRead(
                        "amc.subscription",
                        [["company_id", "=", company.currentCompany.id]],
                        FIELDS,
                        { limit: 1 }
                    ),
                    user.hasGroup(MANAGER_GROUP),
                ]);
                state.record = records[0] || null;
                state.isManager = isManager;
            } catch {
                // Nothing readable (module being installed, no rights): show nothing.
                state.record = null;
            }
        }

        // A purchase or a renewal may have changed the dates: read them again when the
        // user comes back to one of our views.
        env.bus.addEventListener("ACTION_MANAGER:UI-UPDATED", () => {
            if (MODELS_THAT_REFRESH.includes(action.currentController?.action?.res_model)) {
                load();
            }
        });
        rpcBus.addEventListener("RPC:RESPONSE", ({ detail }) => {
            const params = detail.data?.params || {};
            if (
                !detail.error &&
                BUTTON_MODELS_THAT_REFRESH.includes(params.model) &&
                params.method?.startsWith("action_")
            ) {
                load();
            }
        });
        load();

        return {
            state,
            load,
            /** Managers get the renewal wizard, everybody else the subscription form. */
            open() {
                return action.doAction(
                    state.isManager
                        ? "amc_subscription.amc_subscription_renew_wizard_action"
                        : "amc_subscription.amc_subscription_action_my"
                );
            },
        };
    },
};

registry.category("services").add("amc_subscription", amcSubscriptionService);

/**
 * Tours of amc_subscription, run by tests/test_ui.py at desktop and phone size.
 *
 * The test puts the company on a Premium trial ending in TRIAL_DAYS_LEFT days, so the
 * counter is in its warning style and the banner shows. Buying Premium for 12 months
 * then extends the period from the day after the trial's end.
 */
import { formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";

const TRIAL_DAYS_LEFT = 5;

/** The end date the purchase must give: trial end + 1 day + 12 months - 1 day. */
function expectedEndDate() {
    const trialEnd = luxon.DateTime.now().startOf("day").plus({ days: TRIAL_DAYS_LEFT });
    return formatDate(trialEnd.plus({ days: 1 }).plus({ months: 12 }).minus({ days: 1 }));
}

function assertText(selector, expected) {
    const text = document.querySelector(selector)?.textContent || "";
    if (!text.includes(expected)) {
        throw new Error(`${selector} shows "${text.trim()}", expected "${expected}"`);
    }
}

/** Steps: open the renewal from the counter and choose Ultimate for 1 month. */
function openCounterForUltimateMonthSteps() {
    return [
        {
            content: "Open the counter",
            trigger: ".o_amc_subscription_systray button",
            run: "click",
        },
        {
            content: "Choose Ultimate",
            trigger: ".o_amc_renew_plan .o_radio_item:contains(Ultimate) input",
            run: "click",
        },
        {
            content: "Choose 1 month",
            trigger: ".o_amc_renew_months .o_radio_item:contains(1 month) input",
            run: "click",
        },
    ];
}

/** Counter -> wizard -> Premium 12 months by card -> demo provider -> new end date. */
function buyPremiumByCardSteps() {
    return [
        {
            content: "The counter warns: trial ending within 10 days",
            trigger: ".o_amc_subscription_systray .o_amc_subscription_warning",
        },
        {
            content: "Desktop: the counter reads plan and days",
            isActive: ["desktop"],
            trigger: `.o_amc_subscription_counter:contains(Premium):contains(${TRIAL_DAYS_LEFT} days)`,
        },
        {
            content: "Phone: the counter is compact, days only",
            isActive: ["mobile"],
            trigger: `.o_amc_subscription_counter:not(:has(.o_amc_subscription_plan)) .o_amc_subscription_days:contains(${TRIAL_DAYS_LEFT})`,
        },
        {
            content: "The banner tells the company its trial ends soon",
            trigger: ".o_amc_subscription_banner:contains(trial)",
        },
        {
            content: "Open the counter",
            trigger: ".o_amc_subscription_systray button",
            run: "click",
        },
        {
            content: "Choose Premium",
            trigger: ".o_amc_renew_plan .o_radio_item:contains(Premium) input",
            run: "click",
        },
        {
            content: "Choose 12 months",
            trigger: ".o_amc_renew_months .o_radio_item:contains(12) input",
            run: "click",
        },
        {
            content: "Choose card",
            trigger: ".o_amc_renew_payment_kind .o_radio_item:contains(Card) input",
            run: "click",
        },
        {
            content: "The server prices 12 months of Premium at 948 RON",
            trigger: ".o_amc_renew_amount:contains(948)",
        },
        {
            content: "The wizard previews the new end date",
            trigger: ".o_amc_renew_date_end",
            run: () => assertText(".o_amc_renew_date_end", expectedEndDate()),
        },
        {
            content: "Go to the payment",
            trigger: ".modal .o_amc_renew_confirm",
            run: "click",
        },
        {
            content: "Pick the demo provider",
            trigger: "input[name='o_payment_radio'][data-provider-code='demo']:not(:visible), input[name='o_payment_radio'][data-provider-code='demo']",
            run() {
                const radio = document.querySelector(
                    "input[name='o_payment_radio'][data-provider-code='demo']"
                );
                if (!radio.checked) {
                    radio.click();
                }
            },
        },
        {
            content: "Type the test card",
            trigger: "#customer_input",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "Back on My subscription, now paid",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Paid)",
            timeout: 30000,
        },
        {
            content: "The new end date is shown",
            trigger: ".o_amc_subscription_date_end",
            run: () => assertText(".o_amc_subscription_date_end", expectedEndDate()),
        },
        {
            content: "The counter shows the new period, no longer in warning",
            trigger: ".o_amc_subscription_systray .o_amc_subscription_counter:not(.o_amc_subscription_warning)",
        },
    ];
}

registry.category("web_tour.tours").add("amc_subscription_buy_premium_card", {
    url: "/odoo/my-subscription",
    steps: buyPremiumByCardSteps,
});

registry.category("web_tour.tours").add("amc_subscription_user_cannot_buy", {
    url: "/odoo",
    steps: () => [
        {
            content: "A plain user sees the counter",
            trigger: ".o_amc_subscription_systray .o_amc_subscription_counter:contains(Premium)",
        },
        {
            content: "The banner sends a plain user to a subscription manager",
            trigger: ".o_amc_subscription_banner:contains(Ask a subscription manager)",
        },
        {
            content: "Open the counter",
            trigger: ".o_amc_subscription_systray button",
            run: "click",
        },
        {
            content: "The subscription opens read-only",
            trigger: ".o_form_view .o_amc_subscription_plan:contains(Premium)",
        },
        {
            content: "No renewal button and no purchases for a plain user",
            trigger: ".o_form_view:not(:has(.o_amc_subscription_renew)):not(:has(.o_notebook_headers a:contains(Purchases)))",
        },
        {
            content: "The features list is shown",
            trigger: ".o_amc_subscription_features .o_amc_feature_included",
        },
        {
            content: "No renewal wizard opened",
            trigger: "body:not(:has(.o_amc_subscription_renew_wizard))",
        },
    ],
});

registry.category("web_tour.tours").add("amc_subscription_fallback_banner", {
    url: "/odoo/my-subscription",
    steps: () => [
        {
            content: "The counter shows Standard, without days",
            trigger: ".o_amc_subscription_counter:contains(Standard):not(:has(.o_amc_subscription_days))",
        },
        {
            content: "The banner says the company fell back to Standard",
            trigger: ".o_amc_subscription_banner.alert-info:contains(Standard plan)",
        },
        {
            content: "Locked features name the plan that brings them",
            trigger: ".o_amc_feature_missing .o_amc_feature_plan:contains(Premium)",
        },
        {
            content: "Dismiss the banner",
            trigger: ".o_amc_subscription_banner_close",
            run: "click",
        },
        {
            content: "The banner is gone",
            trigger: "body:not(:has(.o_amc_subscription_banner))",
        },
        ...openCounterForUltimateMonthSteps(),
        {
            content: "From Standard, the period starts today",
            trigger: ".o_amc_renew_amount:contains(199)",
            run: () => {
                const today = luxon.DateTime.now().startOf("day");
                assertText(".o_amc_renew_date_end", formatDate(today.plus({ months: 1 }).minus({ days: 1 })));
            },
        },
        {
            content: "Leave without buying",
            trigger: ".modal-footer button:contains(Cancel)",
            run: "click",
        },
        {
            content: "The wizard closed",
            trigger: "body:not(:has(.o_amc_subscription_renew_wizard))",
        },
    ],
});

/** Counter -> Ultimate 1 month by bank transfer -> pending -> operator confirms -> Ultimate. */
registry.category("web_tour.tours").add("amc_subscription_transfer_confirmed", {
    url: "/odoo/my-subscription",
    steps: () => [
        ...openCounterForUltimateMonthSteps(),
        {
            content: "Choose bank transfer",
            trigger: ".o_amc_renew_payment_kind .o_radio_item:contains(Bank transfer) input",
            run: "click",
        },
        {
            content: "An upgrade from the trial starts today",
            trigger: ".o_amc_renew_amount:contains(199)",
            run: () => {
                const today = luxon.DateTime.now().startOf("day");
                assertText(".o_amc_renew_date_end", formatDate(today.plus({ months: 1 }).minus({ days: 1 })));
            },
        },
        {
            content: "Order: the invoice is issued at once",
            trigger: ".modal .o_amc_renew_confirm",
            run: "click",
        },
        {
            content: "The purchase waits for the transfer",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Pending)",
        },
        {
            content: "The payment reference to write on the transfer is shown",
            trigger: ".o_form_view .alert-info:contains(payment reference) strong:not(:empty)",
        },
        {
            content: "The counter still shows the trial until the money arrives",
            trigger: ".o_amc_subscription_counter:contains(Premium)",
        },
        {
            content: "The operator confirms the payment",
            trigger: ".o_form_view button[name=action_amc_confirm_payment]",
            run: "click",
        },
        {
            content: "Yes, register it",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The purchase is done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
        {
            content: "Its invoice can be downloaded",
            trigger: ".o_form_view .o_amc_purchase_download",
        },
        {
            content: "The counter now shows Ultimate",
            trigger: ".o_amc_subscription_counter:contains(Ultimate)",
        },
    ],
});

/** A paid Ultimate period cannot be shortened by buying Premium: the wizard says why. */
registry.category("web_tour.tours").add("amc_subscription_refusal", {
    url: "/odoo/my-subscription",
    steps: () => [
        {
            content: "Open the counter",
            trigger: ".o_amc_subscription_systray .o_amc_subscription_counter:contains(Ultimate)",
            run: "click",
        },
        {
            content: "Choose Premium",
            trigger: ".o_amc_renew_plan .o_radio_item:contains(Premium) input",
            run: "click",
        },
        {
            content: "The wizard explains the refusal and offers no way to continue",
            trigger: ".modal:not(:has(.o_amc_renew_confirm)) .o_amc_renew_refusal:contains(Ultimate)",
        },
        {
            content: "Choose Ultimate again",
            trigger: ".o_amc_renew_plan .o_radio_item:contains(Ultimate) input",
            run: "click",
        },
        {
            content: "Extending Ultimate is allowed",
            trigger: ".modal:not(:has(.o_amc_renew_refusal:visible)) .o_amc_renew_confirm",
        },
        {
            content: "Leave without buying",
            trigger: ".modal-footer button:contains(Cancel)",
            run: "click",
        },
        {
            content: "The wizard closed",
            trigger: "body:not(:has(.o_amc_subscription_renew_wizard))",
        },
    ],
});

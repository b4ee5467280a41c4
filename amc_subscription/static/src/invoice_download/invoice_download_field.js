/**
 * `widget="amc_subscription_invoice_download"` on a purchase's invoice name: a link to
 * the controller that renders the fiscal invoice for the buyer company's managers (the
 * invoice itself lives in the billing company, which the buyer cannot read).
 */
import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

export class InvoiceDownloadField extends Component {
    static template = "amc_subscription.InvoiceDownloadField";
    static props = standardFieldProps;

    get invoiceName() {
        return this.props.record.data[this.props.name];
    }

    get url() {
        return `/amc_subscription/purchase/${this.props.record.resId}/invoice`;
    }
}

registry.category("fields").add("amc_subscription_invoice_download", {
    component: InvoiceDownloadField,
    displayName: "Invoice download link",
    supportedTypes: ["char"],
});

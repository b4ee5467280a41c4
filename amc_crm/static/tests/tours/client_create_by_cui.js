/** A salesman on a phone creates a client from its CUI alone and fills it from ANAF. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("amc_crm_client_create_by_cui", {
    steps: () => [
        {
            content: "Start a new client from the phone kanban",
            trigger: ".o_kanban_view button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "Type only the CUI",
            trigger: ".o_field_widget[name=amc_cui] input",
            run: "edit 34567892",
        },
        {
            content: "Open the form's actions (the header buttons live there on a phone)",
            trigger: ".o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: "Fill from ANAF",
            trigger: ".o-dropdown--menu button[name=action_amc_fill_from_anaf]",
            run: "click",
        },
        {
            content: "ANAF's name replaces the placeholder",
            trigger: ".o_breadcrumb:contains(ALFA CONSTRUCȚII ȘI INSTALAȚII SRL)",
        },
        {
            content: "The Tax ID carries RO: the client pays VAT",
            trigger: ".o_field_widget[name=vat] input:value(RO34567892)",
        },
        {
            content: "Bucharest address with its sector",
            trigger: ".o_field_widget[name=city] input:value(București)",
        },
        {
            content: "Open the client file page",
            trigger: ".o_notebook a[name=amc_client_file]",
            run: "click",
        },
        {
            content: "County code for e-Factura: Bucharest",
            trigger: ".o_field_widget[name=amc_county_code]:contains(RO-B)",
        },
        {
            content: "Back to the clients",
            trigger: "button.o_back_button",
            run: "click",
        },
        {
            content: "The phone card shows the new prospect with its CUI",
            trigger:
                ".o_kanban_record:contains(ALFA CONSTRUCȚII ȘI INSTALAȚII SRL):contains(CUI 34567892):contains(Prospect)",
        },
    ],
});

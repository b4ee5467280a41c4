from . import (
    amc_crm_industry,
    res_partner,
    crm_lead,
    res_config_settings,
    amc_contract,
    amc_contract_line,
    account_move,
    amc_reminder_level,
    amc_reminder_log,
    res_partner_followup,
)

from . import (
    account_move,
    amc_contract,
    amc_contract_line,
    amc_crm_industry,
    amc_reminder_level,
    amc_reminder_log,
    crm_lead,
    res_config_settings,
    res_partner,
    res_partner_followup,
)

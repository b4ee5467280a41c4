from . import (
    test_client_access,
    test_client_anaf,
    test_client_dashboard,
    test_client_lead,
    test_client_validation,
    test_contract_gates,
    test_contract_recurring,
    test_i18n,
    test_reminder_cron,
    test_ui_client,
)

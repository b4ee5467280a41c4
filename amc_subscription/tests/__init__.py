from . import (
    test_access_rights,
    test_card_payment,
    test_controllers,
    test_daily_cron,
    test_feature_gate,
    test_i18n,
    test_multi_company,
    test_renewal,
    test_transfer_payment,
    test_trial,
    test_ui,
)

from . import (
    test_card_payment,
    test_daily_cron,
    test_feature_gate,
    test_renewal,
    test_transfer_payment,
    test_trial,
)

from . import (
    account_move,
    amc_subscription,
    amc_subscription_feature,
    amc_subscription_plan,
    amc_subscription_price,
    amc_subscription_purchase,
    payment_transaction,
    res_company,
    res_config_settings,
)

from . import amc_subscription_renew_wizard
